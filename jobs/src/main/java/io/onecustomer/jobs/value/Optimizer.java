package io.onecustomer.jobs.value;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.apache.commons.math3.exception.TooManyIterationsException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.NonSymmetricMatrixException;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Unconstrained minimisation for the small (3 or 4 parameter) likelihood fits: Nelder-Mead with
 * restarts from the best vertex (robust against the flat, curved valleys these likelihoods have),
 * then Newton steps on a central-difference gradient and Hessian with step halving to polish the
 * optimum to the precision published estimates are quoted to.
 *
 * <p>The Nelder-Mead step is commons-math3's ({@link NelderMeadSimplex} driven by {@link
 * SimplexOptimizer}), the linear algebra its {@link CholeskyDecomposition}. What stays here is what
 * the library has no equivalent of: the stopping rules (simplex spread, bound and iteration cap),
 * the restarts, the Newton polish and its decrement test, and the fixed-step central differences
 * the standard errors are defined by.
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

  /**
   * One Nelder-Mead run of commons-math3's {@link NelderMeadSimplex} (reflection 1, expansion 2,
   * contraction 1/2, shrink 1/2) under {@link SimplexOptimizer}, from the axis-aligned simplex x0,
   * x0 + step e_i (- step where + step is undefined). It stops on our test, not the library's
   * checkers (which compare each vertex with its own previous position, and so also stop when a
   * vertex merely stalls): the values of the whole simplex span at most {@link #F_TOL} relatively.
   * Out of iterations ({@value #MAX_NM_ITERATIONS}) it returns the best vertex as not converged.
   */
  private static NmResult nelderMead(ToDoubleFunction<double[]> f, double[] x0, double step) {
    int n = x0.length;
    double[][] reference = new double[n + 1][n];
    for (int i = 0; i < n; i++) {
      double[] probe = x0.clone();
      probe[i] += step;
      reference[i + 1][i] = f.applyAsDouble(probe) == Double.POSITIVE_INFINITY ? -step : step;
    }
    NelderMeadSimplex simplex = new NelderMeadSimplex(reference);
    // The checker reads the live simplex (the optimiser iterates the instance it is given) and
    // ignores the per-vertex pair it is called with: the test is the same for every vertex.
    SimplexOptimizer optimizer = new SimplexOptimizer((iteration, previous, current) -> {
      double best = simplex.getPoint(0).getValue();
      return Math.abs(simplex.getPoint(n).getValue() - best) <= F_TOL * Math.max(1, Math.abs(best));
    });
    PointValuePair best;
    boolean converged;
    try {
      best = optimizer.optimize(simplex, new ObjectiveFunction(f::applyAsDouble), GoalType.MINIMIZE,
          new InitialGuess(x0), MaxEval.unlimited(), new MaxIter(MAX_NM_ITERATIONS));
      converged = true;
    } catch (TooManyIterationsException e) {
      best = simplex.getPoint(0);
      converged = false;
    }
    return new NmResult(best.getPoint(), best.getValue(), Math.min(optimizer.getIterations(), MAX_NM_ITERATIONS),
        converged);
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

  /** Inverse of a symmetric positive-definite matrix (commons-math3 Cholesky); null if not positive definite. */
  public static double[][] inverseSpd(double[][] a) {
    DecompositionSolver cholesky = cholesky(a);
    return cholesky == null ? null : cholesky.getInverse().getData();
  }

  /** Solves A d = b (commons-math3 Cholesky); null if A is not positive definite. */
  static double[] solve(double[][] a, double[] b) {
    DecompositionSolver cholesky = cholesky(a);
    return cholesky == null ? null : cholesky.solve(new ArrayRealVector(b, false)).toArray();
  }

  /**
   * The Cholesky solver of {@code a}; null where it is not finite (a central-difference Hessian
   * next to an undefined region), not symmetric or not positive definite. Any positive pivot is
   * accepted (positivity threshold 0, not the library's default 1e-10): whether the curvature is
   * enough is the Newton decrement's call, and small data sets have small Hessians.
   */
  private static DecompositionSolver cholesky(double[][] a) {
    for (double[] row : a) {
      for (double v : row) {
        if (!Double.isFinite(v)) {
          return null;
        }
      }
    }
    try {
      return new CholeskyDecomposition(new Array2DRowRealMatrix(a),
          CholeskyDecomposition.DEFAULT_RELATIVE_SYMMETRY_THRESHOLD, 0).getSolver();
    } catch (NonPositiveDefiniteMatrixException | NonSymmetricMatrixException e) {
      return null;
    }
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
