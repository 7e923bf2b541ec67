package io.onecustomer.generator;

/**
 * Stateless hashing and bijective permutations. Everything random in the generator is derived from
 * these functions of (seed, person, day, stream), which is what makes days independent of each other
 * and the output independent of the thread count.
 */
final class Hash {
    private Hash() {}

    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** SplitMix64 / Stafford variant 13 finalizer: a bijection on 64-bit values. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Murmur3 fmix32: a bijection on 32-bit values. */
    static int mix32(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        h ^= h >>> 16;
        return h;
    }

    /** A key for one random stream: mixes seed and stream id. */
    static long streamKey(long seed, int stream) {
        return mix(seed * GOLDEN + 0x632BE59BD9B4E019L * (stream + 1));
    }

    /** Hash of (stream key, a, b): e.g. (person, day). */
    static long of(long streamKey, long a, long b) {
        return mix(streamKey + mix(a * GOLDEN + 0x7F4A7C159E3779B9L) + b * 0xC2B2AE3D27D4EB4FL);
    }

    static long of(long streamKey, long a) {
        return mix(streamKey + a * GOLDEN);
    }

    /** Uniform double in [0, 1) from the top 53 bits. */
    static double unit(long h) {
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Uniform int in [0, n) from a hash (n small). */
    static int below(long h, int n) {
        return (int) (((h >>> 32) * n) >>> 32);
    }

    /**
     * An affine bijection x -> (a*x + b) mod m on [0, m), with a and b derived from a key and a coprime
     * with m. Used to give every person unique, non-sequential ids in a fixed number of digits.
     */
    static final class Affine {
        final long m;
        final long a;
        final long b;

        Affine(long m, long key) {
            if (m < 3 || m > 7_100_000_000L) {
                throw new IllegalArgumentException("modulus out of range: " + m);
            }
            this.m = m;
            long limit = Math.min(m, 1_300_000_000L); // a*x + b must stay below 2^63 for x < m
            long cand = 2 + Math.floorMod(mix(key), limit - 2);
            while (gcd(cand, m) != 1) {
                cand = cand + 1 >= limit ? 2 : cand + 1;
            }
            this.a = cand;
            this.b = Math.floorMod(mix(key ^ 0x5DEECE66DL), m);
        }

        long apply(long x) {
            return (a * x + b) % m;
        }

        static long gcd(long x, long y) {
            while (y != 0) {
                long t = x % y;
                x = y;
                y = t;
            }
            return x;
        }
    }
}
