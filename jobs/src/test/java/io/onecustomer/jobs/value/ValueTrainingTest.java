package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.onecustomer.common.config.ValueConfig;
import io.onecustomer.jobs.TestSpark;
import io.onecustomer.jobs.value.ModelMetrics.Metric;
import io.onecustomer.jobs.value.ModelStore.ModelInfo;
import io.onecustomer.jobs.value.ValueTables.Features;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValueTrainingTest {
  static final SparkSession spark = TestSpark.session();

  static ValueConfig config(Path models, String churn, String ltv) {
    return TestSpark.config(Path.of("/tmp/landing"), Path.of("/tmp/warehouse"),
        Map.of("onecustomer.value.models-path", models.toString(), "onecustomer.value.training.trees", "10",
            "onecustomer.value.churn.classifier", churn, "onecustomer.value.ltv.regressor", ltv)).value();
  }

  /** Random features; churned exactly when recency_days &gt; 100, revenue = 10 x purchases_90d. */
  static Dataset<Row> labelled(long seed, int n) {
    Dataset<Row> df = spark.range(n).select(col("id").cast("string").as(ValueTables.CUSTOMER_ID));
    int i = 0;
    for (String f : CustomerFeatures.MODEL_FEATURES) {
      df = df.withColumn(f, rand(seed + i++).multiply(200));
    }
    return df.withColumn(CustomerFeatures.CHURNED, when(col(Features.RECENCY_DAYS).gt(100), 1.0).otherwise(0.0))
        .withColumn(CustomerFeatures.FUTURE_REVENUE, col(Features.PURCHASES_90D).multiply(10));
  }

  @Test
  void cutOffsAreOneAndTwoHorizonsBeforeTheRun() {
    LocalDate[] c = ValueTraining.cutOffs(LocalDate.parse("2026-11-15"), 90);
    assertEquals(LocalDate.parse("2026-05-19"), c[0]);
    assertEquals(LocalDate.parse("2026-08-17"), c[1]);
  }

  @Test
  void trainingIsWeeklyUnlessNoVersionOrTheSameDay() {
    LocalDate run = LocalDate.parse("2026-11-15");
    assertNull(ValueModelTrainingJob.notDue("churn", List.of(), run, 7), "no version yet: train");
    assertNull(ValueModelTrainingJob.notDue("churn", List.of("churn-20261108"), run, 7), "7 days old: train");
    assertNull(ValueModelTrainingJob.notDue("churn", List.of("churn-20261115"), run, 7), "re-run of the night");
    String why = ValueModelTrainingJob.notDue("churn", List.of("churn-20261101", "churn-20261109"), run, 7);
    assertTrue(why.contains("churn-20261109 is 6 days old") && why.contains("2026-11-16"), why);
    assertTrue(ValueModelTrainingJob.notDue("churn", List.of("churn-20261120"), run, 7).contains("newer"));
  }

  static List<Metric> auc(double v) {
    return List.of(new Metric(ModelMetrics.AUC_ROC, null, v, 10), new Metric(ModelMetrics.MAE, null, v, 10));
  }

  @Test
  void promotedOnlyWhenBetterThanEveryBaseline() {
    Map<String, List<Metric>> v = new LinkedHashMap<>();
    v.put(ValueTraining.MLLIB, auc(0.80));
    v.put(ValueTraining.BTYD, auc(0.78));
    v.put(ValueTraining.BTYD_P_ALIVE, auc(0.81));
    ValueTraining.Decision d = ValueTraining.decide(ValueTraining.CHURN, v, "churn-20261115", "churn-20261108");
    assertFalse(d.promoted());
    assertTrue(d.sentence().contains("btyd_p_alive 0.8100") && d.sentence().contains("churn-20261108 keeps scoring"),
        d.sentence());
    v.put(ValueTraining.BTYD_P_ALIVE, auc(0.79));
    assertTrue(ValueTraining.decide(ValueTraining.CHURN, v, "churn-20261115", null).promoted());
    // LTV: lower MAE wins; equal is not better.
    Map<String, List<Metric>> l = new LinkedHashMap<>();
    l.put(ValueTraining.MLLIB, auc(100));
    l.put(ValueTraining.BTYD, auc(100));
    assertFalse(ValueTraining.decide(ValueTraining.LTV, l, "ltv-20261115", null).promoted());
    l.put(ValueTraining.BTYD, auc(120));
    assertTrue(ValueTraining.decide(ValueTraining.LTV, l, "ltv-20261115", null).promoted());
  }

  @Test
  void oneCollectGivesEveryScorerTheSameRowsAsCollectingItAlone() {
    Dataset<Row> scored = labelled(11, 500).withColumn("_a", rand(3)).withColumn("_b", rand(4)).repartition(4);
    ValueTraining.Collected all = ValueTraining.collect(scored, CustomerFeatures.CHURNED, List.of("_a", "_b"));
    assertEquals(500, all.actual().length);
    for (String c : List.of("_a", "_b")) {
      double[][] alone = ValueTraining.collect(scored, c, CustomerFeatures.CHURNED);
      assertArrayEquals(alone[0], all.of(c)[0], c);
      assertArrayEquals(alone[1], all.of(c)[1], c);
    }
    // in customer order
    List<Double> expected = scored.orderBy(ValueTables.CUSTOMER_ID).select(col(CustomerFeatures.CHURNED))
        .as(org.apache.spark.sql.Encoders.DOUBLE()).collectAsList();
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i), all.actual()[i], "row " + i);
    }
  }

  @Test
  void momentsAreTheMeanAndPopulationStandardDeviationOfEveryFeature() {
    Dataset<Row> df = labelled(12, 4)
        .withColumn(Features.RECENCY_DAYS, when(col(ValueTables.CUSTOMER_ID).isin("0", "1"), 1.0).otherwise(3.0))
        .withColumn(Features.FREQUENCY, lit(5.0));
    ValueTraining.Moments m = ValueTraining.Moments.of(df);
    assertEquals(2.0, m.means().get(Features.RECENCY_DAYS), 1e-12);
    assertEquals(1.0, m.stds().get(Features.RECENCY_DAYS), 1e-12);
    assertEquals(0.0, m.stds().get(Features.FREQUENCY), 1e-12);
    assertEquals(CustomerFeatures.MODEL_FEATURES, List.copyOf(m.means().keySet()));
    assertFalse(ValueTraining.usableFeatures(m).contains(Features.FREQUENCY));
  }

  @Test
  void aFeatureConstantInTrainingIsLeftOutSoItCannotSwampLaterScores(@TempDir Path dir) {
    // expected_order_value constant (1064.2) in training, 1080 on the later cut-off: standardised by
    // its ~0 training spread it would push every score to 0 or 1.
    ValueConfig v = config(dir, "logistic", "huber");
    Dataset<Row> train = labelled(1, 2000).withColumn(Features.EXPECTED_ORDER_VALUE, lit(1064.2));
    Dataset<Row> later = labelled(2, 1000).withColumn(Features.EXPECTED_ORDER_VALUE, lit(1080.0));
    assertFalse(ValueTraining.usableFeatures(train).contains(Features.EXPECTED_ORDER_VALUE));
    assertEquals(CustomerFeatures.MODEL_FEATURES.size() - 1, ValueTraining.usableFeatures(train).size());
    PipelineModel churn = ValueTraining.fitChurn(train, v);
    assertFalse(ValueTraining.features(churn).contains(Features.EXPECTED_ORDER_VALUE));
    double[][] scored = ValueTraining.collect(ValueTraining.score(churn, ValueTraining.CHURN, later),
        ValueTraining.SCORE, CustomerFeatures.CHURNED);
    assertTrue(ModelMetrics.aucRoc(scored[0], scored[1]) > 0.99);
  }

  @Test
  void treesLearnTheSameSignals(@TempDir Path dir) {
    ValueConfig v = config(dir, "gbt", "gbt");
    Dataset<Row> train = labelled(1, 2000);
    Dataset<Row> holdout = labelled(2, 1000);
    PipelineModel churn = ValueTraining.fitChurn(train, v);
    assertTrue(ValueTraining.algorithm(churn).startsWith("GBTClassifier(trees=10"), ValueTraining.algorithm(churn));
    double[][] scored = ValueTraining.collect(ValueTraining.score(churn, ValueTraining.CHURN, holdout),
        ValueTraining.SCORE, CustomerFeatures.CHURNED);
    assertTrue(ModelMetrics.aucRoc(scored[0], scored[1]) > 0.99);
    assertTrue(ValueTraining.coefficients(churn).isEmpty(), "trees have no coefficients");
    assertEquals(Features.RECENCY_DAYS, ValueTraining.importances(churn).entrySet().stream()
        .max(Map.Entry.comparingByValue()).orElseThrow().getKey());
    PipelineModel ltv = ValueTraining.fitLtv(train, v);
    double[][] predicted = ValueTraining.collect(ValueTraining.score(ltv, ValueTraining.LTV, holdout),
        ValueTraining.SCORE, CustomerFeatures.FUTURE_REVENUE);
    assertTrue(ModelMetrics.value(ModelMetrics.regression(predicted[0], predicted[1]), ModelMetrics.MAE) < 200);
  }

  @Test
  void fittedPipelinesSaveLoadAndScoreTheSame(@TempDir Path dir) throws Exception {
    ValueConfig v = config(dir, "logistic", "huber");
    Dataset<Row> train = labelled(1, 2000);
    Dataset<Row> holdout = labelled(2, 1000);
    PipelineModel churn = ValueTraining.fitChurn(train, v);
    assertTrue(ValueTraining.algorithm(churn).startsWith("LogisticRegression"), ValueTraining.algorithm(churn));
    double[][] scored = ValueTraining.collect(ValueTraining.score(churn, ValueTraining.CHURN, holdout),
        ValueTraining.SCORE, CustomerFeatures.CHURNED);
    assertTrue(ModelMetrics.aucRoc(scored[0], scored[1]) > 0.99, "a threshold on one feature is learnt");
    assertTrue(ValueTraining.coefficients(churn).get(Features.RECENCY_DAYS) > 0, "churn rises with recency");
    Map<String, Double> imp = ValueTraining.importances(churn);
    assertEquals(Features.RECENCY_DAYS, imp.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow()
        .getKey());

    PipelineModel ltv = ValueTraining.fitLtv(train, v);
    double[][] predicted = ValueTraining.collect(ValueTraining.score(ltv, ValueTraining.LTV, holdout),
        ValueTraining.SCORE, CustomerFeatures.FUTURE_REVENUE);
    double mae = ModelMetrics.value(ModelMetrics.regression(predicted[0], predicted[1]), ModelMetrics.MAE);
    assertTrue(mae < 20, "revenue 0-2000, linear in one feature: MAE " + mae);
    for (double p : predicted[0]) {
      assertTrue(p >= 0);
    }

    ModelStore store = new ModelStore(spark, v.modelsPath());
    ValueTraining.Moments moments = ValueTraining.Moments.of(train);
    ModelInfo info = new ModelInfo("churn", "churn-20261115", "2026-11-15", ValueTraining.features(churn),
        "churned", 90, "2026-05-19", "2026-08-17", "2025-01-01", "2026-11-15", 2000, 1000,
        Map.of("mllib", Map.of("auc_roc", 0.99)), true, "promoted", ValueTraining.algorithm(churn), imp,
        ValueTraining.coefficients(churn), moments.means(), moments.stds());
    store.save(churn, info);
    assertTrue(store.promoted("churn").isEmpty());
    store.promote("churn", "churn-20261115");
    assertEquals("churn-20261115", store.promoted("churn").orElseThrow());
    assertEquals(List.of("churn-20261115"), store.versions("churn"));
    assertEquals(info, store.info("churn", "churn-20261115"));
    assertTrue(Files.exists(dir.resolve("churn/churn-20261115/pipeline")));
    double[][] reloaded = ValueTraining.collect(
        ValueTraining.score(store.load("churn", "churn-20261115"), ValueTraining.CHURN, holdout),
        ValueTraining.SCORE, CustomerFeatures.CHURNED);
    assertEquals(java.util.Arrays.toString(scored[0]), java.util.Arrays.toString(reloaded[0]));

    // Top features: coefficient x standardised value. The longest-lapsed customer's recency raises
    // the churn log-odds most; the most recent customer's recency lowers it, so it is not named.
    Dataset<Row> top = ValueTraining.score(churn, ValueTraining.CHURN, holdout)
        .withColumn("top", ValueScoring.topFeatures(info, 3));
    List<String> lapsed = top.orderBy(col(Features.RECENCY_DAYS).desc()).first().getList(top.schema()
        .fieldIndex("top"));
    assertEquals(Features.RECENCY_DAYS, lapsed.get(0), lapsed.toString());
    assertTrue(lapsed.size() <= 3);
    List<String> recent = top.orderBy(col(Features.RECENCY_DAYS)).first().getList(top.schema().fieldIndex("top"));
    assertFalse(recent.contains(Features.RECENCY_DAYS), recent.toString());
    assertEquals(0, ValueTraining.score(churn, ValueTraining.CHURN, holdout)
        .where(col(ValueTraining.SCORE).lt(0).or(col(ValueTraining.SCORE).gt(lit(1)))).count());
  }

  /** The rows the training job writes fit gold.model_metrics as declared and pass its checks. */
  @Test
  void metricRowsFitTheModelMetricsSpecAndPassItsChecks(@TempDir Path dir) {
    double[] score = {0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01};
    double[] actual = {1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 0, 0};
    LocalDate run = LocalDate.parse("2026-11-15");
    List<Row> rows = new java.util.ArrayList<>();
    for (String scorer : List.of(ValueTraining.MLLIB, ValueTraining.BTYD, ValueTraining.BTYD_P_ALIVE)) {
      rows.addAll(ValueTraining.metricRows(ValueTraining.CHURN, "churn-20261115", scorer, ValueTraining.VALIDATION,
          run.minusDays(90), ModelMetrics.classification(score, actual), true, run));
    }
    rows.addAll(ValueTraining.metricRows(ValueTraining.LTV, "ltv-20261115", ValueTraining.MLLIB, ValueTraining.TRAIN,
        run.minusDays(730), ModelMetrics.regression(score, actual), false, run));
    var written = io.onecustomer.common.spec.TableWriter.publish(
        io.onecustomer.common.spec.Publish.quiet(spark, dir.toString(), io.onecustomer.common.DateRange.of(run)),
        ValueSpecs.MODEL_METRICS, spark.createDataFrame(rows, ValueSpecs.MODEL_METRICS.schema()));
    assertEquals(rows.size(), written.rows());
    assertTrue(written.results().stream().noneMatch(r -> r.status() == io.onecustomer.common.spec.CheckResult.Status.FAILED),
        written.results().toString());
  }
}
