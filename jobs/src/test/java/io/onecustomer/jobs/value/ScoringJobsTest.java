package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.DateRange;
import io.onecustomer.common.config.AppConfig;
import io.onecustomer.common.delta.DeltaWriter;
import io.onecustomer.jobs.JobContext;
import io.onecustomer.jobs.JobResult;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.silver.SilverColumns;
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

/** The nightly scoring jobs before any model is promoted: the BTYD baseline scores, and says so. */
class ScoringJobsTest {
  static final SparkSession spark = TestSpark.session();

  @Test
  void withoutAPromotedModelTheBtydBaselineScoresEveryCustomerAndTheRunWarns(@TempDir Path dir) {
    AppConfig cfg = TestSpark.config(dir.resolve("landing"), dir.resolve("warehouse"));
    LocalDate day = LocalDate.parse("2026-05-15");
    Dataset<Row> features = SilverColumns.conform(CustomerFeatures.features(spark,
        CustomerFeaturesTest.randomInputs(80, 9), day, cfg.value(), 365, 10000, null), Features.COLUMNS);
    DeltaWriter.replace(spark, features, ValueTables.GOLD_CUSTOMER_FEATURES, cfg.paths().warehouse(),
        DateRange.of(day).sqlPredicate(Features.SNAPSHOT_DATE), Features.COMMENT, Features.SNAPSHOT_DATE);
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
}
