package io.onecustomer.jobs.value;

import java.util.SplittableRandom;

/** Data simulated from the models with a fixed seed, for parameter-recovery tests. */
final class Simulate {
  private Simulate() {}

  /** Gamma(shape, rate) by Marsaglia and Tsang (shape &lt; 1 via the U^(1/shape) boost). */
  static double gamma(SplittableRandom rng, double shape, double rate) {
    if (shape < 1) {
      return gamma(rng, shape + 1, rate) * Math.pow(rng.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = normal(rng);
      double v = 1 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = rng.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v / rate;
      }
    }
  }

  private static double normal(SplittableRandom rng) {
    double u1 = 1 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  private static double exponential(SplittableRandom rng, double rate) {
    return -Math.log(1 - rng.nextDouble()) / rate;
  }

  /** Customers with T uniform in [minT, maxT] and purchases from a BG/NBD process. */
  static PurchaseSummaries bgNbd(BgNbd m, int customers, double minT, double maxT, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[customers];
    double[] tx = new double[customers];
    double[] t = new double[customers];
    for (int i = 0; i < customers; i++) {
      t[i] = minT + (maxT - minT) * rng.nextDouble();
      double lambda = gamma(rng, m.r(), m.alpha());
      double g1 = gamma(rng, m.a(), 1);
      double p = g1 / (g1 + gamma(rng, m.b(), 1));
      double now = 0;
      while (true) {
        now += exponential(rng, lambda);
        if (now > t[i]) {
          break;
        }
        x[i]++;
        tx[i] = now;
        if (rng.nextDouble() < p) {
          break;
        }
      }
    }
    return PurchaseSummaries.of(x, tx, t);
  }

  /** Customers with T uniform in [minT, maxT] and purchases from a Pareto/NBD process. */
  static PurchaseSummaries paretoNbd(ParetoNbd m, int customers, double minT, double maxT, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[customers];
    double[] tx = new double[customers];
    double[] t = new double[customers];
    for (int i = 0; i < customers; i++) {
      t[i] = minT + (maxT - minT) * rng.nextDouble();
      double lambda = gamma(rng, m.r(), m.alpha());
      double lifetime = exponential(rng, gamma(rng, m.s(), m.beta()));
      double end = Math.min(lifetime, t[i]);
      double now = 0;
      while (true) {
        now += exponential(rng, lambda);
        if (now > end) {
          break;
        }
        x[i]++;
        tx[i] = now;
      }
    }
    return PurchaseSummaries.of(x, tx, t);
  }

  /** Customers with 1..maxX repeat purchases whose values follow the Gamma-Gamma model. */
  static SpendSummaries gammaGamma(GammaGamma m, int customers, int maxX, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    double[] x = new double[customers];
    double[] z = new double[customers];
    for (int i = 0; i < customers; i++) {
      x[i] = 1 + rng.nextInt(maxX);
      double nu = gamma(rng, m.q(), m.gamma());
      z[i] = gamma(rng, m.p() * x[i], nu * x[i]); // mean of x Gamma(p, nu) values
    }
    return SpendSummaries.of(x, z);
  }
}
