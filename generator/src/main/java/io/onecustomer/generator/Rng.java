package io.onecustomer.generator;

/**
 * A reusable SplitMix64 stream (the algorithm behind {@link java.util.SplittableRandom}) that can be
 * re-seeded without allocating, so a thread can walk millions of (person, day) streams cheaply.
 */
final class Rng {
    private long state;

    Rng() {}

    Rng(long seed) {
        reseed(seed);
    }

    Rng reseed(long seed) {
        this.state = Hash.mix(seed);
        return this;
    }

    long nextLong() {
        state += Hash.GOLDEN;
        return Hash.mix(state);
    }

    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Uniform int in [0, n). */
    int nextInt(int n) {
        return (int) (((nextLong() >>> 33) * n) >>> 31);
    }

    /** Uniform int in [lo, hi] inclusive. */
    int between(int lo, int hi) {
        return lo + nextInt(hi - lo + 1);
    }

    /** Index drawn from cumulative weights (last element is the total). */
    int pick(double[] cumulative) {
        double u = nextDouble() * cumulative[cumulative.length - 1];
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    static double[] cumulative(double... weights) {
        double[] c = new double[weights.length];
        double s = 0;
        for (int i = 0; i < weights.length; i++) {
            s += weights[i];
            c[i] = s;
        }
        return c;
    }
}
