package io.onecustomer.jobs.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.Job;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobRegistry;
import io.onecustomer.jobs.Reprocessing;
import io.onecustomer.jobs.Runner;
import io.onecustomer.jobs.TestSpark;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Silver orders from hand-made landing files of two days, through the real jobs. */
class SilverOrdersTest {
  private static SparkSession spark;
  private static final LocalDate D1 = LocalDate.of(2026, 5, 1);
  private static final LocalDate D2 = LocalDate.of(2026, 5, 2);

  @TempDir Path tmp;

  @BeforeAll
  static void session() {
    spark = TestSpark.session();
  }

  private void write(Path landing, String source, LocalDate day, String file, String... lines) throws IOException {
    Path dir = landing.resolve(source).resolve("dt=" + day);
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(file), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private AppConfig landing() throws IOException {
    Path landing = tmp.resolve("landing");
    String catHeader = "product_code,product_name,category,list_price,min_advertised_price,channel,channel_sku,active";
    // Catalogue only on day 1: day 2 must use day 1's snapshot.
    write(landing, "products", D1, "catalog-00000.csv", catHeader,
        "P000001,Linen Sofa,sofa,3999.00,3599.00,marketplace,TM-000001,Y",
        "P000001,Linen Sofa,sofa,3999.00,3599.00,pos,ST-000001,Y",
        "P000002,Oak Table,coffee_table,999.00,899.00,pos,ST-000002,Y");
    write(landing, "marketplace", D1, "orders-00000.jsonl",
        "{\"tid\":\"T1\",\"oid\":\"T1-1\",\"buyer_nick\":\"tb_a\",\"receiver_mobile\":\"138****1234\",\"receiver_city\":\"Shanghai\",\"outer_sku_id\":\"TM-000001\",\"num\":1,\"price\":\"3999.00\",\"payment\":\"3800.00\",\"status\":\"TRADE_FINISHED\",\"refund_status\":\"NO_REFUND\",\"created\":\"2026-05-01 23:30:00\"}",
        "{\"tid\":\"T2\",\"oid\":\"T2-1\",\"buyer_nick\":\"tb_b\",\"receiver_mobile\":null,\"receiver_city\":\"Beijing\",\"outer_sku_id\":\"TM-999999\",\"num\":1,\"price\":\"10.00\",\"payment\":\"10.00\",\"status\":\"TRADE_FINISHED\",\"refund_status\":\"SUCCESS\",\"created\":\"2026-05-01 10:00:00\"}");
    String posHeader = "receipt_no,line_no,store_id,sale_time,member_card,phone,store_sku,qty,unit_price,discount,line_amount,pay_type";
    String posLine = "R1,1,S01,2026/05/02 10:00,mc00000001,+86 138-1234-5678,ST-000002,2,999.00,0,1998.00,CASH";
    write(landing, "pos", D2, "sales-00000.csv", posHeader, posLine, posLine);
    write(landing, "pos", D1, "sales-00000.csv", posHeader);
    return TestSpark.config(landing, tmp.resolve("wh"));
  }

  private void runOrders(AppConfig cfg, DateRange range) {
    JobRegistry reg = JobRegistry.standard();
    Runner runner = new Runner(spark, cfg, reg);
    Instant t = Instant.parse("2026-05-03T00:00:00Z");
    for (String id : List.of("bronze_products_catalog", "bronze_marketplace_orders", "bronze_miniprogram_orders",
        "bronze_pos_sales", "bronze_distributor_sellout", "silver_products", "silver_orders")) {
      runner.run(reg.get(id), range, t);
    }
  }

  /** Only the jobs a test needs (each costs seconds): the catalogue once, then one source's nights. */
  private void runSome(AppConfig cfg, DateRange range, String... ids) {
    // One run of just these jobs: the run log is written once, not after every job.
    new Runner(spark, cfg, JobRegistry.standard().only(List.of(ids))).runAll(range, Instant.parse("2026-05-03T00:00:00Z"));
  }

  private void marketplaceNight(AppConfig cfg, DateRange range) {
    runSome(cfg, range, "bronze_marketplace_orders", "silver_orders");
  }

  private void catalogue(AppConfig cfg) {
    runSome(cfg, DateRange.of(D1), "bronze_products_catalog", "silver_products");
  }

  private Map<String, Row> orders(AppConfig cfg) {
    return DeltaWriter.read(spark, Tables.SILVER_ORDERS, cfg.paths().warehouse()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("order_line_id")), r -> r));
  }

  @Test
  void channelsAreConformedMappedAndDeduplicatedAndARerunChangesNothing() throws IOException {
    AppConfig cfg = landing();
    runOrders(cfg, new DateRange(D1, D2));
    Map<String, Row> o = orders(cfg);

    assertEquals(3, o.size(), "duplicate POS line kept once: " + o.keySet());
    Row mp = o.get("marketplace:T1-1");
    assertEquals("P000001", mp.getString(mp.fieldIndex("product_code")));
    assertEquals(new BigDecimal("3800.00"), mp.getDecimal(mp.fieldIndex("net_amount")));
    assertEquals("138****1234", mp.getString(mp.fieldIndex("phone_masked")));
    // 23:30 local on May 1 is 15:30 UTC, and still business day May 1.
    assertEquals(Instant.parse("2026-05-01T15:30:00Z"), mp.getTimestamp(mp.fieldIndex("order_ts")).toInstant());
    assertEquals(java.sql.Date.valueOf(D1), mp.getDate(mp.fieldIndex("order_date")));

    Row refunded = o.get("marketplace:T2-1");
    assertTrue(refunded.getBoolean(refunded.fieldIndex("is_unknown_product")));
    assertNull(refunded.getString(refunded.fieldIndex("product_code")));
    assertEquals("TM-999999", refunded.getString(refunded.fieldIndex("source_sku")));
    assertEquals("refunded", refunded.getString(refunded.fieldIndex("status")));
    assertEquals(new BigDecimal("0.00"), refunded.getDecimal(refunded.fieldIndex("net_amount")));
    assertEquals(new BigDecimal("10.00"), refunded.getDecimal(refunded.fieldIndex("gross_amount")));

    Row pos = o.get("pos:R1:1");
    assertEquals("P000002", pos.getString(pos.fieldIndex("product_code")), "day-1 catalogue used on day 2");
    assertFalse(pos.getBoolean(pos.fieldIndex("is_unknown_product")));
    assertEquals("+8613812345678", pos.getString(pos.fieldIndex("phone")));
    assertEquals("MC00000001", pos.getString(pos.fieldIndex("card_no")));
    assertEquals(2L, pos.getLong(pos.fieldIndex("source_line")), "first copy (line 2, after the header) kept");

    // Re-running one day leaves the table unchanged.
    runOrders(cfg, DateRange.of(D2));
    assertEquals(o, orders(cfg));
  }

  @Test
  void anIdenticalLineSeenOnAnEarlierDayStaysWhereItWas() throws IOException {
    AppConfig cfg = landing();
    Path landing = Path.of(cfg.paths().landing());
    String posHeader = "receipt_no,line_no,store_id,sale_time,member_card,phone,store_sku,qty,unit_price,discount,line_amount,pay_type";
    String posLine = "R1,1,S01,2026/05/02 10:00,mc00000001,+86 138-1234-5678,ST-000002,2,999.00,0,1998.00,CASH";
    write(landing, "pos", D1, "sales-00000.csv", posHeader, posLine);
    catalogue(cfg);
    runSome(cfg, DateRange.of(D1), "bronze_pos_sales", "silver_orders");
    runSome(cfg, DateRange.of(D2), "bronze_pos_sales", "silver_orders");

    Row pos = orders(cfg).get("pos:R1:1");
    assertEquals(java.sql.Date.valueOf(D1), pos.getDate(pos.fieldIndex("run_date")), "the first copy is kept");
    assertEquals(1, orders(cfg).values().stream().filter(r -> r.getString(r.fieldIndex("order_line_id")).equals("pos:R1:1")).count());
  }

  @Test
  void aResentLineWithNewContentReplacesTheEarlierVersionInAnyRunOrder() throws IOException {
    AppConfig cfg = landing();
    Path landing = Path.of(cfg.paths().landing());
    // Day 2 re-sends T1-1 refunded (a correction), plus an identical copy of T2-1.
    write(landing, "marketplace", D2, "orders-corrections.jsonl",
        "{\"tid\":\"T1\",\"oid\":\"T1-1\",\"buyer_nick\":\"tb_a\",\"receiver_mobile\":\"138****1234\",\"receiver_city\":\"Shanghai\",\"outer_sku_id\":\"TM-000001\",\"num\":1,\"price\":\"3999.00\",\"payment\":\"3800.00\",\"status\":\"TRADE_FINISHED\",\"refund_status\":\"SUCCESS\",\"created\":\"2026-05-01 23:30:00\"}",
        "{\"tid\":\"T2\",\"oid\":\"T2-1\",\"buyer_nick\":\"tb_b\",\"receiver_mobile\":null,\"receiver_city\":\"Beijing\",\"outer_sku_id\":\"TM-999999\",\"num\":1,\"price\":\"10.00\",\"payment\":\"10.00\",\"status\":\"TRADE_FINISHED\",\"refund_status\":\"SUCCESS\",\"created\":\"2026-05-01 10:00:00\"}");
    catalogue(cfg);
    marketplaceNight(cfg, DateRange.of(D1));
    assertEquals("completed", orders(cfg).get("marketplace:T1-1").getString(orders(cfg).get("marketplace:T1-1").fieldIndex("status")));
    marketplaceNight(cfg, DateRange.of(D2));
    Map<String, Row> inOrder = orders(cfg);
    Row t1 = inOrder.get("marketplace:T1-1");
    assertEquals("refunded", t1.getString(t1.fieldIndex("status")));
    assertEquals(new BigDecimal("0.00"), t1.getDecimal(t1.fieldIndex("net_amount")));
    assertEquals(java.sql.Date.valueOf(D2), t1.getDate(t1.fieldIndex("run_date")), "the correction's batch");
    assertEquals(java.sql.Date.valueOf(D1), t1.getDate(t1.fieldIndex("order_date")), "still an order of day 1");
    Row t2 = inOrder.get("marketplace:T2-1");
    assertEquals(java.sql.Date.valueOf(D1), t2.getDate(t2.fieldIndex("run_date")), "an identical re-send moves nothing");
    assertEquals(2, inOrder.size(), "one row per order line: " + inOrder.keySet());
    assertEquals(2L, DeltaWriter.read(spark, Tables.SILVER_ORDERS, cfg.paths().warehouse()).count());

    // Downstream, a gold table by day recomputes day 1 in the night that brought its correction;
    // identity does not, nor does a night without late or corrected rows, nor a run without window.
    JobRegistry reg = JobRegistry.standard();
    Job health = reg.get("gold_channel_health");
    Job identities = reg.get("gold_customer_identities");
    java.util.function.BiFunction<Job, JobContext, DateRange> widened =
        (job, ctx) -> Reprocessing.widen(job, reg.upstreamTables(job), ctx).range();
    Instant t = Instant.parse("2026-05-03T00:00:00Z");
    assertEquals(new DateRange(D1, D2), widened.apply(health, new JobContext(spark, cfg, DateRange.of(D2), t)));
    assertEquals(DateRange.of(D2), widened.apply(identities, new JobContext(spark, cfg, DateRange.of(D2), t)));
    assertEquals(DateRange.of(D2.plusDays(1)),
        widened.apply(health, new JobContext(spark, cfg, DateRange.of(D2.plusDays(1)), t)));
    AppConfig noWindow = TestSpark.config(Path.of(cfg.paths().landing()), Path.of(cfg.paths().warehouse()),
        Map.of("onecustomer.ingest.reprocess-days", "0"));
    assertEquals(DateRange.of(D2), widened.apply(health, new JobContext(spark, noWindow, DateRange.of(D2), t)));
    // A run for day 1 once day 2 is in silver recomputes day 2 of a gold table by day too (its
    // trailing windows include day 1), window or not; identity is as of its own day.
    assertEquals(new DateRange(D1, D2), widened.apply(health, new JobContext(spark, cfg, DateRange.of(D1), t)));
    assertEquals(new DateRange(D1, D2), widened.apply(health, new JobContext(spark, noWindow, DateRange.of(D1), t)));
    assertEquals(DateRange.of(D1), widened.apply(identities, new JobContext(spark, cfg, DateRange.of(D1), t)));

    // Re-running day 1 after day 2, then both days at once, then day 2 again: the same table.
    marketplaceNight(cfg, DateRange.of(D1));
    assertEquals(inOrder, orders(cfg));
    assertEquals(2L, DeltaWriter.read(spark, Tables.SILVER_ORDERS, cfg.paths().warehouse()).count());
    marketplaceNight(cfg, new DateRange(D1, D2));
    assertEquals(inOrder, orders(cfg));
    marketplaceNight(cfg, DateRange.of(D2));
    assertEquals(inOrder, orders(cfg));
    assertEquals(2L, DeltaWriter.read(spark, Tables.SILVER_ORDERS, cfg.paths().warehouse()).count());
  }

  @Test
  void aFileArrivingLateForAnEarlierDayIsIngestedIntoThatDayByTheNextNight() throws IOException {
    AppConfig cfg = landing();
    Path landing = Path.of(cfg.paths().landing());
    catalogue(cfg);
    marketplaceNight(cfg, DateRange.of(D1));
    marketplaceNight(cfg, DateRange.of(D2));
    assertEquals(2, orders(cfg).size());
    // A second marketplace file for day 1 lands after both nights ran.
    write(landing, "marketplace", D1, "orders-00001.jsonl",
        "{\"tid\":\"T3\",\"oid\":\"T3-1\",\"buyer_nick\":\"tb_c\",\"receiver_mobile\":null,\"receiver_city\":\"Beijing\",\"outer_sku_id\":\"TM-000001\",\"num\":1,\"price\":\"3999.00\",\"payment\":\"3999.00\",\"status\":\"TRADE_FINISHED\",\"refund_status\":\"NO_REFUND\",\"created\":\"2026-05-01 12:00:00\"}");
    LocalDate d3 = D2.plusDays(1);
    marketplaceNight(cfg, DateRange.of(d3));

    Row late = orders(cfg).get("marketplace:T3-1");
    assertEquals(java.sql.Date.valueOf(D1), late.getDate(late.fieldIndex("run_date")), "in its own day's batch");
    assertEquals(3, orders(cfg).size());
    List<Row> audit = DeltaWriter.read(spark, Tables.OPS_INGEST_AUDIT, cfg.paths().warehouse())
        .where("table_name = 'bronze.marketplace_orders' AND run_date = DATE'" + D1 + "'").collectAsList();
    assertEquals(2, audit.size(), "both files of day 1 audited: " + audit);
    audit.forEach(r -> assertEquals(java.sql.Date.valueOf(d3), r.getDate(r.fieldIndex("ingest_run_date"))));

    // Once ingested, the file is not late any more: the next night leaves day 1 alone.
    marketplaceNight(cfg, DateRange.of(d3.plusDays(1)));
    assertEquals(3, orders(cfg).size());
    List<Row> lateFileAudit = DeltaWriter.read(spark, Tables.OPS_INGEST_AUDIT, cfg.paths().warehouse())
        .where("table_name = 'bronze.marketplace_orders' AND run_date = DATE'" + D1 + "' AND source_file LIKE '%00001%'")
        .collectAsList();
    assertEquals(1, lateFileAudit.size(), () -> "one audit row for the late file: " + lateFileAudit + "; the table's history: "
        + spark.sql("DESCRIBE HISTORY delta.`" + Tables.OPS_INGEST_AUDIT.path(cfg.paths().warehouse()) + "`")
            .select("version", "operation", "operationParameters", "userMetadata").collectAsList());
    DeltaWriter.read(spark, Tables.OPS_INGEST_AUDIT, cfg.paths().warehouse())
        .where("table_name = 'bronze.marketplace_orders' AND run_date = DATE'" + D1 + "'").collectAsList()
        .forEach(r -> assertEquals(java.sql.Date.valueOf(d3), r.getDate(r.fieldIndex("ingest_run_date"))));
  }

  @Test
  void withoutAReprocessingWindowALateFileWaitsForABackfill() throws IOException {
    AppConfig base = landing();
    AppConfig cfg = TestSpark.config(Path.of(base.paths().landing()), Path.of(base.paths().warehouse()),
        java.util.Map.of("onecustomer.ingest.reprocess-days", "0"));
    catalogue(cfg);
    marketplaceNight(cfg, DateRange.of(D1));
    write(Path.of(cfg.paths().landing()), "marketplace", D1, "orders-00001.jsonl",
        "{\"tid\":\"T3\",\"oid\":\"T3-1\",\"buyer_nick\":\"tb_c\",\"receiver_mobile\":null,\"receiver_city\":\"Beijing\",\"outer_sku_id\":\"TM-000001\",\"num\":1,\"price\":\"3999.00\",\"payment\":\"3999.00\",\"status\":\"TRADE_FINISHED\",\"refund_status\":\"NO_REFUND\",\"created\":\"2026-05-01 12:00:00\"}");
    marketplaceNight(cfg, DateRange.of(D2));
    assertFalse(orders(cfg).containsKey("marketplace:T3-1"));
    marketplaceNight(cfg, DateRange.of(D1));
    assertTrue(orders(cfg).containsKey("marketplace:T3-1"), "a rerun of the day takes it in");
  }
}
