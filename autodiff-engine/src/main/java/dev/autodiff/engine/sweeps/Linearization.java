package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Partials;

/**
 * The values and local partial derivatives of every node of a program at one point, read from the
 * table of primitive rules ({@link Program#local}) in one pass.
 *
 * <p>They do not depend on the tangent direction, so a gradient computes them once and every chunk
 * of directions reuses them: a chunk then costs only the linear tangent arithmetic. Allocated per
 * call and sized by the program; never shared between threads.
 */
public final class Linearization {
    final Program program;
    final double[] value;
    /** Local partials of node i with respect to its operands a = left[i] and b = right[i]. */
    final double[] da;
    final double[] db;
    /** Second local partials; empty arrays unless built with {@code second}. */
    final double[] daa;
    final double[] dab;
    final double[] dbb;

    private Linearization(Program program, boolean second) {
        int n = program.size;
        int m = second ? n : 0;
        this.program = program;
        this.value = new double[n];
        this.da = new double[n];
        this.db = new double[n];
        this.daa = new double[m];
        this.dab = new double[m];
        this.dbb = new double[m];
    }

    /**
     * {@return the linearization of {@code program} at {@code point}}, whose length has been checked
     *
     * @param second whether to keep second partials too; a custom operation without a second
     *     derivative then throws {@link UnsupportedOperationException} naming it
     */
    public static Linearization at(Program program, double[] point, boolean second) {
        Linearization lin = new Linearization(program, second);
        double[] value = lin.value;
        System.arraycopy(point, 0, value, 0, program.inputCount);
        Partials p = new Partials();
        for (int i = program.inputCount; i < program.size; i++) {
            if (!program.isOperation(i)) {
                value[i] = program.param[i];
                continue;
            }
            program.local(i, value, p, second);
            value[i] = p.value;
            lin.da[i] = p.da;
            lin.db[i] = p.db;
            if (second) {
                lin.daa[i] = p.daa;
                lin.dab[i] = p.dab;
                lin.dbb[i] = p.dbb;
            }
        }
        return lin;
    }

    /**
     * {@return {@code d · t}, or 0 when the tangent {@code t} is exactly 0}
     *
     * <p>A zero tangent means the node does not move in that direction; skipping the product keeps
     * an infinite or NaN partial (sqrt at 0) from turning it into NaN, so a derivative with respect
     * to a variable the node does not depend on stays exact (ForwardDiff.jl's "NaN-safe" mode).
     */
    public static double times(double d, double t) {
        return Partials.times(t, d); // the strong zero of every sweep; products commute to the bit
    }

    /** {@return {@code d · s · t}, or 0 when any factor is exactly 0}; see {@link #times}. */
    public static double times(double d, double s, double t) {
        return d == 0 || s == 0 || t == 0 ? 0 : d * s * t;
    }
}
