package io.onecustomer.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.onecustomer.common.DateRange;
import io.onecustomer.jobs.TestSpark;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Latest version wins, on hand-made rows of a table that keeps no file and line (like ad spend). */
class SupersedeTest {
  static SparkSession spark;
  static final DateRange DAY3 = DateRange.of(LocalDate.of(2026, 5, 3));

  @BeforeAll
  static void session() {
    spark = TestSpark.session();
  }

  static Dataset<Row> candidates(String rows) {
    return spark.sql("SELECT k, cost, CAST(d AS DATE) AS run_date, f AS source_file, CAST(l AS BIGINT) AS source_line"
        + " FROM VALUES " + rows + " AS t(k, cost, d, f, l)");
  }

  /** Stored rows: no source_file, no source_line. */
  static Dataset<Row> stored(String rows) {
    return spark.sql("SELECT k, cost, CAST(d AS DATE) AS run_date FROM VALUES " + rows + " AS t(k, cost, d)");
  }

  static List<String> keys(Dataset<Row> df) {
    return df.orderBy("k").select(col("k").cast("string")).collectAsList().stream().map(r -> r.getString(0)).toList();
  }

  @Test
  void anIdenticalResendKeepsTheStoredRowAndANewVersionReplacesIt() {
    Dataset<Row> held = stored("('a', 10, '2026-05-01'), ('b', 20, '2026-05-01'), ('c', 30, '2026-05-02')");
    Dataset<Row> day3 = candidates("('a', 10, '2026-05-03', 'f1', 1), ('b', 25, '2026-05-03', 'f1', 2),"
        + " ('d', 40, '2026-05-03', 'f1', 3)");
    Supersede.Result r = Supersede.latestByKey(day3, held, col("k"), List.of("k", "cost", "run_date"), DAY3);
    assertEquals(List.of("b", "d"), keys(r.rows()), "a is held unchanged on day 1; b's new cost and d are new");
    assertEquals(List.of("b"), keys(r.superseded()), "only b's old version leaves");
    assertEquals(List.of("a"), keys(r.otherDays()), "day 1 is rewritten with a and without b");
  }
}
