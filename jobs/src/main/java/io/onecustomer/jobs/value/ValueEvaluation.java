package io.onecustomer.jobs.value;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.onecustomer.common.config.CustomerAnalyticsConfig;
import io.onecustomer.common.config.ValueConfig;
import io.onecustomer.jobs.value.ValueTables.Features;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The churn and LTV pipelines of the nightly jobs against BG/NBD and Pareto/NBD, out of time, on one
 * calibration end: the models are trained at the cut-off one horizon earlier (labels from the
 * calibration period only, hyper-parameters from the configuration, none chosen on the reported
 * split), every scorer scores the customers active at the calibration end, and all are judged on
 * the holdout that follows it. {@code bin/value-eval} runs it on any transactions file.
 *
 * <p>The metrics are computed on the driver from one row per evaluated customer (scores and
 * outcomes, 8 doubles each): an evaluation tool's input is one history, and a paired bootstrap
 * needs every customer's scores side by side.
 */
public final class ValueEvaluation {
  private ValueEvaluation() {}

  public static final String MODEL = "model";

  /** One scorer's predictions, customers in the order of their ids (so resamples and decile ties repeat). */
  public record Scores(String name, double[] churn, double[] ltv) {}

  /**
   * @param trainingCutOff where the models learnt (the calibration end minus the longer horizon)
   * @param trainCustomers customers labelled at the training cut-off
   * @param churned per evaluated customer: 1 when they made no purchase in the churn horizon after the calibration end
   * @param revenue per evaluated customer: net revenue in the LTV horizon after it
   * @param scores the model's, then BG/NBD's, then Pareto/NBD's
   * @param fits the BTYD fits at the calibration end
   */
  public record Result(LocalDate trainingCutOff, LocalDate calibrationEnd, long trainCustomers, double[] churned,
      double[] revenue, List<Scores> scores, List<FitResult> fits) {}

  /** The earliest day {@code in} must hold for the evaluation at {@code calibrationEnd}: the holdout's last. */
  public static LocalDate holdoutEnd(LocalDate calibrationEnd, ValueConfig v) {
    return calibrationEnd.plusDays(Math.max(v.churnHorizonDays(), v.ltvHorizonDays()));
  }

  /** Trains at the cut-off one horizon before {@code calibrationEnd}, scores at it, collects the holdout outcomes. */
  public static Result run(SparkSession spark, CustomerFeatures.Inputs in, LocalDate calibrationEnd, ValueConfig v,
      CustomerAnalyticsConfig.Rfm rfm) {
    return run(spark, in, calibrationEnd, v, rfm, List.of());
  }

  /**
   * {@link #run} with features of the data's own beside the model's: each column of {@code extra}
   * (numeric columns of the purchases) becomes the customer's mean over their purchases up to the
   * cut-off (-1 without a value), a candidate feature of both pipelines.
   */
  public static Result run(SparkSession spark, CustomerFeatures.Inputs in, LocalDate calibrationEnd, ValueConfig v,
      CustomerAnalyticsConfig.Rfm rfm, List<String> extra) {
    List<String> candidates = new ArrayList<>(CustomerFeatures.MODEL_FEATURES);
    candidates.addAll(extra);
    int horizon = Math.max(v.churnHorizonDays(), v.ltvHorizonDays());
    LocalDate cutOff = calibrationEnd.minusDays(horizon);
    CustomerFeatures.Inputs calibration = in.truncatedAt(calibrationEnd);
    Dataset<Row> train = CustomerFeatures.withLabels(
        withExtra(CustomerFeatures.features(spark, calibration.truncatedAt(cutOff), cutOff, v, rfm.windowDays(),
            rfm.quantileAccuracy(), null), in.purchases(), cutOff, extra),
        calibration.purchases(), cutOff, v.churnHorizonDays(), v.ltvHorizonDays()).localCheckpoint();
    long trainCustomers = train.count();
    if (trainCustomers == 0) {
      throw new IllegalArgumentException("no customer bought in the " + v.activeDays() + " days up to the training "
          + "cut-off " + cutOff + " (the calibration end " + calibrationEnd + " minus the " + horizon
          + "-day horizon): nothing to learn from; choose a later calibration end or a shorter horizon");
    }
    ValueTraining.Moments moments = ValueTraining.Moments.of(train, candidates);
    PipelineModel churn = ValueTraining.fitChurn(train, v, moments);
    PipelineModel ltv = ValueTraining.fitLtv(train, v, moments);

    List<FitResult> fits = new ArrayList<>();
    Dataset<Row> test = CustomerFeatures.withLabels(
        withExtra(CustomerFeatures.features(spark, calibration, calibrationEnd, v, rfm.windowDays(),
            rfm.quantileAccuracy(), fits), in.purchases(), calibrationEnd, extra),
        in.purchases(), calibrationEnd, v.churnHorizonDays(), v.ltvHorizonDays()).localCheckpoint();
    Dataset<Row> scored = ValueTraining.score(churn, ValueTraining.CHURN, test)
        .withColumnRenamed(ValueTraining.SCORE, "_churn");
    scored = ValueTraining.score(ltv, ValueTraining.LTV, scored).withColumnRenamed(ValueTraining.SCORE, "_ltv");
    List<Row> rows = scored.orderBy(CustomerFeatures.CUSTOMER_ID)
        .select(col(CustomerFeatures.CHURNED), col(CustomerFeatures.FUTURE_REVENUE), col("_churn"), col("_ltv"),
            col(Features.P_NO_PURCHASE), col(Features.BTYD_EXPECTED_VALUE), col(Features.BTYD_FREQUENCY),
            col(Features.BTYD_RECENCY), col(Features.BTYD_TENURE), col(Features.EXPECTED_ORDER_VALUE))
        .collectAsList();

    // Pareto/NBD on the same calibration summaries as BG/NBD, scored from each customer's (x, t_x, T).
    PurchaseSummaries summaries = BtydSummaries.collectPurchases(BtydSummaries.compressPurchases(
        BtydSummaries.summarise(calibration.purchases().select(ValueColumns.CUSTOMER_ID, ValueColumns.ORDER_DATE,
            ValueColumns.NET_AMOUNT), in.historyStart(), calibrationEnd, v.unitDays())), v.maxSummaryRows());
    FitResult paretoFit = ParetoNbd.fit(summaries);
    fits.add(paretoFit);
    ParetoNbd pareto = ParetoNbd.of(paretoFit);
    double churnH = (double) v.churnHorizonDays() / v.unitDays();
    double ltvH = (double) v.ltvHorizonDays() / v.unitDays();

    int n = rows.size();
    double[] churned = new double[n];
    double[] revenue = new double[n];
    Scores model = new Scores(MODEL, new double[n], new double[n]);
    Scores bg = new Scores(BgNbd.MODEL, new double[n], new double[n]);
    Scores pn = new Scores(ParetoNbd.MODEL, new double[n], new double[n]);
    for (int i = 0; i < n; i++) {
      Row r = rows.get(i);
      churned[i] = r.getDouble(0);
      revenue[i] = r.getDouble(1);
      model.churn()[i] = r.getDouble(2);
      model.ltv()[i] = r.getDouble(3);
      bg.churn()[i] = r.getDouble(4);
      bg.ltv()[i] = r.getDouble(5);
      double x = ((Number) r.get(6)).doubleValue();
      double tx = r.getDouble(7);
      double t = r.getDouble(8);
      pn.churn()[i] = pareto.probabilityNoPurchases(churnH, x, tx, t);
      pn.ltv()[i] = r.getDouble(9) * pareto.expectedPurchases(ltvH, x, tx, t);
    }
    return new Result(cutOff, calibrationEnd, trainCustomers, churned, revenue, List.of(model, bg, pn), fits);
  }

