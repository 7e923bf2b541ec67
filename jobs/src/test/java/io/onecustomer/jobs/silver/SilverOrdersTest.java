package io.onecustomer.jobs.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.Tables;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.JobRegistry;
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

  private Map<String, Row> orders(AppConfig cfg) {
    return DeltaWriter.read(spark, Tables.SILVER_ORDERS, cfg.paths().warehouse()).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(r.fieldIndex("order_line_id")), r -> r));
  }

  @Test
  void channelsAreConformedMappedAndDeduplicated() throws IOException {
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
  }

  @Test
  void rerunningOneDayLeavesTheTableUnchanged() throws IOException {
    AppConfig cfg = landing();
    runOrders(cfg, new DateRange(D1, D2));
    Map<String, Row> before = orders(cfg);

    runOrders(cfg, DateRange.of(D2));

    assertEquals(before, orders(cfg));
  }

  @Test
  void aLineSeenOnAnEarlierDayIsNotLoadedAgain() throws IOException {
    AppConfig cfg = landing();
    Path landing = Path.of(cfg.paths().landing());
    String posHeader = "receipt_no,line_no,store_id,sale_time,member_card,phone,store_sku,qty,unit_price,discount,line_amount,pay_type";
    write(landing, "pos", D1, "sales-00000.csv", posHeader,
        "R1,1,S01,2026/05/01 10:00,,,ST-000002,2,999.00,0,1998.00,CASH");
    runOrders(cfg, DateRange.of(D1));
    runOrders(cfg, DateRange.of(D2));

    Row pos = orders(cfg).get("pos:R1:1");
    assertEquals(java.sql.Date.valueOf(D1), pos.getDate(pos.fieldIndex("run_date")));
    assertEquals(1, orders(cfg).values().stream().filter(r -> r.getString(r.fieldIndex("order_line_id")).equals("pos:R1:1")).count());
  }
}
