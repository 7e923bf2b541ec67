package io.onecustomer.jobs.it;

import io.onecustomer.common.TableId;
import io.onecustomer.common.delta.DeltaWriter;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** What tables hold, whatever their files and row order: for "a rerun changes nothing" checks. */
final class TableContents {
  private TableContents() {}

  /** Each existing table's rows, as sorted strings, without the {@code ignored} columns. */
  static Map<TableId, List<String>> of(SparkSession spark, String warehouse, Collection<TableId> tables,
      Set<String> ignored) {
    Map<TableId, List<String>> m = new LinkedHashMap<>();
    for (TableId t : tables) {
      if (!DeltaWriter.exists(spark, t, warehouse)) {
        continue;
      }
      Dataset<Row> d = DeltaWriter.read(spark, t, warehouse);
      for (String c : d.columns()) {
        if (ignored.contains(c)) {
          d = d.drop(c);
        }
      }
      m.put(t, d.collectAsList().stream().map(Row::toString).sorted().toList());
    }
    return m;
  }
}