  /** {@code features} with each {@code extra} column's mean over the customer's purchases up to {@code cutOff}. */
  public static Dataset<Row> withExtra(Dataset<Row> features, Dataset<Row> purchases, LocalDate cutOff, List<String> extra) {
    if (extra.isEmpty()) {
      return features;
    }
    List<Column> means = extra.stream().map(c -> avg(col(c).cast("double")).as(c)).toList();
    Dataset<Row> perCustomer = purchases.where(col(CustomerFeatures.ORDER_DATE).leq(lit(Date.valueOf(cutOff))))
        .groupBy(col(CustomerFeatures.CUSTOMER_ID).as("_cid"))
        .agg(means.get(0), means.subList(1, means.size()).toArray(Column[]::new));
    Dataset<Row> out = features.join(perCustomer,
        features.col(CustomerFeatures.CUSTOMER_ID).equalTo(perCustomer.col("_cid")), "left").drop("_cid");
    for (String c : extra) {
      out = out.withColumn(c, coalesce(col(c), lit(-1.0)));
    }
    return out;
  }

  // ---- Metrics: pure functions of scores and outcomes.

  /** Expected calibration error over deciles of the score: the customer-weighted mean |mean score - churn rate|. */
  public static double calibrationError(double[] score, double[] label) {
    double[][] d = ModelMetrics.deciles(score, label);
    double err = 0;
    for (double[] decile : d) {
      if (decile[0] > 0) {
        err += decile[0] / score.length * Math.abs(decile[1] - decile[2]);
      }
    }
    return err;
  }

  /** The churn rate among the tenth of customers with the highest scores. */
  public static double topDecilePrecision(double[] score, double[] label) {
    return ModelMetrics.deciles(score, label)[0][2];
  }

  /** Spearman's rank correlation (ties take their average rank). */
  public static double spearman(double[] predicted, double[] actual) {
    return new SpearmansCorrelation().correlation(predicted, actual);
  }

  /** The share of the holdout revenue made by the tenth of customers predicted highest. */
  public static double topDecileCapture(double[] predicted, double[] actual) {
    double total = Arrays.stream(actual).sum();
    return total == 0 ? Double.NaN : ModelMetrics.deciles(predicted, actual)[0][3] / total;
  }

  /** A difference between two scorers and its paired bootstrap 95% interval. */
  public record Difference(double value, double low, double high, int resamples) {
    /** Whether the whole interval lies above 0. */
    public boolean above() {
      return low > 0;
    }
  }

  /**
   * {@code metric(a) - metric(b)} on the customers as they are, and its 2.5 and 97.5 percentiles
   * over {@code resamples} resamples of the customers with replacement, both scorers on the same
   * resample (paired), so the interval reflects which customers happened to be evaluated.
   */
  public static Difference pairedBootstrap(double[] a, double[] b, double[] outcome,
      BiFunction<double[], double[], Double> metric, int resamples, long seed) {
    double value = metric.apply(a, outcome) - metric.apply(b, outcome);
    int n = outcome.length;
    Random rng = new Random(seed);
    double[] diffs = new double[resamples];
    double[] ra = new double[n];
    double[] rb = new double[n];
    double[] ro = new double[n];
    for (int k = 0; k < resamples; k++) {
      for (int i = 0; i < n; i++) {
        int j = rng.nextInt(n);
        ra[i] = a[j];
        rb[i] = b[j];
        ro[i] = outcome[j];
      }
      diffs[k] = metric.apply(ra, ro) - metric.apply(rb, ro);
    }
    Percentile p = new Percentile().withEstimationType(Percentile.EstimationType.R_7);
    return new Difference(value, p.evaluate(diffs, 2.5), p.evaluate(diffs, 97.5), resamples);
  }
}
