package io.onecustomer.jobs.value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Quality metrics of a scorer on one split, computed on the driver from (score, actual) pairs (16
 * bytes a customer: a million customers are 16 MB). Plain Java, so every number is unit-tested by
 * hand and, for the areas, against MLlib's BinaryClassificationMetrics.
 */
public final class ModelMetrics {
  private ModelMetrics() {}

  public static final String AUC_ROC = "auc_roc";
  public static final String AUC_PR = "auc_pr";
  public static final String BASE_RATE = "base_rate";
  public static final String TOP_DECILE_LIFT = "top_decile_lift";
  public static final String TOP_DECILE_CAPTURE = "top_decile_capture";
  public static final String MAE = "mae";
  public static final String RMSE = "rmse";
  public static final String MEAN_ACTUAL = "mean_actual";
  public static final String MEAN_PREDICTED = "mean_predicted";
  public static final String DECILE_MEAN_PREDICTED = "decile_mean_predicted";
  public static final String DECILE_MEAN_ACTUAL = "decile_mean_actual";

  /** One metric value; {@code decile} is null for whole-split metrics. */
  public record Metric(String name, Integer decile, double value, long customers) {}

  /**
   * Area under the ROC curve: the probability that a random positive scores above a random
   * negative, ties counting one half (Mann-Whitney U with mid-ranks). NaN without both classes.
   */
  public static double aucRoc(double[] score, double[] label) {
    int n = score.length;
    Integer[] order = byScoreAscending(score);
    double rankSumPositives = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (label[order[k]] > 0.5) {
          rankSumPositives += midRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
  }

  /**
   * Area under the precision-recall curve as MLlib's {@code BinaryClassificationMetrics.areaUnderPR}
   * computes it: one point (recall, precision) per distinct score from the highest down, the curve
   * starting at (0, precision of the first point), trapezoids between points. NaN without positives.
   */
  public static double aucPr(double[] score, double[] label) {
    int n = score.length;
    Integer[] order = byScoreAscending(score);
    long positives = 0;
    for (double l : label) {
      positives += l > 0.5 ? 1 : 0;
    }
    if (positives == 0) {
      return Double.NaN;
    }
    double area = 0;
    double prevRecall = 0;
    double prevPrecision = Double.NaN;
    long tp = 0;
    long taken = 0;
    int i = n - 1;
    while (i >= 0) {
      int j = i;
      while (j - 1 >= 0 && score[order[j - 1]] == score[order[i]]) {
        j--;
      }
      for (int k = j; k <= i; k++) {
        tp += label[order[k]] > 0.5 ? 1 : 0;
        taken++;
      }
      double recall = (double) tp / positives;
      double precision = (double) tp / taken;
      if (Double.isNaN(prevPrecision)) {
        prevPrecision = precision;
      }
      area += (recall - prevRecall) * (precision + prevPrecision) / 2;
      prevRecall = recall;
      prevPrecision = precision;
      i = j - 1;
    }
    return area;
  }

  /**
   * Deciles by score, highest first: decile d (1..10) holds the customers at positions
   * [floor((d-1) n / 10), floor(d n / 10)) of the ranking; equal scores are ranked by input
   * position, the later first (callers collect in customer order, so the split is reproducible).
   * Returns, per decile, {count, mean score, mean actual, sum actual}.
   */
  public static double[][] deciles(double[] score, double[] actual) {
    int n = score.length;
    Integer[] order = byScoreAscending(score);
    double[][] out = new double[10][4];
    for (int d = 0; d < 10; d++) {
      int from = (int) ((long) d * n / 10);
      int to = (int) ((long) (d + 1) * n / 10);
      double s = 0;
      double a = 0;
      for (int p = from; p < to; p++) {
        int idx = order[n - 1 - p];
        s += score[idx];
        a += actual[idx];
      }
      int cnt = to - from;
      out[d] = new double[] {cnt, cnt == 0 ? Double.NaN : s / cnt, cnt == 0 ? Double.NaN : a / cnt, a};
    }
    return out;
  }

  /** Churn-type metrics: AUCs, base rate, top-decile lift and capture, calibration by decile. */
  public static List<Metric> classification(double[] score, double[] label) {
    long n = score.length;
    List<Metric> out = new ArrayList<>();
    double positives = Arrays.stream(label).filter(l -> l > 0.5).count();
    double base = n == 0 ? Double.NaN : positives / n;
    out.add(new Metric(AUC_ROC, null, aucRoc(score, label), n));
    out.add(new Metric(AUC_PR, null, aucPr(score, label), n));
    out.add(new Metric(BASE_RATE, null, base, n));
    out.add(new Metric(MEAN_PREDICTED, null, Arrays.stream(score).average().orElse(Double.NaN), n));
    addDeciles(out, score, label, base, positives);
    return out;
  }

  /** LTV-type metrics: MAE, RMSE, means, top-decile lift and capture of revenue, calibration by decile. */
  public static List<Metric> regression(double[] predicted, double[] actual) {
    int n = predicted.length;
    double abs = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      abs += Math.abs(predicted[i] - actual[i]);
      total += actual[i];
    }
    List<Metric> out = new ArrayList<>();
    out.add(new Metric(MAE, null, n == 0 ? Double.NaN : abs / n, n));
    out.add(new Metric(RMSE, null, rmse(predicted, actual), n));
    out.add(new Metric(MEAN_ACTUAL, null, n == 0 ? Double.NaN : total / n, n));
    out.add(new Metric(MEAN_PREDICTED, null, Arrays.stream(predicted).average().orElse(Double.NaN), n));
    addDeciles(out, predicted, actual, n == 0 ? Double.NaN : total / n, total);
    return out;
  }

  private static void addDeciles(List<Metric> out, double[] score, double[] actual, double mean, double total) {
    double[][] d = deciles(score, actual);
    out.add(new Metric(TOP_DECILE_LIFT, null, d[0][2] / mean, (long) d[0][0]));
    out.add(new Metric(TOP_DECILE_CAPTURE, null, total == 0 ? Double.NaN : d[0][3] / total, (long) d[0][0]));
    for (int k = 0; k < 10; k++) {
      out.add(new Metric(DECILE_MEAN_PREDICTED, k + 1, d[k][1], (long) d[k][0]));
      out.add(new Metric(DECILE_MEAN_ACTUAL, k + 1, d[k][2], (long) d[k][0]));
    }
  }

  /** Root mean squared error; NaN for no rows. */
  public static double rmse(double[] predicted, double[] actual) {
    int n = predicted.length;
    double sq = 0;
    for (int i = 0; i < n; i++) {
      double e = predicted[i] - actual[i];
      sq += e * e;
    }
    return n == 0 ? Double.NaN : Math.sqrt(sq / n);
  }

  /** The value of a whole-split metric. */
  public static double value(List<Metric> metrics, String name) {
    return metrics.stream().filter(m -> m.name().equals(name) && m.decile() == null).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no metric " + name)).value();
  }

  private static Integer[] byScoreAscending(double[] score) {
    Integer[] order = new Integer[score.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // Stable sort: equal scores keep input order; the descending traversal of the deciles
    // therefore meets them later input first.
    Arrays.sort(order, Comparator.comparingDouble(i -> score[i]));
    return order;
  }
}
