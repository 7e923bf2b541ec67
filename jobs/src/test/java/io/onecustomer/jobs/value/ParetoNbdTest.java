package io.onecustomer.jobs.value;

import static org.apache.commons.math3.special.Gamma.logGamma;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Pareto/NBD: the 2F1 form of the likelihood against its integral, both α/β branches, limits. */
class ParetoNbdTest {
  /** The published CDNOW estimates (Fader and Hardie 2005). */
  private static final ParetoNbd CDNOW = new ParetoNbd(0.553, 10.578, 0.606, 11.669);

  /**
   * The likelihood from its definition: Γ(r+x)α^r β^s/Γ(r) [(α+T)^-(r+x) (β+T)^-s + s ∫_{t_x}^{T}
   * (α+τ)^-(r+x) (β+τ)^-(s+1) dτ], the integral by composite Simpson, in log space.
   */
  private static double integratedLogLikelihood(ParetoNbd m, double x, double tx, double t) {
    int n = 20_000;
    double h = (t - tx) / n;
    double logAtTx = logIntegrand(m, x, tx); // the integrand's largest value; factored out against underflow
    double integral = 0;
    for (int i = 0; i <= n; i++) {
      double f = Math.exp(logIntegrand(m, x, tx + i * h) - logAtTx);
      integral += f * (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2);
    }
    double logDead = Math.log(m.s()) + logAtTx + Math.log(integral * h / 3);
    double logAlive = -(m.r() + x) * Math.log(m.alpha() + t) - m.s() * Math.log(m.beta() + t);
    return logGamma(m.r() + x) - logGamma(m.r()) + m.r() * Math.log(m.alpha()) + m.s() * Math.log(m.beta())
        + SpecialFunctions.logSumExp(logAlive, logDead);
  }

  private static double logIntegrand(ParetoNbd m, double x, double tau) {
    return -(m.r() + x) * Math.log(m.alpha() + tau) - (m.s() + 1) * Math.log(m.beta() + tau);
  }

  @Test
  void hypergeometricLikelihoodEqualsTheIntegralInBothBranches() {
    ParetoNbd[] models = {CDNOW, new ParetoNbd(0.553, 10.578, 0.606, 3.2), new ParetoNbd(1.3, 2.0, 2.5, 40),
        new ParetoNbd(0.8, 5, 0.7, 5)};
    double[][] customers = {{0, 0, 38.86}, {1, 2.5, 30}, {2, 30.43, 38.86}, {7, 29.43, 35.71}, {26, 30.857, 31}};
    for (ParetoNbd m : models) {
      for (double[] c : customers) {
        assertEquals(integratedLogLikelihood(m, c[0], c[1], c[2]), m.logLikelihood(c[0], c[1], c[2]), 1e-9,
            m + " x=" + c[0] + " t_x=" + c[1] + " T=" + c[2]);
      }
    }
  }

  @Test
  void likelihoodIsContinuousWhereTheBranchChanges() {
    ParetoNbd below = new ParetoNbd(0.6, 10 - 1e-9, 0.6, 10);
    ParetoNbd above = new ParetoNbd(0.6, 10 + 1e-9, 0.6, 10);
    assertEquals(below.logLikelihood(3, 20, 38), above.logLikelihood(3, 20, 38), 1e-8);
  }

  @Test
  void largeFrequenciesStayFinite() {
    double ll = CDNOW.logLikelihood(500, 51.5, 52);
    assertTrue(Double.isFinite(ll), "ll=" + ll);
    assertEquals(integratedLogLikelihood(CDNOW, 500, 51.5, 52), ll, 1e-8);
  }

  @Test
  void pAliveIsOneWithoutTimeToDie() {
    assertEquals(1, CDNOW.probabilityAlive(0, 0, 0), 1e-15);
    assertEquals(1, CDNOW.probabilityAlive(4, 20, 20), 1e-15);
    double p = CDNOW.probabilityAlive(4, 10, 38);
    assertTrue(p > 0 && p < 1, "p=" + p);
  }

  @Test
  void expectationsAreContinuousAtSEqualsOne() {
    ParetoNbd at = new ParetoNbd(0.5, 10, 1, 12);
    ParetoNbd near = new ParetoNbd(0.5, 10, 1 + 1e-6, 12);
    assertEquals(at.expectedPurchasesNewCustomer(52), near.expectedPurchasesNewCustomer(52), 1e-6);
    assertEquals(0.5 / 10 * 12 * Math.log1p(52 / 12.0), at.expectedPurchasesNewCustomer(52), 1e-12);
    assertEquals(at.expectedPurchases(39, 2, 20, 30), near.expectedPurchases(39, 2, 20, 30), 1e-6);
  }

