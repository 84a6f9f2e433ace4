package dev.autodiff.engine.loops;

import dev.autodiff.core.internal.program.Program;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the loops of a {@link Program}: runs of nodes where a block of {@code period} nodes repeats
 * with the same ops, operands at the same relative offsets inside the block (or in the previous
 * repetition), and operands outside the block at a fixed index stride per repetition. A chained
 * Rosenbrock term, a row of a matrix–vector product and a layer's neurons all compile to such runs,
 * because the program lists each repetition's nodes in the same order. An if-else's condition (its
 * rule's third argument) is an operand like the others here, classified the same way.
 *
 * <p>One scan: at node {@code s}, the candidate period is the distance to the next node with the
 * same local signature (op, parameter, near operand offsets); the candidate is checked block
 * against block and grown while it holds. Checking costs O(period) before it fails, so the scan is
 * O(size · {@link #MAX_PERIOD}) at worst and about O(size) in practice.
 */
public final class LoopFinder {
    /** The longest loop body: it keeps every generated method far below HotSpot's 8000-byte limit. */
    static final int MAX_PERIOD = 32;
    /** Fewest repetitions worth a loop. */
    static final int MIN_REPS = 4;
    /** Fewest nodes worth a loop. */
    static final int MIN_NODES = 32;
    /** Operand offsets up to this are part of a node's signature; farther ones only count as "far". */
    private static final int NEAR = 2 * MAX_PERIOD;
    private static final int TABLE_BITS = 12;

    private final Program p;
    private final int[] operands; // left and right of node i at 2i, 2i+1
    private final int[] conditions; // the condition of node i (its third operand), or -1

    private LoopFinder(Program p) {
        this.p = p;
        this.operands = new int[2 * p.size];
        for (int i = 0; i < p.size; i++) {
            operands[2 * i] = p.left[i];
            operands[2 * i + 1] = p.right[i];
        }
        this.conditions = p.third;
    }

    /**
     * A loop found, before its stored positions are known. {@code conditionKind} and
     * {@code conditionRef} classify each position's condition as {@code kind} and {@code ref} do its
     * operands ({@link LoopShape#conditionKind}).
     */
    record Found(int start, int period, int reps, int[] kind, int[] ref, int[] stride, int[] bases,
            boolean[] constant, boolean distinct, int[] handoff, int[] conditionKind, int[] conditionRef) {}

    /** {@return the loops of {@code program}, in program order, not overlapping} */
    public static List<Found> find(Program program) {
        return new LoopFinder(program).scan();
    }

    private List<Found> scan() {
        int n = p.size;
        int[] next = nextWithSameSignature();
        List<Found> found = new ArrayList<>();
        int s = p.inputCount;
        int free = s; // the first node after the last loop found
        while (s < n) {
            int period = next[s] - s;
            Found f = next[s] > s && period <= MAX_PERIOD ? tryLoop(s, period) : null;
            if (f != null) {
                f = earliest(f, free);
                found.add(f);
                s = f.start + f.reps * period;
                free = s;
            } else {
                s++;
            }
        }
        return found;
    }

    /**
     * {@return the loop {@code f} started as early as it can be, at {@code free} or after, without
     * covering fewer repetitions}. Signatures tell operands apart by their distance up to a limit,
     * so the first repeating node found may be inside the body: in Σ sin(x_{i+1} − x_i²) the sines
     * repeat before the products of inputs far behind them do. Started earlier, the body ends with
     * the running sum instead of beginning with the last term's end, and only the sum is carried,
     * which is what the loop's sum-chain sweeps ({@link LoopShape#dirty}, {@link FusedGradient}) need.
     */
    private Found earliest(Found f, int free) {
        for (int m = f.period - 1; m >= 1; m--) {
            if (f.start - m >= free) {
                Found g = tryLoop(f.start - m, f.period);
                if (g != null && g.reps >= f.reps) {
                    return g;
                }
            }
        }
        return f;
    }

    /**
     * {@return for each node, the next node with the same signature, or -1}, through a small lossy
     * table (a collision only costs a failed candidate)
     */
    private int[] nextWithSameSignature() {
        int n = p.size;
        int[] sig = new int[n];
        int[] next = new int[n];
        int[] last = new int[1 << TABLE_BITS];
        java.util.Arrays.fill(last, -1);
        for (int i = n - 1; i >= p.inputCount; i--) {
            sig[i] = signature(i);
            int b = (sig[i] ^ (sig[i] >>> TABLE_BITS) ^ (sig[i] >>> 2 * TABLE_BITS)) & ((1 << TABLE_BITS) - 1);
            int j = last[b];
            next[i] = j >= 0 && sig[j] == sig[i] ? j : -1;
            last[b] = i;
        }
        return next;
    }

    private int signature(int i) {
        int c = p.code[i];
        int h = c * 0x9E3779B9;
        if (c != Program.CONSTANT) {
            h = h * 31 + Double.hashCode(p.param[i]);
        }
        for (int o = 0; o < 3; o++) {
            int a = operand(i, o);
            int rel = a < 0 ? -1 : i - a <= NEAR ? i - a : NEAR + 1;
            h = (h * 31 + rel) * 0x85EBCA6B;
        }
        return h ^ (h >>> 15);
    }

    /** {@return the loop of body {@code [s, s + period)} starting at {@code s}, or null} */
    private Found tryLoop(int s, int period) {
        int n = p.size;
        if (s + 2 * period > n) {
            return null;
        }
        int[] stride = new int[3 * period]; // per position: left, right, condition
        for (int k = 0; k < period; k++) {
            int a = s + k;
            int b = a + period;
            if (!sameOp(a, b)) {
                return null;
            }
            for (int o = 0; o < 3; o++) {
                int x = operand(a, o);
                int y = operand(b, o);
                if ((x < 0) != (y < 0)) {
                    return null;
                }
                stride[3 * k + o] = y - x;
            }
        }
        int reps = 2;
        while (s + (reps + 1) * period <= n && repeats(s, period, reps, stride)) {
            reps++;
        }
        return classify(s, period, reps, stride);
    }

    /** {@return operand {@code o} of node {@code i}: 0 left, 1 right, 2 condition; -1 for none} */
    private int operand(int i, int o) {
        return o < 2 ? operands[2 * i + o] : conditions[i];
    }

    private boolean sameOp(int a, int b) {
        int c = p.code[a];
        if (c != p.code[b] || (c < 0 && c != Program.CONSTANT)) {
            return false; // custom operations stay with the interpreter
        }
        return c == Program.CONSTANT || Double.doubleToLongBits(p.param[a]) == Double.doubleToLongBits(p.param[b]);
    }

    /** {@return whether repetition {@code r} repeats repetition 0 with the given strides} */
    private boolean repeats(int s, int period, int r, int[] stride) {
        int base = s + r * period;
        for (int k = 0; k < period; k++) {
            int node = base + k;
            if (!sameOp(s + k, node)) {
                return false;
            }
            for (int o = 0; o < 3; o++) {
                int x = operand(s + k, o);
                if (x >= 0 && operand(node, o) != x + r * stride[3 * k + o]) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Classifies every operand; shortens the loop so that external operands stay before it, and
     * rejects loops the kernels cannot run.
     */
    private Found classify(int s, int period, int reps, int[] stride) {
        // operands 0 and 1 into kind and ref at 2k + o, the condition into conditionKind and conditionRef at k
        int[] kind = new int[2 * period];
        int[] ref = new int[2 * period];
        int[] conditionKind = new int[period];
        int[] conditionRef = new int[period];
        List<Integer> strides = new ArrayList<>();
        List<Integer> bases = new ArrayList<>();
        for (int k = 0; k < period; k++) {
            for (int o = 0; o < 3; o++) {
                int x = operand(s + k, o);
                int d = stride[3 * k + o];
                int[] kinds = o < 2 ? kind : conditionKind;
                int[] refs = o < 2 ? ref : conditionRef;
                int at = o < 2 ? 2 * k + o : k;
                if (x < 0) {
                    kinds[at] = LoopShape.NONE;
                } else if (d == period && x >= s) {
                    kinds[at] = LoopShape.LOCAL;
                    refs[at] = x - s;
                } else if (d == period && x >= s - period) {
                    kinds[at] = LoopShape.CARRY;
                    refs[at] = x - (s - period);
                } else if (x >= s) {
                    return null; // reads its own block, but not at the block's stride
                } else {
                    kinds[at] = LoopShape.EXTERNAL;
                    refs[at] = external(x, d, strides, bases);
                    if (d > 0) {
                        reps = Math.min(reps, (s - 1 - x) / d + 1); // every repetition reads before the loop
                    }
                }
            }
        }
        if (reps < MIN_REPS || reps * period < MIN_NODES || externalReadsCarriedNode(s, period, kind, ref, bases)
                || externalReadsCarriedNode(s, period, conditionKind, conditionRef, bases)) {
            return null;
        }
        int[] externalStride = ints(strides);
        int[] base = ints(bases);
        boolean[] constant = new boolean[base.length];
        for (int j = 0; j < base.length; j++) {
            constant[j] = externalStride[j] == 0 && p.code[base[j]] == Program.CONSTANT;
        }
        return new Found(s, period, reps, kind, ref, externalStride, base, constant, distinct(externalStride, base, reps),
                handoff(externalStride, base), conditionKind, conditionRef);
    }

    /** {@return the index of the external operand reading node {@code x} with stride {@code d}}, one per pair */
    private static int external(int x, int d, List<Integer> strides, List<Integer> bases) {
        for (int j = 0; j < strides.size(); j++) {
            if (strides.get(j) == d && bases.get(j) == x) {
                return j;
            }
        }
        strides.add(d);
        bases.add(x);
        return strides.size() - 1;
    }

    /**
     * {@return for each external operand j', the operand j that read its node one repetition
     * later (base_j' = base_j + stride), or -1}: going backward, the adjoint sum j ends a repetition
     * with is the one j' starts the next with, so the kernel hands it over in a register instead of
     * storing and reloading it (a store-to-load round trip on the critical path)
     */
    private static int[] handoff(int[] stride, int[] base) {
        int[] from = new int[base.length];
        java.util.Arrays.fill(from, -1);
        for (int to = 0; to < base.length; to++) {
            for (int j = 0; j < base.length; j++) {
                if (stride[j] != 0 && stride[j] == stride[to] && base[to] - base[j] == stride[j]) {
                    from[to] = j;
                }
            }
        }
        return from;
    }

    /**
     * {@return whether no two external operands read the same node in one repetition}: then the
     * backward kernel sums a repetition's contributions to each in a local variable
     */
    private static boolean distinct(int[] stride, int[] base, int reps) {
        for (int i = 0; i < base.length; i++) {
            for (int j = i + 1; j < base.length; j++) {
                int dd = stride[i] - stride[j];
                int db = base[j] - base[i];
                // base_i + r·stride_i = base_j + r·stride_j  ⇔  r·(stride_i − stride_j) = base_j − base_i
                if (dd == 0 ? db == 0 : db % dd == 0 && db / dd >= 0 && db / dd < reps) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * {@return whether the first repetition reads a node before the loop both as a carried position
     * and as an external operand}: the backward kernel keeps that node's adjoint in a local variable
     * through the repetition, so it must have a single way in
     */
    private static boolean externalReadsCarriedNode(int s, int period, int[] kind, int[] ref, List<Integer> bases) {
        for (int i = 0; i < kind.length; i++) {
            if (kind[i] == LoopShape.CARRY && bases.contains(s - period + ref[i])) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@return the elements of {@code list}}, by a loop: a stream here loaded some thirty classes of
     * java.util.stream into a cold {@code Reverse.of}, for a list of a few elements
     */
    private static int[] ints(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int k = 0; k < a.length; k++) {
            a[k] = list.get(k);
        }
        return a;
    }
}
