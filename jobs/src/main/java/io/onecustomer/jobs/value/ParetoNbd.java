package io.onecustomer.jobs.value;

import static io.onecustomer.jobs.value.SpecialFunctions.logDiffExp;
import static io.onecustomer.jobs.value.SpecialFunctions.logHyp2f1;
import static io.onecustomer.jobs.value.SpecialFunctions.logSumExp;
import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.List;
import org.apache.commons.math3.analysis.UnivariateFunction;
import org.apache.commons.math3.analysis.integration.IterativeLegendreGaussIntegrator;

/**
 * The Pareto/NBD model (Schmittlein, Morrison and Colombo 1987): while active a customer buys as a
 * Poisson process with rate λ ~ Gamma(r, α); their lifetime is exponential with rate μ ~ Gamma(s,
 * β).
 *
 * <p>Likelihood in the form of Fader and Hardie, "A Note on Deriving the Pareto/NBD Model and
 * Related Expressions" (2005), eq. (22):
 * <pre>
 *   L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^-(r+x) (β+T)^-s + s/(r+s+x) · A0 ]
 *   α &ge; β: A0 = 2F1(r+s+x, s+1; r+s+x+1; (α-β)/(α+t_x)) / (α+t_x)^(r+s+x)
 *               - 2F1(r+s+x, s+1; r+s+x+1; (α-β)/(α+T)) / (α+T)^(r+s+x)
 *   α &lt; β: A0 = 2F1(r+s+x, r+x; r+s+x+1; (β-α)/(β+t_x)) / (β+t_x)^(r+s+x)
 *               - 2F1(r+s+x, r+x; r+s+x+1; (β-α)/(β+T)) / (β+T)^(r+s+x)
 * </pre>
 * (so that the 2F1 argument is always in [0, 1)). Everything is computed in log space: each
 * 2F1/power pair with {@link SpecialFunctions#logHyp2f1}, their difference with
 * {@link SpecialFunctions#logDiffExp}, the bracket with {@link SpecialFunctions#logSumExp}.
 * (s/(r+s+x)) A0 equals s ∫ from t_x to T of (α+τ)^-(r+x) (β+τ)^-(s+1) dτ, the probability of
 * dying between the last purchase and T; the tests check the two agree.
 *
 * @param r shape of the purchase-rate gamma
 * @param alpha rate of the purchase-rate gamma, in the data's time unit
 * @param s shape of the dropout-rate gamma
 * @param beta rate of the dropout-rate gamma, in the data's time unit
 */
public record ParetoNbd(double r, double alpha, double s, double beta) implements PurchaseModel {
  public static final String MODEL = "pareto_nbd";
  public static final List<String> PARAMETERS = List.of("r", "alpha", "s", "beta");

  public ParetoNbd {
    if (!(r > 0 && alpha > 0 && s > 0 && beta > 0)) {
      throw new IllegalArgumentException("Pareto/NBD parameters must be > 0, got r=" + r + " alpha=" + alpha + " s="
          + s + " beta=" + beta);
    }
  }

  /** The model with a fit's estimates. */
  public static ParetoNbd of(FitResult fit) {
    return new ParetoNbd(fit.parameter("r"), fit.parameter("alpha"), fit.parameter("s"), fit.parameter("beta"));
  }

