package io.onecustomer.jobs.value;

/**
 * The special functions the customer-value likelihoods need that commons-math3 does not have: the
 * Gaussian hypergeometric function 2F1 (real parameters, z &lt; 1, in log space) and log-sum-exp /
 * log-diff-exp of two terms. Log-gamma and log-beta come from commons-math3
 * ({@link org.apache.commons.math3.special.Gamma#logGamma}, {@link
 * org.apache.commons.math3.special.Beta#logBeta}). Pure Java, no state.
 */
public final class SpecialFunctions {
  private SpecialFunctions() {}

  /** Relative accuracy the 2F1 series is summed to. */
  static final double HYP2F1_EPS = 1e-16;

  /**
   * Series terms allowed before {@link #hyp2f1} gives up. Only reached for z within about 4e-5 of
   * 1 (detected before summing), far from any plausible parameter set; the likelihood then reports
   * the point as undefined and the optimiser steps back.
   */
  static final int HYP2F1_MAX_TERMS = 1_000_000;

  /** ln(e^u + e^v) without overflow; either may be -∞. */
  public static double logSumExp(double u, double v) {
    double m = Math.max(u, v);
    if (m == Double.NEGATIVE_INFINITY) {
      return m;
    }
    return m + Math.log1p(Math.exp(Math.min(u, v) - m));
  }

  /** ln(e^u - e^v) for u &ge; v; -∞ when u = v. */
  public static double logDiffExp(double u, double v) {
    if (v > u) {
      throw new ArithmeticException("logDiffExp needs u >= v, got u=" + u + " v=" + v);
    }
    if (v == Double.NEGATIVE_INFINITY) {
      return u;
    }
    double d = v - u; // <= 0
    // ln(1 - e^d): expm1 near 0, log1p far from it (Maechler's log1mexp).
    return u + (d > -0.6931471805599453 ? Math.log(-Math.expm1(d)) : Math.log1p(-Math.exp(d)));
  }

  /**
   * The Gaussian hypergeometric function 2F1(a, b; c; z) for real a, b, c (c not 0, -1, -2, ...)
   * and z &lt; 1. May overflow to ±∞; use {@link #logHyp2f1} where the value can be large.
   */
  public static double hyp2f1(double a, double b, double c, double z) {
    double[] ls = logAbsHyp2f1(a, b, c, z);
    return ls[1] * Math.exp(ls[0]);
  }

  /**
   * ln 2F1(a, b; c; z), for arguments where 2F1 is positive (as in every likelihood here).
   *
   * @throws ArithmeticException if 2F1 is not positive there, or the series did not converge
   */
  public static double logHyp2f1(double a, double b, double c, double z) {
    double[] ls = logAbsHyp2f1(a, b, c, z);
    if (ls[1] <= 0) {
      throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") is not positive");
    }
    return ls[0];
  }

  /**
   * {ln |2F1(a, b; c; z)|, sign}. Negative z is first mapped into (0, 1) by Pfaff's transformation
   * 2F1(a,b;c;z) = (1-z)^-a 2F1(a, c-b; c; z/(z-1)); for z in [0, 1), when a + b &gt; c Euler's
   * transformation 2F1(a,b;c;z) = (1-z)^(c-a-b) 2F1(c-a, c-b; c; z) is applied first, because the
   * transformed series' terms fall like k^(c-a-b-1) z^k instead of k^(a+b-c-1) z^k (in the
   * Pareto/NBD likelihood it turns a slowly converging series into one of positive, monotonically
   * falling terms). The series itself is summed with Neumaier compensation and a running scale, so
   * long series keep their precision and neither terms nor sum overflow.
   */
  static double[] logAbsHyp2f1(double a, double b, double c, double z) {
    if (c <= 0 && c == Math.rint(c)) {
      throw new IllegalArgumentException("2F1 undefined for c = " + c);
    }
    if (!(z < 1) || !Double.isFinite(z) || !Double.isFinite(a) || !Double.isFinite(b) || !Double.isFinite(c)) {
      throw new IllegalArgumentException("2F1 needs finite parameters and z < 1, got a=" + a + " b=" + b
          + " c=" + c + " z=" + z);
    }
    if (z < 0) {
      double[] s = logAbsSeriesNonNegative(a, c - b, c, z / (z - 1));
      return new double[] {s[0] - a * Math.log1p(-z), s[1]};
    }
    return logAbsSeriesNonNegative(a, b, c, z);
  }

  private static double[] logAbsSeriesNonNegative(double a, double b, double c, double z) {
    // Euler only where it does not trade positive terms for alternating ones: with a, b, c > 0 the
    // plain series cannot cancel, while c - a far below 0 (a huge a, as a BTYD fit on a few days of
    // history gives) makes the transformed series alternate and lose every digit, even its sign.
    boolean plainPositive = a > 0 && b > 0 && c > 0;
    boolean eulerPositive = c - a > 0 && c - b > 0;
    if (a + b > c && z > 0 && (eulerPositive || !plainPositive)) {
      double[] s = series(c - a, c - b, c, z);
      return new double[] {s[0] + (c - a - b) * Math.log1p(-z), s[1]};
    }
    return series(a, b, c, z);
  }

  /**
   * Sums Σ (a)_k (b)_k / ((c)_k k!) z^k for 0 &le; z &lt; 1. Stops when the bound on the remaining
   * tail, |t_k| ρ/(1-ρ) with ρ the larger of the next term ratio and z (past k &gt; -a, -b the
   * ratios converge monotonically to z), is below {@link #HYP2F1_EPS} times the sum.
   */
  private static double[] series(double a, double b, double c, double z) {
    if (z == 0) {
      return new double[] {0, 1};
    }
    boolean terminates = isNonPositiveInteger(a) || isNonPositiveInteger(b);
    if (!terminates && HYP2F1_MAX_TERMS * -Math.log(z) < -Math.log(HYP2F1_EPS)) {
      // z^k cannot fall below the tolerance within the allowed terms: fail now, not after summing them.
      throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + "): z too close to 1 for the series");
    }
    double sum = 1;
    double compensation = 0; // Neumaier summation: long series near z = 1 keep full precision
    double term = 1;
    double logScale = 0;
    for (int k = 0; k < HYP2F1_MAX_TERMS; k++) {
      term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
      if (term == 0) {
        return finish(sum + compensation, logScale); // a or b is a non-positive integer: a polynomial
      }
      double next = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? (sum - next) + term : (term - next) + sum;
      sum = next;
      double abs = Math.abs(sum);
      if (abs > 1e250) {
        logScale += Math.log(abs);
        term /= abs;
        sum /= abs;
        compensation /= abs;
      }
      if (a + k + 1 > 0 && b + k + 1 > 0 && c + k + 1 > 0) {
        double rho = Math.max(z, (a + k + 1) * (b + k + 1) / ((c + k + 1) * (k + 2)) * z);
        if (rho < 1 && Math.abs(term) * rho / (1 - rho) <= HYP2F1_EPS * Math.abs(sum)) {
          return finish(sum + compensation, logScale);
        }
      }
    }
    throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") series did not converge in "
        + HYP2F1_MAX_TERMS + " terms");
  }

  private static boolean isNonPositiveInteger(double v) {
    return v <= 0 && v == Math.rint(v);
  }

  private static double[] finish(double sum, double logScale) {
    return new double[] {logScale + Math.log(Math.abs(sum)), Math.signum(sum)};
  }
}
