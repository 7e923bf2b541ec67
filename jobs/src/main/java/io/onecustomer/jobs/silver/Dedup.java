package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.onecustomer.common.spark.Cols;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** Deterministic de-duplication by natural key. */
public final class Dedup {
  private Dedup() {}

  /**
   * Keeps one row per key: the first by {@code order} (so a re-run keeps the same row), and drops
   * keys already present in {@code earlierKeys} (rows loaded by earlier business days; may be
   * null).
   */
  public static Dataset<Row> firstByKey(Dataset<Row> rows, String key, Dataset<Row> earlierKeys, Column... order) {
    Dataset<Row> first = rows
        .withColumn("_rn", row_number().over(Window.partitionBy(col(key)).orderBy(order)))
        .where(col("_rn").equalTo(1))
        .drop("_rn");
    if (earlierKeys == null) {
      return first;
    }
    return first.join(earlierKeys.select(col(key)).distinct(), Cols.seq(key), "left_anti");
  }
}
