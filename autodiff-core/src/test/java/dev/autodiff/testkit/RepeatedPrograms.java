package dev.autodiff.testkit;

import dev.autodiff.core.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/**
 * Random programs with repeated structure, the input of loop kernels: a random block of steps
 * applied {@code reps} times. A step reads earlier steps of its block, inputs at a fixed offset from
 * the repetition number (stride 1), a shared constant, a constant of its own repetition, or the
 * previous repetition's result (a carried value). The blocks are summed as a running sum, and an
 * early repetition's step is read again after the loop, so every way a loop can be read is covered.
 *
 * <p>Operations are drawn from all kinds the kernels write: arithmetic inline (sum, difference,
 * product, negation, square) and the rest through the rule table.
 */
public final class RepeatedPrograms {
    private final Random random;
    private final int steps;
    private final int[][] plan; // per step: op, operand kind/ref ×2

    /** A block of {@code steps} random steps drawn from {@code seed}. */
    public RepeatedPrograms(long seed, int steps) {
        this.random = new Random(seed);
        this.steps = steps;
        this.plan = new int[steps][5];
        for (int k = 0; k < steps; k++) {
            plan[k][0] = random.nextInt(OPS);
            for (int o = 0; o < 2; o++) {
                int kind = k == 0 ? random.nextInt(4) : random.nextInt(5);
                plan[k][1 + 2 * o] = kind;
                plan[k][2 + 2 * o] = kind == 4 ? random.nextInt(k) : random.nextInt(3);
            }
        }
        // the block's result reads its repetition's input and the step before (or the carried value),
        // so repetitions differ and do not fold away or merge
        int last = steps - 1;
        plan[last][1] = 0;
        plan[last][2] = last % 3;
        plan[last][3] = last > 0 ? 4 : 3;
        plan[last][4] = last > 0 ? last - 1 : 0;
        if (plan[last][0] == 3 || plan[last][0] == 4 || plan[last][0] == 5 || plan[last][0] == 7
                || plan[last][0] == 11 || plan[last][0] == 13 || plan[last][0] == 14 || plan[last][0] == 16) {
            plan[last][0] = 2; // a unary op would drop the step before
        }
    }

    private static final int OPS = 17;

    /** {@return the inputs a program of {@code reps} repetitions reads: reps + 2} */
    public static int inputCount(int reps) {
        return reps + 2;
    }

    /** {@return the program of {@code reps} repetitions over {@code x} (at least {@link #inputCount} variables)} */
    public Expr expression(List<? extends Expr> x, int reps) {
        Expr shared = Expr.constant(0.75);
        Expr carried = x.get(0).sin();
        Expr sum = null;
        Expr early = null;
        for (int r = 0; r < reps; r++) {
            List<Expr> block = block(x, r, shared, carried);
            carried = block.get(steps - 1);
            sum = sum == null ? carried : sum.plus(carried);
            if (r == 1) {
                early = block.get(0);
            }
        }
        return early == null ? sum : sum.plus(early.times(x.get(1)));
    }

    /**
     * {@return the sum of {@code reps} independent terms over {@code x}}: the blocks read no carried
     * value (those operands read inputs instead) and nothing but the running sum is read after the
     * loop, the shape of a loss summed over terms
     */
    public Expr sumOfTerms(List<? extends Expr> x, int reps) {
        Expr shared = Expr.constant(0.75);
        Expr sum = null;
        for (int r = 0; r < reps; r++) {
            Expr term = block(x, r, shared, null).get(steps - 1);
            sum = sum == null ? term : sum.plus(term);
        }
        return sum;
    }

    /** {@return repetition r's steps}; a null {@code carried} makes carried operands read inputs */
    private List<Expr> block(List<? extends Expr> x, int r, Expr shared, @Nullable Expr carried) {
        List<Expr> block = new ArrayList<>();
        for (int k = 0; k < steps; k++) {
            Expr a = operand(plan[k][1], plan[k][2], x, r, block, shared, carried);
            Expr b = operand(plan[k][3], plan[k][4], x, r, block, shared, carried);
            block.add(op(plan[k][0], a, b));
        }
        return block;
    }

    private static Expr operand(int kind, int ref, List<? extends Expr> x, int r, List<Expr> block, Expr shared,
            @Nullable Expr carried) {
        return switch (kind) {
            case 0 -> x.get(r + ref);
            case 1 -> shared;
            case 2 -> Expr.constant(1 + (r * 3 + ref) / 1024.0); // a constant per repetition
            case 3 -> carried != null ? carried : x.get(r + ref);
            default -> block.get(ref);
        };
    }

    /** Operations defined and finite on most of ℝ, so random points exercise values, not NaN. */
    private static Expr op(int which, Expr a, Expr b) {
        return switch (which) {
            case 0 -> a.plus(b);
            case 1 -> a.minus(b);
            case 2 -> a.times(b);
            case 3 -> a.unaryMinus();
            case 4 -> a.square();
            case 5 -> a.sin();
            case 6 -> a.cos().times(b);
            case 7 -> a.tanh();
            case 8 -> a.atan().plus(b);
            case 9 -> a.div(b.square().plus(1));
            case 10 -> a.hypot(b);
            case 11 -> a.pow(3);
            case 12 -> a.max(b);
            case 13 -> a.sin().exp();
            case 14 -> a.abs().sqrt(); // an infinite partial at 0: strong zeros matter
            case 15 -> a.atan2(b);
            default -> a.sigmoid();
        };
    }
}
