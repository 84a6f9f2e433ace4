package dev.autodiff.engine.sweeps;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.TaylorRules;
import dev.autodiff.engine.Scratch;
import java.util.List;

/** Taylor mode over a program of one input: every node carries its truncated Taylor polynomial. */
public final class TaylorSweep {
    private TaylorSweep() {}

    /**
     * {@return f(at), f'(at), …, f^(order)(at)} for {@code f} a function of {@code x} alone
     *
     * @throws IllegalArgumentException for a negative order or a variable other than {@code x}
     * @throws UnsupportedOperationException naming a custom operation that lacks the derivatives
     */
    public static double[] derivatives(Expr f, Variable x, double at, int order) {
        if (order < 0) {
            throw new IllegalArgumentException("expected a derivative order of at least 0, got " + order);
        }
        Program program = Program.compile(List.of(f), List.of(x));
        int w = order + 1;
        // node i's coefficients are s[i*w … i*w + order]; inputs and constants are seeded directly
        double[] s = new double[program.size * w];
        s[0] = at;
        if (order > 0) {
            s[1] = 1;
        }
        TaylorRules.Scratch scratch = new TaylorRules.Scratch(order);
        for (int i = program.inputCount; i < program.size; i++) {
            if (!program.isOperation(i)) {
                s[i * w] = program.param[i];
                continue;
            }
            int r = program.right[i];
            int t = program.third[i];
            double third = t >= 0 ? s[t * w] : program.param[i]; // an ifElse's condition value
            TaylorRules.apply(program.code[i], third, program.custom[i], s, program.left[i] * w,
                    r < 0 ? -1 : r * w, i * w, order, scratch);
        }
        int out = program.outputs[0] * w;
        double[] result = new double[w];
        double factorial = 1;
        for (int k = 0; k <= order; k++) {
            factorial *= Math.max(k, 1);
            result[k] = s[out + k] * factorial;
        }
        return result;
    }
}
