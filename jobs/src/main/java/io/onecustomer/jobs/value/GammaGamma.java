package io.onecustomer.jobs.value;

import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.List;

/**
 * The Gamma-Gamma model of spend per transaction (Fader and Hardie 2013, "The Gamma-Gamma Model of
 * Monetary Value"; Colombo and Jiang 1999): a customer's transaction values are Gamma(p, ν) with
 * rate ν ~ Gamma(q, γ) across customers, independent of the purchase process.
 *
 * <p>Fitted on customers with x &ge; 1 repeat purchases and their mean repeat-purchase value z̄ (the
 * first purchase is excluded, as in the published CDNOW fit). Density of z̄ given x:
 * <pre>
 *   ln f = ln Γ(px+q) - ln Γ(px) - ln Γ(q) + q ln γ + (px-1) ln z̄ + px ln x - (px+q) ln(γ + x z̄)
 * </pre>
 *
 * @param p shape of the transaction-value gamma
 * @param q shape of the gamma of ν
 * @param gamma rate of the gamma of ν, in money units
 */
public record GammaGamma(double p, double q, double gamma) {
  public static final String MODEL = "gamma_gamma";
  public static final List<String> PARAMETERS = List.of("p", "q", "gamma");

  public GammaGamma {
    if (!(p > 0 && q > 0 && gamma > 0)) {
      throw new IllegalArgumentException("Gamma-Gamma parameters must be > 0, got p=" + p + " q=" + q + " gamma="
          + gamma);
    }
  }

  /** The model with a fit's estimates. */
  public static GammaGamma of(FitResult fit) {
    return new GammaGamma(fit.parameter("p"), fit.parameter("q"), fit.parameter("gamma"));
  }

  /** Maximum-likelihood fit on weighted spend summaries. */
  public static FitResult fit(SpendSummaries data) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("no summary rows to fit " + MODEL + " on");
    }
    return MaximumLikelihood.fit(MODEL, PARAMETERS,
        v -> new GammaGamma(v[0], v[1], v[2]).logLikelihood(data), new double[] {1, 1, 1});
  }

  /** Log density of the mean value z̄ of x repeat transactions. */
  public double logLikelihood(double x, double zbar) {
    double px = p * x;
    return logGamma(px + q) - logGamma(px) - logGamma(q) + q * Math.log(gamma) + (px - 1) * Math.log(zbar)
        + px * Math.log(x) - (px + q) * Math.log(gamma + x * zbar);
  }

  /** Weighted log-likelihood of spend summary rows. */
  public double logLikelihood(SpendSummaries data) {
    double ll = 0;
    for (int i = 0; i < data.size(); i++) {
      ll += data.weight()[i] * logLikelihood(data.x()[i], data.zbar()[i]);
    }
    return ll;
  }

  /** E[Z] = p γ / (q - 1): mean transaction value across customers; needs q &gt; 1. */
  public double populationMeanValue() {
    requireFiniteMean();
    return p * gamma / (q - 1);
  }

  /**
   * E[Z | x, z̄] = p (γ + x z̄) / (p x + q - 1): the expected average transaction value of a
   * customer with x repeat transactions of mean value z̄, a weighted mean of the population mean
   * (weight (q-1)/(px+q-1)) and z̄ (weight px/(px+q-1)). For x = 0 it is the population mean.
   * Needs q &gt; 1.
   */
  public double conditionalExpectedAverageValue(double x, double zbar) {
    requireFiniteMean();
    return x == 0 ? populationMeanValue() : p * (gamma + x * zbar) / (p * x + q - 1);
  }

  private void requireFiniteMean() {
    if (!(q > 1)) {
      throw new IllegalStateException("Gamma-Gamma mean value is infinite for q <= 1, got q=" + q);
    }
  }
}