  /** Maximum-likelihood fit on weighted summaries. */
  public static FitResult fit(PurchaseSummaries data) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("no summary rows to fit " + MODEL + " on");
    }
    return MaximumLikelihood.fit(MODEL, PARAMETERS,
        p -> new ParetoNbd(p[0], p[1], p[2], p[3]).logLikelihood(data), new double[] {1, 1, 1, 1});
  }

  @Override
  public String name() {
    return MODEL;
  }

  @Override
  public double logLikelihood(double x, double tx, double t) {
    double common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta);
    return common + logSumExp(logAliveTerm(x, t), logDeadTerm(x, tx, t));
  }

  /** ln[(α+T)^-(r+x) (β+T)^-s]: the customer is still alive at T. */
  private double logAliveTerm(double x, double t) {
    return -(r + x) * Math.log(alpha + t) - s * Math.log(beta + t);
  }

  /** ln[s/(r+s+x) A0]: the customer died between t_x and T. */
  private double logDeadTerm(double x, double tx, double t) {
    if (tx == t) {
      return Double.NEGATIVE_INFINITY;
    }
    double fromTx = logA0Part(x, tx);
    double fromT = logA0Part(x, t);
    if (fromT >= fromTx) {
      return Double.NEGATIVE_INFINITY; // t_x and T equal up to rounding: no time to die in
    }
    return Math.log(s) - Math.log(r + s + x) + logDiffExp(fromTx, fromT);
  }

  /** ln[2F1(r+s+x, ·; r+s+x+1; |α-β|/(max+τ)) / (max+τ)^(r+s+x)], the branch chosen by α vs β. */
  private double logA0Part(double x, double tau) {
    double rsx = r + s + x;
    boolean alphaLarger = alpha >= beta;
    double larger = alphaLarger ? alpha : beta;
    double second = alphaLarger ? s + 1 : r + x;
    double z = Math.abs(alpha - beta) / (larger + tau);
    return logHyp2f1(rsx, second, rsx + 1, z) - rsx * Math.log(larger + tau);
  }

  /**
   * P(alive | x, t_x, T) = (α+T)^-(r+x) (β+T)^-s / [(α+T)^-(r+x) (β+T)^-s + s/(r+s+x) A0].
   */
  @Override
  public double probabilityAlive(double x, double tx, double t) {
    double alive = logAliveTerm(x, t);
    return Math.exp(alive - logSumExp(alive, logDeadTerm(x, tx, t)));
  }

  /**
   * E[Y(h) | x, t_x, T] = (r+x)(β+T) / ((α+T)(s-1)) [1 - ((β+T)/(β+T+h))^(s-1)] P(alive | x, t_x,
   * T), with the s → 1 limit (r+x)(β+T)/(α+T) ln((β+T+h)/(β+T)) P(alive).
   */
  @Override
  public double expectedPurchases(double horizon, double x, double tx, double t) {
    return (r + x) / (alpha + t) * (beta + t) * survivalIntegral(horizon / (beta + t))
        * probabilityAlive(x, tx, t);
  }

  /**
   * P(no purchase in the h time units after T | x, t_x, T) = 1 - P(alive) ∫_0^h f(u) du, where f is
   * the density of a first purchase u after T made while still alive: given alive at T the rates'
   * posteriors are λ ~ Gamma(r+x, α+T) and μ ~ Gamma(s, β+T), independent, and E[λ e^-λu e^-μu] =
   * (r+x)/(α+T) ((α+T)/(α+T+u))^(r+x+1) ((β+T)/(β+T+u))^s. Unlike BG/NBD's, the Pareto/NBD form
   * has no closed expression short of Appell functions, so the one-dimensional integral is taken
   * numerically (commons-math3's Gauss-Legendre integrator; the tests check it against a
   * simulation of the posterior).
   */
  public double probabilityNoPurchases(double horizon, double x, double tx, double t) {
    if (horizon <= 0) {
      return 1;
    }
    double a1 = r + x;
    double b1 = alpha + t;
    double b2 = beta + t;
    UnivariateFunction firstPurchase = u -> a1 / b1 * Math.exp(-(a1 + 1) * Math.log1p(u / b1) - s * Math.log1p(u / b2));
    double bought = new IterativeLegendreGaussIntegrator(16, 1e-10, 1e-14)
        .integrate(10_000, firstPurchase, 0, horizon);
    return 1 - probabilityAlive(x, tx, t) * Math.min(1, bought);
  }

  /** E[X(h)] = r β / (α (s-1)) [1 - (β/(β+h))^(s-1)] for a customer just acquired. */
  @Override
  public double expectedPurchasesNewCustomer(double horizon) {
    return r / alpha * beta * survivalIntegral(horizon / beta);
  }

  /** [1 - (1+u)^-(s-1)] / (s-1), continuous through s = 1 (where it is ln(1+u)). */
  private double survivalIntegral(double u) {
    double l = Math.log1p(u);
    double v = (s - 1) * l;
    return Math.abs(v) < 1e-8 ? l * (1 - v / 2) : -Math.expm1(-v) / (s - 1);
  }
}
