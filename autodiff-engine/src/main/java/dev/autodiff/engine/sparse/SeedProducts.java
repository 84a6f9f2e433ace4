package dev.autodiff.engine.sparse;

import java.util.function.UnaryOperator;

/**
 * Products of a derivative operator (H, J or Jᵀ) with a block of seed vectors, each seed the sum of
 * one colour group's unit vectors. The plans ask for at most {@link Recovery#BLOCK} seeds at a time,
 * so a blocked product (several directions per sweep) can replace one product per seed without
 * changing the recovery.
 */
@FunctionalInterface
public interface SeedProducts {

    /** {@return one product per seed, in order: fresh arrays, or arrays the caller may keep} */
    double[][] multiply(double[][] seeds);

    /** {@return the products computed one seed at a time by {@code product}} */
    static SeedProducts each(UnaryOperator<double[]> product) {
        return seeds -> {
            double[][] out = new double[seeds.length][];
            for (int k = 0; k < seeds.length; k++) {
                out[k] = product.apply(seeds[k]);
            }
            return out;
        };
    }
}
