package io.onecustomer.jobs.identity;

import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.jobs.silver.SilverColumns;
import java.util.Map;

/** Tables and columns of identity resolution. */
public final class IdentityColumns {
  private IdentityColumns() {}

  public static final TableId OPS_IDENTITY_AUDIT = new TableId(Tables.OPS, "identity_audit");
  public static final TableId GOLD_CUSTOMER_IDENTITIES = new TableId(Tables.GOLD, "customer_identities");
  public static final TableId GOLD_CUSTOMER_ID_HISTORY = new TableId(Tables.GOLD, "customer_id_history");

  public static final String OLD_CUSTOMER_ID = "old_customer_id";
  public static final String NEW_CUSTOMER_ID = "new_customer_id";
  public static final String IDENTIFIERS_MOVED = "identifiers_moved";
  public static final String RUN_DATE = "run_date";
  /** The old id no longer exists: its identifiers joined another customer. */
  public static final String MERGE = "merge";
  /** The old id still exists, but some of its identifiers now form or joined another customer. */
  public static final String SPLIT = "split";

  public static final String HISTORY_COMMENT =
      "How customer ids changed: one row per run day, old id and new id. Follow old_customer_id to"
          + " new_customer_id to re-key anything stored under an old id.";

  public static final String ID_TYPE = "id_type";
  public static final String ID_VALUE = "id_value";
  public static final String ID_HASH = "id_hash";
  public static final String ID_MASKED = "id_masked";
  public static final String REASON_CODE = "reason_code";
  public static final String REASON = "reason";
  public static final String RECORDS = "records";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String FIRST_SEEN_TS = "first_seen_ts";
  public static final String LAST_SEEN_TS = "last_seen_ts";
  public static final String SOURCES = "sources";
  public static final String SNAPSHOT_DATE = "snapshot_date";

  // Guard reason codes.
  public static final String INVALID_FORMAT = "invalid_format";
  public static final String BLOCKLISTED_VALUE = "blocklisted_value";
  public static final String BLOCKLISTED_PATTERN = "blocklisted_pattern";
  public static final String SHARED_BY_RECORDS = "shared_by_records";
  public static final String LINKED_TO_MANY = "linked_to_many";

  public static final Map<String, String> AUDIT_COLUMNS = SilverColumns.ordered(
      SNAPSHOT_DATE, "Day the guards were evaluated for (identifiers observed up to it); partition column",
      ID_TYPE, "Identifier type",
      ID_HASH, "HMAC-SHA256 of type:value with the suite's secret key",
      ID_MASKED, "Display form, mostly masked (138****5678)",
      RECORDS, "Records (orders, touchpoint sets, member profiles) that carried it",
      REASON_CODE, "invalid_format, blocklisted_value, blocklisted_pattern, shared_by_records, linked_to_many",
      REASON, "The guard's finding, e.g. 'seen with 2 distinct member_id values (limit 1)'");

  public static final Map<String, String> HISTORY_COLUMNS = SilverColumns.ordered(
      OLD_CUSTOMER_ID, "customer_id before this run",
      NEW_CUSTOMER_ID, "customer_id its identifiers carry after this run",
      REASON_CODE, "merge (the old id is gone) or split (the old id lives on, some identifiers moved)",
      IDENTIFIERS_MOVED, "Identifiers that moved from the old to the new id",
      RUN_DATE, "Business day of the run that made the change; partition column");

  public static final Map<String, String> IDENTITIES_COLUMNS = SilverColumns.ordered(
      ID_TYPE, "phone, email, member_id, card_no, buyer_nick, openid, unionid, device_id, anonymous_id",
      ID_HASH, "HMAC-SHA256 of type:value with the suite's secret key (never the raw value)",
      ID_MASKED, "Display form, mostly masked (138****5678)",
      CUSTOMER_ID, "The unified customer the identifier resolves to; stable across runs",
      FIRST_SEEN_TS, "First time the identifier was seen, UTC",
      LAST_SEEN_TS, "Last time the identifier was seen, UTC",
      SOURCES, "Silver tables that saw it",
      RECORDS, "Records that carried it",
      SNAPSHOT_DATE, "Business day this state is as of");

  public static final String AUDIT_COMMENT =
      "Identifiers kept out of the identity graph, one row per identifier and snapshot day, with the guard that"
          + " stopped it. Values are keyed hashes (id_hash) plus a masked display form; never raw.";
  public static final String IDENTITIES_COMMENT =
      "One row per identifier that links records (type, keyed hash, masked form) with the customer_id it resolves"
          + " to, first/last seen and the silver tables that saw it. Current state as of snapshot_date.";
}
