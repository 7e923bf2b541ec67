package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.stddev_pop;

import io.onecustomer.common.config.ValueConfig;
import io.onecustomer.jobs.value.ModelMetrics.Metric;
import io.onecustomer.jobs.value.ValueTables.Features;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.functions;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The MLlib churn and LTV models: pipelines, scoring, and the evaluation of a trained pipeline
 * against its BTYD baselines on a later cut-off.
 *
 * <p>Both pipelines are a {@link VectorAssembler} over {@link CustomerFeatures#MODEL_FEATURES} and
 * gradient-boosted trees (no scaling: tree splits do not depend on it). Churn: GBTClassifier on
 * {@code churned}; LTV: GBTRegressor (squared error) on {@code future_revenue}, predictions
 * clipped at 0.
 */
public final class ValueTraining {
  private ValueTraining() {}

  public static final String CHURN = "churn";
  public static final String LTV = "ltv";
  public static final String MLLIB = "mllib";
  public static final String BTYD = "btyd";
  public static final String BTYD_P_ALIVE = "btyd_p_alive";
  public static final String TRAIN = "train";
  public static final String VALIDATION = "validation";
  /** Version name written to the score tables while no model is promoted. */
  public static final String BASELINE_VERSION = "btyd-baseline";

  static final String FEATURES_VECTOR = "_features";
  static final String PROBABILITY = "_probability";
  static final String PREDICTION = "_prediction";
  public static final String SCORE = "_score";

  /** Training (earlier) and validation (later) cut-offs for a label horizon: run - 2h and run - h. */
  public static LocalDate[] cutOffs(LocalDate runDate, int horizonDays) {
    LocalDate validation = runDate.minusDays(horizonDays);
    return new LocalDate[] {validation.minusDays(horizonDays), validation};
  }

  private static VectorAssembler assembler() {
    return new VectorAssembler().setInputCols(CustomerFeatures.MODEL_FEATURES.toArray(String[]::new))
        .setOutputCol(FEATURES_VECTOR).setHandleInvalid("error");
  }

  /** Fits the churn pipeline on labelled features. */
  public static PipelineModel fitChurn(Dataset<Row> labelled, ValueConfig v) {
    GBTClassifier gbt = new GBTClassifier().setLabelCol(CustomerFeatures.CHURNED).setFeaturesCol(FEATURES_VECTOR)
        .setProbabilityCol(PROBABILITY).setPredictionCol(PREDICTION).setRawPredictionCol("_raw")
        .setMaxIter(v.maxIter()).setMaxDepth(v.maxDepth()).setStepSize(v.stepSize()).setSeed(v.seed());
    return new Pipeline().setStages(new PipelineStage[] {assembler(), gbt}).fit(labelled);
  }

  /** Fits the LTV pipeline on labelled features. */
  public static PipelineModel fitLtv(Dataset<Row> labelled, ValueConfig v) {
    GBTRegressor gbt = new GBTRegressor().setLabelCol(CustomerFeatures.FUTURE_REVENUE)
        .setFeaturesCol(FEATURES_VECTOR).setPredictionCol(PREDICTION)
        .setMaxIter(v.maxIter()).setMaxDepth(v.maxDepth()).setStepSize(v.stepSize()).setSeed(v.seed());
    return new Pipeline().setStages(new PipelineStage[] {assembler(), gbt}).fit(labelled);
  }

  /** {@code features} with the model's score in {@link #SCORE}: P(churn), or predicted revenue (&ge; 0). */
  public static Dataset<Row> score(PipelineModel pipeline, String model, Dataset<Row> features) {
    Dataset<Row> out = pipeline.transform(features);
    Column s = model.equals(CHURN)
        ? functions.vector_to_array(col(PROBABILITY), "float64").getItem(1)
        : greatest(col(PREDICTION), lit(0.0));
    return out.withColumn(SCORE, s).drop(FEATURES_VECTOR, PROBABILITY, PREDICTION, "_raw");
  }

  /** Feature importances of the pipeline's trees, by feature name. */
  public static Map<String, Double> importances(PipelineModel pipeline) {
    Object last = pipeline.stages()[pipeline.stages().length - 1];
    Vector imp = last instanceof GBTClassificationModel c ? c.featureImportances()
        : ((GBTRegressionModel) last).featureImportances();
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < CustomerFeatures.MODEL_FEATURES.size(); i++) {
      out.put(CustomerFeatures.MODEL_FEATURES.get(i), imp.apply(i));
    }
    return out;
  }

  /** Training mean and population standard deviation of every model feature: [means, stds]. */
  public static List<Map<String, Double>> moments(Dataset<Row> features) {
    List<Column> aggs = new ArrayList<>();
    for (String f : CustomerFeatures.MODEL_FEATURES) {
      aggs.add(avg(col(f)));
      aggs.add(stddev_pop(col(f)));
    }
    Row r = features.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    Map<String, Double> means = new LinkedHashMap<>();
    Map<String, Double> stds = new LinkedHashMap<>();
    for (int i = 0; i < CustomerFeatures.MODEL_FEATURES.size(); i++) {
      String f = CustomerFeatures.MODEL_FEATURES.get(i);
      means.put(f, r.isNullAt(2 * i) ? 0.0 : r.getDouble(2 * i));
      stds.put(f, r.isNullAt(2 * i + 1) ? 0.0 : r.getDouble(2 * i + 1));
    }
    return List.of(means, stds);
  }

  /** (score, actual) columns of a scored split collected in customer order, as two arrays. */
  public static double[][] collect(Dataset<Row> scored, String scoreColumn, String actualColumn) {
    List<Row> rows = scored.select(col(ValueTables.CUSTOMER_ID), col(scoreColumn).cast("double"),
            col(actualColumn).cast("double"))
        .orderBy(ValueTables.CUSTOMER_ID).collectAsList();
    double[] s = new double[rows.size()];
    double[] a = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      s[i] = rows.get(i).getDouble(1);
      a[i] = rows.get(i).getDouble(2);
    }
    return new double[][] {s, a};
  }

  /** The baselines' score columns of a model: scorer name to feature column (churn: 1 - P(alive) is derived). */
  public static Map<String, Column> baselines(String model) {
    Map<String, Column> out = new LinkedHashMap<>();
    if (model.equals(CHURN)) {
      out.put(BTYD, col(Features.P_NO_PURCHASE));
      out.put(BTYD_P_ALIVE, lit(1.0).minus(col(Features.P_ALIVE)));
    } else {
      out.put(BTYD, col(Features.BTYD_EXPECTED_VALUE));
    }
    return out;
  }

  /** The metrics of scored rows: classification for churn, regression for LTV. */
  public static List<Metric> metrics(String model, double[][] scoreAndActual) {
    return model.equals(CHURN) ? ModelMetrics.classification(scoreAndActual[0], scoreAndActual[1])
        : ModelMetrics.regression(scoreAndActual[0], scoreAndActual[1]);
  }

  /**
   * Whether the MLlib model beats every baseline on validation (churn: higher AUC-ROC; LTV: lower
   * MAE), and the sentence that says so.
   */
  public static Decision decide(String model, Map<String, List<Metric>> validation, String version,
      String previous) {
    boolean churn = model.equals(CHURN);
    String metric = churn ? ModelMetrics.AUC_ROC : ModelMetrics.MAE;
    double mine = ModelMetrics.value(validation.get(MLLIB), metric);
    String bestName = null;
    double best = Double.NaN;
    for (Map.Entry<String, List<Metric>> e : validation.entrySet()) {
      if (e.getKey().equals(MLLIB)) {
        continue;
      }
      double b = ModelMetrics.value(e.getValue(), metric);
      if (bestName == null || (churn ? b > best : b < best)) {
        bestName = e.getKey();
        best = b;
      }
    }
    boolean better = churn ? mine > best : mine < best;
    if (Double.isNaN(mine)) {
      better = false;
    }
    String cmp = String.format(Locale.ROOT, "validation %s %.4f vs %s %.4f", metric, mine, bestName, best);
    String decision = better ? version + " promoted: " + cmp
        : version + " NOT promoted (no better than the baseline): " + cmp + "; "
            + (previous == null ? "the BTYD baseline keeps scoring" : previous + " keeps scoring");
    return new Decision(better, decision);
  }

  /** Promotion decision. */
  public record Decision(boolean promoted, String sentence) {}

  /** gold.model_metrics rows of one scorer on one split. */
  public static List<Row> metricRows(String model, String version, String scorer, String split, LocalDate cutOff,
      List<Metric> metrics, boolean promoted, LocalDate runDate) {
    List<Row> out = new ArrayList<>();
    for (Metric m : metrics) {
      out.add(RowFactory.create(model, version, scorer, split, Date.valueOf(cutOff), m.name(), m.decile(),
          Double.isNaN(m.value()) ? null : m.value(), m.customers(), promoted && scorer.equals(MLLIB),
          Date.valueOf(runDate)));
    }
    return out;
  }
}
