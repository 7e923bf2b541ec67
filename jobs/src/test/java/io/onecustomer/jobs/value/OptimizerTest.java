package io.onecustomer.jobs.value;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OptimizerTest {

  @Test
  void findsRosenbrockMinimumFromTheClassicStart() {
    Optimizer.Minimum m = Optimizer.minimize(
        v -> 100 * Math.pow(v[1] - v[0] * v[0], 2) + Math.pow(1 - v[0], 2), new double[] {-1.2, 1}, 1);
    assertTrue(m.converged());
    assertEquals(1, m.x()[0], 1e-5);
    assertEquals(1, m.x()[1], 1e-5);
    assertEquals(0, m.value(), 1e-10);
  }

  @Test
  void treatsUndefinedRegionsAsInfinite() {
    // Minimum at 2 of a function that is NaN for x < 1 and throws for x > 10.
    Optimizer.Minimum m = Optimizer.minimize(v -> {
      if (v[0] > 10) {
        throw new ArithmeticException("undefined");
      }
      return Math.sqrt(v[0] - 1) - Math.log(v[0]) + (v[0] - 2) * (v[0] - 2);
    }, new double[] {5}, 3);
    assertTrue(m.converged());
    assertEquals(2, m.x()[0], 1e-6); // f'(2) = 1/2 - 1/2 + 0
    assertEquals(1 - Math.log(2), m.value(), 1e-12);
  }

  @Test
  void hessianInverseOfQuadraticIsTheCovariance() {
    // f = 1/2 v' A v with A = [[4, 1], [1, 3]]: Hessian A, inverse 1/11 [[3, -1], [-1, 4]].
    double[][] h = Optimizer.hessian(v -> 0.5 * (4 * v[0] * v[0] + 2 * v[0] * v[1] + 3 * v[1] * v[1]),
        new double[] {0.3, -0.2});
    double[][] inv = Optimizer.inverseSpd(h);
    assertEquals(3 / 11.0, inv[0][0], 1e-7);
    assertEquals(-1 / 11.0, inv[0][1], 1e-7);
    assertEquals(4 / 11.0, inv[1][1], 1e-7);
    assertNull(Optimizer.inverseSpd(new double[][] {{1, 2}, {2, 1}}), "indefinite matrix");
  }
}
