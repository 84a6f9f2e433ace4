package dev.autodiff.core.internal;

import dev.autodiff.core.Primitive;
import io.vavr.Lazy;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The loops of a {@link Program} with their generated kernels: the sweeps interpret the nodes
 * between loops one by one and hand each loop to its {@link LoopKernel}, which keeps the values,
 * partials and adjoints of a repetition in local variables (registers, once the JIT has compiled
 * it) and writes only the {@linkplain LoopShape#stored stored} positions to the sweeps' arrays.
 *
 * <p>A kernel computes exactly what the interpreter computes, in the same order, so results are
 * bit-for-bit the same with and without loops (tests check it). The system property
 * {@value #PROPERTY}{@code =false} turns loops off: every sweep then interprets every node.
 *
 * <p>Sweeps run the plan as: interpret {@code [inputCount, loopStart(0))}, run loop 0, interpret
 * {@code [loopEnd(0), loopStart(1))}, …, interpret {@code [loopEnd(last), size)}; backward sweeps in
 * the opposite order. Immutable and shared by all threads.
 */
public final class LoopPlan {
    /** The system property that turns loop kernels off when {@code false}. */
    public static final String PROPERTY = "autodiff.loops";

    private final LoopRegion[] loops;
    /** Per loop, whether a gradient needs its values sweep (see {@link #gradientNeedsValues}). */
    private final boolean[] gradientNeedsValues;
    /** Per loop, its block kernel (null if too large), written on the first Hessian. */
    private final Lazy<@Nullable LoopBlockKernel[]> blockKernels;
    /** See {@link #sumLoop}. */
    private final int sumLoop;

    private LoopPlan(LoopRegion[] loops, boolean[] gradientNeedsValues, int sumLoop) {
        this.loops = loops;
        this.gradientNeedsValues = gradientNeedsValues;
        this.sumLoop = sumLoop;
        this.blockKernels = Lazy.of(() -> {
            @Nullable LoopBlockKernel[] kernels = new LoopBlockKernel[loops.length];
            for (int q = 0; q < loops.length; q++) {
                kernels[q] = LoopBlockKernel.of(loops[q].shape());
            }
            return kernels;
        });
    }

    /** {@return the plan of {@code program}'s loops}, or one without loops if {@value #PROPERTY} is false */
    public static LoopPlan of(Program program) {
        return Boolean.parseBoolean(System.getProperty(PROPERTY, "true")) ? withLoops(program) : none();
    }

    /** {@return a plan that interprets every node} */
    public static LoopPlan none() {
        return new LoopPlan(new LoopRegion[0], new boolean[0], -1);
    }

    /** {@return the plan with every loop {@link LoopFinder} finds in {@code program}} */
    public static LoopPlan withLoops(Program program) {
        List<LoopFinder.Found> found = LoopFinder.find(program);
        if (found.isEmpty()) {
            return none();
        }
        boolean[][] earlier = new boolean[found.size()][];
        boolean[][] last = new boolean[found.size()][];
        readsFromOutside(program, found, earlier, last);
        List<LoopRegion> loops = new java.util.ArrayList<>();
        java.util.Map<LoopShape, java.util.Optional<LoopKernel>> kernels = new java.util.HashMap<>(); // one per shape
        for (int q = 0; q < found.size(); q++) {
            LoopFinder.Found f = found.get(q);
            int period = f.period();
            int[] code = new int[period];
            double[] param = new double[period];
            for (int k = 0; k < period; k++) {
                code[k] = program.code[f.start() + k];
                param[k] = program.param[f.start() + k];
            }
            boolean[] carried = LoopShape.carriedPositions(f.kind(), f.ref(), period);
            boolean[] needed = valuesNeededByPartials(code, f.kind(), f.ref());
            boolean[] stored = new boolean[period];
            boolean[] lastOnly = new boolean[period];
            boolean[] lastOnlyForward = new boolean[period];
            for (int k = 0; k < period; k++) {
                stored[k] = carried[k] || earlier[q][k] || last[q][k];
                lastOnlyForward[k] = carried[k] && !earlier[q][k];
                lastOnly[k] = lastOnlyForward[k] && !needed[k];
            }
            LoopShape shape = new LoopShape(period, code, param, f.kind(), f.ref(), f.stride(),
                    f.constant(), f.distinct(), f.handoff(), stored, lastOnly, lastOnlyForward);
            java.util.Optional<LoopKernel> kernel = kernels.computeIfAbsent(shape, k -> java.util.Optional.ofNullable(LoopKernel.of(k)));
            // a loop whose kernel is too large to compile is interpreted; the others do not depend on it
            kernel.ifPresent(k -> loops.add(new LoopRegion(shape, k, f.start(), f.reps(), f.bases())));
        }
        LoopRegion[] regions = loops.toArray(new LoopRegion[0]);
        return new LoopPlan(regions, gradientNeedsValues(program, regions), sumLoop(program, regions));
    }

    /**
     * {@return the loop a Hessian-vector product may leave out of its forward sweep, or -1}: the
     * last loop, when its {@linkplain LoopShape#dirty dirty} positions are sum chains and the nodes
     * after it (the tail) only add up its last repetition's positions, so that no partial anywhere
     * depends on a value the forward sweep would have computed (see {@link LoopKernel#fastSecondOrderAdjointsBounded}).
     * For the bound to hold, the tail reads each of the loop's clean positions at most as often as
     * their weight allows beyond the reads inside the last repetition, and every dirty node (dirty
     * positions of the last repetition, tail nodes) is read at most once, the output counting as a
     * read. One pass over the tail.
     */
    private static int sumLoop(Program p, LoopRegion[] loops) {
        if (loops.length == 0 || p.outputs.length != 1) {
            return -1;
        }
        LoopRegion r = loops[loops.length - 1];
        LoopShape shape = r.shape();
        if (shape.dirty == null) {
            return -1;
        }
        int last = r.end() - shape.period;
        int[] reads = new int[p.size - last]; // of the last repetition and the tail, by the tail and the output
        int out = p.outputs[0];
        if (out < last) {
            return -1;
        }
        reads[out - last]++;
        for (int i = r.end(); i < p.size; i++) {
            int c = p.code[i];
            if (c != Program.CONSTANT && !hasConstantPartials(c)) {
                return -1;
            }
            for (int operand : new int[] {p.left[i], p.right[i]}) {
                if (operand >= 0 && p.code[operand] != Program.CONSTANT) {
                    if (operand < last) {
                        return -1; // the tail reads an earlier node: its tangent is not in the bound
                    }
                    reads[operand - last]++;
                }
            }
        }
        for (int k = 0; k < shape.period; k++) {
            int allowed = shape.dirty[k] ? 1 - localReads(shape, k) : tailAllowance(shape, k);
            if (reads[k] > allowed) {
                return -1;
            }
        }
        for (int i = r.end(); i < p.size; i++) {
            if (reads[i - last] > 1) {
                return -1;
            }
        }
        boolean outDirty = out >= r.end() || shape.dirty[out - last];
        return outDirty ? loops.length - 1 : -1;
    }

    /** {@return how often position k is read in its own repetition} */
    private static int localReads(LoopShape shape, int k) {
        int n = 0;
        for (int at = 0; at < shape.kind.length; at++) {
            n += shape.kind[at] == LoopShape.LOCAL && shape.ref[at] == k ? 1 : 0;
        }
        return n;
    }

    /**
     * {@return how often the tail may read clean position k of the last repetition}: its weight
     * counts the next repetition's reads (there are none after the last) and one for being stored
     */
    private static int tailAllowance(LoopShape shape, int k) {
        int n = shape.stored[k] ? 1 : 0;
        for (int at = 0; at < shape.kind.length; at++) {
            n += shape.kind[at] == LoopShape.CARRY && shape.ref[at] == k && shape.dirty[at / 2] ? 1 : 0;
        }
        return n;
    }

    /**
     * {@return the loop a fast Hessian-vector product may leave out of its tangent sweep, or -1}:
     * its second-order sweep then runs {@link #secondOrderAdjointsBounded}, whose bound, when finite
     * and at most {@link #TANGENT_BOUND}, shows that every tangent of the program is finite, which is
     * what the output's tangent would otherwise be checked for
     */
    public int sumLoop() {
        return sumLoop;
    }

    /**
     * The bound below which {@link #secondOrderAdjointsBounded} shows every tangent finite: tangents
     * of the left-out loop are at most the bound times 1 + 2⁻²² (the rounding of at most 2³¹ sums),
     * far below {@link Double#MAX_VALUE}.
     */
    public static final double TANGENT_BOUND = 0x1p1000;

    /**
     * Runs the fast second-order adjoints of loop {@link #sumLoop} after a tangent sweep that left
     * it out; {@return the bound on its tangents} (see {@link LoopKernel#fastSecondOrderAdjointsBounded})
     */
    public double secondOrderAdjointsBounded(Program p, int q, double[] v, double[] t, double[] adj, double[] tadj) {
        LoopRegion r = loops[q];
        return r.kernel().fastSecondOrderAdjointsBounded(v, t, adj, tadj, p.param, r.start(), r.reps(), r.bases());
    }

    /**
     * {@return per loop, whether a gradient's forward sweep must run it}: a gradient needs a node's
     * value only where a partial depends on it (products, functions; not sums and differences), or
     * where a needed value is computed from it. The backward kernels recompute their loops'
     * values from the external operands, which are therefore always needed; a loop whose values
     * nothing needs (a running sum of terms, say, whose total the gradient does not return) is left
     * out of the forward sweep. One backward pass over the program.
     */
    private static boolean[] gradientNeedsValues(Program p, LoopRegion[] loops) {
        boolean[] needed = new boolean[p.size];
        boolean[] loopNeeded = new boolean[loops.length];
        int q = loops.length - 1;
        int i = p.size - 1;
        while (i >= p.inputCount) {
            if (q >= 0 && i == loops[q].end() - 1) {
                LoopRegion r = loops[q];
                LoopShape shape = r.shape();
                for (int k = 0; k < shape.period && !loopNeeded[q]; k++) {
                    // a carried position stored every repetition is read back by the backward kernel
                    loopNeeded[q] = shape.isCarried(k) && !shape.lastOnly[k];
                }
                for (int j = r.start(); j <= i && !loopNeeded[q]; j++) {
                    loopNeeded[q] = needed[j];
                }
                for (int e = 0; e < shape.stride.length; e++) {
                    for (int rep = 0; rep < r.reps(); rep++) {
                        needed[r.bases()[e] + rep * shape.stride[e]] = true;
                    }
                }
                i = r.start() - 1;
                q--;
                continue;
            }
            if (needed[i] || !hasConstantPartials(p.code[i])) {
                if (p.left[i] >= 0) {
                    needed[p.left[i]] = true;
                }
                if (p.right[i] >= 0) {
                    needed[p.right[i]] = true;
                }
            }
            i--;
        }
        return loopNeeded;
    }

    /**
     * {@return whether a gradient's forward sweep must run loop {@code q}}; when not, the values of
     * its stored positions are left as they were, and only the gradient (not the function's value)
     * may be read after the backward sweep
     */
    public boolean gradientNeedsValues(int q) {
        return gradientNeedsValues[q];
    }

    /**
     * {@return whether a node with op {@code code} has partials that do not depend on its operands'
     * values}: sums, differences, negations and constants (which have none)
     */
    private static boolean hasConstantPartials(int code) {
        return code == Primitive.ADD.ordinal() || code == Primitive.SUB.ordinal()
                || code == Primitive.NEG.ordinal() || code == Program.CONSTANT;
    }

    /**
     * {@return per position, whether a backward sweep's partials depend on its value}: directly (an
     * operand of a product or a function, whose partials are operand values) or through a node whose
     * value they depend on. Sums and differences have constant partials, so a running sum's values
     * are not needed going backward, and need not be stored for every repetition.
     */
    private static boolean[] valuesNeededByPartials(int[] code, int[] kind, int[] ref) {
        int period = code.length;
        boolean[] needed = new boolean[period];
        boolean changed = true;
        while (changed) { // a fixpoint: carried operands make the dependence cyclic
            changed = false;
            for (int m = 0; m < period; m++) {
                if (!hasConstantPartials(code[m]) || needed[m]) {
                    for (int o = 0; o < 2; o++) {
                        int at = 2 * m + o;
                        if ((kind[at] == LoopShape.LOCAL || kind[at] == LoopShape.CARRY) && !needed[ref[at]]) {
                            needed[ref[at]] = true;
                            changed = true;
                        }
                    }
                }
            }
        }
        return needed;
    }

    /**
     * Marks, per loop and position, whether a node outside the loop (or an output) reads it in a
     * repetition before the last ({@code earlier}) or in the last ({@code last}).
     */
    private static void readsFromOutside(Program p, List<LoopFinder.Found> found, boolean[][] earlier, boolean[][] last) {
        int[] loopOf = new int[p.size];
        java.util.Arrays.fill(loopOf, -1);
        for (int q = 0; q < found.size(); q++) {
            LoopFinder.Found f = found.get(q);
            earlier[q] = new boolean[f.period()];
            last[q] = new boolean[f.period()];
            java.util.Arrays.fill(loopOf, f.start(), f.start() + f.reps() * f.period(), q);
        }
        for (int i = p.inputCount; i < p.size; i++) {
            markRead(p.left[i], i, loopOf, found, earlier, last);
            markRead(p.right[i], i, loopOf, found, earlier, last);
        }
        for (int out : p.outputs) {
            markRead(out, -1, loopOf, found, earlier, last);
        }
    }

    private static void markRead(int operand, int reader, int[] loopOf, List<LoopFinder.Found> found,
            boolean[][] earlier, boolean[][] last) {
        if (operand < 0 || loopOf[operand] < 0) {
            return;
        }
        int q = loopOf[operand];
        if (reader >= 0 && loopOf[reader] == q) {
            return; // the same repetition (local) or the next (carried): the shape knows these
        }
        LoopFinder.Found f = found.get(q);
        int rep = (operand - f.start()) / f.period();
        int k = (operand - f.start()) % f.period();
        if (rep == f.reps() - 1) {
            last[q][k] = true;
        } else {
            earlier[q][k] = true;
        }
    }

    /** {@return the number of loops} */
    public int loops() {
        return loops.length;
    }

    /** {@return the first node of loop {@code q}} */
    public int loopStart(int q) {
        return loops[q].start();
    }

    /** {@return the node after loop {@code q}'s last} */
    public int loopEnd(int q) {
        return loops[q].end();
    }

    /** {@return loop {@code q}: its shape, kernel and extent} */
    LoopRegion region(int q) {
        return loops[q];
    }

    /** {@return the number of program nodes inside loops} */
    public int loopNodes() {
        int n = 0;
        for (LoopRegion r : loops) {
            n += r.end() - r.start();
        }
        return n;
    }

    /** Runs loop {@code q}'s values, given every earlier node's value in {@code v}. */
    public void values(Program p, int q, double[] v) {
        LoopRegion r = loops[q];
        r.kernel().values(v, null, null, null, p.param, r.start(), r.reps(), r.bases());
    }

    /**
     * Runs loop {@code q}'s values and tangents, given every earlier node's in {@code v} and
     * {@code t}; {@code fast} multiplies plainly by partials (see {@link LoopKernel}).
     */
    public void tangents(Program p, int q, double[] v, double[] t, boolean fast) {
        LoopRegion r = loops[q];
        if (fast) {
            r.kernel().fastTangents(v, t, null, null, p.param, r.start(), r.reps(), r.bases());
        } else {
            r.kernel().tangents(v, t, null, null, p.param, r.start(), r.reps(), r.bases());
        }
    }

    /**
     * Runs loop {@code q}'s values and tangents for a directional derivative (no backward sweep
     * follows): fast if {@code fast}, and running sums stored for the last repetition only.
     */
    public void directional(Program p, int q, double[] v, double[] t, boolean fast) {
        LoopRegion r = loops[q];
        if (fast) {
            r.kernel().fastDirectional(v, t, null, null, p.param, r.start(), r.reps(), r.bases());
        } else {
            r.kernel().tangents(v, t, null, null, p.param, r.start(), r.reps(), r.bases());
        }
    }

    /**
     * Runs loop {@code q}'s adjoints after every later node's: {@code v} holds the values of a
     * {@link #values} sweep, {@code adj} the adjoints accumulated so far; {@code fast} as for
     * {@link #tangents}.
     */
    public void adjoints(Program p, int q, double[] v, double[] adj, boolean fast) {
        LoopRegion r = loops[q];
        if (fast) {
            r.kernel().fastAdjoints(v, null, adj, null, p.param, r.start(), r.reps(), r.bases());
        } else {
            r.kernel().adjoints(v, null, adj, null, p.param, r.start(), r.reps(), r.bases());
        }
    }

    /**
     * Runs loop {@code q}'s second-order adjoints (see reverse mode's second-order sweep): {@code v}
     * and {@code t} from a {@link #tangents} sweep, {@code adj} and {@code tadj} accumulated so far.
     */
    public void secondOrderAdjoints(Program p, int q, double[] v, double[] t, double[] adj, double[] tadj, boolean fast) {
        LoopRegion r = loops[q];
        if (fast) {
            r.kernel().fastSecondOrderAdjoints(v, t, adj, tadj, p.param, r.start(), r.reps(), r.bases());
        } else {
            r.kernel().secondOrderAdjoints(v, t, adj, tadj, p.param, r.start(), r.reps(), r.bases());
        }
    }

    /**
     * {@return whether every loop has a {@link LoopBlockKernel}}, so that a Hessian can run
     * {@value LoopBlockKernel#LANES} columns per sweep through {@link #blockTangents} and
     * {@link #blockSecondOrderAdjoints}; the first call writes the kernels
     */
    public boolean hasBlockKernels() {
        for (LoopBlockKernel k : blockKernels.get()) {
            if (k == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs loop {@code q}'s tangents of {@value LoopBlockKernel#LANES} directions into the lane-major
     * {@code t}, given every earlier node's tangents there and values in {@code v} (of a
     * {@link #values} sweep); {@code fast} as for {@link #tangents}. Needs {@link #hasBlockKernels}.
     */
    public void blockTangents(Program p, int q, double[] v, double[] t, boolean fast) {
        LoopRegion r = loops[q];
        LoopBlockKernel k = java.util.Objects.requireNonNull(blockKernels.get()[q]);
        if (fast) {
            k.fastTangents(v, t, null, null, p.param, r.start(), r.reps(), r.bases());
        } else {
            k.tangents(v, t, null, null, p.param, r.start(), r.reps(), r.bases());
        }
    }

    /**
     * Runs loop {@code q}'s second-order adjoints of {@value LoopBlockKernel#LANES} directions into the
     * lane-major {@code adj}: {@code t} from {@link #blockTangents}, {@code tadj} a finished gradient's
     * adjoints (of {@link #adjoints} sweeps, read only). Needs {@link #hasBlockKernels}.
     */
    public void blockSecondOrderAdjoints(Program p, int q, double[] v, double[] t, double[] adj, double[] tadj,
            boolean fast) {
        LoopRegion r = loops[q];
        LoopBlockKernel k = java.util.Objects.requireNonNull(blockKernels.get()[q]);
        if (fast) {
            k.fastSecondOrderAdjoints(v, t, adj, tadj, p.param, r.start(), r.reps(), r.bases());
        } else {
            k.secondOrderAdjoints(v, t, adj, tadj, p.param, r.start(), r.reps(), r.bases());
        }
    }

    /**
     * Sets to 0 every element of {@code array} (node-indexed) that a sweep over this plan reads: the
     * nodes outside loops and the stored positions inside them; {@code everyRepetition} false clears
     * the {@linkplain LoopShape#lastOnly last-only} positions in the last repetition alone, as the
     * first-order and fast sweeps need (the exact second-order sweeps need every repetition). The
     * other elements of loops are never read or written.
     */
    public void clear(Program p, double[] array, boolean everyRepetition) {
        clear(p, array, everyRepetition, 1);
    }

    /**
     * {@link #clear(Program, double[], boolean)} for a lane-major array of {@code lanes} directions
     * per node (node i's at {@code i·lanes … i·lanes + lanes - 1}), as block sweeps use.
     */
    public void clear(Program p, double[] array, boolean everyRepetition, int lanes) {
        int from = 0;
        for (LoopRegion r : loops) {
            java.util.Arrays.fill(array, from * lanes, r.start() * lanes, 0.0);
            LoopShape shape = r.shape();
            for (int k = 0; k < shape.period; k++) {
                if (shape.stored[k] && (everyRepetition || !shape.lastOnly[k])) {
                    for (int i = r.start() + k; i < r.end(); i += shape.period) {
                        clearNode(array, i, lanes);
                    }
                } else if (shape.stored[k]) {
                    clearNode(array, r.end() - shape.period + k, lanes);
                }
            }
            from = r.end();
        }
        java.util.Arrays.fill(array, from * lanes, p.size * lanes, 0.0);
    }

    private static void clearNode(double[] array, int i, int lanes) {
        for (int c = i * lanes; c < (i + 1) * lanes; c++) {
            array[c] = 0;
        }
    }

    /**
     * {@return whether a directional derivative computed with the fast kernels must be computed again
     * with the exact ones}: when it is 0, whose sign the fast kernels may get wrong, or NaN, which
     * they may make of 0·∞ ({@link LoopKernel})
     */
    public static boolean redoDirectionalExactly(double fastResult) {
        return fastResult == 0 || Double.isNaN(fastResult);
    }

    /** Fills {@code values} with every node's value at {@code point}, whose length has been checked. */
    public void evaluate(Program p, double[] point, double[] values) {
        System.arraycopy(point, 0, values, 0, p.inputCount);
        int from = p.inputCount;
        for (int q = 0; q < loops.length; q++) {
            for (int i = from; i < loops[q].start(); i++) {
                values[i] = p.valueOf(i, values);
            }
            values(p, q, values);
            from = loops[q].end();
        }
        for (int i = from; i < p.size; i++) {
            values[i] = p.valueOf(i, values);
        }
    }
}
