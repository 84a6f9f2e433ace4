package dev.autodiff.engine.sweeps;

import dev.autodiff.engine.Scratch;

/**
 * The value and tangent arrays of one directional derivative's pass of dual numbers, indexed by node;
 * a compiled function reuses them across calls ({@link dev.autodiff.engine.Scratch}).
 */
public final class DualArrays {
    public final double[] value;
    public final double[] tangent;

    public DualArrays(int size) {
        value = new double[size];
        tangent = new double[size];
    }
}
