package io.onecustomer.jobs.analytics.customer;

import static io.onecustomer.jobs.analytics.customer.BehaviourTestData.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.identity.IdentityColumns;
import io.onecustomer.jobs.identity.IdentityTransforms;
import io.onecustomer.jobs.privacy.Hmac;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jobs end to end on a tiny warehouse: snapshot days, re-runs and backfills of the behaviour
 * jobs; the RFM and flags jobs through their specs' gates.
 */
class BehaviourJobsTest {
  static final SparkSession spark = TestSpark.session();
  static final List<Job> JOBS = List.of(new RepurchaseMetricsJob(), new CrossSellPairsJob(), new CohortRetentionJob());

  @TempDir Path dir;

  /** silver.orders (keyed by member_id) and gold.customer_identities for a few customers. */
  void warehouse(AppConfig cfg) {
    Dataset<Row> lines = BehaviourTestData.lines(String.join(",",
            line("A", "pos", "A1", "sofa", "P-SOFA", 900, "completed", "2026-01-10 10:00:00"),
            line("A", "pos", "A2", "coffee_table", "P-CT", 300, "completed", "2026-02-10 10:00:00"),
            line("A", "pos", "A3", "lamp", "P-LA", 50, "completed", "2026-03-10 10:00:00"),
            line("B", "marketplace", "B1", "sofa", "P-SOFA", 900, "completed", "2026-02-20 10:00:00"),
            line("B", "marketplace", "B2", "coffee_table", "P-CT", 300, "completed", "2026-03-01 10:00:00"),
            line("C", "miniprogram", "C1", "lamp", "P-LA", 40, "completed", "2025-12-31 10:00:00"),
            line(null, "pos", "E1", "lamp", "P-LA", 40, "completed", "2026-03-01 10:00:00")))
        .withColumn("member_id", functions.concat(functions.lit("M-"), functions.col("customer_id")))
        .drop("customer_id")
        .withColumn("card_no", functions.lit(null).cast("string"))
        .withColumn("unionid", functions.lit(null).cast("string"))
        .withColumn("openid", functions.lit(null).cast("string"))
        .withColumn("buyer_nick", functions.lit(null).cast("string"))
        .withColumn("phone", functions.lit(null).cast("string"))
        .withColumn("email", functions.lit(null).cast("string"))
        .withColumn("run_date", functions.col("order_date"));
    lines.write().format("delta").save(Tables.SILVER_ORDERS.path(cfg.paths().warehouse()));
    Hmac hmac = Hmac.fromConfig(spark, cfg);
    spark.sql("SELECT * FROM VALUES ('M-A', 'CUST-A'), ('M-B', 'CUST-B'), ('M-C', 'CUST-C') AS t(member_id, customer_id)")
        .select(functions.lit("member_id").as(IdentityColumns.ID_TYPE),
            hmac.hash(IdentityTransforms.node(functions.lit("member_id"), functions.col("member_id")))
                .as(IdentityColumns.ID_HASH),
            functions.col("customer_id").as(IdentityColumns.CUSTOMER_ID))
        .write().format("delta").save(IdentityColumns.GOLD_CUSTOMER_IDENTITIES.path(cfg.paths().warehouse()));
  }

