package io.onecustomer.jobs.value;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;

/**
 * Unconstrained minimisation for the small (3 or 4 parameter) likelihood fits: Nelder-Mead with
 * restarts from the best vertex (robust against the flat, curved valleys these likelihoods have),
 * then Newton steps on a central-difference gradient and Hessian with step halving to polish the
 * optimum to the precision published estimates are quoted to.
 *
 * <p>The objective may return NaN or +∞ (or throw {@link ArithmeticException}) where it is
 * undefined; such points are treated as +∞ and never accepted.
 *
 * <p>Convergence means: the last Nelder-Mead run ended with a simplex whose values span less than
 * {@link #F_TOL} relatively, and at the polished point the Hessian is positive definite and the
 * Newton decrement gᵀH⁻¹g is at most {@link #NEWTON_DECREMENT_TOL}. For a negative
 * log-likelihood that decrement is the squared distance to the optimum in standard errors (twice
 * the log-likelihood still to gain), so the test does not depend on the size of the data or on
 * constants in the likelihood.
 */
public final class Optimizer {
  private Optimizer() {}

  /** Relative spread of simplex values at which one Nelder-Mead run stops. */
  public static final double F_TOL = 1e-12;
  /** Largest Newton decrement gᵀH⁻¹g accepted as a minimum (1e-10: 1e-5 standard errors away). */
  public static final double NEWTON_DECREMENT_TOL = 1e-10;
  /** Step of the central differences (the problems are solved on log-parameters, so absolute). */
  public static final double DIFF_STEP = 1e-4;

  static final int MAX_NM_ITERATIONS = 3_000;
  static final int MAX_RESTARTS = 10;
  static final int MAX_NEWTON_STEPS = 20;

  /**
   * A minimum: the point, the objective there, Nelder-Mead plus Newton iterations, whether both
   * convergence tests passed, and the largest gradient component there (for diagnostics).
   */
  public record Minimum(double[] x, double value, int iterations, boolean converged, double maxAbsGradient) {}

  /** Minimises {@code f} from {@code x0} with initial simplex steps {@code step}. */
  public static Minimum minimize(ToDoubleFunction<double[]> f, double[] x0, double step) {
    return minimize(f, x0, step, Double.POSITIVE_INFINITY);
  }

  /**
   * As {@link #minimize(ToDoubleFunction, double[], double)} where {@code f} is undefined beyond
   * |x_i| &gt; {@code bound}: a Nelder-Mead run that ends within 1 of the bound is a boundary
   * solution (the objective keeps falling outward), and so is a run that used up its
   * {@value #MAX_NM_ITERATIONS} iterations without converging: both are returned as not converged
   * without restarts or Newton steps, which could only crawl on.
   */
  public static Minimum minimize(ToDoubleFunction<double[]> f, double[] x0, double step, double bound) {
    ToDoubleFunction<double[]> safe = safe(f);
    double[] x = x0.clone();
    double fx = safe.applyAsDouble(x);
    if (fx == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("objective undefined at the start point " + Arrays.toString(x0));
    }
    int iterations = 0;
    boolean nmConverged = false;
    double s = step;
    for (int restart = 0; restart <= MAX_RESTARTS; restart++) {
      NmResult r = nelderMead(safe, x, s);
      iterations += r.iterations;
      double improvement = fx - r.value;
      x = r.x;
      fx = r.value;
      nmConverged = r.converged;
      if (maxAbs(x) >= bound - 1 || !r.converged) {
        // At the bound, or out of iterations while still moving (a ridge running off to infinity):
        // restarts and Newton steps would only crawl on. Reported as not converged.
        return new Minimum(x, fx, iterations, false, maxAbs(gradient(safe, x)));
      }
      if (restart > 0 && r.converged && improvement <= F_TOL * Math.max(1, Math.abs(fx))) {
        break;
      }
      s = step / 10; // restarts probe locally around the best vertex
    }
    // Newton polish: full steps where the Hessian is positive definite, step halving, steepest
    // descent where it is not.
    boolean stationary = false;
    double[] g = gradient(safe, x);
    for (int k = 0; k <= MAX_NEWTON_STEPS; k++) {
      double[] dir = solve(hessian(safe, x), g);
      if (dir != null && dot(dir, g) <= NEWTON_DECREMENT_TOL) {
        stationary = dot(dir, g) >= 0;
        break;
      }
      if (k == MAX_NEWTON_STEPS) {
        break;
      }
      iterations++;
      if (dir == null || dot(dir, g) < 0) {
        dir = g.clone();
      }
      boolean moved = false;
      for (double t = 1; t > 1e-10; t /= 2) {
        double[] y = x.clone();
        for (int i = 0; i < y.length; i++) {
          y[i] -= t * dir[i];
        }
        double fy = safe.applyAsDouble(y);
        if (fy <= fx) {
          x = y;
          fx = fy;
          moved = true;
          break;
        }
      }
      g = gradient(safe, x);
      if (!moved) {
        break;
      }
    }
    return new Minimum(x, fx, iterations, nmConverged && stationary, maxAbs(g));
  }

