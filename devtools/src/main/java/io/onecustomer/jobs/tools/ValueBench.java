package io.onecustomer.jobs.tools;

import static io.onecustomer.jobs.tools.Bench.print;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sequence;

import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.config.ValueConfig;
import io.onecustomer.common.spark.SessionFactory;
import io.onecustomer.jobs.value.CustomerFeatures;
import io.onecustomer.jobs.value.FitResult;
import io.onecustomer.jobs.value.ModelMetrics;
import io.onecustomer.jobs.value.ValueTraining;
import java.io.File;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Benchmark of the value models at scale (bench/value.sh): synthetic customer-keyed purchases,
 * touches, tickets and member profiles straight from Spark (written to parquet first, not timed),
 * then, each timed: the features with the BG/NBD and Gamma-Gamma fits at the training cut-off, at
 * the validation cut-off and on the last day (what gold_customer_features does nightly), the labels,
 * the churn and LTV pipeline fits, the validation metrics against the BTYD baselines, and the
 * nightly scoring of the last day's features with both pipelines.
 *
 * <p>Synthetic data, seeded: 5% / 35% / 60% of customers buy at 0.075 / 0.027 / 0.0085 purchase days
 * a day (x 0.6-1.4), 25% stop buying and browsing at a uniform day, purchase days uniform over each
 * customer's active span; spend per purchase x 0.5-1.5 around a log-normal customer mean (median 600
 * CNY); 8 touches per 100 active days, a ticket per 300, 40% members.
 */
public final class ValueBench {
  private ValueBench() {}

  static final LocalDate START = LocalDate.parse("2025-01-01");

