package io.onecustomer.jobs.identity;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spec.Publish;
import io.onecustomer.common.spec.QualityGateException;
import io.onecustomer.common.spec.TableWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.analytics.CustomerOrdersJob;
import io.onecustomer.jobs.customer.CustomersJob;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdentityJobsTest {
  private static SparkSession spark;
  private static final LocalDate DAY1 = LocalDate.of(2026, 5, 1);
  private static final LocalDate DAY2 = DAY1.plusDays(1);

  @TempDir Path tmp;

  @BeforeAll
  static void session() {
    spark = TestSpark.session();
  }

  @Test
  void jobIdsNameTheirTablesAndDependenciesFollowTheInputs() {
    Map<String, List<String>> got = new LinkedHashMap<>();
    for (Job j : List.of(IdentityJobs.all().get(0), IdentityJobs.all().get(1), IdentityJobs.all().get(2),
        new CustomersJob(), new CustomerOrdersJob())) {
      got.put(j.id(), j.dependsOn());
    }
    Map<String, List<String>> want = new LinkedHashMap<>();
    want.put("ops_identity_audit", List.of("silver_identifiers"));
    want.put("gold_customer_identities", List.of("silver_identifiers", "ops_identity_audit"));
    want.put("gold_customer_id_history", List.of("gold_customer_identities"));
    want.put("gold_customers", List.of("gold_customer_identities", "silver_orders", "silver_touchpoints",
        "silver_members", "silver_service_tickets"));
    want.put("gold_customer_orders", List.of("gold_customer_identities", "silver_orders"));
    assertEquals(want, got);
  }

  /** Observations of one business day: (id_type, id_value, is_valid, record_key). */
  private void observe(AppConfig cfg, LocalDate day, String values) {
    Dataset<Row> obs = spark.sql("SELECT id_type, id_value, is_valid, 'silver.orders' AS source_table, record_key,"
        + " CAST('" + day + " 10:00:00' AS TIMESTAMP) AS first_seen_ts, CAST('" + day + " 10:00:00' AS TIMESTAMP)"
        + " AS last_seen_ts, CAST(1 AS BIGINT) AS observations, DATE'" + day + "' AS run_date FROM VALUES " + values
        + " AS t(id_type, id_value, is_valid, record_key)");
    DeltaWriter.replace(spark, obs, Tables.SILVER_IDENTIFIERS, cfg.paths().warehouse(), "run_date = DATE'" + day + "'",
        "test observations", "run_date");
  }

  private List<JobResult> night(AppConfig cfg, LocalDate day) {
    JobContext ctx = new JobContext(spark, cfg, DateRange.of(day), Instant.parse("2026-05-03T01:00:00Z"));
    return IdentityJobs.all().stream().map(j -> j.run(ctx)).toList();
  }

  private Dataset<Row> table(AppConfig cfg, io.onecustomer.common.TableId t) {
    return DeltaWriter.read(spark, t, cfg.paths().warehouse());
  }

  @Test
  void twoNightsWriteTheAuditTheTaggedIdentitiesAndTheMergeTheyMade() {
    AppConfig cfg = TestSpark.config(tmp.resolve("landing"), tmp.resolve("warehouse"));
    observe(cfg, DAY1, "('phone', '+8613912345678', true, 'order:pos:R1'), ('member_id', 'M1', true, 'order:pos:R1'),"
        + " ('email', 'b@example.com', true, 'order:marketplace:T1'), ('buyer_nick', 'nick', true, 'order:marketplace:T1'),"
        + " ('phone', '12345', false, 'order:pos:R3')");
    List<JobResult> first = night(cfg, DAY1);
    assertEquals(1, first.get(0).rowsWritten(), "the malformed phone is audited");
    assertEquals(4, first.get(1).rowsWritten());
    assertEquals(0, first.get(2).rowsWritten());
    assertTrue(first.get(2).warnings().toString().contains("nothing to compare"), first.get(2).warnings().toString());
    assertEquals(2, table(cfg, IdentityColumns.GOLD_CUSTOMER_IDENTITIES).select("customer_id").distinct().count());
    Row tagged = io.delta.tables.DeltaTable.forPath(spark, IdentityColumns.GOLD_CUSTOMER_IDENTITIES.path(
        cfg.paths().warehouse())).history().where("userMetadata IS NOT NULL").orderBy(col("version").desc()).first();
    assertEquals("snapshot_date=" + DAY1, tagged.getAs("userMetadata"));

    // A mini-program order carries the phone of R1 and the email of T1: the two customers become one.
    observe(cfg, DAY2, "('phone', '+8613912345678', true, 'order:miniprogram:W1'),"
        + " ('email', 'b@example.com', true, 'order:miniprogram:W1')");
    List<JobResult> second = night(cfg, DAY2);
    assertEquals(1, table(cfg, IdentityColumns.GOLD_CUSTOMER_IDENTITIES).select("customer_id").distinct().count());
    List<Row> history = table(cfg, IdentityColumns.GOLD_CUSTOMER_ID_HISTORY).collectAsList();
    assertEquals(1, history.size(), history.toString());
    Row merge = history.get(0);
    assertEquals("merge", merge.getAs("reason_code"));
    assertEquals(2L, (long) merge.getAs("identifiers_moved"));
    assertEquals(java.sql.Date.valueOf(DAY2), merge.getAs("run_date"));
    assertEquals(1, second.get(2).rowsWritten());
    assertEquals(2, table(cfg, IdentityColumns.OPS_IDENTITY_AUDIT).count(), "one audit row per snapshot day");
  }

  @Test
  void aDuplicatedIdentifierStopsTheWriteBeforeItsCommit() {
    AppConfig cfg = TestSpark.config(tmp.resolve("landing"), tmp.resolve("warehouse"));
    observe(cfg, DAY1, "('phone', '+8613912345678', true, 'order:pos:R1'), ('member_id', 'M1', true, 'order:pos:R1')");
    night(cfg, DAY1);
    String w = cfg.paths().warehouse();
    long version = DeltaWriter.version(spark, IdentityColumns.GOLD_CUSTOMER_IDENTITIES, w);
    Dataset<Row> current = table(cfg, IdentityColumns.GOLD_CUSTOMER_IDENTITIES).localCheckpoint();
    Dataset<Row> duplicated = current.unionByName(current.limit(1));

    QualityGateException e = assertThrows(QualityGateException.class, () -> TableWriter.publish(
        Publish.quiet(spark, w, DateRange.of(DAY2)), IdentitySpecs.CUSTOMER_IDENTITIES, duplicated));
    assertTrue(e.getMessage().contains("unique(id_type,id_hash)"), e.getMessage());
    assertEquals(version, DeltaWriter.version(spark, IdentityColumns.GOLD_CUSTOMER_IDENTITIES, w),
        "nothing committed");
    assertEquals(2, table(cfg, IdentityColumns.GOLD_CUSTOMER_IDENTITIES).count());
  }

  /**
   * A family phone seen with one member on each of two days. Run in order, the second night keeps
   * the phone out of the graph (seen with two member ids). Run the other way round (day 2 first,
   * then day 1, as a backfill after later nights), the run for day 1 recomputes the identities as of
   * day 2 and must also recompute day 2's verdicts: those written when day 2 ran alone let the phone
   * in, and resolving against them merged the two members into one customer.
   */
  @Test
  void aRunForAnEarlierDayRecomputesTheLaterDaysVerdictsBeforeItResolvesAsOfThatDay() {
    String day1 = "('phone', '+8613900000007', true, 'order:pos:R1'), ('member_id', 'M1', true, 'order:pos:R1')";
    String day2 = "('phone', '+8613900000007', true, 'order:pos:R2'), ('member_id', 'M2', true, 'order:pos:R2')";
    AppConfig inOrder = TestSpark.config(tmp.resolve("landing"), tmp.resolve("in-order"));
    observe(inOrder, DAY1, day1);
    night(inOrder, DAY1);
    observe(inOrder, DAY2, day2);
    night(inOrder, DAY2);
    AppConfig reversed = TestSpark.config(tmp.resolve("landing"), tmp.resolve("reversed"));
    observe(reversed, DAY2, day2);
    night(reversed, DAY2);
    assertEquals(1, table(reversed, IdentityColumns.GOLD_CUSTOMER_IDENTITIES).select("customer_id").distinct().count(),
        "day 2 alone: the phone and M2 are one customer");
    observe(reversed, DAY1, day1);
    List<JobResult> backfill = night(reversed, DAY1);

    List<String> expected = identities(inOrder);
    assertEquals(2, table(reversed, IdentityColumns.GOLD_CUSTOMER_IDENTITIES).select("customer_id").distinct().count(),
        "the backfill did not merge the family phone's two members");
    assertEquals(2, expected.size(), "M1 and M2, each its own customer; the phone kept out: " + expected);
    assertEquals(expected, identities(reversed));
    for (AppConfig cfg : List.of(inOrder, reversed)) {
      List<Row> audit = table(cfg, IdentityColumns.OPS_IDENTITY_AUDIT).where(col("snapshot_date").equalTo(
          java.sql.Date.valueOf(DAY2))).collectAsList();
      assertEquals(1, audit.size(), audit.toString());
      assertEquals("phone", audit.get(0).getAs("id_type"));
      assertEquals("linked_to_many", audit.get(0).getAs("reason_code"));
    }
    assertTrue(backfill.get(0).warnings().toString().contains("the verdicts of " + DAY2), backfill.get(0).warnings().toString());
  }

  private List<String> identities(AppConfig cfg) {
    return table(cfg, IdentityColumns.GOLD_CUSTOMER_IDENTITIES).select("id_type", "id_hash", "customer_id", "snapshot_date")
        .collectAsList().stream().map(Row::toString).sorted().toList();
  }
}
