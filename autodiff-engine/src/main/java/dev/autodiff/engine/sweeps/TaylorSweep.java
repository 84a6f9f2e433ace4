package dev.autodiff.engine.sweeps;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import java.util.List;
import java.util.Objects;

/**
 * Taylor mode over a compiled program: every node carries its truncated Taylor polynomial along a
 * line through the point (see {@link TaylorSeries} for the scaling that keeps high orders in range).
 */
public final class TaylorSweep {
    private TaylorSweep() {}

    /**
     * {@return f(at), f'(at), …, f^(order)(at)} for {@code f} a function of {@code x} alone
     *
     * @throws IllegalArgumentException for an order out of range (see {@link TaylorSeries}) or a
     *     variable other than {@code x}
     * @throws UnsupportedOperationException naming a custom operation that lacks the derivatives
     */
    public static double[] derivatives(Expr f, Variable x, double at, int order) {
        TaylorSeries.checkOrder(order);
        Program program = Program.compile(List.of(f), List.of(x));
        return TaylorSeries.of(program, new double[] {at}, new double[] {1}, order).derivatives();
    }

    /**
     * {@return the derivatives of {@code f} with respect to {@code vars.get(index)} to {@code order}
     * at {@code point}}, the other variables held at their coordinates
     *
     * @throws IllegalArgumentException as {@link #coefficients}, or for an index out of range
     */
    public static double[] derivatives(Expr f, List<Variable> vars, double[] point, int index, int order) {
        TaylorSeries.checkOrder(order);
        Program program = compile(f, vars, point);
        if (index < 0 || index >= vars.size()) {
            throw new IllegalArgumentException("expected a variable index below " + vars.size() + ", got " + index);
        }
        double[] direction = new double[vars.size()];
        direction[index] = 1;
        return TaylorSeries.of(program, point, direction, order).derivatives();
    }

    /**
     * {@return c_0 … c_order with {@code f(at + t·direction) = Σ c_k t^k}}
     *
     * @throws IllegalArgumentException for an order out of range, a variable {@code f} uses that is
     *     not in {@code vars} or one named twice, or a point or direction of the wrong length
     */
    public static double[] coefficients(Expr f, List<Variable> vars, double[] at, double[] direction, int order) {
        TaylorSeries.checkOrder(order);
        Program program = compile(f, vars, at);
        checkLength(direction, vars.size(), "direction");
        return TaylorSeries.of(program, at, direction, order).coefficients();
    }

    /** {@return {@code f} compiled over {@code vars}}, with the point's length checked */
    static Program compile(Expr f, List<Variable> vars, double[] point) {
        Objects.requireNonNull(f, "expected an expression, got null");
        Objects.requireNonNull(vars, "expected a list of variables, got null");
        Program program = Program.compile(List.of(f), vars);
        checkLength(point, vars.size(), "point");
        return program;
    }

    static void checkLength(double[] x, int n, String what) {
        Objects.requireNonNull(x, "expected a " + what + ", got null");
        if (x.length != n) {
            throw new IllegalArgumentException("expected a " + what + " of " + n + " coordinates (one per variable), got "
                    + x.length);
        }
    }
}
