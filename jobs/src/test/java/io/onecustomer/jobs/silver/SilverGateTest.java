package io.onecustomer.jobs.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spec.CheckResult;
import io.onecustomer.common.spec.QualityGateException;
import io.onecustomer.common.spec.TableSpec;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.TestSpark;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A silver job's output goes through its table's quality gate before anything is committed. */
class SilverGateTest {
  private static SparkSession spark;
  private static final LocalDate D1 = LocalDate.of(2026, 5, 1);

  @TempDir Path tmp;

  @BeforeAll
  static void session() {
    spark = TestSpark.session();
  }

  /** The silver job template over silver.orders, with hand-made rows instead of the transforms. */
  private static SilverJob ordersJob(List<Row> rows) {
    return new SilverJob(SilverSpecs.ORDERS, List.of()) {
      @Override
      protected Dataset<Row> rows(JobContext ctx, List<String> warnings) {
        return spark.createDataFrame(rows, SilverSpecs.ORDERS.schema());
      }
    };
  }

  private static Row line(String orderLineId, String channel) {
    Map<String, Object> v = new HashMap<>();
    v.put("order_line_id", orderLineId);
    v.put("order_id", "R1");
    v.put("channel", channel);
    v.put("store_id", "S01");
    v.put("source_sku", "ST-000002");
    v.put("is_unknown_product", false);
    v.put("quantity", 1);
    v.put("unit_price", new BigDecimal("999.00"));
    v.put("gross_amount", new BigDecimal("999.00"));
    v.put("net_amount", new BigDecimal("999.00"));
    v.put("currency", "CNY");
    v.put("order_ts", Timestamp.from(Instant.parse("2026-05-01T02:00:00Z")));
    v.put("order_date", Date.valueOf(D1));
    v.put("status", Vocabulary.COMPLETED);
    v.put("is_refunded", false);
    v.put("source_table", "bronze.pos_sales");
    v.put("source_file", "pos/dt=2026-05-01/sales-00000.csv");
    v.put("source_line", 2L);
    v.put("run_date", Date.valueOf(D1));
    return RowFactory.create(SilverSpecs.ORDERS.columnNames().stream().map(v::get).toArray());
  }

  private Set<String> lineIds(JobContext ctx) {
    return DeltaWriter.read(spark, SilverSpecs.ORDERS.id(), ctx.warehouse()).collectAsList().stream()
        .map(r -> r.getString(r.fieldIndex("order_line_id"))).collect(Collectors.toSet());
  }

  @Test
  void duplicatedKeyAndUnknownChannelStopTheWriteAndLeaveTheTableAsItWas() {
    JobContext ctx = new JobContext(spark, TestSpark.config(tmp.resolve("landing"), tmp.resolve("wh")),
        DateRange.of(D1), Instant.parse("2026-05-02T00:00:00Z"));
    ordersJob(List.of(line("pos:R1:1", Vocabulary.POS), line("pos:R1:2", Vocabulary.POS))).run(ctx);
    long before = DeltaWriter.version(spark, SilverSpecs.ORDERS.id(), ctx.warehouse());

    QualityGateException e = assertThrows(QualityGateException.class, () -> ordersJob(List.of(
        line("pos:R1:1", Vocabulary.POS), line("pos:R1:1", Vocabulary.POS), line("pos:R1:3", "wechat_shop")))
        .run(ctx));

    Set<String> failed = e.failures().stream().map(CheckResult::check).collect(Collectors.toSet());
    assertEquals(Set.of("unique(order_line_id)", "accepted_values(channel)"), failed, e.getMessage());
    assertTrue(e.getMessage().contains("order_line_id=pos:R1:1"), "names the duplicated key: " + e.getMessage());
    assertEquals(before, DeltaWriter.version(spark, SilverSpecs.ORDERS.id(), ctx.warehouse()), "nothing committed");
    assertEquals(Set.of("pos:R1:1", "pos:R1:2"), lineIds(ctx), "the table still holds the earlier write");
  }

  @Test
  void jobsKeepTheirIdsOrderAndDependencies() {
    Map<String, List<String>> deps = new java.util.LinkedHashMap<>();
    SilverJobs.all().forEach(j -> deps.put(j.id(), j.dependsOn()));
    assertEquals(List.of("silver_products", "silver_orders", "silver_service_tickets", "silver_touchpoints",
        "silver_members", "silver_ad_spend", "silver_identifiers"), List.copyOf(deps.keySet()));
    assertEquals(List.of("bronze_products_catalog"), deps.get("silver_products"));
    assertEquals(List.of("bronze_marketplace_orders", "bronze_miniprogram_orders", "bronze_pos_sales",
        "bronze_distributor_sellout", "silver_products"), deps.get("silver_orders"));
    assertEquals(List.of("bronze_clickstream_events", "bronze_miniprogram_events", "silver_service_tickets",
        "silver_products"), deps.get("silver_touchpoints"));
    assertEquals(List.of("silver_orders", "silver_touchpoints", "silver_members"), deps.get("silver_identifiers"));
    SilverJobs.all().forEach(j -> assertEquals(j.spec().id(), j.output()));
    assertEquals(List.of(SilverSpecs.PRODUCTS, SilverSpecs.ORDERS, SilverSpecs.SERVICE_TICKETS,
        SilverSpecs.TOUCHPOINTS, SilverSpecs.MEMBERS, SilverSpecs.AD_SPEND, SilverSpecs.IDENTIFIERS),
        SilverJobs.all().stream().map(j -> (TableSpec) j.spec()).toList());
  }
}
