package io.onecustomer.jobs.value;

import java.util.Arrays;

/**
 * Weighted spend summaries, the input of the Gamma-Gamma model: customers with at least one repeat
 * purchase and the mean value of those repeat purchases.
 *
 * @param x repeat purchases, &ge; 1
 * @param zbar mean value of the repeat purchases, &gt; 0
 * @param weight number of customers the row stands for, &gt; 0
 */
public record SpendSummaries(double[] x, double[] zbar, double[] weight) {
  public SpendSummaries {
    int n = x.length;
    if (zbar.length != n || weight.length != n) {
      throw new IllegalArgumentException("x, zbar and weight must have the same length, got " + n + ", "
          + zbar.length + ", " + weight.length);
    }
    for (int i = 0; i < n; i++) {
      if (!(x[i] >= 1) || !(zbar[i] > 0) || !(weight[i] > 0)) {
        throw new IllegalArgumentException("row " + i + " is not a valid spend summary: x=" + x[i] + " zbar="
            + zbar[i] + " weight=" + weight[i] + " (need x >= 1, zbar > 0, weight > 0)");
      }
    }
  }

  /** Unweighted rows (every weight 1). */
  public static SpendSummaries of(double[] x, double[] zbar) {
    double[] w = new double[x.length];
    Arrays.fill(w, 1);
    return new SpendSummaries(x, zbar, w);
  }

  /** Number of rows. */
  public int size() {
    return x.length;
  }
}
