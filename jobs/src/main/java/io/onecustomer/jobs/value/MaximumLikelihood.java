package io.onecustomer.jobs.value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maximum-likelihood estimation of positive parameters, shared by the three models.
 *
 * <p>The negative log-likelihood is minimised over φ = ln θ (so every parameter stays positive
 * without constraints) with {@link Optimizer}. Standard errors come from the central-difference
 * Hessian H of the negative log-likelihood in φ at the optimum (the observed information in
 * log-parameters), mapped back to θ by the delta method: se(θ_i) = θ_i √((H⁻¹)_ii). At a
 * stationary point this equals the square root of the diagonal of the inverse Hessian in the
 * original parameters, since H_φ = J H_θ J with J = diag(θ) there.
 */
public final class MaximumLikelihood {
  private static final Logger LOG = LoggerFactory.getLogger(MaximumLikelihood.class);

  private MaximumLikelihood() {}

  /** Initial Nelder-Mead step in log-parameters (a factor of e either way). */
  static final double START_STEP = 1.0;

  /**
   * The search stays within |ln θ| &le; this (θ between 1e-11 and 7e10): beyond, the likelihood is
   * treated as undefined. A model that degenerates (Gamma-Gamma on spend with no heterogeneity
   * between customers drives q and γ to infinity together) stops when it nears the bound, reported
   * as not converged, instead of crawling outward for tens of thousands of iterations.
   */
  static final double MAX_ABS_LOG_PARAMETER = 25;

  /**
   * Fits a model.
   *
   * @param model model name for the result
   * @param names parameter names, in the order {@code logLikelihood} takes them
   * @param logLikelihood total log-likelihood of the data at the given (positive) parameters
   * @param start starting parameters, all &gt; 0
   */
  public static FitResult fit(String model, List<String> names, ToDoubleFunction<double[]> logLikelihood,
      double[] start) {
    if (names.size() != start.length) {
      throw new IllegalArgumentException(model + ": " + names.size() + " names but " + start.length + " start values");
    }
    ToDoubleFunction<double[]> negLogLik = phi -> {
      for (double v : phi) {
        if (Math.abs(v) > MAX_ABS_LOG_PARAMETER) {
          return Double.NaN;
        }
      }
      return -logLikelihood.applyAsDouble(exp(phi));
    };
    double[] phi0 = new double[start.length];
    for (int i = 0; i < start.length; i++) {
      if (!(start[i] > 0)) {
        throw new IllegalArgumentException(model + ": start value of " + names.get(i) + " must be > 0, got " + start[i]);
      }
      phi0[i] = Math.log(start[i]);
    }
    Optimizer.Minimum m = Optimizer.minimize(negLogLik, phi0, START_STEP, MAX_ABS_LOG_PARAMETER);
    double[] theta = exp(m.x());
    double[][] cov = Optimizer.inverseSpd(Optimizer.hessian(negLogLik, m.x()));
    Map<String, Double> params = new LinkedHashMap<>();
    Map<String, Double> se = new LinkedHashMap<>();
    for (int i = 0; i < theta.length; i++) {
      params.put(names.get(i), theta[i]);
      se.put(names.get(i), cov == null || !(cov[i][i] > 0) ? Double.NaN : theta[i] * Math.sqrt(cov[i][i]));
    }
    FitResult result = new FitResult(model, params, se, -m.value(), m.iterations(), m.converged());
    if (result.converged()) {
      LOG.info("fitted {}", result.summary());
    } else {
      LOG.warn("fit did not converge (max |gradient| {} in log-parameters): {}", m.maxAbsGradient(), result.summary());
    }
    return result;
  }

  private static double[] exp(double[] phi) {
    double[] t = new double[phi.length];
    for (int i = 0; i < phi.length; i++) {
      t[i] = Math.exp(phi[i]);
    }
    return t;
  }
}
