package io.onecustomer.jobs.analytics.customer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.onecustomer.common.DateRange;
import io.onecustomer.common.spec.CheckResult;
import io.onecustomer.common.spec.Publish;
import io.onecustomer.common.spec.QualityGateException;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.common.spec.TableWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.analytics.customer.RfmTables.Segments;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package's specs: the jobs derive ids and dependencies from them, and their gates stop bad writes. */
class CustomerAnalyticsSpecsTest {
  static final SparkSession spark = TestSpark.session();
  static final LocalDate DAY = LocalDate.parse("2026-03-15");

  @TempDir Path dir;

  @Test
  void jobIdsAndDependenciesAreDerivedFromTheTablesTheyWriteAndRead() {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("gold_rfm_segments", List.of("gold_customer_orders"));
    expected.put("gold_rfm_segment_transitions", List.of("gold_rfm_segments"));
    expected.put("gold_customer_flags", List.of("gold_customer_orders", "gold_customer_identities",
        "silver_service_tickets"));
    expected.put("gold_repurchase_metrics", List.of("gold_customer_orders", "silver_orders"));
    expected.put("gold_cross_sell_pairs", List.of("gold_customer_orders"));
    expected.put("gold_cohort_retention", List.of("gold_customer_orders"));
    Map<String, List<String>> actual = new LinkedHashMap<>();
    for (Job j : List.of(new RfmSegmentsJob(), new RfmSegmentTransitionsJob(), new CustomerFlagsJob(),
        new RepurchaseMetricsJob(), new CrossSellPairsJob(), new CohortRetentionJob())) {
      actual.put(j.id(), j.dependsOn());
      assertEquals("gold." + j.id().substring("gold_".length()), j.output().qualified());
    }
    assertEquals(expected, actual);
  }

  /** An rfm_segments row for {@link #DAY}, scores as given. */
  static Row segment(String customer, int r, int f, int m) {
    return RowFactory.create(customer, Date.valueOf("2026-01-10"), Date.valueOf("2026-03-10"), 5, 2L,
        new BigDecimal("120.00"), r, f, m, "" + r + f + m, "loyal", 64, Date.valueOf(DAY));
  }

  Dataset<Row> segments(Row... rows) {
    return spark.createDataFrame(List.of(rows), CustomerAnalyticsSpecs.RFM_SEGMENTS.schema());
  }

  static long version(String path) {
    return DeltaTable.forPath(spark, path).history(1).select("version").first().getLong(0);
  }

  @Test
  void anRScoreOutOfRangeOrADuplicatedCustomerStopsTheWriteBeforeItsCommit() {
    TableSpec spec = CustomerAnalyticsSpecs.RFM_SEGMENTS;
    String warehouse = dir.resolve("warehouse").toString();
    String path = spec.id().path(warehouse);
    List<CheckResult> recorded = new ArrayList<>();
    Publish p = new Publish(spark, warehouse, DateRange.of(DAY), io.onecustomer.common.spec.QualityRules.defaults(),
        recorded::addAll);
    TableWriter.Written first = TableWriter.publish(p, spec, segments(segment("CUST-A", 5, 4, 4),
        segment("CUST-B", 3, 2, 1)));
    assertEquals(2, first.rows());
    long before = version(path);

    QualityGateException outOfRange = assertThrows(QualityGateException.class,
        () -> TableWriter.publish(p, spec, segments(segment("CUST-A", 5, 4, 4), segment("CUST-B", 6, 2, 1))));
    assertTrue(outOfRange.getMessage().contains("gold.rfm_segments 2026-03-15 range(r_score): observed 1"),
        outOfRange.getMessage());
    assertTrue(outOfRange.getMessage().contains("customer_id=CUST-B,snapshot_date=2026-03-15"),
        outOfRange.getMessage());

    QualityGateException duplicated = assertThrows(QualityGateException.class,
        () -> TableWriter.publish(p, spec, segments(segment("CUST-A", 5, 4, 4), segment("CUST-A", 3, 2, 1))));
    assertTrue(duplicated.getMessage().contains(
        "gold.rfm_segments 2026-03-15 unique(customer_id,snapshot_date): observed 1"), duplicated.getMessage());
    assertTrue(duplicated.getMessage().contains("customer_id=CUST-A,snapshot_date=2026-03-15"),
        duplicated.getMessage());

    assertEquals(before, version(path), "nothing committed");
    assertEquals(List.of("CUST-A 544", "CUST-B 321"), spark.read().format("delta").load(path)
        .orderBy(Segments.CUSTOMER_ID).collectAsList().stream()
        .map(r -> r.getAs(Segments.CUSTOMER_ID) + " " + r.getAs(Segments.RFM_CELL)).toList());
    assertTrue(recorded.stream().anyMatch(r -> r.stopsTheJob() && r.check().equals("range(r_score)")),
        "the failed check is recorded for ops.data_quality");
  }
}
