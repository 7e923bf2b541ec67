package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.common.spec.Publish;
import io.onecustomer.common.spec.QualityGateException;
import io.onecustomer.common.spec.TableWriter;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.value.ValueTables.ChurnScores;
import io.onecustomer.jobs.value.ValueTables.Features;
import io.onecustomer.jobs.value.ValueTables.LtvPredictions;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nightly scoring jobs before any model is promoted: the BTYD baseline scores, and says so; the gate. */
class ScoringJobsTest {
  static final SparkSession spark = TestSpark.session();

  @Test
  void withoutAPromotedModelTheBtydBaselineScoresEveryCustomerAndTheRunWarns(@TempDir Path dir) {
    AppConfig cfg = TestSpark.config(dir.resolve("landing"), dir.resolve("warehouse"));
    LocalDate day = LocalDate.parse("2026-05-15");
    Dataset<Row> features = features(cfg, day);
    long customers = features.count();
    JobContext ctx = new JobContext(spark, cfg, DateRange.of(day), Instant.parse("2026-05-16T00:00:00Z"));

    JobResult churn = new ChurnScoresJob().run(ctx);
    assertEquals(customers, churn.rowsWritten());
    assertTrue(churn.warnings().get(0).startsWith("no promoted churn model under "), churn.warnings().toString());
    Dataset<Row> scores = DeltaWriter.read(spark, ValueTables.GOLD_CHURN_SCORES, cfg.paths().warehouse())
        .join(features.select(Features.CUSTOMER_ID, Features.P_NO_PURCHASE), ChurnScores.CUSTOMER_ID);
    assertEquals(customers, scores.where(col(ChurnScores.MODEL_VERSION).equalTo(ValueTraining.BASELINE_VERSION)
        .and(col(ChurnScores.CHURN_SCORE).equalTo(col(Features.P_NO_PURCHASE)))
        .and(col(ChurnScores.RISK_BAND).equalTo("high").equalTo(col(ChurnScores.CHURN_SCORE).geq(0.6)))).count());

    JobResult ltv = new LtvPredictionsJob().run(ctx);
    assertEquals(customers, ltv.rowsWritten());
    Dataset<Row> predictions = DeltaWriter.read(spark, ValueTables.GOLD_LTV_PREDICTIONS, cfg.paths().warehouse());
    assertEquals(customers, predictions.where(col(LtvPredictions.MODEL_VERSION).equalTo(ValueTraining.BASELINE_VERSION)
        .and(col(LtvPredictions.PREDICTED_VALUE).equalTo(col(LtvPredictions.BTYD_EXPECTED_VALUE)))
        .and(col(LtvPredictions.HORIZON_DAYS).equalTo(365))).count());
  }

  /**
   * A churn score outside 0..1 (here from a features row written around the checks, with P(no
   * purchase) 1.5) stops the write before its commit: the exception names the table, the day, the
   * check and the customer, and gold.churn_scores keeps its version and its rows.
   */
  @Test
  void churnScoreOutsideZeroToOneStopsTheWriteBeforeCommit(@TempDir Path dir) {
    AppConfig cfg = TestSpark.config(dir.resolve("landing"), dir.resolve("warehouse"));
    String wh = cfg.paths().warehouse();
    LocalDate day = LocalDate.parse("2026-05-15");
    Dataset<Row> features = features(cfg, day);
    JobContext ctx = new JobContext(spark, cfg, DateRange.of(day), Instant.parse("2026-05-16T00:00:00Z"));
    long written = new ChurnScoresJob().run(ctx).rowsWritten();
    long version = DeltaWriter.version(spark, ValueTables.GOLD_CHURN_SCORES, wh);

    String bad = features.orderBy(Features.CUSTOMER_ID).first().getAs(Features.CUSTOMER_ID);
    Dataset<Row> broken = features.withColumn(Features.P_NO_PURCHASE,
        when(col(Features.CUSTOMER_ID).equalTo(bad), lit(1.5)).otherwise(col(Features.P_NO_PURCHASE)));
    DeltaWriter.replace(spark, broken, ValueTables.GOLD_CUSTOMER_FEATURES, wh,
        DateRange.of(day).sqlPredicate(Features.SNAPSHOT_DATE), "features", Features.SNAPSHOT_DATE);

    QualityGateException e = assertThrows(QualityGateException.class, () -> new ChurnScoresJob().run(ctx));
    assertTrue(e.getMessage().contains("gold.churn_scores 2026-05-15 range(churn_score)"), e.getMessage());
    assertTrue(e.getMessage().contains("customer_id=" + bad), e.getMessage());
    assertEquals(1, e.failures().size(), e.getMessage());
    assertEquals(version, DeltaWriter.version(spark, ValueTables.GOLD_CHURN_SCORES, wh));
    assertEquals(written, DeltaWriter.read(spark, ValueTables.GOLD_CHURN_SCORES, wh)
        .where(col(ChurnScores.CHURN_SCORE).between(0.0, 1.0)).count());
  }

  /** A day of gold.customer_features from random inputs, written through its spec and checks. */
  private static Dataset<Row> features(AppConfig cfg, LocalDate day) {
    Dataset<Row> f = CustomerFeatures.features(spark, CustomerFeaturesTest.randomInputs(80, 9), day, cfg.value(),
        365, 10000, null);
    TableWriter.publish(Publish.quiet(spark, cfg.paths().warehouse(), DateRange.of(day)), ValueSpecs.CUSTOMER_FEATURES,
        f);
    return ValueScoring.features(new JobContext(spark, cfg, DateRange.of(day), Instant.EPOCH), day).localCheckpoint();
  }
}
