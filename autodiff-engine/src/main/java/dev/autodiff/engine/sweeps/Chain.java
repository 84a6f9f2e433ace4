package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;

/**
 * The chain-rule product {@code weight · ∂node/∂operand} of every interpreted sweep: the zero-factor
 * rule of {@link Partials#times} for finite partials, and the rule table's overflow-safe product
 * ({@link Rules#chain}) for a partial that is not finite, which needs the node's operands. A branch on
 * a value already in a register, well predicted: finite partials cost nothing more.
 */
public final class Chain {
    private Chain() {}

    /** {@return {@code weight · partial}} for operand {@code operand} (0 or 1) of node {@code i} of {@code p}, its values in {@code value} */
    public static double product(Program p, double[] value, int i, int operand, double weight, double partial) {
        if (Math.abs(partial) <= Double.MAX_VALUE) {
            return Partials.times(weight, partial);
        }
        return unbounded(p, value, i, operand, weight, partial);
    }

    private static double unbounded(Program p, double[] value, int i, int operand, double weight, double partial) {
        int c = p.code[i];
        if (c < 0) {
            return Partials.times(weight, partial); // a custom operation: only its own derivative is known
        }
        int r = p.right[i];
        return Rules.chain(c, operand, weight, value[p.left[i]], r >= 0 ? value[r] : 0, p.third(i, value), partial);
    }
}
