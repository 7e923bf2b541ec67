package io.onecustomer.jobs.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** BG/NBD formulas on hand-checkable cases and simulated data. */
class BgNbdTest {
  /** The published CDNOW estimates (FHL 2005). */
  private static final BgNbd CDNOW = new BgNbd(0.2426, 4.4137, 0.7930, 2.4262);

  @Test
  void customerWithoutRepeatPurchasesIsAlive() {
    assertEquals(1, CDNOW.probabilityAlive(0, 0, 38.86), 0);
    assertEquals(1, CDNOW.probabilityAlive(0, 0, 0), 0);
  }

  @Test
  void pAliveFallsWithTimeSinceLastPurchase() {
    double recent = CDNOW.probabilityAlive(3, 30, 31);
    double lapsed = CDNOW.probabilityAlive(3, 5, 31);
    assertTrue(lapsed < recent && recent < 1, lapsed + " < " + recent);
  }

  @Test
  void logLikelihoodMatchesHandFormula() {
    // x = 0: only the "still alive" term, ln L = r ln(α/(α+T)).
    BgNbd m = new BgNbd(0.5, 2, 1.5, 3);
    assertEquals(0.5 * Math.log(2 / 12.0), m.logLikelihood(0, 0, 10), 1e-14);
    // x = 1, t_x = 4, T = 10: L = Γ(1.5)/Γ(0.5) · 2^0.5 · [B(1.5,4)/B(1.5,3) 12^-1.5 + B(2.5,3)/B(1.5,3) 6^-1.5],
    // Γ(1.5)/Γ(0.5) = 1/2, B(1.5,4)/B(1.5,3) = 3/4.5, B(2.5,3)/B(1.5,3) = 1.5/4.5.
    double l = 0.5 * Math.sqrt(2) * (3 / 4.5 * Math.pow(12, -1.5) + 1.5 / 4.5 * Math.pow(6, -1.5));
    assertEquals(Math.log(l), m.logLikelihood(1, 4, 10), 1e-14);
  }

  @Test
  void weightedRowsGiveTheSameLogLikelihoodAsRepeatedRows() {
    PurchaseSummaries repeated = PurchaseSummaries.of(
        new double[] {0, 0, 0, 2, 2, 5}, new double[] {0, 0, 0, 10, 10, 20}, new double[] {30, 30, 25, 30, 30, 30});
    PurchaseSummaries weighted = new PurchaseSummaries(
        new double[] {0, 0, 2, 5}, new double[] {0, 0, 10, 20}, new double[] {30, 25, 30, 30}, new double[] {2, 1, 2, 1});
    assertEquals(CDNOW.logLikelihood(repeated), CDNOW.logLikelihood(weighted), 1e-12);
  }

  @Test
  void purchaseCountDistributionSumsToOneAndHasTheClosedFormMean() {
    double t = 52;
    double total = 0;
    double mean = 0;
    for (int n = 0; n <= 600; n++) {
      double p = CDNOW.probabilityOfPurchases(n, t);
      total += p;
      mean += n * p;
    }
    assertEquals(1, total, 1e-9);
    assertEquals(CDNOW.expectedPurchasesNewCustomer(t), mean, 1e-6);
    assertEquals(Math.pow(CDNOW.alpha() / (CDNOW.alpha() + 39), CDNOW.r()), CDNOW.probabilityOfPurchases(0, 39), 1e-15);
  }

  @Test
  void newCustomerIsTheConditionalCaseWithNoHistory() {
    for (double t : new double[] {1, 13, 52, 104}) {
      assertEquals(CDNOW.expectedPurchasesNewCustomer(t), CDNOW.expectedPurchases(t, 0, 0, 0), 1e-12);
    }
    assertEquals(0, CDNOW.expectedPurchases(0, 3, 10, 20), 0);
  }

