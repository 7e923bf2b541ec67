package io.onecustomer.jobs.value;

import static io.onecustomer.jobs.value.SpecialFunctions.hyp2f1;
import static io.onecustomer.jobs.value.SpecialFunctions.logHyp2f1;
import static org.apache.commons.math3.special.Beta.logBeta;
import static org.apache.commons.math3.special.Gamma.logGamma;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpecialFunctionsTest {

  // Log-gamma and log-beta are commons-math3's (Gamma.logGamma, Beta.logBeta) since the
  // hand-written Lanczos version was removed. These tests, written for it, now pin the accuracy the
  // likelihoods rely on at the call sites (BgNbd, ParetoNbd, GammaGamma) to the library.

  @Test
  void logGammaOfIntegersIsLogFactorial() {
    double logFactorial = 0; // ln((n-1)!)
    for (int n = 1; n <= 60; n++) {
      assertEquals(logFactorial, logGamma(n), 1e-13 * Math.max(1, logFactorial), "n=" + n);
      logFactorial += Math.log(n);
    }
  }

  @Test
  void logGammaOfHalfIntegersAndKnownValues() {
    assertEquals(0.5 * Math.log(Math.PI), logGamma(0.5), 1e-14);
    assertEquals(Math.log(Math.sqrt(Math.PI) / 2), logGamma(1.5), 1e-14);
    assertEquals(Math.log(3 * Math.sqrt(Math.PI) / 4), logGamma(2.5), 1e-14);
    assertEquals(359.1342053695753987760440, logGamma(100), 1e-11);
    assertEquals(Math.log(3.6256099082219083119), logGamma(1.0 / 4), 1e-14); // Γ(1/4)
  }

  @Test
  void logGammaSatisfiesRecurrence() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int i = 0; i < 1000; i++) {
      double x = Math.exp(-5 + 12 * rng.nextDouble()); // 0.007 .. 1100
      assertEquals(Math.log(x), logGamma(x + 1) - logGamma(x), 1e-12 * Math.max(1, Math.abs(logGamma(x))), "x=" + x);
    }
  }

  @Test
  void logBetaIsTheLogGammaCombinationAndStaysAccurateWhereItCancels() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int i = 0; i < 1000; i++) {
      double a = Math.exp(-4 + 8 * rng.nextDouble());
      double b = Math.exp(-4 + 8 * rng.nextDouble());
      double expected = logGamma(a) + logGamma(b) - logGamma(a + b);
      assertEquals(expected, logBeta(a, b), 1e-12 * Math.max(1, Math.abs(logGamma(a + b))), "a=" + a + " b=" + b);
    }
    // B(1, n) = 1/n; B(a, b + x) with x = 500 repeat purchases as in the BG/NBD likelihood.
    assertEquals(-Math.log(500.5), logBeta(1, 500.5), 1e-13);
  }

  @Test
  void hyp2f1OneOneTwoIsLogarithm() {
    for (double z : new double[] {-20, -5, -0.9, -0.3, -1e-3, 1e-3, 0.1, 0.5, 0.9, 0.99, 0.999}) {
      assertEquals(-Math.log1p(-z) / z, hyp2f1(1, 1, 2, z), 1e-14 * Math.abs(Math.log1p(-z) / z), "z=" + z);
    }
    assertEquals(1, hyp2f1(1, 1, 2, 0), 0);
  }

  @Test
  void hyp2f1ElementaryClosedForms() {
    for (double z : new double[] {-0.95, -0.4, 0.2, 0.7, 0.95}) {
      assertEquals(Math.pow(1 - z, -2.7), hyp2f1(2.7, 1.3, 1.3, z), 1e-13 * Math.pow(1 - z, -2.7), "z=" + z);
    }
    for (double y : new double[] {0.1, 0.5, 0.9, 0.99}) {
      assertEquals(Math.asin(y) / y, hyp2f1(0.5, 0.5, 1.5, y * y), 1e-13, "asin y=" + y);
      assertEquals(Math.atan(y) / y, hyp2f1(0.5, 1, 1.5, -y * y), 1e-13, "atan y=" + y);
    }
    // Terminating series: a = -2 is a polynomial of degree 2.
    double b = 1.7;
    double c = 3.2;
    double z = 0.8;
    assertEquals(1 - 2 * b * z / c + b * (b + 1) * z * z / (c * (c + 1)), hyp2f1(-2, b, c, z), 1e-15);
  }

  @Test
  void eulerTransformedSeriesAgreesWithDirectSummation() {
    // a + b > c takes the Euler branch; sum the plain series here to compare.
    double a = 2.5;
    double b = 1.7;
    double c = 3.1;
    double z = 0.6;
    double sum = 1;
    double term = 1;
    for (int k = 0; k < 400; k++) {
      term *= (a + k) * (b + k) / ((c + k) * (k + 1)) * z;
      sum += term;
    }
    assertEquals(sum, hyp2f1(a, b, c, z), 1e-13 * sum);
  }

  @Test
  void largeParametersDoNotOverflow() {
    // Terms of both series peak far above 1e308; compare direct and Euler-transformed in log space.
    double a = 1000;
    double b = 1000;
    double c = 2100;
    double z = 0.999;
    double direct = SpecialFunctions.logAbsHyp2f1(a, b, c, z)[0];
    double euler = (c - a - b) * Math.log1p(-z) + SpecialFunctions.logAbsHyp2f1(c - a, c - b, c, z)[0];
    assertEquals(euler, direct, 1e-10 * Math.abs(direct));
    assertEquals(true, direct > 709, "the value itself is beyond double range: ln = " + direct);
  }

  @Test
  void aHugeFirstParameterWithSmallZStaysPositive() {
    // The arguments a BG/NBD fit on two days of history produced (the night failed with "2F1(...)
    // is not positive"); Euler's transformation alternates there. References: mpmath 1.3.0,
    // log(hyp2f1(...)) at 40 digits.
    assertEquals(369.6452460043409523659837745770814637703,
        logHyp2f1(4.113878450688031E7, 1.0000000022352469, 0.3507092855479783, 8.869503901962895E-6), 1e-10);
    assertEquals(108.2973636402342007268991915750512726748, logHyp2f1(1e6, 2.5, 0.7, 1e-4), 1e-10);
  }

  @Test
  void logHyp2f1RejectsNonPositiveValuesAndBadArguments() {
    assertThrows(ArithmeticException.class, () -> logHyp2f1(-1, 3, 1, 0.5)); // 1 - 3z = -0.5
    assertThrows(IllegalArgumentException.class, () -> hyp2f1(1, 1, 2, 1));
    assertThrows(ArithmeticException.class, () -> hyp2f1(1, 1, 2, 1 - 1e-6), "series too slow this close to 1");
    assertThrows(IllegalArgumentException.class, () -> hyp2f1(1, 1, -2, 0.5));
  }

  @Test
  void logSumAndDiffExp() {
    assertEquals(Math.log(5), SpecialFunctions.logSumExp(Math.log(2), Math.log(3)), 1e-15);
    assertEquals(1000 + Math.log(2), SpecialFunctions.logSumExp(1000, 1000), 1e-12);
    assertEquals(-3, SpecialFunctions.logSumExp(-3, Double.NEGATIVE_INFINITY), 0);
    assertEquals(Math.log(1), SpecialFunctions.logDiffExp(Math.log(3), Math.log(2)), 1e-15);
    assertEquals(Double.NEGATIVE_INFINITY, SpecialFunctions.logDiffExp(7, 7), 0);
    assertEquals(Math.log(1e-10), SpecialFunctions.logDiffExp(0, -1e-10), 1e-9); // ln(1 - e^-1e-10)
  }
}
