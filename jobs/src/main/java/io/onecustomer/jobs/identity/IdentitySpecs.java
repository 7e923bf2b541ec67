package io.onecustomer.jobs.identity;

import static io.onecustomer.common.spec.Types.*;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.Types;

/** The specs of this package's tables (name, grain, typed columns with comments, partitioning, key, mode, checks). */
public final class IdentitySpecs {
  private IdentitySpecs() {}

  public static final TableSpec IDENTITY_AUDIT = TableSpec.table(Tables.OPS, "identity_audit")
      .grain("Identifiers kept out of the identity graph, one row per identifier and snapshot day, with the guard that stopped it. Values are keyed hashes (id_hash) plus a masked display form; never raw.")
      .column("snapshot_date", DATE, "Day the guards were evaluated for (identifiers observed up to it); partition column")
      .column("id_type", STRING, "Identifier type")
      .column("id_hash", STRING, "HMAC-SHA256 of type:value with the suite's secret key")
      .column("id_masked", STRING, "Display form, mostly masked (138****5678)")
      .column("records", LONG, "Records (orders, touchpoint sets, member profiles) that carried it")
      .column("reason_code", STRING, "invalid_format, blocklisted_value, blocklisted_pattern, shared_by_records, linked_to_many")
      .column("reason", STRING, "The guard's finding, e.g. 'seen with 2 distinct member_id values (limit 1)'")
      .partitionedByDay("snapshot_date")
      .replaceDays()
      .build();

  public static final TableSpec CUSTOMER_IDENTITIES = TableSpec.table(Tables.GOLD, "customer_identities")
      .grain("One row per identifier that links records (type, keyed hash, masked form) with the customer_id it resolves to, first/last seen and the silver tables that saw it. Current state as of snapshot_date.")
      .column("id_type", STRING, "phone, email, member_id, card_no, buyer_nick, openid, unionid, device_id, anonymous_id")
      .column("id_hash", STRING, "HMAC-SHA256 of type:value with the suite's secret key (never the raw value)")
      .column("id_masked", STRING, "Display form, mostly masked (138****5678)")
      .column("customer_id", STRING, "The unified customer the identifier resolves to; stable across runs")
      .column("first_seen_ts", TIMESTAMP, "First time the identifier was seen, UTC")
      .column("last_seen_ts", TIMESTAMP, "Last time the identifier was seen, UTC")
      .column("sources", STRINGS, "Silver tables that saw it")
      .column("records", LONG, "Records that carried it")
      .column("snapshot_date", DATE, "Business day this state is as of")
      .replaceAll()
      .build();

  public static final TableSpec CUSTOMER_ID_HISTORY = TableSpec.table(Tables.GOLD, "customer_id_history")
      .grain("How customer ids changed: one row per run day, old id and new id. Follow old_customer_id to new_customer_id to re-key anything stored under an old id.")
      .column("old_customer_id", STRING, "customer_id before this run")
      .column("new_customer_id", STRING, "customer_id its identifiers carry after this run")
      .column("reason_code", STRING, "merge (the old id is gone) or split (the old id lives on, some identifiers moved)")
      .column("identifiers_moved", LONG, "Identifiers that moved from the old to the new id")
      .column("run_date", DATE, "Business day of the run that made the change; partition column")
      .partitionedByDay("run_date")
      .replaceDays()
      .build();
}
