package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.TaylorRules;
import java.util.Arrays;

/**
 * One Taylor-mode pass over a program: every node's truncated series along {@code x(t) = point +
 * t·h·direction}, for a scale {@code h = 2^log2h}, with what the scale search needs to know of it.
 *
 * <p>A node's series lives in a slot from the node's computation to its last use, then the slot is
 * reused, so memory follows the number of series alive at once rather than the program's size.
 * After each node the pass notes, from the node's coefficients alone:
 * <ul>
 *   <li>{@link #bound}: the largest {@code log2h} keeping every finite coefficient seen within
 *       {@link #HEADROOM} binary orders of magnitude above its node's value (at least 1) and below
 *       2^{@link #CEILING}. Coefficient k scales as h^k, so one coefficient c at k gives
 *       {@code log2h ≤ (allowance - (log2|c| - k·log2h)) / k};</li>
 *   <li>{@link #overflowed}: whether some node has an infinite or NaN coefficient although its value
 *       is finite and neither its rule ({@link TaylorRules.Scratch#singular}) nor an operand's
 *       singularity explains it: an overflow that a smaller h avoids (it also bounds h);</li>
 *   <li>{@link #nearUnderflow}: whether a finite non-zero coefficient came within 2⁵³ of the
 *       subnormal range, where a larger h would keep digits.</li>
 * </ul>
 * With the headroom, sums of products of two coefficients in the rules cannot overflow. Not for
 * concurrent use; one per call.
 */
final class TaylorPass {
    /** Binary orders of magnitude a coefficient may exceed its node's value by (2·480 + log2 of the sums' lengths < 1023). */
    static final int HEADROOM = 480;
    /** No coefficient is allowed beyond 2^CEILING, whatever its node's value. */
    static final int CEILING = 1000;
    /** Exponents below this are within 2⁵³ of the subnormal range. */
    private static final int NEAR_UNDERFLOW = Double.MIN_EXPONENT + 53;

    private final Program program;
    private final int order;
    private final int width;
    private final int[] slot;
    private final double[] s;
    private final TaylorRules.Scratch scratch;
    /** First non-finite coefficient of each node: 0 for a non-finite value, order + 1 for none. */
    private final int[] bad;
    /** Whether each node's non-finite coefficients are the function's own (not an overflow). */
    private final boolean[] genuine;

    double bound;
    boolean overflowed;
    boolean nearUnderflow;

    TaylorPass(Program program, int order) {
        this.program = program;
        this.order = order;
        this.width = order + 1;
        int n = program.size;
        this.slot = new int[n];
        this.s = new double[slots(program, slot) * width];
        this.scratch = new TaylorRules.Scratch(order);
        this.bad = new int[n];
        this.genuine = new boolean[n];
    }

    /** {@return the number of series alive at once that a pass over {@code program} keeps} */
    static int slotsNeeded(Program program) {
        return slots(program, new int[program.size]);
    }

    /** {@return each node's last user, {@code Integer.MAX_VALUE} for an output, -1 for an unused input} */
    private static int[] lastUses(Program program) {
        int[] last = new int[program.size];
        Arrays.fill(last, -1);
        for (int i = program.inputCount; i < program.size; i++) {
            for (int o : new int[] {program.left[i], program.right[i], program.third[i]}) {
                if (o >= 0) {
                    last[o] = i;
                }
            }
        }
        for (int o : program.outputs) {
            last[o] = Integer.MAX_VALUE;
        }
        return last;
    }

    /** Assigns each node a slot, reusing those of nodes past their last use; returns the slot count. */
    private static int slots(Program program, int[] slot) {
        int[] lastUse = lastUses(program);
        int[] free = new int[program.size];
        int freeCount = 0;
        int count = 0;
        for (int i = 0; i < program.size; i++) {
            slot[i] = freeCount > 0 ? free[--freeCount] : count++;
            // operands are freed after their last user took its slot: the rules' output never overlaps them
            for (int o : new int[] {program.left[i], program.right[i], program.third[i]}) {
                if (o >= 0 && lastUse[o] == i) {
                    lastUse[o] = -2; // freed once, even when used twice by this node
                    free[freeCount++] = slot[o];
                }
            }
            if (lastUse[i] == -1) {
                free[freeCount++] = slot[i]; // an input nothing uses
            }
        }
        return Math.max(count, 1);
    }

    /** {@return the coefficients of output {@code k}'s series after {@link #run}, scaled by h^k} */
    double[] output(int k) {
        int o = slot[program.outputs[k]] * width;
        return Arrays.copyOfRange(s, o, o + width);
    }

    /** Runs the pass at {@code point} along {@code direction} (scaled by {@code 2^log2h}). */
    void run(double[] point, double[] direction, int log2h) {
        bound = Double.POSITIVE_INFINITY;
        overflowed = false;
        nearUnderflow = false;
        for (int i = 0; i < program.size; i++) {
            int y = slot[i] * width;
            boolean singular;
            if (i < program.inputCount) {
                Arrays.fill(s, y, y + width, 0);
                s[y] = point[i];
                if (order > 0) {
                    s[y + 1] = Math.scalb(direction[i], log2h);
                }
                singular = !Double.isFinite(direction[i]);
            } else if (!program.isOperation(i)) {
                Arrays.fill(s, y, y + width, 0);
                s[y] = program.param[i];
                singular = false;
            } else {
                int r = program.right[i];
                int t = program.third[i];
                double third = t >= 0 ? s[slot[t] * width] : program.param[i]; // an ifElse's condition
                TaylorRules.apply(program.code[i], third, program.custom[i], s, slot[program.left[i]] * width,
                        r < 0 ? -1 : slot[r] * width, y, order, scratch);
                singular = scratch.singular();
            }
            note(i, y, log2h, singular);
        }
    }

    /** Updates the bound and flags from node {@code i}'s series at {@code s[y]}. */
    private void note(int i, int y, int log2h, boolean singular) {
        double v = s[y];
        if (Double.isInfinite(v)) {
            bad[i] = 0;
            genuine[i] = true;
            return;
        }
        // a NaN value (a point outside the function's domain) still has the rules' coefficients, which
        // may overflow at this scale as a finite value's do; only its NaN coefficients are its own
        boolean nanValue = Double.isNaN(v);
        double allowance = Math.min(CEILING, HEADROOM + Math.max(0, Math.getExponent(v)));
        int first = order + 1;
        for (int k = 1; k <= order; k++) {
            double c = s[y + k];
            if (!Double.isFinite(c)) {
                first = k;
                break;
            }
            if (c != 0) {
                int e = Math.getExponent(c);
                nearUnderflow |= e < NEAR_UNDERFLOW;
                bound = Math.min(bound, (allowance - (e - (double) k * log2h)) / k);
            }
        }
        bad[i] = first;
        if (first <= order) {
            boolean own = singular || inherits(program.left[i], first) || inherits(program.right[i], first)
                    || nanValue && Double.isNaN(s[y + first]);
            genuine[i] = own;
            if (!own) {
                // coefficient `first` reached 2^1024 at this scale: its true size is at least 2^(1024 - first·log2h)
                overflowed = true;
                bound = Math.min(bound, log2h - (Double.MAX_EXPONENT + 1 - allowance) / first);
            }
        }
    }

    /** {@return whether operand {@code o} (or -1) is non-finite of its own from a coefficient at or below {@code k}} */
    private boolean inherits(int o, int k) {
        return o >= 0 && bad[o] <= k && genuine[o];
    }
}
