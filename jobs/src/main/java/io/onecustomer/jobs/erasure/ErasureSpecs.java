package io.onecustomer.jobs.erasure;

import static io.onecustomer.common.spec.Types.BOOLEAN;
import static io.onecustomer.common.spec.Types.INT;
import static io.onecustomer.common.spec.Types.LONG;
import static io.onecustomer.common.spec.Types.STRING;
import static io.onecustomer.common.spec.Types.STRINGS;
import static io.onecustomer.common.spec.Types.TIMESTAMP;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.Check;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.erasure.Erasure.LogColumns;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** The spec of ops.erasure_log, written by {@code --job erase}. */
public final class ErasureSpecs {
  private ErasureSpecs() {}

  /** The job id of {@code --job erase}. */
  public static final String ERASE = "erase";

  static final StructType TABLE_ROWS = new StructType().add("table_name", DataTypes.StringType)
      .add("rows", DataTypes.LongType);

  public static final TableSpec ERASURE_LOG = TableSpec.table(Tables.OPS, "erasure_log")
      .grain("One row per erasure request: who (customer id and identifier hashes, never raw values), when, rows"
          + " deleted per table, and the VACUUM retention applied. Append-only audit log.")
      .required(LogColumns.REQUESTED_AT, TIMESTAMP, "When the erasure ran, UTC")
      .required(LogColumns.SELECTOR, STRING, "customer_id or identifier:<type>: how the person was named")
      .column(LogColumns.CUSTOMER_ID, STRING,
          "The erased customer id (null when the identifier resolved to no customer)")
      .required(LogColumns.IDENTIFIER_HASHES, STRINGS, "type:HMAC of every identifier erased (never raw values)")
      .required(LogColumns.TABLES, DataTypes.createArrayType(TABLE_ROWS),
          "Tables rows were deleted from, with the number of rows")
      .required(LogColumns.LANDING_FILES, STRINGS, "Landing files that held the person's rows: the channels' exports,"
          + " outside the warehouse, to be purged by the landing zone's retention (silver keeps erased identifiers out"
          + " if they are re-ingested)")
      .required(LogColumns.ROWS_DELETED, LONG, "Rows deleted in all tables")
      .required(LogColumns.VACUUM_RETENTION_HOURS, INT,
          "VACUUM retention applied afterwards (files older than this are gone)")
      .required(LogColumns.IS_VACUUMED, BOOLEAN, "True when the touched tables were vacuumed")
      .check(Check.range(LogColumns.ROWS_DELETED, 0.0, null))
      .append()
      .writtenBy(ERASE)
      .build();
}