  @Test
  void newCustomerIsTheConditionalCaseWithNoHistory() {
    assertEquals(CDNOW.expectedPurchasesNewCustomer(52), CDNOW.expectedPurchases(52, 0, 0, 0), 1e-12);
  }

  @Test
  void fitRecoversParametersOfSimulatedCustomers() {
    ParetoNbd truth = new ParetoNbd(0.6, 8, 0.8, 12);
    PurchaseSummaries data = Simulate.paretoNbd(truth, 4000, 26, 39, 43);
    FitResult fit = ParetoNbd.fit(data);
    assertTrue(fit.converged());
    double[] expected = {truth.r(), truth.alpha(), truth.s(), truth.beta()};
    for (int i = 0; i < expected.length; i++) {
      String name = ParetoNbd.PARAMETERS.get(i);
      assertEquals(expected[i], fit.parameter(name), 3 * fit.standardError(name), name + " in " + fit.summary());
    }
  }
  /**
   * P(no purchase in h | x, t_x, T) against an estimate from the individual-level model alone, by
   * importance sampling of (λ, μ): the likelihood of the history given the rates is λ^x e^-(λ+μ)T
   * (alive at T) plus λ^x μ/(λ+μ) (e^-(λ+μ)t_x - e^-(λ+μ)T) (dropped out after the last purchase); a
   * customer alive at T makes no purchase in h with probability μ/(λ+μ) + λ/(λ+μ) e^-(λ+μ)h, one who
   * dropped out with probability 1. No posterior algebra is shared with the model's integral.
   */
  @Test
  void probabilityOfNoPurchaseAgreesWithSamplingTheRates() {
    double[][] customers = {{0, 0, 30}, {1, 2.5, 30}, {2, 20, 38}, {7, 29.43, 35.71}, {3, 5, 38}};
    for (ParetoNbd m : new ParetoNbd[] {CDNOW, new ParetoNbd(1.3, 2.0, 2.5, 40)}) {
      for (double[] c : customers) {
        double sampled = sampledNoPurchase(m, c[0], c[1], c[2], 39, 400_000);
        double p = m.probabilityNoPurchases(39, c[0], c[1], c[2]);
        assertEquals(sampled, p, 0.005, m + " x=" + c[0] + " t_x=" + c[1] + " T=" + c[2]);
      }
    }
    assertEquals(1.0, CDNOW.probabilityNoPurchases(0, 2, 20, 38), 1e-12);
    assertTrue(CDNOW.probabilityNoPurchases(10, 2, 20, 38) > CDNOW.probabilityNoPurchases(39, 2, 20, 38));
  }

  private static double sampledNoPurchase(ParetoNbd m, double x, double tx, double t, double h, int n) {
    var rng = new org.apache.commons.math3.random.Well19937c(11);
    // Proposals near where the likelihood lives; the weights correct for them against the priors.
    var qLambda = new org.apache.commons.math3.distribution.GammaDistribution(rng, m.r() + x, 1 / (m.alpha() + t));
    var qMu = new org.apache.commons.math3.distribution.GammaDistribution(rng, m.s(), 1 / (m.beta() + tx));
    var pLambda = new org.apache.commons.math3.distribution.GammaDistribution(m.r(), 1 / m.alpha());
    var pMu = new org.apache.commons.math3.distribution.GammaDistribution(m.s(), 1 / m.beta());
    double num = 0;
    double den = 0;
    for (int i = 0; i < n; i++) {
      double lambda = qLambda.sample();
      double mu = qMu.sample();
      double w = Math.exp(pLambda.logDensity(lambda) + pMu.logDensity(mu) - qLambda.logDensity(lambda)
          - qMu.logDensity(mu) + x * Math.log(lambda));
      double k = lambda + mu;
      double alive = Math.exp(-k * t);
      double dead = mu / k * (Math.exp(-k * tx) - Math.exp(-k * t));
      num += w * (alive * (mu / k + lambda / k * Math.exp(-k * h)) + dead);
      den += w * (alive + dead);
    }
    return num / den;
  }
}