  @Test
  void conditionalExpectationGrowsWithHorizonAndFrequency() {
    double e13 = CDNOW.expectedPurchases(13, 4, 30, 31);
    double e52 = CDNOW.expectedPurchases(52, 4, 30, 31);
    double frequent = CDNOW.expectedPurchases(52, 10, 30, 31);
    assertTrue(0 < e13 && e13 < e52 && e52 < frequent, e13 + " < " + e52 + " < " + frequent);
  }

  @Test
  void fitRecoversParametersOfSimulatedCustomers() {
    BgNbd truth = new BgNbd(0.5, 6, 0.8, 2.5);
    PurchaseSummaries data = Simulate.bgNbd(truth, 4000, 26, 39, 42);
    FitResult fit = BgNbd.fit(data);
    assertTrue(fit.converged());
    double[] expected = {truth.r(), truth.alpha(), truth.a(), truth.b()};
    for (int i = 0; i < expected.length; i++) {
      String name = BgNbd.PARAMETERS.get(i);
      assertEquals(expected[i], fit.parameter(name), 3 * fit.standardError(name), name + " in " + fit.summary());
    }
  }

  @Test
  void rejectsNonPositiveParameters() {
    assertThrows(IllegalArgumentException.class, () -> new BgNbd(0, 1, 1, 1));
  }

  @Test
  void integralFormOfExpectedPurchasesAgreesWithEquation10() {
    // Where 2F1 is defined, eq. 10 and the integral over p | alive must agree; the parameters
    // include the short-history fit (a = 0.039, b = 0.83) that made 2F1's c negative for x = 0.
    for (BgNbd m : new BgNbd[] {CDNOW, new BgNbd(1.09, 8.74, 0.0389, 0.829), new BgNbd(0.95, 8.8, 0.24, 3.5)}) {
      for (double[] c : new double[][] {{1, 2, 10}, {3, 20, 26}, {12, 30.5, 31}, {1, 0.5, 40}}) {
        for (double h : new double[] {6.4, 13, 52}) {
          double eq10 = m.expectedPurchases(h, c[0], c[1], c[2]);
          double integral = m.probabilityAlive(c[0], c[1], c[2]) * m.expectedPurchasesWhileAlive(h, c[0], c[2]);
          assertEquals(eq10, integral, 1e-7 * Math.max(1, eq10), m + " x=" + c[0] + " h=" + h);
        }
      }
    }
  }

  @Test
  void expectedPurchasesOfOneTimeBuyersWhenAPlusBIsBelowOne() {
    // c = a + b + x - 1 < 0 for x = 0: finite, positive, rising with the horizon, below the
    // no-dropout bound (r/(α+T)) h.
    BgNbd m = new BgNbd(1.09, 8.74, 0.0389, 0.829);
    double e13 = m.expectedPurchases(13, 0, 0, 10);
    double e52 = m.expectedPurchases(52, 0, 0, 10);
    assertTrue(e13 > 0 && e13 < e52 && e52 < 1.09 / 18.74 * 52, e13 + " " + e52);
    assertTrue(m.expectedPurchasesNewCustomer(52) > 0);
    assertEquals(m.expectedPurchasesWhileAlive(52, 0, 0), m.expectedPurchasesNewCustomer(52), 0);
  }

  @Test
  void probabilityOfNoPurchaseCombinesDropoutAndPoisson() {
    BgNbd m = new BgNbd(0.5, 2, 1.5, 3);
    // x = 0: alive for sure, so ((α+T)/(α+T+h))^r.
    assertEquals(Math.pow(12.0 / 22, 0.5), m.probabilityNoPurchases(10, 0, 0, 10), 1e-12);
    // x = 2, t_x = 4, T = 10: 1 - P(alive) + P(alive) (12/22)^2.5.
    double alive = m.probabilityAlive(2, 4, 10);
    assertEquals(1 - alive + alive * Math.pow(12.0 / 22, 2.5), m.probabilityNoPurchases(10, 2, 4, 10), 1e-12);
    assertEquals(1, m.probabilityNoPurchases(0, 2, 4, 10), 1e-12);
  }
}