  public static void main(String[] args) throws Exception {
    long customers = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
    int days = args.length > 1 ? Integer.parseInt(args[1]) : 400;
    String work = new File(args.length > 2 ? args[2] : "data/bench-value").getAbsolutePath();
    AppConfig cfg = AppConfig.load("local", null, new File("conf"), Map.of("catalog.type", "in-memory",
        "paths.warehouse", work + "/warehouse", "identity.hash-key-required", "false",
        "value.churn.horizon-days", "90", "value.ltv.horizon-days", "90"));
    SparkSession spark = SessionFactory.create(cfg, "value-bench");
    spark.conf().set("spark.sql.shuffle.partitions", "16");
    ValueConfig v = cfg.value();
    LocalDate last = START.plusDays(days - 1);
    int horizon = v.churnHorizonDays();
    LocalDate[] cut = ValueTraining.cutOffs(last, horizon);

    long t0 = System.nanoTime();
    // Purchases vary x 0.5-1.5 around each customer's typical basket.
    Dataset<Row> people = Bench.buyers(spark, customers, days, 1, 18);
    Column span = col("end");
    Dataset<Row> purchases = people
        .withColumn("k", round(col("rate").multiply(span).multiply(rand(5).plus(0.5))).cast("int"))
        .where(col("k").gt(0))
        .select(col("customer_id"), col("end"), col("spend"), explode(sequence(lit(1), col("k"))).as("n"))
        .select(col("customer_id"),
            date_add(lit(Date.valueOf(START)), floor(rand(6).multiply(col("end"))).cast("int")).as("order_date"),
            round(col("spend").multiply(rand(7).plus(0.5)), 2).cast("decimal(18,2)").as("net_amount"),
            element_at(functions.array(lit("marketplace"), lit("miniprogram"), lit("pos"), lit("distributor")),
                floor(rand(8).multiply(4)).cast("int").plus(1)).as("channel"));
    Dataset<Row> touches = people
        .withColumn("m", round(span.multiply(0.08).multiply(rand(9).plus(0.5))).cast("int"))
        .where(col("m").gt(0))
        .select(col("customer_id"), col("end"), explode(sequence(lit(1), col("m"))).as("n"))
        .select(col("customer_id"),
            date_add(lit(Date.valueOf(START)), floor(rand(10).multiply(col("end"))).cast("int")).as("event_date"),
            element_at(functions.array(lit("view"), lit("view"), lit("view"), lit("add_to_cart"), lit("coupon_claim"),
                lit("store_locator")), floor(rand(11).multiply(6)).cast("int").plus(1)).as("touchpoint_type"));
    Dataset<Row> tickets = people.where(rand(12).lt(least(lit(1.0), span.divide(300.0))))
        .select(col("customer_id"),
            date_add(lit(Date.valueOf(START)), floor(rand(13).multiply(col("end"))).cast("int")).as("created_date"),
            rand(14).lt(0.3).as("is_complaint"), floor(rand(15).multiply(5)).plus(1).cast("double").as("satisfaction"));
    Dataset<Row> members = people.where(rand(16).lt(0.4))
        .select(col("customer_id"), lit(Date.valueOf(START)).as("updated_date"),
            element_at(functions.array(lit("basic"), lit("silver"), lit("gold"), lit("platinum")),
                floor(rand(17).multiply(4)).cast("int").plus(1)).as("tier"));
    String in = work + "/inputs";
    purchases.write().mode("overwrite").parquet(in + "/purchases");
    touches.write().mode("overwrite").parquet(in + "/touches");
    tickets.write().mode("overwrite").parquet(in + "/tickets");
    members.write().mode("overwrite").parquet(in + "/members");
    CustomerFeatures.Inputs inputs = new CustomerFeatures.Inputs(spark.read().parquet(in + "/purchases"),
        spark.read().parquet(in + "/touches"), spark.read().parquet(in + "/tickets"),
        spark.read().parquet(in + "/members"), START);
    print("inputs (not timed): %d customers, %d purchases, %d touches, %d tickets, %d member profiles; %.1f s",
        customers, inputs.purchases().count(), inputs.touches().count(), inputs.tickets().count(),
        inputs.members().count(), (System.nanoTime() - t0) / 1e9);

    int window = cfg.analytics().customer().rfm().windowDays();
    int accuracy = cfg.analytics().customer().rfm().quantileAccuracy();
    List<Dataset<Row>> labelled = new ArrayList<>();
    for (LocalDate c : cut) {
      List<FitResult> fits = new ArrayList<>();
      labelled.add(timed("features + BTYD fits at " + c, () -> {
        Dataset<Row> f = CustomerFeatures.withLabels(
            CustomerFeatures.features(spark, inputs.truncatedAt(c), c, v, window, accuracy, fits),
            inputs.purchases(), c, v.churnHorizonDays(), v.ltvHorizonDays()).localCheckpoint();
        print("  %d customers at %s; %s", f.count(), c, fits.isEmpty() ? "" : fits.get(0).summary());
        return f;
      }));
    }
    ValueTraining.Moments moments = ValueTraining.Moments.of(labelled.get(0));
    PipelineModel churn = timed("churn pipeline fit (" + v.churnClassifier() + ")",
        () -> ValueTraining.fitChurn(labelled.get(0), v, moments));
    PipelineModel ltv = timed("LTV pipeline fit (" + v.ltvRegressor() + ")",
        () -> ValueTraining.fitLtv(labelled.get(0), v, moments));
    timed("validation metrics (MLlib and BTYD, churn and LTV)", () -> {
      ValueTraining.Collected c = ValueTraining.collect(ValueTraining.score(churn, ValueTraining.CHURN,
          labelled.get(1)), CustomerFeatures.CHURNED, List.of(ValueTraining.SCORE, "p_no_purchase"));
      ValueTraining.Collected l = ValueTraining.collect(ValueTraining.score(ltv, ValueTraining.LTV,
          labelled.get(1)), CustomerFeatures.FUTURE_REVENUE, List.of(ValueTraining.SCORE, "btyd_expected_value"));
      double[][] m = c.of(ValueTraining.SCORE);
      double[][] b = c.of("p_no_purchase");
      double[][] lm = l.of(ValueTraining.SCORE);
      double[][] lb = l.of("btyd_expected_value");
      print("  churn AUC mllib %.4f btyd %.4f; LTV MAE mllib %.2f btyd %.2f (synthetic data: no signal"
          + " beyond BTYD's)", ModelMetrics.aucRoc(m[0], m[1]), ModelMetrics.aucRoc(b[0], b[1]),
          ModelMetrics.value(ModelMetrics.regression(lm[0], lm[1]), ModelMetrics.MAE),
          ModelMetrics.value(ModelMetrics.regression(lb[0], lb[1]), ModelMetrics.MAE));
      return null;
    });
    Dataset<Row> today = timed("features + BTYD fits on the last day (gold_customer_features)", () ->
        CustomerFeatures.features(spark, inputs, last, v, window, accuracy, null).localCheckpoint());
    timed("nightly scoring of " + today.count() + " customers (churn and LTV pipelines)", () -> {
      ValueTraining.score(churn, ValueTraining.CHURN, today).write().format("noop").mode("overwrite").save();
      ValueTraining.score(ltv, ValueTraining.LTV, today).write().format("noop").mode("overwrite").save();
      return null;
    });
    print("total %.1f s", (System.nanoTime() - t0) / 1e9);
    spark.stop();
  }

  static <T> T timed(String what, Supplier<T> step) {
    long t = System.nanoTime();
    T out = step.get();
    print("%s: %.1f s", what, (System.nanoTime() - t) / 1e9);
    return out;
  }
}