  private record NmResult(double[] x, double value, int iterations, boolean converged) {}

  /** Standard Nelder-Mead (reflection 1, expansion 2, contraction 1/2, shrink 1/2). */
  private static NmResult nelderMead(ToDoubleFunction<double[]> f, double[] x0, double step) {
    int n = x0.length;
    double[][] p = new double[n + 1][];
    double[] v = new double[n + 1];
    p[0] = x0.clone();
    v[0] = f.applyAsDouble(p[0]);
    for (int i = 0; i < n; i++) {
      p[i + 1] = x0.clone();
      p[i + 1][i] += step;
      v[i + 1] = f.applyAsDouble(p[i + 1]);
      if (v[i + 1] == Double.POSITIVE_INFINITY) {
        p[i + 1][i] = x0[i] - step;
        v[i + 1] = f.applyAsDouble(p[i + 1]);
      }
    }
    int it = 0;
    boolean converged = false;
    Integer[] order = new Integer[n + 1];
    while (it < MAX_NM_ITERATIONS) {
      for (int i = 0; i <= n; i++) {
        order[i] = i;
      }
      final double[] vv = v;
      Arrays.sort(order, (i, j) -> Double.compare(vv[i], vv[j]));
      double[][] ps = new double[n + 1][];
      double[] vs = new double[n + 1];
      for (int i = 0; i <= n; i++) {
        ps[i] = p[order[i]];
        vs[i] = v[order[i]];
      }
      p = ps;
      v = vs;
      if (Math.abs(v[n] - v[0]) <= F_TOL * Math.max(1, Math.abs(v[0]))) {
        converged = true;
        break;
      }
      it++;
      double[] centroid = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          centroid[j] += p[i][j] / n;
        }
      }
      double[] xr = affine(centroid, p[n], -1);
      double fr = f.applyAsDouble(xr);
      if (fr < v[0]) {
        double[] xe = affine(centroid, p[n], -2);
        double fe = f.applyAsDouble(xe);
        if (fe < fr) {
          p[n] = xe;
          v[n] = fe;
        } else {
          p[n] = xr;
          v[n] = fr;
        }
      } else if (fr < v[n - 1]) {
        p[n] = xr;
        v[n] = fr;
      } else {
        boolean outside = fr < v[n];
        double[] xc = outside ? affine(centroid, p[n], -0.5) : affine(centroid, p[n], 0.5);
        double fc = f.applyAsDouble(xc);
        if (fc < (outside ? fr : v[n])) {
          p[n] = xc;
          v[n] = fc;
        } else {
          for (int i = 1; i <= n; i++) {
            p[i] = affine(p[0], p[i], 0.5);
            v[i] = f.applyAsDouble(p[i]);
          }
        }
      }
    }
    int best = 0;
    for (int i = 1; i <= n; i++) {
      if (v[i] < v[best]) {
        best = i;
      }
    }
    return new NmResult(p[best].clone(), v[best], it, converged);
  }

  /** centroid + coef * (point - centroid). */
  private static double[] affine(double[] centroid, double[] point, double coef) {
    double[] out = new double[centroid.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = centroid[i] + coef * (point[i] - centroid[i]);
    }
    return out;
  }

  /** Central-difference gradient with step {@link #DIFF_STEP}. */
  public static double[] gradient(ToDoubleFunction<double[]> f, double[] x) {
    double[] g = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double[] up = x.clone();
      double[] down = x.clone();
      up[i] += DIFF_STEP;
      down[i] -= DIFF_STEP;
      g[i] = (f.applyAsDouble(up) - f.applyAsDouble(down)) / (2 * DIFF_STEP);
    }
    return g;
  }

  /** Central-difference Hessian with step {@link #DIFF_STEP} (4 evaluations per off-diagonal). */
  public static double[][] hessian(ToDoubleFunction<double[]> f, double[] x) {
    return hessian(f, x, DIFF_STEP);
  }

  static double[][] hessian(ToDoubleFunction<double[]> f, double[] x, double h) {
    int n = x.length;
    double[][] hs = new double[n][n];
    double f0 = f.applyAsDouble(x);
    for (int i = 0; i < n; i++) {
      double[] up = x.clone();
      double[] down = x.clone();
      up[i] += h;
      down[i] -= h;
      hs[i][i] = (f.applyAsDouble(up) - 2 * f0 + f.applyAsDouble(down)) / (h * h);
      for (int j = 0; j < i; j++) {
        double[] pp = x.clone();
        double[] pm = x.clone();
        double[] mp = x.clone();
        double[] mm = x.clone();
        pp[i] += h;
        pp[j] += h;
        pm[i] += h;
        pm[j] -= h;
        mp[i] -= h;
        mp[j] += h;
        mm[i] -= h;
        mm[j] -= h;
        hs[i][j] = (f.applyAsDouble(pp) - f.applyAsDouble(pm) - f.applyAsDouble(mp) + f.applyAsDouble(mm))
            / (4 * h * h);
        hs[j][i] = hs[i][j];
      }
    }
    return hs;
  }

  /** Inverse of a symmetric positive-definite matrix by Cholesky; null if not positive definite. */
  public static double[][] inverseSpd(double[][] a) {
    int n = a.length;
    double[][] inv = new double[n][];
    for (int j = 0; j < n; j++) {
      double[] e = new double[n];
      e[j] = 1;
      inv[j] = solve(a, e);
      if (inv[j] == null) {
        return null;
      }
    }
    return inv; // symmetric, so columns = rows
  }

  /** Solves A d = b by Cholesky; null if A is not positive definite. */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double s = a[i][j];
        for (int k = 0; k < j; k++) {
          s -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(s > 0)) {
            return null;
          }
          l[i][i] = Math.sqrt(s);
        } else {
          l[i][j] = s / l[j][j];
        }
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= l[i][k] * y[k];
      }
      y[i] = s / l[i][i];
    }
    double[] d = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = y[i];
      for (int k = i + 1; k < n; k++) {
        s -= l[k][i] * d[k];
      }
      d[i] = s / l[i][i];
    }
    return d;
  }

  private static ToDoubleFunction<double[]> safe(ToDoubleFunction<double[]> f) {
    return x -> {
      try {
        double v = f.applyAsDouble(x);
        return Double.isNaN(v) ? Double.POSITIVE_INFINITY : v;
      } catch (ArithmeticException | IllegalArgumentException e) {
        return Double.POSITIVE_INFINITY;
      }
    };
  }

  private static double maxAbs(double[] g) {
    double m = 0;
    for (double v : g) {
      m = Math.max(m, Math.abs(v));
    }
    return Double.isNaN(m) ? Double.POSITIVE_INFINITY : m;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
