package io.onecustomer.jobs.erasure;

import static io.onecustomer.common.spec.Types.*;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.Types;

/** The specs of this package's tables (name, grain, typed columns with comments, partitioning, key, mode, checks). */
public final class ErasureSpecs {
  private ErasureSpecs() {}

  public static final TableSpec ERASURE_LOG = TableSpec.table(Tables.OPS, "erasure_log")
      .grain("One row per erasure request: who (customer id and identifier hashes, never raw values), when, rows deleted per table, and the VACUUM retention applied. Append-only audit log.")
      .column("requested_at", STRING /* TODO type: not in the demo warehouse */, "When the erasure ran, UTC")
      .column("selector", STRING /* TODO type: not in the demo warehouse */, "customer_id or identifier:<type>: how the person was named")
      .column("customer_id", STRING /* TODO type: not in the demo warehouse */, "The erased customer id (null when the identifier resolved to no customer)")
      .column("identifier_hashes", STRING /* TODO type: not in the demo warehouse */, "type:HMAC of every identifier erased (never raw values)")
      .column("tables", STRING /* TODO type: not in the demo warehouse */, "Tables rows were deleted from, with the number of rows")
      .column("landing_files", STRING /* TODO type: not in the demo warehouse */, "Landing files that held the person's rows: the channels' exports, outside the warehouse, to be purged by the landing zone's retention (silver keeps erased identifiers out if they are re-ingested)")
      .column("rows_deleted", STRING /* TODO type: not in the demo warehouse */, "Rows deleted in all tables")
      .column("vacuum_retention_hours", STRING /* TODO type: not in the demo warehouse */, "VACUUM retention applied afterwards (files older than this are gone)")
      .column("is_vacuumed", STRING /* TODO type: not in the demo warehouse */, "True when the touched tables were vacuumed")
      .replaceDays() // TODO: check partitioning and mode
      .build();
}
