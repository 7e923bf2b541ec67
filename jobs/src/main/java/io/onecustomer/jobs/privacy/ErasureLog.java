package io.onecustomer.jobs.privacy;

import static io.onecustomer.common.spec.Types.BOOLEAN;
import static io.onecustomer.common.spec.Types.INT;
import static io.onecustomer.common.spec.Types.LONG;
import static io.onecustomer.common.spec.Types.STRING;
import static io.onecustomer.common.spec.Types.STRINGS;
import static io.onecustomer.common.spec.Types.TIMESTAMP;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import io.onecustomer.common.Tables;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spec.Check;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.Types;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * ops.erasure_log, written by {@code --job erase}, and what the layers below it need from it: the
 * identifiers erased so far and the filter that keeps them out when a channel sends them again. It
 * sits below silver (with the hashing) so that silver and identity need nothing from the erasure
 * command above them.
 */
public final class ErasureLog {
  private ErasureLog() {}

  /** The job id of {@code --job erase}. */
  public static final String ERASE = "erase";

  public static final String REQUESTED_AT = "requested_at";
  public static final String SELECTOR = "selector";
  public static final String CUSTOMER_ID = "customer_id";
  public static final String IDENTIFIER_HASHES = "identifier_hashes";
  public static final String TABLES = "tables";
  public static final String LANDING_FILES = "landing_files";
  public static final String ROWS_DELETED = "rows_deleted";
  public static final String VACUUM_RETENTION_HOURS = "vacuum_retention_hours";
  public static final String IS_VACUUMED = "is_vacuumed";
  public static final String STATUS = "status";
  /** Logged before anything is deleted: the request's identifiers, so an interrupted erasure can be completed. */
  public static final String PENDING = "pending";
  /** Logged last, with the rows deleted. */
  public static final String DONE = "done";

  public static final TableSpec SPEC = TableSpec.table(Tables.OPS, "erasure_log")
      .grain("Two rows per erasure request, pending then done: who (customer id and identifier hashes, never raw"
          + " values), when, rows deleted per table, and the VACUUM retention applied. Append-only audit log.")
      .required(REQUESTED_AT, TIMESTAMP, "When the erasure ran, UTC")
      .required(SELECTOR, STRING, "customer_id or identifier:<type>: how the person was named")
      .column(CUSTOMER_ID, STRING, "The erased customer id (null when the identifier resolved to no customer)")
      .required(IDENTIFIER_HASHES, STRINGS, "type:HMAC of every identifier erased (never raw values)")
      .required(TABLES, Types.TABLE_ROWS, "Tables rows were deleted from, with the number of rows")
      .required(LANDING_FILES, STRINGS, "Landing files that held the person's rows: the channels' exports, outside the"
          + " warehouse, to be purged by the landing zone's retention (silver keeps erased identifiers out if they are"
          + " re-ingested)")
      .required(ROWS_DELETED, LONG, "Rows deleted in all tables")
      .required(VACUUM_RETENTION_HOURS, INT, "VACUUM retention applied afterwards (files older than this are gone)")
      .required(IS_VACUUMED, BOOLEAN, "True when the touched tables were vacuumed")
      .column(STATUS, STRING, "pending (written before anything is deleted, so an interrupted erasure is completed by the"
          + " next run or a rerun of the command) or done (written last; same requested_at); null in logs written"
          + " before erasures were resumable, which mean done")
      .check(Check.range(ROWS_DELETED, 0.0, null))
      .check(Check.acceptedValues(STATUS, PENDING, DONE))
      .keyedHashes(IDENTIFIER_HASHES)
      .append()
      .writtenBy(ERASE)
      .build();

  /**
   * Every identifier erased so far, as "type:hash" (empty when nothing was ever erased). Small:
   * bounded by erasure requests, not by the business.
   */
  public static Set<String> erasedIdentifiers(SparkSession spark, String warehouse) {
    Set<String> out = new LinkedHashSet<>();
    if (DeltaWriter.exists(spark, SPEC.id(), warehouse)) {
      DeltaWriter.read(spark, SPEC.id(), warehouse).select(explode(col(IDENTIFIER_HASHES))).collectAsList()
          .forEach(r -> out.add(r.getString(0)));
    }
    return out;
  }

  /**
   * Removes rows that carry an erased identifier in any of {@code identifierColumns} they have
   * (phone, email, member_id, ...), so a person erased from the warehouse stays out of silver even
   * when a channel's landing files are ingested again.
   */
  public static Dataset<Row> withoutErased(Dataset<Row> rows, Set<String> erased, Hmac hmac,
      List<String> identifierColumns) {
    if (erased.isEmpty()) {
      return rows;
    }
    List<String> present = new ArrayList<>(List.of(rows.columns()));
    present.retainAll(identifierColumns);
    return present.isEmpty() ? rows : rows.where(coalesce(carriesAny(present, erased, hmac), lit(false)).unary_$bang());
  }

  /** "type:HMAC(type:value)" of the identifier in column {@code type}: how the log names an identifier. */
  public static Column nodeHashOf(String type, Hmac hmac) {
    return concat(lit(type + ":"), hmac.hash(concat(lit(type), lit(":"), col(type))));
  }

  /** True when one of a row's identifier columns holds an identifier of {@code nodeHashes} ("type:HMAC"). */
  public static Column carriesAny(List<String> idColumns, Set<String> nodeHashes, Hmac hmac) {
    Column any = lit(false);
    for (String t : idColumns) {
      any = any.or(nodeHashOf(t, hmac).isin(nodeHashes.toArray()));
    }
    return any;
  }
}
