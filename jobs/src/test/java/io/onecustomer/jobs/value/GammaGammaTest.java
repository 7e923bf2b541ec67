package io.onecustomer.jobs.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GammaGammaTest {
  /** The published CDNOW estimates (Fader and Hardie 2013). */
  private static final GammaGamma CDNOW = new GammaGamma(6.25, 3.74, 15.44);

  @Test
  void densityOfTheMeanValueIntegratesToOne() {
    for (double x : new double[] {1, 3, 12}) {
      // ∫ f(z) dz over (0, 2000] by the midpoint rule on a log grid (z = e^u, dz = z du).
      double total = 0;
      int n = 200_000;
      double lo = Math.log(1e-6);
      double hi = Math.log(2000);
      double du = (hi - lo) / n;
      for (int i = 0; i < n; i++) {
        double z = Math.exp(lo + (i + 0.5) * du);
        total += Math.exp(CDNOW.logLikelihood(x, z)) * z * du;
      }
      assertEquals(1, total, 1e-4, "x=" + x); // the tail above 2000 holds about 1e-5
    }
  }

  @Test
  void conditionalAverageValueShrinksTowardsThePopulationMean() {
    double population = 6.25 * 15.44 / 2.74;
    assertEquals(population, CDNOW.populationMeanValue(), 1e-12);
    assertEquals(population, CDNOW.conditionalExpectedAverageValue(0, 0), 1e-12);
    double zbar = 100;
    double x = 4;
    double weight = 6.25 * x / (6.25 * x + 2.74);
    assertEquals((1 - weight) * population + weight * zbar, CDNOW.conditionalExpectedAverageValue(x, zbar), 1e-10);
    assertTrue(CDNOW.conditionalExpectedAverageValue(20, zbar) > CDNOW.conditionalExpectedAverageValue(2, zbar));
  }

  @Test
  void weightedRowsGiveTheSameLogLikelihoodAsRepeatedRows() {
    SpendSummaries repeated = SpendSummaries.of(new double[] {1, 1, 2, 5}, new double[] {20, 20, 35.5, 12});
    SpendSummaries weighted = new SpendSummaries(new double[] {1, 2, 5}, new double[] {20, 35.5, 12}, new double[] {2, 1, 1});
    assertEquals(CDNOW.logLikelihood(repeated), CDNOW.logLikelihood(weighted), 1e-12);
  }

  @Test
  void fitRecoversParametersOfSimulatedCustomers() {
    GammaGamma truth = new GammaGamma(4, 3, 20);
    SpendSummaries data = Simulate.gammaGamma(truth, 3000, 8, 44);
    FitResult fit = GammaGamma.fit(data);
    assertTrue(fit.converged());
    double[] expected = {truth.p(), truth.q(), truth.gamma()};
    for (int i = 0; i < expected.length; i++) {
      String name = GammaGamma.PARAMETERS.get(i);
      assertEquals(expected[i], fit.parameter(name), 3 * fit.standardError(name), name + " in " + fit.summary());
    }
  }

  @Test
  void meanValueIsUndefinedForQAtMostOne() {
    assertThrows(IllegalStateException.class, () -> new GammaGamma(2, 0.9, 10).populationMeanValue());
  }

  @Test
  void spendWithoutHeterogeneityStopsAtTheParameterBoundInsteadOfCrawlingOut() {
    // Every customer's purchases come from the same uniform 50..2050 (the synthetic benchmark's
    // spend): nothing varies between customers, and the likelihood keeps rising as q and gamma grow
    // together. The fit must stop (bounded search) and still give the population mean.
    java.util.Random rnd = new java.util.Random(3);
    int n = 5000;
    double[] x = new double[n];
    double[] z = new double[n];
    double[] w = new double[n];
    double total = 0;
    for (int i = 0; i < n; i++) {
      x[i] = 1 + rnd.nextInt(4);
      double sum = 0;
      for (int k = 0; k < x[i]; k++) {
        sum += 50 + 2000 * rnd.nextDouble();
      }
      z[i] = sum / x[i];
      w[i] = 1;
      total += z[i];
    }
    FitResult fit = GammaGamma.fit(new SpendSummaries(x, z, w));
    assertTrue(Math.log(fit.parameter("q")) <= MaximumLikelihood.MAX_ABS_LOG_PARAMETER + 1e-9, fit.summary());
    assertTrue(fit.iterations() < 60_000, "bounded search: " + fit.summary());
    assertTrue(fit.parameter("q") > 1e3, "q runs to the bound: " + fit.summary());
    double mean = GammaGamma.of(fit).populationMeanValue();
    assertEquals(total / n, mean, 0.03 * mean, fit.summary());
  }
}
