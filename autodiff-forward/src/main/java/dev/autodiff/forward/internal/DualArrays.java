package dev.autodiff.forward.internal;

/**
 * The value and tangent arrays of one directional derivative's pass of dual numbers, indexed by node;
 * a compiled function reuses them across calls ({@link dev.autodiff.core.internal.Scratch}).
 */
final class DualArrays {
    final double[] value;
    final double[] tangent;

    DualArrays(int size) {
        value = new double[size];
        tangent = new double[size];
    }
}