  /** Every table's rows as sorted strings, per snapshot. */
  static Map<String, List<String>> snapshots(AppConfig cfg) {
    Map<String, List<String>> out = new TreeMap<>();
    for (Job j : JOBS) {
      for (Row r : DeltaWriter.read(spark, j.output(), cfg.paths().warehouse()).collectAsList()) {
        String key = j.output() + "@" + r.getAs(BehaviourTables.SNAPSHOT_DATE);
        out.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(r.toString());
      }
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  static void run(AppConfig cfg, DateRange range) {
    // The jobs read the orders keyed by customer from gold.customer_orders, written first.
    new io.onecustomer.jobs.analytics.CustomerOrdersJob().run(
        new JobContext(spark, cfg, range, Instant.parse("2026-03-16T02:00:00Z")));
    for (Job j : JOBS) {
      j.run(new JobContext(spark, cfg, range, Instant.parse("2026-03-16T02:00:00Z")));
    }
  }

  @Test
  void rerunningADayReplacesItsSnapshotAndABackfillWritesMonthEndsWithTheSameLastDay() {
    AppConfig cfg = TestSpark.config(dir.resolve("landing"), dir.resolve("warehouse"),
        Map.of("onecustomer.analytics.customer.cross-sell.min-customers", "1"));
    warehouse(cfg);
    DateRange night = DateRange.of(LocalDate.parse("2026-03-15"));
    run(cfg, night);
    Map<String, List<String>> first = snapshots(cfg);
    assertEquals(List.of("gold.cohort_retention@2026-03-15", "gold.cross_sell_pairs@2026-03-15",
        "gold.repurchase_metrics@2026-03-15"), List.copyOf(first.keySet()));
    // overall + 3 channels + 3 categories; sofa->coffee_table (A, B), coffee_table->lamp and
    // sofa->lamp (A) at both levels; cohorts Dec (C), Jan (A), Feb (B), each under its channel and 'all'.
    assertEquals(7, first.get("gold.repurchase_metrics@2026-03-15").size());
    assertEquals(6, first.get("gold.cross_sell_pairs@2026-03-15").size());
    assertEquals(2 * (4 + 3 + 2), first.get("gold.cohort_retention@2026-03-15").size());

    run(cfg, night);
    assertEquals(first, snapshots(cfg), "a re-run replaces the day with the same rows");

    run(cfg, new DateRange(LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-15")));
    Map<String, List<String>> backfilled = snapshots(cfg);
    assertEquals(List.of("gold.cohort_retention@2026-02-28", "gold.cohort_retention@2026-03-15",
        "gold.cross_sell_pairs@2026-02-28", "gold.cross_sell_pairs@2026-03-15",
        "gold.repurchase_metrics@2026-02-28", "gold.repurchase_metrics@2026-03-15"),
        List.copyOf(backfilled.keySet()));
    for (String k : first.keySet()) {
      assertEquals(first.get(k), backfilled.get(k), k + ": the backfill's last day equals the nightly run");
    }
    assertFalse(backfilled.get("gold.cross_sell_pairs@2026-02-28").isEmpty(), "A: sofa -> coffee_table by 02-10");
  }

  @Test
  void rfmSegmentsTransitionsAndFlagsOfANightPassTheirGates() {
    AppConfig cfg = TestSpark.config(dir.resolve("landing"), dir.resolve("warehouse"));
    warehouse(cfg);
    JobContext ctx = new JobContext(spark, cfg, DateRange.of(LocalDate.parse("2026-03-15")),
        Instant.parse("2026-03-16T02:00:00Z"));
    new io.onecustomer.jobs.analytics.CustomerOrdersJob().run(ctx);
    // Customers A, B and C bought by the snapshot day; the anonymous receipt E1 is no customer's.
    assertEquals(3, new RfmSegmentsJob().run(ctx).rowsWritten());
    JobResult transitions = new RfmSegmentTransitionsJob().run(ctx);
    List<Row> moves = DeltaWriter.read(spark, transitions.table(), cfg.paths().warehouse()).collectAsList();
    assertEquals(transitions.rowsWritten(), moves.size());
    assertEquals(3L, moves.stream().mapToLong(r -> r.<Long>getAs(RfmTables.Transitions.CUSTOMERS)).sum());
    assertTrue(moves.stream().allMatch(r -> RfmTables.NONE.equals(r.getAs(RfmTables.Transitions.PREVIOUS_SEGMENT))),
        "no earlier snapshot: everyone comes from 'none'");
    JobResult flags = new CustomerFlagsJob().run(ctx);
    assertEquals(3, flags.rowsWritten());
    assertTrue(flags.warnings().contains("silver.service_tickets does not exist: no complaints counted"),
        flags.warnings().toString());
  }
}
