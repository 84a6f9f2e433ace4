package dev.autodiff.bench;

import java.util.SplittableRandom;

/** Fixed-seed random numbers, so every run measures the same inputs. */
final class Seeded {
    private Seeded() {}

    /** {@return n numbers drawn uniformly from [lo, hi) with the given seed} */
    static double[] uniform(int n, double lo, double hi, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo + (hi - lo) * random.nextDouble();
        }
        return out;
    }
}
