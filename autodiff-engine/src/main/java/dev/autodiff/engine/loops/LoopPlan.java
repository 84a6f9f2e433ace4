package dev.autodiff.engine.loops;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.engine.codegen.BoundedKernel;
import dev.autodiff.engine.codegen.FusedKernel;
import dev.autodiff.engine.codegen.LoopBlockKernel;
import dev.autodiff.engine.codegen.LoopKernel;
import dev.autodiff.engine.codegen.SegmentKernel;
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
    /** Per loop, whether a gradient needs its values sweep (see {@link LoopAnalysis#gradientNeedsValues}). */
    private final boolean[] gradientNeedsValues;
    /** Per loop, its block kernel (null if too large), written on the first Hessian. */
    private final Lazy<@Nullable LoopBlockKernel[]> blockKernels;
    /** The loop a Hessian-vector product may leave out of its tangent sweep, or -1: see {@link #sumLoop}. */
    private final int sumLoop;
    /** Its second-order kernel (null if too large, or without such a loop), written on the first Hessian-vector product. */
    private final Lazy<@Nullable BoundedKernel> boundedKernel;
    /** The loop whose gradient runs in one forward pass, and its kernel (null if too large), written on the first gradient; or null. */
    private final @Nullable FusedGradient fused;
    private final Lazy<@Nullable FusedKernel> fusedKernel;
    /**
     * Per loop, the tape kernel of a straight-line segment (one repetition), or null: see
     * {@link #gradientValues}; written on the first gradient, so that a function only evaluated or
     * differentiated forward never writes them.
     */
    private final Lazy<@Nullable SegmentKernel[]> tapes;
    /** See {@link #directionalReads} and {@link #hessianVectorReads}; null until first asked. */
    private volatile int @Nullable [] directionalReads;
    private volatile int @Nullable [] hessianVectorReads;

    private LoopPlan(LoopRegion[] loops, boolean[] gradientNeedsValues, int sumLoop, int inputs,
            @Nullable FusedGradient fused) {
        this.loops = loops;
        this.gradientNeedsValues = gradientNeedsValues;
        this.sumLoop = sumLoop;
        this.boundedKernel = Lazy.of(() -> sumLoop < 0 ? null
                : BoundedKernel.of(loops[sumLoop].shape(), LoopAnalysis.inputOperands(inputs, loops[sumLoop])));
        this.fused = fused;
        this.fusedKernel = Lazy.of(() -> fused == null ? null : FusedKernel.of(loops[fused.loop()].shape(), fused.seeds()));
        this.blockKernels = Lazy.of(() -> {
            @Nullable LoopBlockKernel[] kernels = new LoopBlockKernel[loops.length];
            for (int q = 0; q < loops.length; q++) {
                kernels[q] = LoopBlockKernel.of(loops[q].shape());
            }
            return kernels;
        });
        this.tapes = Lazy.of(() -> {
            @Nullable SegmentKernel[] kernels = new SegmentKernel[loops.length];
            for (int q = 0; q < loops.length; q++) {
                kernels[q] = loops[q].reps() == 1 ? SegmentKernel.of(loops[q].shape()) : null;
            }
            return kernels;
        });
    }

    /** {@return the plan of {@code program}'s loops}, or one without loops if {@value #PROPERTY} is false */
    public static LoopPlan of(Program program) {
        return enabled() ? withLoops(program) : none();
    }

    /** {@return whether generated code is enabled}: the system property {@value #PROPERTY} is not false */
    public static boolean enabled() {
        return Boolean.parseBoolean(System.getProperty(PROPERTY, "true"));
    }

    /** {@return a plan that interprets every node} */
    public static LoopPlan none() {
        return new LoopPlan(new LoopRegion[0], new boolean[0], -1, 0, null);
    }

    /** {@return the plan with every loop {@link LoopFinder} finds in {@code program}} */
    public static LoopPlan withLoops(Program program) {
        return of(program, LoopFinder.find(program));
    }

    /**
     * The longest segment tried first ({@link SegmentFinder}): its kernel's largest method stays
     * under HotSpot's limit for most primitives; a segment whose kernel does not is cut in two.
     */
    static final int SEGMENT_LENGTH = 48;

    /**
     * {@return the plan of {@code program} with its loops and, between them, its straight-line code
     * cut into segments}: every node a kernel can run then runs in one, values in registers within a
     * segment or a repetition
     */
    public static LoopPlan withSegments(Program program) {
        List<LoopFinder.Found> loops = LoopFinder.find(program);
        List<LoopFinder.Found> segments = SegmentFinder.find(program, loops, SEGMENT_LENGTH);
        while (true) {
            List<LoopFinder.Found> all = new java.util.ArrayList<>(loops);
            all.addAll(segments);
            all.sort(java.util.Comparator.comparingInt(LoopFinder.Found::start));
            LoopPlan plan = of(program, all);
            if (plan.loops.length == all.size()) {
                return plan;
            }
            java.util.Set<Integer> kept = new java.util.HashSet<>();
            for (LoopRegion r : plan.loops) {
                kept.add(r.start());
            }
            // a loop whose body is too large for one method is run as segments of straight-line code
            // instead, its repetitions cut like the rest (rather than interpreted, or tried forever)
            List<LoopFinder.Found> fitting = loops.stream().filter(f -> kept.contains(f.start())).toList();
            if (fitting.size() < loops.size()) {
                loops = fitting;
                segments = SegmentFinder.find(program, loops, SEGMENT_LENGTH);
                continue;
            }
            // a segment whose kernel is too large is cut in two, and the plan made again
            List<LoopFinder.Found> cut = new java.util.ArrayList<>();
            for (LoopFinder.Found f : segments) {
                if (kept.contains(f.start())) {
                    cut.add(f);
                } else if (f.period() >= 2 * SegmentFinder.MIN_LENGTH) {
                    int half = f.period() / 2;
                    cut.add(SegmentFinder.segment(program, f.start(), half));
                    cut.add(SegmentFinder.segment(program, f.start() + half, f.period() - half));
                }
            }
            segments = cut;
        }
    }

    /** {@return the plan of the loops {@code found} (program order, not overlapping) in {@code program}} */
    static LoopPlan of(Program program, List<LoopFinder.Found> found) {
        if (found.isEmpty()) {
            return none();
        }
        LoopShape[] shapes = shapes(program, found);
        List<LoopRegion> loops = new java.util.ArrayList<>();
        java.util.Map<LoopShape, java.util.Optional<LoopKernel>> kernels = new java.util.HashMap<>(); // one per shape
        for (int q = 0; q < found.size(); q++) {
            LoopFinder.Found f = found.get(q);
            LoopShape shape = shapes[q];
            java.util.Optional<LoopKernel> kernel = kernels.computeIfAbsent(shape, k -> java.util.Optional.ofNullable(LoopKernel.of(k)));
            // a loop whose kernel is too large to compile is interpreted; the others do not depend on it
            kernel.ifPresent(k -> loops.add(new LoopRegion(shape, k, f.start(), f.reps(), f.bases())));
        }
        LoopRegion[] regions = loops.toArray(new LoopRegion[0]);
        return new LoopPlan(regions, LoopAnalysis.gradientNeedsValues(program, regions), LoopAnalysis.sumLoop(program, regions),
                program.inputCount, FusedGradient.of(program, regions));
    }

    /** {@return the shape of each loop of {@code found}}: which positions are stored, and how */
    private static LoopShape[] shapes(Program program, List<LoopFinder.Found> found) {
        boolean[][] earlier = new boolean[found.size()][];
        boolean[][] last = new boolean[found.size()][];
        LoopAnalysis.readsFromOutside(program, found, earlier, last);
        boolean[][] readForward = LoopAnalysis.valuesReadByTangents(program, found);
        LoopShape[] shapes = new LoopShape[found.size()];
        for (int q = 0; q < found.size(); q++) {
            LoopFinder.Found f = found.get(q);
            int period = f.period();
            int[] code = new int[period];
            double[] param = new double[period];
            for (int k = 0; k < period; k++) {
                code[k] = program.code[f.start() + k];
                param[k] = program.param[f.start() + k];
            }
            boolean[] carried = LoopShape.carriedPositions(f.kind(), f.ref(), f.conditionKind(), f.conditionRef(), period);
            boolean[] needed = LoopAnalysis.valuesNeededByPartials(code, f.kind(), f.ref(), f.conditionKind(), f.conditionRef());
            boolean[] stored = new boolean[period];
            boolean[] lastOnly = new boolean[period];
            boolean[] lastOnlyForward = new boolean[period];
            for (int k = 0; k < period; k++) {
                stored[k] = carried[k] || earlier[q][k] || last[q][k];
                lastOnlyForward[k] = carried[k] && !earlier[q][k];
                lastOnly[k] = lastOnlyForward[k] && !needed[k];
            }
            shapes[q] = new LoopShape(period, code, param, f.kind(), f.ref(), f.conditionKind(), f.conditionRef(), f.stride(),
                    f.constant(), f.distinct(), f.handoff(), stored, lastOnly, lastOnlyForward, readForward[q], f.reps() == 1);
        }
        return shapes;
    }

    /** The most operations a whole program compiled as one method may have ({@link #wholeKernel}). */
    static final int WHOLE_LENGTH = 400;

    /**
     * {@return the kernel of the whole of {@code program} in one straight-line method}
     * ({@link WholeKernel}), or null when the program is not small and plain enough: more than
     * {@value #WHOLE_LENGTH} operations, a custom operation, several outputs, an output
     * that is no operation, or a method too large for the JIT
     */
    public static dev.autodiff.engine.codegen.@Nullable WholeKernel wholeKernel(Program program, int variables) {
        int length = program.size - program.inputCount;
        int out = program.outputs.length == 1 ? program.outputs[0] : -1;
        if (length <= 0 || length > WHOLE_LENGTH || out < program.inputCount) {
            return null;
        }
        for (int i = program.inputCount; i < program.size; i++) {
            if (program.code[i] == Program.CUSTOM) {
                return null;
            }
        }
        LoopFinder.Found f = SegmentFinder.segment(program, program.inputCount, length);
        LoopShape shape = shapes(program, List.of(f))[0];
        return dev.autodiff.engine.codegen.WholeKernel.of(shape, f.bases(), variables, out - program.inputCount);
    }

    /**
     * The most operations a record's program summed by one method may have ({@link #recordKernel}):
     * more would pass the JIT's method size limit anyway (the sizes are checked as well).
     */
    public static final int RECORD_LENGTH = 1000;

    /**
     * {@return the record kernel of {@code program} ({@link dev.autodiff.engine.codegen.RecordKernel}):
     * with {@code gradient}, the sums over rows of output 0 and of its gradient with respect to the
     * first {@code variables} inputs; otherwise the sums of every output}, the other inputs read from
     * each row; or null when the program is not plain enough (a custom operation, an
     * output that is no operation) or a method would be too large
     */
    public static dev.autodiff.engine.codegen.@Nullable RecordKernel recordKernel(Program program, int variables,
            boolean gradient) {
        int length = program.size - program.inputCount;
        if (length <= 0 || length > RECORD_LENGTH) {
            return null;
        }
        int[] outputs = new int[gradient ? 1 : program.outputs.length];
        for (int o = 0; o < outputs.length; o++) {
            outputs[o] = program.outputs[o] - program.inputCount;
            if (outputs[o] < 0) {
                return null;
            }
        }
        for (int i = program.inputCount; i < program.size; i++) {
            if (program.code[i] == Program.CUSTOM) {
                return null;
            }
        }
        LoopFinder.Found f = SegmentFinder.segment(program, program.inputCount, length);
        // the parameters are data: no adjoint is summed for them, as for constants
        boolean[] constant = f.constant().clone();
        for (int j = 0; j < constant.length; j++) {
            constant[j] |= f.bases()[j] >= variables;
        }
        LoopFinder.Found data = new LoopFinder.Found(f.start(), f.period(), 1, f.kind(), f.ref(), f.stride(), f.bases(),
                constant, f.distinct(), f.handoff(), f.conditionKind(), f.conditionRef());
        LoopShape shape = shapes(program, List.of(data))[0];
        return dev.autodiff.engine.codegen.RecordKernel.of(shape, f.bases(), variables, outputs, gradient);
    }

    /** {@return the number of regions that are straight-line segments (one repetition) rather than loops} */
    public int segments() {
        int n = 0;
        for (LoopRegion r : loops) {
            n += r.reps() == 1 ? 1 : 0;
        }
        return n;
    }

    /**
     * {@return the loop a kernel Hessian-vector product may leave out of its tangent sweep, or -1}:
     * its second-order sweep then runs {@link #secondOrderAdjointsBounded}, whose bound, when finite
     * and at most {@link #TANGENT_BOUND}, shows that every tangent of the program is finite, which is
     * what the output's tangent would otherwise be checked for; -1 too when that kernel would be too
     * large to compile
     */
    public int sumLoop() {
        return sumLoop >= 0 && boundedKernel.get() != null ? sumLoop : -1;
    }

    /**
     * Sets loop {@code q}'s last repetition to 0 in the node-indexed tangents {@code t}: the nodes
     * after a loop that a Hessian-vector product left out ({@link #sumLoop}) read only those, and
     * multiply them by zero second partials alone; zeros there keep a NaN left by an earlier call
     * from sending a kernel product to the interpreter for nothing.
     */
    public void clearLastRepetition(int q, double[] t) {
        LoopRegion r = loops[q];
        java.util.Arrays.fill(t, r.end() - r.shape().period, r.end(), 0.0);
    }

    /**
     * The bound below which {@link #secondOrderAdjointsBounded} shows every tangent finite: tangents
     * of the left-out loop are at most the bound times 1 + 2⁻²² (the rounding of at most 2³¹ sums),
     * far below {@link Double#MAX_VALUE}.
     */
    public static final double TANGENT_BOUND = 0x1p1000;

    /**
     * Runs the second-order adjoints of loop {@link #sumLoop} after a tangent sweep that left
     * it out; {@return the bound on its tangents} (see {@link BoundedKernel#secondOrderAdjointsBounded})
     */
    public double secondOrderAdjointsBounded(Program p, int q, double[] v, double[] t, double[] adj, double[] tadj,
            double @Nullable [] point, double @Nullable [] direction, Partials scratch) {
        if (q != sumLoop() || q < 0) {
            throw new IllegalArgumentException("loop " + q + " is not the sum loop " + sumLoop());
        }
        LoopRegion r = loops[q];
        BoundedKernel kernel = java.util.Objects.requireNonNull(boundedKernel.get());
        return kernel.secondOrderAdjointsBounded(v, t, adj, tadj, p.param, r.start(), r.reps(), r.bases(), scratch,
                point, direction);
    }

    /**
     * {@return the loop whose values and gradient one forward pass computes ({@link FusedGradient}),
     * or -1}: a gradient then runs the nodes after it forward only (their adjoints are known), and
     * the sweeps before it as usual
     */
    public int fusedLoop() {
        return fused != null && fusedKernel.get() != null ? fused.loop() : -1;
    }

    /**
     * Runs loop {@link #fusedLoop}'s values and adjoints in one pass, given every earlier node's
     * value in {@code v}; adds to {@code adj} of the nodes before it, which must hold +0 so far.
     */
    public void fusedGradient(Program p, double[] v, double[] adj, Partials scratch) {
        LoopRegion r = loops[fused.loop()];
        fusedKernel.get().gradient(v, null, adj, null, p.param, r.start(), r.reps(), r.bases(), scratch);
    }

    /**
     * {@return whether a gradient's forward sweep must run loop {@code q}}; when not, the values of
     * its stored positions are left as they were, and only the gradient (not the function's value)
     * may be read after the backward sweep
     */
    public boolean gradientNeedsValues(int q) {
        return gradientNeedsValues[q];
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
    public void values(Program p, int q, double[] v, Partials scratch) {
        LoopRegion r = loops[q];
        r.kernel().values(v, null, null, null, p.param, r.start(), r.reps(), r.bases(), scratch);
    }

    /** Runs loop {@code q}'s values and tangents, given every earlier node's in {@code v} and {@code t}. */
    public void tangents(Program p, int q, double[] v, double[] t, Partials scratch) {
        LoopRegion r = loops[q];
        r.kernel().tangents(v, t, null, null, p.param, r.start(), r.reps(), r.bases(), scratch);
    }

    /**
     * Runs loop {@code q}'s values and tangents for a directional derivative (no backward sweep
     * follows): running sums stored for the last repetition only.
     */
    public void directional(Program p, int q, double[] v, double[] t, double @Nullable [] point,
            double @Nullable [] direction, Partials scratch) {
        LoopRegion r = loops[q];
        r.kernel().directional(v, t, null, null, p.param, r.start(), r.reps(), r.bases(), scratch, point, direction);
    }

    /**
     * {@return the variables (nodes below {@code variables}) that a directional derivative reads from
     * the value and tangent arrays}, in increasing order: those the interpreted nodes read, the
     * outputs, and what the loops read other than through an external operand that walks variables
     * only ({@link LoopKernel#streamsVariables}), which a directional kernel reads from the caller's
     * point and direction instead: loop invariants, the nodes carried into the first repetition, and
     * the nodes of any other external operand. Computed on first use (two threads may both compute
     * it, alike).
     */
    public int[] directionalReads(Program p, int variables) {
        int[] reads = directionalReads;
        if (reads == null) {
            reads = readsOutsideStreams(p, variables, -1);
            directionalReads = reads;
        }
        return reads;
    }

    /**
     * {@return the variables that a Hessian-vector product reads from the value and tangent
     * arrays}, as {@link #directionalReads} for a product whose {@link #sumLoop} alone streams them
     * ({@link #secondOrderAdjointsBounded}): every other loop reads all its operands from the arrays.
     */
    public int[] hessianVectorReads(Program p, int variables) {
        int[] reads = hessianVectorReads;
        if (reads == null) {
            reads = readsOutsideStreams(p, variables, sumLoop() >= 0 ? sumLoop : Integer.MAX_VALUE); // none without one
            hessianVectorReads = reads;
        }
        return reads;
    }

    /** {@return the variables read from the arrays when loop {@code streaming} streams (every loop for -1, none for an index past the last)}, in order */
    private int[] readsOutsideStreams(Program p, int variables, int streaming) {
        boolean[] read = new boolean[variables];
        int from = p.inputCount;
        for (int q = 0; q < loops.length; q++) {
            LoopRegion r = loops[q];
            markOperands(p, from, r.start(), read);
            markLoopReads(r, streaming < 0 || streaming == q, read);
            from = r.end();
        }
        markOperands(p, from, p.size, read);
        for (int o : p.outputs) {
            mark(o, read);
        }
        return java.util.stream.IntStream.range(0, variables).filter(i -> read[i]).toArray();
    }

    /** Marks the variables that nodes {@code from … to - 1}, interpreted, read. */
    private static void markOperands(Program p, int from, int to, boolean[] read) {
        for (int i = from; i < to; i++) {
            mark(p.left[i], read);
            mark(p.right[i], read);
            mark(p.third[i], read);
        }
    }

    /** Marks the variables loop {@code r}'s kernel reads from the value and tangent arrays, when it {@code streams} or not. */
    private static void markLoopReads(LoopRegion r, boolean streams, boolean[] read) {
        LoopShape s = r.shape();
        int[] bases = r.bases();
        for (int j = 0; j < bases.length; j++) {
            if (!streams || s.stride[j] == 0 || !LoopKernel.streamsVariables(read.length, bases[j], s.stride[j], r.reps())) {
                for (int rep = 0; rep < r.reps() && (rep == 0 || s.stride[j] != 0); rep++) {
                    mark(bases[j] + rep * s.stride[j], read);
                }
            }
        }
        for (int at = 0; at < s.kind.length; at++) {
            if (s.kind[at] == LoopShape.CARRY) {
                mark(r.start() - s.period + s.ref[at], read); // the first repetition's carried operand
            }
        }
        for (int k = 0; k < s.period; k++) {
            if (s.conditionKind[k] == LoopShape.CARRY) {
                mark(r.start() - s.period + s.conditionRef[k], read); // the first repetition's carried condition
            }
        }
    }

    private static void mark(int node, boolean[] read) {
        if (node >= 0 && node < read.length) {
            read[node] = true;
        }
    }

    /**
     * Runs loop {@code q}'s adjoints after every later node's: {@code v} holds the values of a
     * {@link #values} sweep, {@code adj} the adjoints accumulated so far.
     */
    public void adjoints(Program p, int q, double[] v, double[] adj, Partials scratch) {
        LoopRegion r = loops[q];
        r.kernel().adjoints(v, null, adj, null, p.param, r.start(), r.reps(), r.bases(), scratch);
    }

    /** {@return whether loop {@code q} is a segment whose gradient runs through the tape} ({@link #gradientValues}) */
    public boolean taped(int q) {
        return tapes.get()[q] != null;
    }

    /**
     * Runs loop {@code q}'s values for a gradient, given every earlier node's value in {@code v}: a
     * {@linkplain #taped taped} segment also writes its partials to {@code da} and {@code db}, which
     * {@link #gradientAdjoints} then reads instead of recomputing them; any other loop its values.
     */
    public void gradientValues(Program p, int q, double[] v, double[] da, double[] db, Partials scratch) {
        SegmentKernel tape = tapes.get()[q];
        if (tape == null) {
            values(p, q, v, scratch);
        } else {
            LoopRegion r = loops[q];
            tape.values(v, da, null, db, p.param, r.start(), r.reps(), r.bases(), scratch);
        }
    }

    /**
     * {@link #adjoints} after a {@link #gradientValues} sweep, whose partials a taped segment reads
     * from {@code da} and {@code db}.
     */
    public void gradientAdjoints(Program p, int q, double[] v, double[] adj, double[] da, double[] db, Partials scratch) {
        SegmentKernel tape = tapes.get()[q];
        if (tape == null) {
            adjoints(p, q, v, adj, scratch);
        } else {
            LoopRegion r = loops[q];
            tape.adjoints(null, da, adj, db, p.param, r.start(), r.reps(), r.bases(), scratch);
        }
    }

    /**
     * Runs loop {@code q}'s second-order adjoints (see the interpreter's second-order sweep): {@code v}
     * and {@code t} from a {@link #tangents} sweep, {@code adj} and {@code tadj} accumulated so far.
     */
    public void secondOrderAdjoints(Program p, int q, double[] v, double[] t, double[] adj, double[] tadj, Partials scratch) {
        LoopRegion r = loops[q];
        r.kernel().secondOrderAdjoints(v, t, adj, tadj, p.param, r.start(), r.reps(), r.bases(), scratch);
    }

    /** {@return whether the loops' {@link LoopBlockKernel}s have been asked for, and so written}, for tests */
    public boolean blockKernelsWritten() {
        return blockKernels.isEvaluated();
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
     * {@link #values} sweep). Needs {@link #hasBlockKernels}.
     */
    public void blockTangents(Program p, int q, double[] v, double[] t, Partials scratch) {
        LoopRegion r = loops[q];
        LoopBlockKernel k = java.util.Objects.requireNonNull(blockKernels.get()[q]);
        k.tangents(v, t, null, null, p.param, r.start(), r.reps(), r.bases(), scratch);
    }

    /**
     * Runs loop {@code q}'s second-order adjoints of {@value LoopBlockKernel#LANES} directions into the
     * lane-major {@code adj}: {@code t} from {@link #blockTangents}, {@code tadj} a finished gradient's
     * adjoints (read only). Needs {@link #hasBlockKernels}.
     */
    public void blockSecondOrderAdjoints(Program p, int q, double[] v, double[] t, double[] adj, double[] tadj, Partials scratch) {
        LoopRegion r = loops[q];
        LoopBlockKernel k = java.util.Objects.requireNonNull(blockKernels.get()[q]);
        k.secondOrderAdjoints(v, t, adj, tadj, p.param, r.start(), r.reps(), r.bases(), scratch);
    }

    /**
     * Sets to 0 every element of {@code array} (node-indexed) that a kernel sweep over this plan reads:
     * the nodes outside loops and those of segments (run once), and the stored positions inside
     * loops, the {@linkplain LoopShape#lastOnly last-only} positions in the last repetition alone.
     * The other elements of loops are never read or written by kernels.
     */
    public void clear(Program p, double[] array) {
        clear(p, array, 1);
    }

    /**
     * {@link #clear(Program, double[])} for a lane-major array of {@code lanes} directions per node
     * (node i's at {@code i·lanes … i·lanes + lanes - 1}), as block sweeps use.
     */
    public void clear(Program p, double[] array, int lanes) {
        int from = 0;
        for (LoopRegion r : loops) {
            if (r.reps() == 1) {
                // a segment is cleared whole with the nodes around it: one fill is faster than a
                // store per stored position, and the others are never read
                continue;
            }
            java.util.Arrays.fill(array, from * lanes, r.start() * lanes, 0.0);
            LoopShape shape = r.shape();
            for (int k = 0; k < shape.period; k++) {
                if (shape.stored[k] && !shape.lastOnly[k]) {
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



    /** Fills {@code values} with every node's value at {@code point}, whose length has been checked. */
    public void evaluate(Program p, double[] point, double[] values) {
        System.arraycopy(point, 0, values, 0, p.inputCount);
        int from = p.inputCount;
        for (int q = 0; q < loops.length; q++) {
            for (int i = from; i < loops[q].start(); i++) {
                values[i] = p.valueOf(i, values);
            }
            values(p, q, values, new Partials());
            from = loops[q].end();
        }
        for (int i = from; i < p.size; i++) {
            values[i] = p.valueOf(i, values);
        }
    }
}
