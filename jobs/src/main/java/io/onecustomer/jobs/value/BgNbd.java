package io.onecustomer.jobs.value;

import static io.onecustomer.jobs.value.SpecialFunctions.logHyp2f1;
import static io.onecustomer.jobs.value.SpecialFunctions.logSumExp;
import static org.apache.commons.math3.special.Beta.logBeta;
import static org.apache.commons.math3.special.Gamma.logGamma;

import java.util.List;
import java.util.function.DoubleUnaryOperator;

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
    if (a + b + x - 1 <= 0) {
      // 2F1 with a non-positive third argument (x = 0 and a + b < 1, seen on short histories).
      return probabilityAlive(x, tx, t) * expectedPurchasesWhileAlive(horizon, x, t);
    }
    double z = horizon / (alpha + t + horizon);
    double logProduct = (r + x) * Math.log((alpha + t) / (alpha + t + horizon))
        + logHyp2f1(r + x, b + x, a + b + x - 1, z);
    return (a + b + x - 1) / (a - 1) * -Math.expm1(logProduct) * probabilityAlive(x, tx, t);
  }

  /**
   * E[Y(h) | alive, x, T] by integration instead of 2F1: given λ and p, an active customer makes
   * (1 - e^(-λ p h)) / p purchases in expectation over h (each purchase ends activity with
   * probability p); λ | alive ~ Gamma(r+x, α+T) turns e^(-λ p h) into (1 + p h/(α+T))^-(r+x), and
   * p | alive ~ Beta(a, b+x) is integrated numerically ({@link #betaExpectation}). Equal to eq. 10
   * divided by P(alive) wherever that is defined (tested to 1e-7).
   */
  double expectedPurchasesWhileAlive(double horizon, double x, double t) {
    double scaled = horizon / (alpha + t);
    double shape = r + x;
    return betaExpectation(p -> p < 1e-12 ? shape * scaled : -Math.expm1(-shape * Math.log1p(p * scaled)) / p,
        a, b + x);
  }

  /**
   * E[g(P)] for P ~ Beta(a, b) and a bounded smooth g, for any a, b &gt; 0: the integral is split at
   * 1/2 and each half substituted (u = p^a below, w = (1-p)^b above) so that the integrable
   * singularities of the density at 0 and 1 disappear, then composite Simpson with 4096 intervals
   * per half.
   */
  static double betaExpectation(DoubleUnaryOperator g, double a, double b) {
    int n = 4096;
    double lowerEnd = Math.pow(0.5, a);
    double upperEnd = Math.pow(0.5, b);
    double lower = simpson(u -> {
      double p = Math.pow(u, 1 / a);
      return g.applyAsDouble(p) * Math.pow(1 - p, b - 1);
    }, lowerEnd, n) / a;
    double upper = simpson(w -> {
      double q = Math.pow(w, 1 / b);
      return g.applyAsDouble(1 - q) * Math.pow(1 - q, a - 1);
    }, upperEnd, n) / b;
    return (lower + upper) * Math.exp(-logBeta(a, b));
  }

  private static double simpson(DoubleUnaryOperator f, double end, int n) {
    double h = end / n;
    double sum = f.applyAsDouble(0) + f.applyAsDouble(end);
    for (int i = 1; i < n; i++) {
      sum += (i % 2 == 1 ? 4 : 2) * f.applyAsDouble(i * h);
    }
    return sum * h / 3;
  }

  /**
   * P(no purchase in the h time units after T | x, t_x, T) = 1 - P(alive) + P(alive) ((α+T)/(α+T+h))^(r+x):
   * either the customer has dropped out, or they are alive with a purchase rate whose posterior is
   * Gamma(r+x, α+T) and the Poisson count over h is 0 (integrated over that posterior). Dropping
   * out during h needs a purchase first, so it does not add to the probability.
   */
  @Override
  public double probabilityNoPurchases(double horizon, double x, double tx, double t) {
    double alive = probabilityAlive(x, tx, t);
    return 1 - alive + alive * Math.exp((r + x) * (Math.log(alpha + t) - Math.log(alpha + t + horizon)));
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
    if (a + b - 1 <= 0) {
      return expectedPurchasesWhileAlive(horizon, 0, 0);
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
