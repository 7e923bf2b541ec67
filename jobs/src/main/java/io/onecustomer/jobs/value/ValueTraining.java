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
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
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
 * <p>Both pipelines start with a {@link VectorAssembler} over the {@link CustomerFeatures#MODEL_FEATURES}
 * that vary in the training set ({@link #usableFeatures}).
 * Churn ({@code churned}): by default a {@link StandardScaler} (the features range from shares in
 * 0..1 to revenue in thousands, and the L2 penalty needs them on one scale) and an L2-regularised
 * {@link LogisticRegression}; or gradient-boosted trees without scaling (value.churn.classifier).
 * LTV ({@code future_revenue}): by default the scaler and a {@link LinearRegression} with Huber
 * loss (squared near the fit, linear in the tails, so the few very large baskets do not pull every
 * prediction), unpenalised: the Huber objective grows linearly with the revenue scale while an L2
 * penalty grows with its square, so any fixed penalty would swamp it; or a GBTRegressor
 * (value.ltv.regressor). Predictions are clipped at 0.
 */
public final class ValueTraining {
  private ValueTraining() {}

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ValueTraining.class);

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
  static final String SCALED = "_scaled";
  static final String RAW = "_raw";
  /** Smallest leaf of the trees: no split on fewer customers (the trees overfit 2,500 customers without it). */
  static final int MIN_LEAF = 20;
  static final String PROBABILITY = "_probability";
  static final String PREDICTION = "_prediction";
  public static final String SCORE = "_score";

  /** Training (earlier) and validation (later) cut-offs for a label horizon: run - 2h and run - h. */
  public static LocalDate[] cutOffs(LocalDate runDate, int horizonDays) {
    LocalDate validation = runDate.minusDays(horizonDays);
    return new LocalDate[] {validation.minusDays(horizonDays), validation};
  }

  private static VectorAssembler assembler(List<String> features) {
    return new VectorAssembler().setInputCols(features.toArray(String[]::new))
        .setOutputCol(FEATURES_VECTOR).setHandleInvalid("error");
  }

  /**
   * The candidate features ({@link CustomerFeatures#MODEL_FEATURES}) that vary in the training
   * set: standard deviation above 1e-6 x max(1, |mean|). A feature that is (nearly) constant on one
   * cut-off but not on the next, such as the Gamma-Gamma order value when the spend shows no
   * heterogeneity, would be scaled by ~1/0 and swamp every score; it carries no information anyway.
   */
  public static List<String> usableFeatures(Dataset<Row> labelled) {
    return usableFeatures(Moments.of(labelled));
  }

  /** {@link #usableFeatures(Dataset)} from the training set's moments (of the candidates they were taken over). */
  public static List<String> usableFeatures(Moments m) {
    List<String> out = new ArrayList<>();
    for (String f : m.means().keySet()) {
      if (m.stds().get(f) > 1e-6 * Math.max(1, Math.abs(m.means().get(f)))) {
        out.add(f);
      }
    }
    if (out.size() < m.means().size()) {
      List<String> dropped = new ArrayList<>(m.means().keySet());
      dropped.removeAll(out);
      LOG.warn("features constant in the training set, left out of the model: {}", dropped);
    }
    return out;
  }

  /** The features a fitted pipeline assembles, in order. */
  public static List<String> features(PipelineModel pipeline) {
    return List.of(((VectorAssembler) pipeline.stages()[0]).getInputCols());
  }

  private static StandardScaler scaler() {
    return new StandardScaler().setInputCol(FEATURES_VECTOR).setOutputCol(SCALED).setWithMean(true).setWithStd(true);
  }

  /** Fits the churn pipeline on labelled features. */
  public static PipelineModel fitChurn(Dataset<Row> labelled, ValueConfig v) {
    return fitChurn(labelled, v, Moments.of(labelled));
  }

  /** Fits the churn pipeline on labelled features whose moments are already known. */
  public static PipelineModel fitChurn(Dataset<Row> labelled, ValueConfig v, Moments moments) {
    List<String> features = usableFeatures(moments);
    PipelineStage[] stages;
    if (v.churnClassifier() == ValueConfig.ChurnClassifier.GBT) {
      stages = new PipelineStage[] {assembler(features), new GBTClassifier().setLabelCol(CustomerFeatures.CHURNED)
          .setFeaturesCol(FEATURES_VECTOR).setProbabilityCol(PROBABILITY).setPredictionCol(PREDICTION)
          .setRawPredictionCol(RAW).setMaxIter(v.trees()).setMaxDepth(v.maxDepth()).setStepSize(v.stepSize())
          .setMinInstancesPerNode(MIN_LEAF).setSeed(v.seed())};
    } else {
      stages = new PipelineStage[] {assembler(features), scaler(), new LogisticRegression()
          .setLabelCol(CustomerFeatures.CHURNED).setFeaturesCol(SCALED).setProbabilityCol(PROBABILITY)
          .setPredictionCol(PREDICTION).setRawPredictionCol(RAW).setRegParam(v.regParam()).setElasticNetParam(0)
          .setMaxIter(v.maxIter())};
    }
    return new Pipeline().setStages(stages).fit(labelled);
  }

  /** Fits the LTV pipeline on labelled features. */
  public static PipelineModel fitLtv(Dataset<Row> labelled, ValueConfig v) {
    return fitLtv(labelled, v, Moments.of(labelled));
  }

  /** Fits the LTV pipeline on labelled features whose moments are already known. */
  public static PipelineModel fitLtv(Dataset<Row> labelled, ValueConfig v, Moments moments) {
    List<String> features = usableFeatures(moments);
    PipelineStage[] stages;
    if (v.ltvRegressor() == ValueConfig.LtvRegressor.GBT) {
      stages = new PipelineStage[] {assembler(features), new GBTRegressor().setLabelCol(CustomerFeatures.FUTURE_REVENUE)
          .setFeaturesCol(FEATURES_VECTOR).setPredictionCol(PREDICTION).setMaxIter(v.trees())
          .setMaxDepth(v.maxDepth()).setStepSize(v.stepSize()).setMinInstancesPerNode(MIN_LEAF).setSeed(v.seed())};
    } else {
      stages = new PipelineStage[] {assembler(features), scaler(), new LinearRegression()
          .setLabelCol(CustomerFeatures.FUTURE_REVENUE).setFeaturesCol(SCALED).setPredictionCol(PREDICTION)
          .setLoss("huber").setRegParam(0).setMaxIter(v.maxIter())};
    }
    return new Pipeline().setStages(stages).fit(labelled);
  }

  /** {@code features} with the model's score in {@link #SCORE}: P(churn), or predicted revenue (&ge; 0). */
  public static Dataset<Row> score(PipelineModel pipeline, String model, Dataset<Row> features) {
    Dataset<Row> out = pipeline.transform(features);
    Column s = model.equals(CHURN)
        ? functions.vector_to_array(col(PROBABILITY), "float64").getItem(1)
        : greatest(col(PREDICTION), lit(0.0));
    return out.withColumn(SCORE, s).drop(FEATURES_VECTOR, SCALED, PROBABILITY, PREDICTION, RAW);
  }

  /**
   * Coefficients of a linear pipeline on the standardised features (a one-standard-deviation rise
   * of the feature moves the log-odds, or the prediction, by this much), by feature name; empty for
   * trees.
   */
  public static Map<String, Double> coefficients(PipelineModel pipeline) {
    Object last = pipeline.stages()[pipeline.stages().length - 1];
    Vector c = last instanceof LogisticRegressionModel l ? l.coefficients()
        : last instanceof LinearRegressionModel r ? r.coefficients() : null;
    Map<String, Double> out = new LinkedHashMap<>();
    List<String> names = features(pipeline);
    if (c != null) {
      for (int i = 0; i < names.size(); i++) {
        out.put(names.get(i), c.apply(i));
      }
    }
    return out;
  }

  /**
   * How much each feature matters, summing to 1: the trees' feature importances, or for a linear
   * pipeline the absolute standardised coefficients normalised.
   */
  public static Map<String, Double> importances(PipelineModel pipeline) {
    Object last = pipeline.stages()[pipeline.stages().length - 1];
    Map<String, Double> out = new LinkedHashMap<>();
    if (last instanceof GBTClassificationModel || last instanceof GBTRegressionModel) {
      Vector imp = last instanceof GBTClassificationModel c ? c.featureImportances()
          : ((GBTRegressionModel) last).featureImportances();
      List<String> names = features(pipeline);
      for (int i = 0; i < names.size(); i++) {
        out.put(names.get(i), imp.apply(i));
      }
      return out;
    }
    Map<String, Double> coef = coefficients(pipeline);
    double total = coef.values().stream().mapToDouble(Math::abs).sum();
    coef.forEach((k, c) -> out.put(k, total == 0 ? 0.0 : Math.abs(c) / total));
    return out;
  }

  /** Name of the pipeline's learner, e.g. LogisticRegression(regParam=0.1). */
  public static String algorithm(PipelineModel pipeline) {
    Object last = pipeline.stages()[pipeline.stages().length - 1];
    if (last instanceof LogisticRegressionModel l) {
      return "LogisticRegression(standardised, regParam=" + l.getRegParam() + ")";
    }
    if (last instanceof LinearRegressionModel r) {
      return "LinearRegression(standardised, loss=" + r.getLoss() + ", regParam=" + r.getRegParam() + ")";
    }
    if (last instanceof GBTClassificationModel c) {
      return "GBTClassifier(trees=" + c.getNumTrees() + ", maxDepth=" + c.getMaxDepth() + ")";
    }
    GBTRegressionModel g = (GBTRegressionModel) last;
    return "GBTRegressor(trees=" + g.getNumTrees() + ", maxDepth=" + g.getMaxDepth() + ")";
  }

  /**
   * Mean and population standard deviation of every model feature in a training set, computed in
   * one aggregation: the pipelines use them to leave out constant features, model.json keeps them
   * for explaining scores.
   */
  public record Moments(Map<String, Double> means, Map<String, Double> stds) {
    public static Moments of(Dataset<Row> features) {
      return of(features, CustomerFeatures.MODEL_FEATURES);
    }

    /** The moments of {@code candidates}, the features a pipeline may use (the model's and, in bin/value-eval, a file's own). */
    public static Moments of(Dataset<Row> features, List<String> candidates) {
      List<Column> aggs = new ArrayList<>();
      for (String f : candidates) {
        aggs.add(avg(col(f)));
        aggs.add(stddev_pop(col(f)));
      }
      Row r = features.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
      Map<String, Double> means = new LinkedHashMap<>();
      Map<String, Double> stds = new LinkedHashMap<>();
      for (int i = 0; i < candidates.size(); i++) {
        String f = candidates.get(i);
        means.put(f, r.isNullAt(2 * i) ? 0.0 : r.getDouble(2 * i));
        stds.put(f, r.isNullAt(2 * i + 1) ? 0.0 : r.getDouble(2 * i + 1));
      }
      return new Moments(means, stds);
    }
  }

  /** (score, actual) columns of a scored split collected in customer order, as two arrays. */
  public static double[][] collect(Dataset<Row> scored, String scoreColumn, String actualColumn) {
    Collected c = collect(scored, actualColumn, List.of(scoreColumn));
    return new double[][] {c.scores().get(scoreColumn), c.actual()};
  }

  /** The actual values and every scorer's scores of one split, in customer order. */
  public record Collected(double[] actual, Map<String, double[]> scores) {
    /** (score, actual) of one scorer, as {@link #metrics} takes them. */
    public double[][] of(String scoreColumn) {
      return new double[][] {scores.get(scoreColumn), actual};
    }
  }

  /** The actual column and the score columns of a scored split, collected (sorted by customer) once. */
  public static Collected collect(Dataset<Row> scored, String actualColumn, List<String> scoreColumns) {
    List<Column> cols = new ArrayList<>();
    cols.add(col(actualColumn).cast("double"));
    scoreColumns.forEach(c -> cols.add(col(c).cast("double")));
    List<Row> rows = scored.orderBy(ValueTables.CUSTOMER_ID).select(cols.toArray(Column[]::new)).collectAsList();
    double[] actual = new double[rows.size()];
    Map<String, double[]> scores = new LinkedHashMap<>();
    scoreColumns.forEach(c -> scores.put(c, new double[rows.size()]));
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      actual[i] = r.getDouble(0);
      for (int k = 0; k < scoreColumns.size(); k++) {
        scores.get(scoreColumns.get(k))[i] = r.getDouble(k + 1);
      }
    }
    return new Collected(actual, scores);
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
