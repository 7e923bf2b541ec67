package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.md5;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.spark.Cols;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Latest version wins: a record re-sent with the same business key and different content (a
 * refund, a cancellation after shipping, a corrected amount or spend) replaces the version silver
 * holds, wherever that version is. Pure; the caller reads and writes.
 *
 * <p>Versions of a key are ordered by arrival: business day of the batch, landing file, line. Our
 * channels send no modification timestamp, so arrival is the only order they define (a channel
 * that does send one would order by it first). The content in force is the latest version's; the
 * row kept is the earliest arrival of that content, so an identical re-send (a file delivered
 * twice, a duplicated line) leaves the row where it was. Silver holds one row per key.
 *
 * <p>A run over days {@code range} compares the range's candidates with the rows silver holds for
 * the same keys on other days. When a candidate wins, the row it replaces is removed from its day:
 * the write replaces the range plus those days ({@link Result#otherDays}), in one commit.
 */
public final class Supersede {
  private Supersede() {}

  /** Columns of a silver row that say where it came from, not what it says. */
  public static final Set<String> LINEAGE =
      Set.of(SilverColumns.RUN_DATE, SilverColumns.SOURCE_TABLE, SilverColumns.SOURCE_FILE, SilverColumns.SOURCE_LINE);

  private static final String CONTENT = "_content";
  private static final String LATEST = "_latest_content";
  private static final String RN = "_rn";

  private static Column[] cols(String[] names) {
    return Arrays.stream(names).map(c -> col(c)).toArray(Column[]::new);
  }

  /** Arrival order, earliest first. */
  static Column[] arrival(boolean descending) {
    return Arrays.stream(new String[] {SilverColumns.RUN_DATE, SilverColumns.SOURCE_FILE, SilverColumns.SOURCE_LINE})
        .map(c -> descending ? col(c).desc() : col(c).asc()).toArray(Column[]::new);
  }

  /**
   * The rows to write and the days outside {@code range} that must be rewritten.
   *
   * @param rows what silver's rows of the range days are (the result replaces them)
   * @param otherDays rows of silver on days outside the range, the days that lost a row (to be replaced
   *     by exactly these rows); empty when no candidate superseded an earlier or later row
   * @param superseded the rows removed from those days (for the log and tests)
   */
  public record Result(Dataset<Row> rows, Dataset<Row> otherDays, Dataset<Row> superseded) {}

  /**
   * @param candidates the rows of the range's bronze batches, duplicates included, with their lineage
   *     (run_date, source_file, source_line)
   * @param stored the table's current rows (all days; null when the table does not exist yet); columns
   *     it does not keep (a table without file and line) are taken as null
   * @param keyOf the business key, an expression over the table's columns
   * @param contentColumns the columns whose values make a version (the table's, without lineage)
   */
  public static Result latestByKey(Dataset<Row> candidates, Dataset<Row> stored, Column keyOf,
      List<String> contentColumns, DateRange range) {
    String key = "_key";
    candidates = candidates.withColumn(key, keyOf);
    if (stored != null) {
      for (org.apache.spark.sql.types.StructField f : candidates.schema().fields()) {
        if (!Arrays.asList(stored.columns()).contains(f.name()) && !f.name().equals(key)) {
          stored = stored.withColumn(f.name(), org.apache.spark.sql.functions.lit(null).cast(f.dataType()));
        }
      }
      stored = stored.withColumn(key, keyOf);
    }
    List<String> content = contentColumns.stream().filter(c -> !LINEAGE.contains(c)).sorted().toList();
    Column hash = md5(to_json(struct(content.stream().map(c -> col(c)).toArray(Column[]::new))));
    Dataset<Row> cand = candidates.withColumn(CONTENT, hash);
    Dataset<Row> outside = null;
    Dataset<Row> versions = cand;
    if (stored != null) {
      outside = stored.where(not(org.apache.spark.sql.functions.expr(range.sqlPredicate(SilverColumns.RUN_DATE))));
      Dataset<Row> sameKeys = outside.join(cand.select(col(key)).distinct(), Cols.seq(key), "left_semi")
          .withColumn(CONTENT, hash);
      versions = cand.unionByName(sameKeys.select(Arrays.stream(cand.columns()).map(c -> col(c)).toArray(Column[]::new)));
    }
    Dataset<Row> kept = versions
        .withColumn(LATEST, first(col(CONTENT)).over(Window.partitionBy(col(key)).orderBy(arrival(true))))
        .where(col(CONTENT).equalTo(col(LATEST)))
        .withColumn(RN, row_number().over(Window.partitionBy(col(key)).orderBy(arrival(false))))
        .where(col(RN).equalTo(1))
        .drop(RN, LATEST, CONTENT);
    String[] columns = Arrays.stream(candidates.columns()).filter(c -> !c.equals(key)).toArray(String[]::new);
    Column inRange = org.apache.spark.sql.functions.expr(range.sqlPredicate(SilverColumns.RUN_DATE));
    Dataset<Row> rows = kept.where(inRange).select(cols(columns));
    if (outside == null) {
      Dataset<Row> none = candidates.select(cols(columns)).limit(0);
      return new Result(rows, none, none);
    }
    // Rows silver holds outside the range whose key now has a different kept row.
    List<String> lineage = List.of(key, SilverColumns.RUN_DATE, SilverColumns.SOURCE_FILE, SilverColumns.SOURCE_LINE);
    // Null-safe: a table that keeps no file and line (ad spend) has nulls there.
    Dataset<Row> keptLineage = kept.select(lineage.stream().map(c -> col(c).alias("_k_" + c)).toArray(Column[]::new));
    Column same = lineage.stream().map(c -> col(c).eqNullSafe(col("_k_" + c))).reduce(Column::and).orElseThrow();
    Dataset<Row> superseded = outside
        .join(cand.select(col(key)).distinct(), Cols.seq(key), "left_semi")
        .join(keptLineage, same, "left_anti");
    Dataset<Row> lostDays = superseded.select(col(SilverColumns.RUN_DATE)).distinct();
    Dataset<Row> otherDays = outside
        .join(lostDays, Cols.seq(SilverColumns.RUN_DATE), "left_semi")
        .join(superseded.select(col(key)), Cols.seq(key), "left_anti");
    return new Result(rows, otherDays.select(cols(columns)), superseded.select(cols(columns)));
  }
}
