package dev.autodiff.engine.loops;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import dev.autodiff.core.internal.rules.Structure;
import org.jspecify.annotations.Nullable;

/**
 * A loop whose gradient a single forward pass can compute ({@link dev.autodiff.engine.codegen.FusedKernel}):
 * each repetition's values, then at once its adjoints, instead of a values sweep and then a backward
 * sweep. That needs every adjoint a repetition starts from known before the loop runs, and the
 * adjoint sums it adds to left in the interpreter's order although the repetitions run the other way:
 * <ul>
 *   <li>the loop is the program's last (only straight-line segments after it), and the nodes after
 *       it, the tail, are sums, differences and negations of the last repetition's positions and of
 *       each other, with one output: the adjoints the tail gives the last repetition are then
 *       numbers known now ({@link #seeds}), exact small integers;</li>
 *   <li>every position read outside its repetition is a running one (carried to the next repetition,
 *       stored for the last only), and the adjoint the next repetition gives it is its seed again,
 *       computed through sums, differences and negations alone: so every repetition starts from the
 *       same seeds, and what repetition 0 gives the nodes before the loop is known too;</li>
 *   <li>each node before the loop that the repetitions read (a variable, say) is read by one
 *       repetition, or by two consecutive ones through a {@link LoopShape#handoff} (x_{i+1} in term
 *       i, x_i in term i+1): then the earlier repetition's terms are held back and added after the
 *       later one's, the interpreter's order. Loop invariants that are no constants, read by every
 *       repetition, are not allowed.</li>
 * </ul>
 *
 * @param loop  the loop's index in its plan
 * @param seeds per position of the loop's shape, the adjoint a repetition starts from: for a
 *              carried position, the one the next repetition (or the tail) gives it; NaN otherwise
 */
public record FusedGradient(int loop, double[] seeds) {
    /** {@return the loop of {@code loops} whose gradient may run fused, with its seeds}, or null */
    static @Nullable FusedGradient of(Program p, LoopRegion[] loops) {
        int q = loops.length - 1;
        while (q >= 0 && loops[q].reps() == 1) {
            q--;
        }
        if (q < 0 || p.outputs.length != 1 || loops[q].reps() < 2) {
            return null;
        }
        LoopRegion r = loops[q];
        LoopShape s = r.shape();
        int last = r.end() - s.period;
        double[] tail = tailAdjoints(p, last, r.end());
        if (tail == null) {
            return null;
        }
        double[] seeds = new double[s.period];
        for (int k = 0; k < s.period; k++) {
            boolean running = s.isCarried(k) && s.lastOnly[k];
            if (s.stored[k] && !running) {
                return null;
            }
            seeds[k] = running ? tail[k] : Double.NaN;
        }
        double[][] terms = carryInTerms(s, seeds);
        for (int k = 0; k < s.period; k++) {
            if (s.isCarried(k) && (terms[k] == null || sum(terms[k]) != seeds[k])) {
                return null;
            }
        }
        return externalsReadInOrder(s, r) ? new FusedGradient(q, seeds) : null;
    }

    /**
     * {@return the adjoints the tail {@code [end, size)} gives the last repetition's positions
     * {@code [last, end)}, the output's being 1}, as the interpreter computes them; or null when the
     * tail is not made of sums, differences and negations of those positions and of its own nodes,
     * or the output is before the last repetition
     */
    private static double @Nullable [] tailAdjoints(Program p, int last, int end) {
        int out = p.outputs[0];
        if (out < last) {
            return null;
        }
        double[] adjoint = new double[p.size - last];
        adjoint[out - last] = 1;
        Partials d = new Partials();
        for (int i = p.size - 1; i >= end; i--) {
            int c = p.code[i];
            if (c == Program.CONSTANT) {
                continue;
            }
            if (!Structure.isLinear(c) || p.third[i] >= 0) {
                return null;
            }
            Rules.applyFirst(c, 0, 0, p.param[i], d);
            int[] operands = {p.left[i], p.right[i]};
            double[] partials = {d.da, d.db};
            for (int o = 0; o < 2; o++) {
                int operand = operands[o];
                if (operand >= 0 && p.code[operand] != Program.CONSTANT) {
                    if (operand < last) {
                        return null; // an earlier node would get its adjoint out of the interpreter's order
                    }
                    adjoint[operand - last] += adjoint[i - last] * partials[o];
                }
            }
        }
        return adjoint;
    }

