package io.onecustomer.jobs.bronze;

import static org.apache.spark.sql.functions.col;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.TableId;
import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.DeltaWriter;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Columns of {@code ops.ingest_audit}: one row per bronze table, business day and landing file. */
public final class IngestAudit {
  private IngestAudit() {}

  public static final TableId TABLE = Tables.OPS_INGEST_AUDIT;

  public static final String TABLE_NAME = "table_name";
  public static final String RUN_DATE = "run_date";
  public static final String SOURCE_FILE = "source_file";
  public static final String STATUS = "status";
  public static final String ROWS_READ = "rows_read";
  public static final String ROWS_ACCEPTED = "rows_accepted";
  public static final String ROWS_REJECTED = "rows_rejected";
  public static final String INGESTED_AT = "ingested_at";
  public static final String MESSAGE = "message";
  public static final String INGEST_RUN_DATE = "ingest_run_date";

  static final String INGEST_RUN_DATE_COMMENT = "Last business day of the run that ingested the day: later than"
      + " run_date when a file arrived late and a nightly run ingested its day again (ingest.reprocess-days)";

  /** Every row of the file was accepted. */
  public static final String STATUS_OK = "ok";
  /** Some rows went to the rejects table. */
  public static final String STATUS_REJECTS = "has_rejects";
  /** No folder for the day (a warning; or an error with ingest.missing-source = error). */
  public static final String STATUS_MISSING = "missing";
  /** The folder exists but holds no file of the entity, or only empty files. */
  public static final String STATUS_EMPTY = "empty";

  public static final StructType SCHEMA =
      new StructType()
          .add(TABLE_NAME, DataTypes.StringType, false, "Bronze table, e.g. bronze.pos_sales")
          .add(RUN_DATE, DataTypes.DateType, false, "Business day of the landing folder")
          .add(SOURCE_FILE, DataTypes.StringType, true, "Landing file; null when the day had none")
          .add(STATUS, DataTypes.StringType, false, "ok, has_rejects, missing or empty")
          .add(ROWS_READ, DataTypes.LongType, false, "Data lines read (header and blank lines excluded)")
          .add(ROWS_ACCEPTED, DataTypes.LongType, false, "Rows written to the bronze table")
          .add(ROWS_REJECTED, DataTypes.LongType, false, "Rows written to the rejects table")
          .add(INGESTED_AT, DataTypes.TimestampType, false, "When the ingest run started")
          .add(MESSAGE, DataTypes.StringType, true, "Warning text, e.g. the missing folder")
          .add(INGEST_RUN_DATE, DataTypes.DateType, true, INGEST_RUN_DATE_COMMENT);

  public static final String COMMENT =
      "Ingestion reconciliation: one row per bronze table, business day and landing file. rows_read = rows_accepted + rows_rejected always.";

  /**
   * Days before {@code range} (within the window) that runs for the days of {@code range} ingested
   * again into any of {@code bronzeTables} (all bronze tables when null), earliest first.
   */
  public static List<LocalDate> lateBatches(SparkSession spark, String warehouse, DateRange range, int windowDays,
      Collection<TableId> bronzeTables) {
    if (windowDays == 0 || !DeltaWriter.exists(spark, TABLE, warehouse)) {
      return List.of();
    }
    Dataset<Row> audit = DeltaWriter.read(spark, TABLE, warehouse);
    if (!List.of(audit.columns()).contains(INGEST_RUN_DATE)) {
      return List.of(); // written before late files were tracked
    }
    audit = audit
        .where(col(RUN_DATE).between(Date.valueOf(range.from().minusDays(windowDays)),
            Date.valueOf(range.from().minusDays(1))))
        .where(col(INGEST_RUN_DATE).between(Date.valueOf(range.from()), Date.valueOf(range.to())));
    if (bronzeTables != null) {
      audit = audit.where(col(TABLE_NAME).isin(bronzeTables.stream().map(TableId::qualified).toArray()));
    }
    return audit.select(RUN_DATE).distinct().orderBy(RUN_DATE).collectAsList().stream()
        .map(r -> r.getDate(0).toLocalDate()).toList();
  }
}
