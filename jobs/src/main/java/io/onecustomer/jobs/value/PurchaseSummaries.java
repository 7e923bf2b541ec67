package io.onecustomer.jobs.value;

import java.util.Arrays;

/**
 * Weighted recency-frequency summaries, the input of the purchase-count models. Row i stands for
 * {@code weight[i]} customers with the same x, t_x and T (see {@link BtydSummaries#compressPurchases}).
 *
 * @param x repeat purchases in the calibration period (first purchase excluded), &ge; 0
 * @param tx time from the first to the last calibration purchase (0 when x = 0), in model time units
 * @param t time from the first purchase to the end of calibration ("T"), &ge; tx
 * @param weight number of customers the row stands for, &gt; 0
 */
public record PurchaseSummaries(double[] x, double[] tx, double[] t, double[] weight) {
  public PurchaseSummaries {
    int n = x.length;
    if (tx.length != n || t.length != n || weight.length != n) {
      throw new IllegalArgumentException("x, t_x, T and weight must have the same length, got " + n + ", "
          + tx.length + ", " + t.length + ", " + weight.length);
    }
    for (int i = 0; i < n; i++) {
      if (!(x[i] >= 0) || !(tx[i] >= 0) || !(t[i] >= tx[i]) || !(weight[i] > 0)
          || (x[i] == 0 && tx[i] != 0)) {
        throw new IllegalArgumentException("row " + i + " is not a valid summary: x=" + x[i] + " t_x=" + tx[i]
            + " T=" + t[i] + " weight=" + weight[i] + " (need x >= 0, 0 <= t_x <= T, t_x = 0 when x = 0,"
            + " weight > 0)");
      }
    }
  }

  /** Unweighted rows (every weight 1). */
  public static PurchaseSummaries of(double[] x, double[] tx, double[] t) {
    double[] w = new double[x.length];
    Arrays.fill(w, 1);
    return new PurchaseSummaries(x, tx, t, w);
  }

  /** Number of rows. */
  public int size() {
    return x.length;
  }

  /** Number of customers (sum of weights). */
  public double customers() {
    double s = 0;
    for (double w : weight) {
      s += w;
    }
    return s;
  }
}
