package io.onecustomer.jobs.identity;

import static io.onecustomer.common.spec.Types.*;
import static io.onecustomer.jobs.identity.IdentityColumns.*;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.Check;
import io.onecustomer.common.spec.Columns;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.silver.Identifiers;

/**
 * The specs of this package's tables (name, grain, typed columns with comments, partitioning, key, mode, checks).
 *
 * <p>Only compile-time constants of {@link IdentityColumns} are used here: {@link IdentityColumns}
 * derives its table ids from these specs, so a non-constant member would make the two classes'
 * initialisation depend on each other.
 */
public final class IdentitySpecs {
  private IdentitySpecs() {}

  /**
   * Every type silver.identifiers can hold. The graph leaves out the configured weak types
   * ({@code onecustomer.identity.weak-types}, phone_masked by default), so which of these reach the
   * gold tables depends on configuration; the checks accept them all.
   */
  static final String[] ID_TYPES = {Identifiers.PHONE, Identifiers.PHONE_MASKED, Identifiers.EMAIL,
      Identifiers.MEMBER_ID, Identifiers.CARD_NO, Identifiers.BUYER_NICK, Identifiers.OPENID, Identifiers.UNIONID,
      Identifiers.DEVICE_ID, Identifiers.ANONYMOUS_ID};

  /**
   * Written by the guards for the run's last day. The guards give each (id_type, id_value) one
   * verdict (the first guard that applies); an incremental night keeps yesterday's verdicts for
   * untouched identifiers and re-evaluates the touched ones, disjointly; id_hash is a keyed hash of
   * type:value. Hence one row per day, type and hash.
   */
  public static final TableSpec IDENTITY_AUDIT = TableSpec.table(Tables.OPS, "identity_audit")
      .grain("Identifiers kept out of the identity graph, one row per identifier and snapshot day, with the guard that stopped it. Values are keyed hashes (id_hash) plus a masked display form; never raw.")
      .required(Columns.SNAPSHOT_DATE, DATE, "Day the guards were evaluated for (identifiers observed up to it); partition column")
      .required(ID_TYPE, STRING, "Identifier type")
      .required(ID_HASH, STRING, "Keyed hash (HMAC-SHA256 through the key chain, docs/operations.md#secrets) of type:value")
      .column(ID_MASKED, STRING, "Display form, mostly masked (138****5678)")
      .required(RECORDS, LONG, "Records (orders, touchpoint sets, member profiles) that carried it")
      .required(REASON_CODE, STRING, "invalid_format, blocklisted_value, blocklisted_pattern, shared_by_records, linked_to_many")
      .required(REASON, STRING, "The guard's finding, e.g. 'seen with 2 distinct member_id values (limit 1)'")
      .partitionedByDay(Columns.SNAPSHOT_DATE)
      .key(Columns.SNAPSHOT_DATE, ID_TYPE, ID_HASH)
      .keyedHashes(ID_HASH)
      .check(Check.acceptedValues(ID_TYPE, ID_TYPES))
      .check(Check.acceptedValues(REASON_CODE, INVALID_FORMAT, BLOCKLISTED_VALUE, BLOCKLISTED_PATTERN,
          SHARED_BY_RECORDS, LINKED_TO_MANY))
      .check(Check.range(RECORDS, 1.0, null))
      .replaceDays()
      .build();

  /**
   * Replaced whole every run, its commit tagged {@code snapshot_date=<day>} (the incremental
   * resolution and the history find earlier days' versions by it). Resolution gives every allowed
   * (id_type, id_value) node exactly one component label and every label one customer id; an
   * incremental night re-resolves the touched customers' identifiers and carries the others over,
   * disjointly. Hence one row per type and hash.
   */
  public static final TableSpec CUSTOMER_IDENTITIES = TableSpec.table(Tables.GOLD, "customer_identities")
      .grain("One row per identifier that links records (type, keyed hash, masked form) with the customer_id it resolves to, first/last seen and the silver tables that saw it. Current state as of snapshot_date.")
      .required(ID_TYPE, STRING, "phone, email, member_id, card_no, buyer_nick, openid, unionid, device_id, anonymous_id")
      .required(ID_HASH, STRING, "Keyed hash (HMAC-SHA256 through the key chain, docs/operations.md#secrets) of type:value; never the raw value")
      .column(ID_MASKED, STRING, "Display form, mostly masked (138****5678)")
      .required(Columns.CUSTOMER_ID, STRING, "The unified customer the identifier resolves to; stable across runs")
      .column(FIRST_SEEN_TS, TIMESTAMP, "First time the identifier was seen, UTC")
      .column(LAST_SEEN_TS, TIMESTAMP, "Last time the identifier was seen, UTC")
      .required(SOURCES, STRINGS, "Silver tables that saw it")
      .required(RECORDS, LONG, "Records that carried it")
      .required(Columns.SNAPSHOT_DATE, DATE, "Business day this state is as of")
      .key(ID_TYPE, ID_HASH)
      .keyedHashes(ID_HASH)
      .check(Check.acceptedValues(ID_TYPE, ID_TYPES))
      .check(Check.range(RECORDS, 1.0, null))
      .replaceAll()
      .build();

  /**
   * Written for the run's last day: the customer ids that changed between the previous day's
   * version of gold.customer_identities and today's, one row per (old id, new id). A day without
   * merges or splits has no rows, so the row count legitimately drops to 0 and back: no row-count
   * check. new_customer_id is not declared to reference gold.customer_identities: it exists there
   * when written, but a later merge can retire it, and the table keeps its old days.
   */
  public static final TableSpec CUSTOMER_ID_HISTORY = TableSpec.table(Tables.GOLD, "customer_id_history")
      .grain("How customer ids changed: one row per run day, old id and new id. Follow old_customer_id to new_customer_id to re-key anything stored under an old id.")
      .required(OLD_CUSTOMER_ID, STRING, "customer_id before this run")
      .required(NEW_CUSTOMER_ID, STRING, "customer_id its identifiers carry after this run")
      .required(REASON_CODE, STRING, "merge (the old id is gone) or split (the old id lives on, some identifiers moved)")
      .required(IDENTIFIERS_MOVED, LONG, "Identifiers that moved from the old to the new id")
      .required(Columns.RUN_DATE, DATE, "Business day of the run that made the change; partition column")
      .partitionedByDay(Columns.RUN_DATE)
      .key(Columns.RUN_DATE, OLD_CUSTOMER_ID, NEW_CUSTOMER_ID)
      .check(Check.acceptedValues(REASON_CODE, MERGE, SPLIT))
      .check(Check.range(IDENTIFIERS_MOVED, 1.0, null))
      .rowCountRatio(0)
      .replaceDays()
      .build();
}
