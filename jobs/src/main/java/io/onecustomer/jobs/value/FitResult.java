package io.onecustomer.jobs.value;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a maximum-likelihood fit.
 *
 * @param model model name ({@code "bg_nbd"}, {@code "pareto_nbd"}, {@code "gamma_gamma"})
 * @param parameters parameter name to estimate, in the model's parameter order
 * @param standardErrors parameter name to asymptotic standard error (square roots of the diagonal
 *     of the inverse observed information, see {@link MaximumLikelihood}); NaN when the Hessian at
 *     the optimum is not positive definite
 * @param logLikelihood the maximised log-likelihood (weighted sum over the summary rows)
 * @param iterations optimiser iterations (Nelder-Mead plus Newton polish)
 * @param converged whether the optimiser's convergence tests passed (see {@link Optimizer})
 */
public record FitResult(
    String model,
    Map<String, Double> parameters,
    Map<String, Double> standardErrors,
    double logLikelihood,
    int iterations,
    boolean converged) {

  public FitResult {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    standardErrors = Collections.unmodifiableMap(new LinkedHashMap<>(standardErrors));
  }

  /** The estimate of one parameter. */
  public double parameter(String name) {
    Double v = parameters.get(name);
    if (v == null) {
      throw new IllegalArgumentException(model + " has no parameter " + name + "; it has " + parameters.keySet());
    }
    return v;
  }

  /** The standard error of one parameter. */
  public double standardError(String name) {
    Double v = standardErrors.get(name);
    if (v == null) {
      throw new IllegalArgumentException(model + " has no parameter " + name + "; it has " + standardErrors.keySet());
    }
    return v;
  }

  /** One line for the logs: model, estimates with standard errors, log-likelihood, convergence. */
  public String summary() {
    StringBuilder sb = new StringBuilder(model).append(':');
    parameters.forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s=%.6g (se %.3g)", k, v,
        standardErrors.get(k))));
    return sb.append(String.format(Locale.ROOT, " ll=%.4f iterations=%d converged=%s",
        logLikelihood, iterations, converged)).toString();
  }
}
