package io.onecustomer.jobs.value;

import static io.onecustomer.jobs.value.SpecialFunctions.logBeta;
import static io.onecustomer.jobs.value.SpecialFunctions.logGamma;
import static io.onecustomer.jobs.value.SpecialFunctions.logHyp2f1;
import static io.onecustomer.jobs.value.SpecialFunctions.logSumExp;

import java.util.List;

/**
 * The BG/NBD model (Fader, Hardie and Lee 2005, "Counting Your Customers the Easy Way"): while
 * active a customer buys as a Poisson process with rate λ ~ Gamma(r, α) (shape r, rate α); after
 * each purchase they drop out with probability p ~ Beta(a, b).
 *
 * <p>Log-likelihood of one customer with x repeat purchases, last at t_x, observed until T:
 * <pre>
 *   ln L = ln Γ(r+x) - ln Γ(r) + r ln α + ln B(a, b+x) - ln B(a, b)
 *        + ln[ (α+T)^-(r+x) + δ(x&gt;0) a/(b+x-1) (α+t_x)^-(r+x) ]
 * </pre>
 * evaluated in log space. Parameters are estimated by {@link MaximumLikelihood} (log-parameters,
 * Nelder-Mead, Newton polish). Formulas assume a ≠ 1 where the expectations divide by a - 1.
 *
 * @param r shape of the purchase-rate gamma
 * @param alpha rate (inverse scale) of the purchase-rate gamma, in the data's time unit
 * @param a first shape of the dropout-probability beta
 * @param b second shape of the dropout-probability beta
 */
public record BgNbd(double r, double alpha, double a, double b) implements PurchaseModel {
  public static final String MODEL = "bg_nbd";
  public static final List<String> PARAMETERS = List.of("r", "alpha", "a", "b");

  public BgNbd {
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) {
      throw new IllegalArgumentException("BG/NBD parameters must be > 0, got r=" + r + " alpha=" + alpha + " a=" + a
          + " b=" + b);
    }
  }

  /** The model with a fit's estimates. */
  public static BgNbd of(FitResult fit) {
    return new BgNbd(fit.parameter("r"), fit.parameter("alpha"), fit.parameter("a"), fit.parameter("b"));
  }

  /** Maximum-likelihood fit on weighted summaries. */
  public static FitResult fit(PurchaseSummaries data) {
    if (data.size() == 0) {
      throw new IllegalArgumentException("no summary rows to fit " + MODEL + " on");
    }
    return MaximumLikelihood.fit(MODEL, PARAMETERS,
        p -> new BgNbd(p[0], p[1], p[2], p[3]).logLikelihood(data), new double[] {1, 1, 1, 1});
  }

  @Override
  public String name() {
    return MODEL;
  }

  @Override
  public double logLikelihood(double x, double tx, double t) {
    double common = logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + logBeta(a, b + x) - logBeta(a, b);
    double stays = -(r + x) * Math.log(alpha + t);
    double dropped = x > 0 ? Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx)
        : Double.NEGATIVE_INFINITY;
    return common + logSumExp(stays, dropped);
  }

  /** P(alive | x, t_x, T) = 1 / (1 + δ(x&gt;0) a/(b+x-1) ((α+T)/(α+t_x))^(r+x)); 1 when x = 0. */
  @Override
  public double probabilityAlive(double x, double tx, double t) {
    if (x == 0) {
      return 1;
    }
    double logOdds = Math.log(a) - Math.log(b + x - 1) + (r + x) * (Math.log(alpha + t) - Math.log(alpha + tx));
    return 1 / (1 + Math.exp(logOdds));
  }

  /**
   * E[Y(h) | x, t_x, T] = (a+b+x-1)/(a-1) [1 - ((α+T)/(α+T+h))^(r+x) 2F1(r+x, b+x; a+b+x-1;
   * h/(α+T+h))] P(alive | x, t_x, T) (FHL 2005, eq. 10).
   */
  @Override
  public double expectedPurchases(double horizon, double x, double tx, double t) {
    if (horizon == 0) {
      return 0;
    }
    double z = horizon / (alpha + t + horizon);
    double logProduct = (r + x) * Math.log((alpha + t) / (alpha + t + horizon))
        + logHyp2f1(r + x, b + x, a + b + x - 1, z);
    return (a + b + x - 1) / (a - 1) * -Math.expm1(logProduct) * probabilityAlive(x, tx, t);
  }

  /**
   * E[X(h)] = (a+b-1)/(a-1) [1 - (α/(α+h))^r 2F1(r, b; a+b-1; h/(α+h))] for a customer who has
   * just made their first purchase (FHL 2005, eq. 9).
   */
  @Override
  public double expectedPurchasesNewCustomer(double horizon) {
    if (horizon == 0) {
      return 0;
    }
    double logProduct = r * Math.log(alpha / (alpha + horizon))
        + logHyp2f1(r, b, a + b - 1, horizon / (alpha + horizon));
    return (a + b - 1) / (a - 1) * -Math.expm1(logProduct);
  }

  /**
   * P(X(h) = n): probability that a new customer makes exactly n purchases in the h time units
   * after their first (FHL 2005, eq. 8). For n = 0 this is (α/(α+h))^r.
   */
  public double probabilityOfPurchases(int n, double horizon) {
    if (n < 0) {
      throw new IllegalArgumentException("n must be >= 0, got " + n);
    }
    double logStay = r * Math.log(alpha / (alpha + horizon));
    double logRatio = Math.log(horizon / (alpha + horizon));
    double nbd = logGamma(r + n) - logGamma(r) - logGamma(n + 1.0) + logStay + (n > 0 ? n * logRatio : 0);
    double p = Math.exp(logBeta(a, b + n) - logBeta(a, b) + nbd);
    if (n > 0) {
      double below = 0; // P(NBD count < n)
      for (int j = 0; j < n; j++) {
        below += Math.exp(logGamma(r + j) - logGamma(r) - logGamma(j + 1.0) + logStay + (j > 0 ? j * logRatio : 0));
      }
      p += Math.exp(logBeta(a + 1, b + n - 1) - logBeta(a, b)) * Math.max(0, 1 - below);
    }
    return p;
  }
}
