package io.onecustomer.jobs.bronze;

import static io.onecustomer.common.spec.Types.DATE;
import static io.onecustomer.common.spec.Types.LONG;
import static io.onecustomer.common.spec.Types.STRING;
import static io.onecustomer.common.spec.Types.TIMESTAMP;

import io.onecustomer.common.Tables;
import io.onecustomer.common.spec.Check;
import io.onecustomer.common.spec.ColumnSpec;
import io.onecustomer.common.spec.Level;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.WriteMode;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The specs of the bronze tables, derived from each source entity's declaration: the accepted
 * table, its rejects table, and the shared {@code ops.ingest_audit}.
 */
public final class BronzeTables {
  private BronzeTables() {}

  /** Lines read minus rows accepted and rejected: must be 0 (checked before the first commit). */
  public static final String RECONCILIATION = "reconciliation(read=accepted+rejected)";
  /** Rejected lines over lines read, per run: a warning above 5%. */
  public static final String REJECT_SHARE = "reject_share";
  public static final double DEFAULT_MAX_REJECT_SHARE = 0.05;

  public static TableSpec accepted(SourceEntity e) {
    TableSpec.Builder b = TableSpec.table(e.table()).grain(e.comment());
    StructType s = BronzeTransforms.acceptedSchema(e);
    for (StructField f : s.fields()) {
      SourceEntity.Field declared = e.fields().stream().filter(x -> x.name().equals(f.name())).findFirst().orElse(null);
      boolean required = declared == null ? !f.nullable() : declared.required();
      b.add(new ColumnSpec(f.name(), f.dataType(), !required, comment(f)));
    }
    return b.partitionedByDay(LandingReader.RUN_DATE)
        .key(LandingReader.SOURCE_FILE, LandingReader.LINE_NO)
        .check(Check.observed(RECONCILIATION, Level.ERROR, 0))
        .check(Check.observed(REJECT_SHARE, Level.WARNING, DEFAULT_MAX_REJECT_SHARE))
        .replaceDays()
        .build();
  }

  public static TableSpec rejects(SourceEntity e) {
    TableSpec.Builder b = TableSpec.table(e.table().rejects())
        .grain("Lines of " + e.table() + "'s landing files that could not be parsed or typed: one row per line, with"
            + " the raw line, file, line number, reason code and reason.");
    for (StructField f : BronzeTransforms.REJECTS_SCHEMA.fields()) {
      b.add(new ColumnSpec(f.name(), f.dataType(), f.nullable(), comment(f)));
    }
    return b.partitionedByDay(LandingReader.RUN_DATE)
        .key(LandingReader.SOURCE_FILE, LandingReader.LINE_NO)
        .rowCountRatio(0) // a clean day has no rejects; the reject share is checked on the table
        .replaceDays()
        .writtenBy(e.jobId())
        .build();
  }

  public static final TableSpec INGEST_AUDIT = TableSpec.table(Tables.OPS, "ingest_audit")
      .grain(IngestAudit.COMMENT)
      .required(IngestAudit.TABLE_NAME, STRING, "Bronze table, e.g. bronze.pos_sales; partition column")
      .required(IngestAudit.RUN_DATE, DATE, "Business day of the landing folder")
      .column(IngestAudit.SOURCE_FILE, STRING, "Landing file; null when the day had none")
      .required(IngestAudit.STATUS, STRING, "ok, has_rejects, missing or empty")
      .required(IngestAudit.ROWS_READ, LONG, "Data lines read (header and blank lines excluded)")
      .required(IngestAudit.ROWS_ACCEPTED, LONG, "Rows written to the bronze table")
      .required(IngestAudit.ROWS_REJECTED, LONG, "Rows written to the rejects table")
      .required(IngestAudit.INGESTED_AT, TIMESTAMP, "When the ingest run started")
      .column(IngestAudit.MESSAGE, STRING, "Warning text, e.g. the missing folder")
      .column(IngestAudit.INGEST_RUN_DATE, DATE, IngestAudit.INGEST_RUN_DATE_COMMENT)
      .partitionedBy(IngestAudit.TABLE_NAME)
      .dayColumn(IngestAudit.RUN_DATE)
      .check(Check.unique(List.of(IngestAudit.TABLE_NAME, IngestAudit.RUN_DATE, IngestAudit.SOURCE_FILE)))
      .check(Check.acceptedValues(IngestAudit.STATUS, IngestAudit.STATUS_OK, IngestAudit.STATUS_REJECTS,
          IngestAudit.STATUS_MISSING, IngestAudit.STATUS_EMPTY))
      .check(Check.range(IngestAudit.ROWS_READ, 0.0, null))
      .rowCountRatio(0)
      .mode(WriteMode.REPLACE_DAYS)
      .writtenBy("bronze_*")
      .build();

  public static final String DRIFT_TABLE_NAME = "table_name";
  public static final String DRIFT_RUN_DATE = "run_date";
  public static final String DRIFT_SOURCE_FILE = "source_file";
  public static final String DRIFT_COLUMN = "column_name";
  public static final String DRIFT_CHANGE = "change";
  public static final String DRIFT_LINES = "lines";
  public static final String DRIFT_DETECTED_AT = "detected_at";

  /**
   * Written by each bronze job for its table and days (like the audit), before its bronze commits:
   * it describes the landing files, whether or not their rows could be taken.
   */
  public static final TableSpec SCHEMA_DRIFT = TableSpec.table(Tables.OPS, "schema_drift")
      .grain("Schema drift in landing files: one row per bronze table, business day, file and column that differs from"
          + " the declaration. The first day a column was seen is min(run_date) per table and column.")
      .required(DRIFT_TABLE_NAME, STRING, "Bronze table the file feeds, e.g. bronze.pos_sales; partition column")
      .required(DRIFT_RUN_DATE, DATE, "Business day of the landing folder")
      .required(DRIFT_SOURCE_FILE, STRING, "Landing file")
      .required(DRIFT_COLUMN, STRING, "The column (CSV header name or JSON field)")
      .required(DRIFT_CHANGE, STRING, "added (kept in the bronze row's _extra_fields), missing_optional (read as null)"
          + " or missing_required (lines rejected as missing_column; a file where every line lacks it fails the job)")
      .required(DRIFT_LINES, LONG, "Data lines of the file with this change")
      .required(DRIFT_DETECTED_AT, TIMESTAMP, "When the ingest run started")
      .partitionedBy(DRIFT_TABLE_NAME)
      .dayColumn(DRIFT_RUN_DATE)
      .key(DRIFT_TABLE_NAME, DRIFT_RUN_DATE, DRIFT_SOURCE_FILE, DRIFT_COLUMN)
      .check(Check.acceptedValues(DRIFT_CHANGE, LineParser.ADDED, LineParser.MISSING_OPTIONAL,
          LineParser.MISSING_REQUIRED))
      .check(Check.range(DRIFT_LINES, 1.0, null))
      .rowCountRatio(0)
      .mode(WriteMode.REPLACE_DAYS)
      .writtenBy("bronze_*")
      .build();

  private static String comment(StructField f) {
    return f.getComment().isDefined() ? f.getComment().get() : f.name();
  }
}