    /**
     * {@return per carried position, the terms one repetition adds to the previous repetition's
     * adjoint of it (or, in repetition 0, to the node before the loop), in the order the backward
     * sweep adds them}, when every repetition starts from {@code seeds}; null for a position where a
     * term depends on values (a product or function on the way)
     */
    public static double[][] carryInTerms(LoopShape s, double[] seeds) {
        int period = s.period;
        boolean[] known = new boolean[period];
        double[] g = new double[period];
        for (int k = 0; k < period; k++) {
            known[k] = true;
            g[k] = s.isCarried(k) ? seeds[k] : 0;
        }
        double[][] terms = new double[period][];
        for (int k = 0; k < period; k++) {
            terms[k] = s.isCarried(k) ? new double[0] : null;
        }
        Partials d = new Partials();
        for (int k = period - 1; k >= 0; k--) {
            if (!s.isOperation(k)) {
                continue;
            }
            boolean linear = Structure.isLinear(s.code[k]);
            if (linear) {
                Rules.applyFirst(s.code[k], 0, 0, s.param[k], d);
            }
            for (int o = 0; o < 2; o++) {
                int at = 2 * k + o;
                int j = s.ref[at];
                boolean exact = known[k] && linear;
                double term = exact ? g[k] * (o == 0 ? d.da : d.db) : Double.NaN;
                if (s.kind[at] == LoopShape.LOCAL) {
                    known[j] &= exact;
                    g[j] += term;
                } else if (s.kind[at] == LoopShape.CARRY && terms[j] != null) {
                    terms[j] = exact ? append(terms[j], term) : null;
                }
            }
        }
        return terms;
    }

    /** {@return +0 plus the terms in order}, as an adjoint sum starting at +0 adds them */
    private static double sum(double[] terms) {
        double s = 0;
        for (double t : terms) {
            s += t;
        }
        return s;
    }

    private static double[] append(double[] a, double x) {
        double[] b = java.util.Arrays.copyOf(a, a.length + 1);
        b[a.length] = x;
        return b;
    }

    /**
     * {@return whether every node before the loop that a repetition reads, constants aside, is read
     * by one repetition, or by two consecutive ones through a handoff}: then holding back the earlier
     * repetition's terms until the later one has added its own keeps the interpreter's order. (A node
     * three repetitions read is read by two of them two repetitions apart, which no handoff links.)
     */
    private static boolean externalsReadInOrder(LoopShape s, LoopRegion r) {
        int e = s.stride.length;
        if (!s.externalsDistinct) {
            return false;
        }
        int[] bases = r.bases();
        for (int i = 0; i < e; i++) {
            if (s.externalConstant[i]) {
                continue;
            }
            if (s.stride[i] == 0) {
                return false; // read by every repetition
            }
            for (int j = 0; j < e; j++) {
                if (j != i && !s.externalConstant[j] && sameNode(s, bases, r.reps(), i, j) && s.handoff[i] != j
                        && s.handoff[j] != i) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@return whether externals i and j may read one node in different repetitions} */
    private static boolean sameNode(LoopShape s, int[] bases, int reps, int i, int j) {
        long si = s.stride[i];
        long sj = s.stride[j];
        if (si == sj) {
            long d = bases[i] - (long) bases[j];
            return d % si == 0 && Math.abs(d / si) < reps;
        }
        long loI = Math.min(bases[i], bases[i] + (reps - 1) * si);
        long hiI = Math.max(bases[i], bases[i] + (reps - 1) * si);
        long loJ = Math.min(bases[j], bases[j] + (reps - 1) * sj);
        long hiJ = Math.max(bases[j], bases[j] + (reps - 1) * sj);
        return loI <= hiJ && loJ <= hiI; // overlapping ranges: perhaps
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FusedGradient f && f.loop == loop && java.util.Arrays.equals(f.seeds, seeds);
    }

    @Override
    public int hashCode() {
        return 31 * loop + java.util.Arrays.hashCode(seeds);
    }

    @Override
    public String toString() {
        return "FusedGradient[loop=" + loop + ", seeds=" + java.util.Arrays.toString(seeds) + "]";
    }
}
