package dev.autodiff.engine;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.codegen.RecordKernel;
import dev.autodiff.engine.codegen.WholeKernel;
import dev.autodiff.engine.loops.LoopPlan;
import dev.autodiff.engine.loops.Schedule;
import dev.autodiff.engine.sparse.HessianPlan;
import dev.autodiff.engine.sparse.JacobianPlan;
import dev.autodiff.engine.sparse.ProgramGraph;
import dev.autodiff.engine.sweeps.AdjointSweep;
import dev.autodiff.engine.sweeps.Chunks;
import dev.autodiff.engine.sweeps.ForwardOverForwardSweep;
import dev.autodiff.engine.sweeps.ForwardSweep;
import dev.autodiff.engine.sweeps.SecondOrderSweep;
import dev.autodiff.engine.sweeps.TangentSweep;
import dev.autodiff.engine.sweeps.Workspace;
import io.vavr.Lazy;
import io.vavr.control.Option;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Executes a compiled program: every sweep both modes need, behind one internal interface. The
 * first {@code variables} inputs of the program are differentiated; the rest are parameters (data),
 * whose values each call passes beside the point and which no derivative is taken with respect to.
 *
 * <p><b>Two executors, one semantics.</b> The interpreter ({@code dev.autodiff.engine.sweeps}) runs
 * the exact rules: the zero-factor rule on every chain-rule product and the rule table's
 * overflow-safe products. Loops found in the program ({@link LoopPlan}) run as generated kernels that
 * multiply plainly, which differs from the exact rules only where a result then holds a NaN or an
 * infinity (or, for a directional derivative, a zero whose sign may differ). So every derivative is
 * first computed with the kernels and, when it is not finite (or zero, for a directional derivative),
 * again by the interpreter alone: {@link #gradient} and the other methods call the kernels, check,
 * and fall back in one place each. Results are identical to the bit either way wherever the kernels'
 * are kept.
 *
 * <p>Immutable and thread-safe: the arrays of a call live in the calling thread's {@link Workspace}
 * ({@link Scratch}). Points, directions and parameters have been checked by the caller.
 */
public final class Engine {
    private final Program program;
    /** The loops, generated when the function is compiled: the plan of the first calls and of block Hessians. */
    private final LoopPlan plan;
    /** Loops and segments ({@link LoopPlan#withSegments}): the whole program compiled, once it has been called enough. */
    private volatile @Nullable LoopPlan compiled;
    /** A small program compiled whole, value and gradient in one method each ({@link WholeKernel}), or null. */
    private volatile @Nullable WholeKernel whole;
    /** Calls so far, counted until the program is compiled (a benign race: an exact count does not matter). */
    private int calls;
    private final boolean compilable;
    private final int variables;
    private final Scratch<Workspace> workspaces;
    /**
     * Decided on the first Hessian (or description), not when compiled: deciding may generate the
     * loops' block kernels, a class each, which a program only ever asked for gradients never needs.
     */
    private final Lazy<HessianStrategy> hessianStrategy;
    /** The sparse Hessian's pattern and colouring, and the sparse Jacobian's (rows allowed or not), analysed on first use. */
    private final Lazy<HessianPlan> hessianPlan;
    private final Lazy<JacobianPlan> jacobianPlan;
    private final Lazy<JacobianPlan> columnJacobianPlan;
    /** The program summed over records ({@link RecordKernel}): its value alone, and with its gradient; empty when it cannot be. */
    private final Lazy<Option<RecordKernel>> recordValue;
    private final Lazy<Option<RecordKernel>> recordGradient;

    /** The walks over the plan's regions: nodes between loops interpreted, loops by their kernels. */
    private enum Walk { VALUES, GRADIENT_FORWARD, VALUE_AND_GRADIENT_FORWARD, FUSED_GRADIENT_FORWARD, HESSIAN_FORWARD, DIRECTIONAL,
        HV_FORWARD, TANGENTS, BLOCK_TANGENTS, ADJOINTS, HV_BACKWARD, BLOCK_BACKWARD }

    /** How a dense Hessian's columns are computed, and why: see {@link #describe()}. */
    enum HessianStrategy {
        INTERPRETED_BLOCKS("interpreted, eight columns per pair of sweeps (few of the program's nodes are in loops)"),
        KERNEL_BLOCKS("eight columns per pair of sweeps through the loops' block kernels (loops hold most nodes)"),
        KERNEL_PRODUCTS("one Hessian-vector product per column through the loop kernels (a loop's block kernel would "
                + "pass HotSpot's method size limit)");

        final String reason;

        HessianStrategy(String reason) {
            this.reason = reason;
        }
    }

    /**
     * {@return the engine of {@code program}, whose first {@code variables} inputs are differentiated},
     * in the order whose loops cover more of it ({@link Schedule}; the same results to the bit), with
     * the loops it has, and the rest of the program compiled once it has been called often enough
     * (unless {@value LoopPlan#PROPERTY} is false)
     */
    public static Engine of(Program program, int variables) {
        Schedule schedule = Schedule.of(program);
        return new Engine(schedule.program(), schedule.plan(), variables, LoopPlan.enabled());
    }

    /**
     * The engine of {@code program} running {@code plan} alone; {@link LoopPlan#none()} interprets
     * every node (tests compare the two).
     */
    public Engine(Program program, LoopPlan plan, int variables) {
        this(program, plan, variables, false);
    }

    /**
     * The engine of {@code program} running {@code plan}, and, when {@code compile}, compiling the
     * rest of the program once it has been called {@value #COMPILE_AFTER_CALLS} times.
     */
    public Engine(Program program, LoopPlan plan, int variables, boolean compile) {
        if (variables < 0 || variables > program.inputCount) {
            throw new IllegalArgumentException("expected at most " + program.inputCount + " variables, got " + variables);
        }
        this.program = program;
        this.plan = plan;
        this.variables = variables;
        this.compilable = compile && program.size - program.inputCount - plan.loopNodes() <= MAX_COMPILED_NODES;
        this.workspaces = new Scratch<>(program.size, () -> new Workspace(program));
        this.hessianPlan = Lazy.of(() -> HessianPlan.of(ProgramGraph.of(program, variables)));
        this.jacobianPlan = Lazy.of(() -> JacobianPlan.of(ProgramGraph.of(program, variables), true));
        this.columnJacobianPlan = Lazy.of(() -> JacobianPlan.of(ProgramGraph.of(program, variables), false));
        this.recordValue = Lazy.of(() -> recordKernelOf(false));
        this.recordGradient = Lazy.of(() -> recordKernelOf(true));
        this.hessianStrategy = Lazy.of(() -> mostlyLoops()
                ? (plan.hasBlockKernels() ? HessianStrategy.KERNEL_BLOCKS : HessianStrategy.KERNEL_PRODUCTS)
                : HessianStrategy.INTERPRETED_BLOCKS);
    }

    /** {@return the compiled program} */
    public Program program() {
        return program;
    }

    /** {@return the plan of the program's loops}, for tests */
    LoopPlan plan() {
        return plan;
    }

    /** {@return the number of differentiated inputs} */
    public int variables() {
        return variables;
    }

    /** {@return the sparse Hessian's plan: its pattern and star colouring}, analysed once on first use */
    public HessianPlan hessianPlan() {
        return hessianPlan.get();
    }

    /**
     * {@return the sparse Jacobian's plan}, analysed once on first use: compressing columns (by
     * Jacobian-vector products) or rows (by vector-Jacobian products) when {@code rowsAllowed},
     * whichever needs fewer colours; columns alone otherwise (forward mode, for which a
     * vector-Jacobian product costs a pass per chunk of inputs)
     */
    public JacobianPlan jacobianPlan(boolean rowsAllowed) {
        return rowsAllowed ? jacobianPlan.get() : columnJacobianPlan.get();
    }

    /**
     * Calls before the straight-line code between loops is compiled: a function called a few times
     * never pays for code generation (about 0.5 ms per 50 nodes, then the JIT's warm-up).
     */
    static final int COMPILE_AFTER_CALLS = 32;

    /** The most nodes outside loops that are compiled: beyond, code generation and the JIT's warm-up would dominate. */
    static final int MAX_COMPILED_NODES = 200_000;

    /** The shared thread that compiles programs in the background, so no call waits for it. */
    private static final java.util.concurrent.ExecutorService COMPILER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "autodiff-compiler");
        t.setDaemon(true);
        return t;
    });

    /**
     * {@return the plan of this call}: the whole program compiled once it has been called
     * {@value #COMPILE_AFTER_CALLS} times (the compilation runs in the background; calls go on with
     * the loops alone until it is done), the loops before
     */
    private LoopPlan active() {
        LoopPlan c = compiled;
        if (c != null) {
            return c;
        }
        if (compilable && ++calls == COMPILE_AFTER_CALLS) {
            COMPILER.execute(this::compileNow);
        }
        return plan;
    }

    /**
     * Compiles the whole program now, in this thread, as the {@value #COMPILE_AFTER_CALLS}-th call
     * would in the background: a small plain program into one method for its value and one for its
     * gradient, and every program into segments between its loops.
     */
    public void compileNow() {
        if (compilable && compiled == null) {
            whole = LoopPlan.wholeKernel(program, variables);
            compiled = LoopPlan.withSegments(program);
        }
    }

    /**
     * {@return the kernel summing the program over records} (the value alone, or the value and the
     * gradient), generated on first use; null when the program is not plain enough for one method
     * (see {@link LoopPlan#recordKernel}) or compilation is off (an engine built to interpret)
     */
    public @Nullable RecordKernel recordKernel(boolean gradient) {
        return (gradient ? recordGradient : recordValue).get().getOrNull();
    }

    private Option<RecordKernel> recordKernelOf(boolean gradient) {
        return compilable ? Option.of(LoopPlan.recordKernel(program, variables, gradient)) : Option.none();
    }

    /** {@return the number of parameter inputs} */
    public int parameters() {
        return program.inputCount - variables;
    }

    // ---- values ----

    /** {@return output 0 at {@code x} with {@code params}} */
    public double value(double[] x, double[] params) {
        WholeKernel k = whole;
        if (k != null && k.scratchFree()) {
            return k.value(x, params, null, null, null, 0, 1, null, null);
        }
        Workspace w = workspaces.acquire();
        try {
            if (k != null) {
                return k.value(x, params, null, null, null, 0, 1, null, w.partials);
            }
            load(w.value, x, params);
            walkForward(active(), w, Walk.VALUES, -1);
            return w.value[program.outputs[0]];
        } finally {
            workspaces.release(w);
        }
    }

    /** Writes every output's value into {@code out}. */
    public void values(double[] x, double[] params, double[] out) {
        Workspace w = workspaces.acquire();
        try {
            load(w.value, x, params);
            walkForward(active(), w, Walk.VALUES, -1);
            outputs(w.value, out);
        } finally {
            workspaces.release(w);
        }
    }

    // ---- reverse mode: gradients, Hessian-vector products, Hessians ----

    /**
     * Writes ∇f into {@code out} (one element per variable) by one forward and one backward sweep (a
     * loop that {@link LoopPlan#fusedLoop} names sums its adjoints in the forward one);
     * {@return f}, or NaN when {@code withValue} is false and the forward sweep could leave out the
     * loops the gradient does not need
     */
    public double gradient(double[] x, double[] params, double[] out, boolean withValue) {
        WholeKernel k = whole;
        if (k != null && k.scratchFree()) {
            // no workspace at all: the call costs the kernel and the check
            double v = k.valueAndGradient(x, params, out, null, null, 0, 1, null, null);
            if (finite(out, 0, variables)) {
                return v;
            }
        }
        Workspace w = workspaces.acquire();
        try {
            int o = program.outputs[0];
            if (k != null && !k.scratchFree()) {
                double v = k.valueAndGradient(x, params, out, null, null, 0, 1, null, w.partials);
                if (finite(out, 0, variables)) {
                    return v;
                }
            }
            load(w.value, x, params);
            LoopPlan plan = active();
            int fused = withValue ? plan.fusedLoop() : -1;
            if (fused >= 0) {
                // the fused loop adds its adjoints as it goes; the nodes after it need none
                plan.clear(program, w.adjoint);
                walkForward(plan, w, Walk.FUSED_GRADIENT_FORWARD, -1);
                walkBackward(plan, w, Walk.ADJOINTS, -1, fused, plan.loopStart(fused));
            } else if (plan.loops() > 0) {
                walkForward(plan, w, withValue ? Walk.VALUE_AND_GRADIENT_FORWARD : Walk.GRADIENT_FORWARD, -1);
                plan.clear(program, w.adjoint);
                w.adjoint[o] = 1;
                walkBackward(plan, w, Walk.ADJOINTS, -1);
            }
            if (plan.loops() > 0) {
                if (finite(w.adjoint, 0, variables)) {
                    System.arraycopy(w.adjoint, 0, out, 0, variables);
                    return withValue ? w.value[o] : Double.NaN;
                }
            }
            // the interpreter: exact products, overflow-safe where a partial is not finite
            ForwardSweep.partials(program, w, program.inputCount, program.size, false);
            Arrays.fill(w.adjoint, 0.0);
            w.adjoint[o] = 1;
            AdjointSweep.adjoints(program, w, program.inputCount, program.size);
            System.arraycopy(w.adjoint, 0, out, 0, variables);
            return w.value[o];
        } finally {
            workspaces.release(w);
        }
    }

    /** {@return the directional derivative ∇f·direction}: one pass of values and tangents */
    public double directional(double[] x, double[] params, double[] direction) {
        Workspace w = workspaces.acquire();
        try {
            w.ensureTangents();
            int o = program.outputs[0];
            LoopPlan plan = active();
            if (plan.loops() > 0) {
                // the kernels read the variables they walk from x and direction: only the others are
                // copied (at n = 10⁴, the two whole copies cost a fifth of the derivative)
                loadStreaming(w, plan.directionalReads(program, variables), x, params, direction);
                walkForward(plan, w, Walk.DIRECTIONAL, -1);
                double d = w.tangent[o];
                // a kernel's plain products may make NaN of 0·∞ or give the other sign of a zero
                if (d != 0 && Math.abs(d) <= Double.MAX_VALUE) {
                    return d;
                }
            }
            load(w.value, x, params);
            loadDirection(w.tangent, direction);
            TangentSweep.fused(program, w, program.inputCount, program.size);
            return w.tangent[o];
        } finally {
            w.point = null;
            w.direction = null;
            workspaces.release(w);
        }
    }

    /** Writes H·direction into {@code out}: reverse over forward, one tangent and one second-order sweep. */
    public void hessianVector(double[] x, double[] params, double[] direction, double[] out) {
        Workspace w = workspaces.acquire();
        try {
            w.ensureSecondOrder();
            LoopPlan plan = active();
            // a sum loop's bounded sweep reads the variables it walks from x and direction (see directional)
            loadStreaming(w, plan.sumLoop() >= 0 ? plan.hessianVectorReads(program, variables) : null, x, params, direction);
            if (!(plan.loops() > 0 && kernelHessianVector(plan, w, Walk.HV_FORWARD) && copyFinite(w, out))) {
                load(w.value, x, params);
                loadDirection(w.tangent, direction);
                interpretedHessianVector(w);
                System.arraycopy(w.adjoint, 0, out, 0, variables);
            }
        } finally {
            w.point = null;
            w.direction = null;
            workspaces.release(w);
        }
    }

    /**
     * The kernels' H·v after a forward walk {@code forward} (HV_FORWARD from a loaded point and
     * direction, or TANGENTS over a finished tape): tangents, then the second-order backward sweep,
     * leaving out the tangents of the plan's sum loop where it has one ({@link LoopPlan#sumLoop}).
     * {@return whether the tangents were shown finite}: the output's tangent, or the sum loop's bound
     */
    private boolean kernelHessianVector(LoopPlan plan, Workspace w, Walk forward) {
        int skip = plan.sumLoop();
        walkForward(plan, w, forward, skip);
        plan.clear(program, w.adjoint);
        plan.clear(program, w.tangentAdjoint);
        w.tangentAdjoint[program.outputs[0]] = 1;
        w.bound = 0;
        walkBackward(plan, w, Walk.HV_BACKWARD, skip);
        return skip >= 0 ? w.bound <= LoopPlan.TANGENT_BOUND : Double.isFinite(w.tangent[program.outputs[0]]);
    }

    /**
     * {@return whether the inputs' adjoints (H·v) are finite}, copying them into {@code out}. The
     * gradient lane needs no test: the kernels' plain products differ from the interpreter's only
     * at a factor that is not finite, and any such factor on a path into an input's H·v (a gradient
     * adjoint through a second-order term, ∞ · 0 included) makes that H·v NaN or infinite in the
     * kernel, since sums and plain products keep what is not finite. An input's gradient lane that
     * overflows feeds no H·v.
     */
    private boolean copyFinite(Workspace w, double[] out) {
        System.arraycopy(w.adjoint, 0, out, 0, variables);
        return finite(out, 0, variables);
    }

    /** The interpreter's H·v from a loaded point and direction: every node, exact products. */
    private void interpretedHessianVector(Workspace w) {
        ForwardSweep.partials(program, w, program.inputCount, program.size, true);
        TangentSweep.tangents(program, w, w.tangent, 1, program.inputCount, program.size);
        Arrays.fill(w.adjoint, 0.0);
        Arrays.fill(w.tangentAdjoint, 0.0);
        w.tangentAdjoint[program.outputs[0]] = 1;
        SecondOrderSweep.adjoints(program, w, w.tangent, w.adjoint, w.tangentAdjoint, 1, true, program.inputCount,
                program.size);
    }

    /**
     * Writes the dense Hessian into {@code h} ({@code variables} rows of {@code variables}): its
     * columns {@code H·e_j} computed in place, then symmetrized in place,
     * {@code h[i][j] = h[j][i] = h[i][j]/2 + h[j][i]/2}, once per pair, so the matrix is exactly
     * symmetric and no second n × n array is held.
     */
    public void hessian(double[] x, double[] params, double[][] h) {
        Workspace w = workspaces.acquire();
        try {
            w.ensureSecondOrder();
            load(w.value, x, params);
            switch (hessianStrategy.get()) {
                case INTERPRETED_BLOCKS -> interpretedColumns(w, h);
                case KERNEL_BLOCKS -> kernelBlockColumns(w, x, params, h);
                case KERNEL_PRODUCTS -> kernelProductColumns(w, x, params, h);
            }
        } finally {
            workspaces.release(w);
        }
        // h holds the columns: h[j] is H·e_j
        int n = variables;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0.5 * h[j][i] + 0.5 * h[i][j];
                h[i][j] = s;
                h[j][i] = s;
            }
        }
    }

    /** {@return whether loops hold most of the program's operations} */
    private boolean mostlyLoops() {
        return plan.loops() > 0 && 2L * plan.loopNodes() >= program.size - program.inputCount;
    }

    /** Hessian columns by the interpreter from a loaded point: the tape, the gradient, then blocks. */
    private void interpretedColumns(Workspace w, double[][] columns) {
        ForwardSweep.partials(program, w, program.inputCount, program.size, true);
        Arrays.fill(w.adjoint, 0.0);
        w.adjoint[program.outputs[0]] = 1;
        AdjointSweep.adjoints(program, w, program.inputCount, program.size);
        int lanes = BLOCK;
        w.ensureLanes(lanes);
        for (int j0 = 0; j0 < variables; j0 += lanes) {
            int k = Math.min(lanes, variables - j0);
            seedUnits(w.laneTangent, j0, lanes);
            TangentSweep.tangents(program, w, w.laneTangent, lanes, program.inputCount, program.size);
            Arrays.fill(w.laneAdjoint, 0, program.size * lanes, 0.0);
            SecondOrderSweep.adjoints(program, w, w.laneTangent, w.laneAdjoint, w.adjoint, lanes, false,
                    program.inputCount, program.size);
            copyColumns(w.laneAdjoint, lanes, columns, j0, k);
        }
    }

    /** Directions per block of Hessian columns: as many as the block kernels carry. */
    static final int BLOCK = dev.autodiff.engine.codegen.LoopBlockKernel.LANES;

    /**
     * Hessian columns through the block kernels: one gradient (checked, or the interpreter's), then
     * each block by the kernels, checked, or redone by the interpreter.
     */
    private void kernelBlockColumns(Workspace w, double[] x, double[] params, double[][] columns) {
        int o = program.outputs[0];
        // second partials for the nodes between loops, values for the loops (which recompute their own partials)
        walkForward(plan, w, Walk.HESSIAN_FORWARD, -1);
        plan.clear(program, w.adjoint);
        w.adjoint[o] = 1;
        walkBackward(plan, w, Walk.ADJOINTS, -1);
        if (!finite(w.adjoint, 0, program.inputCount)) {
            interpretedColumns(w, columns);
            return;
        }
        boolean interpreterTape = false;
        w.ensureLanes(BLOCK);
        for (int j0 = 0; j0 < variables; j0 += BLOCK) {
            int k = Math.min(BLOCK, variables - j0);
            seedUnits(w.laneTangent, j0, BLOCK);
            walkForward(plan, w, Walk.BLOCK_TANGENTS, -1);
            boolean finite = finite(w.laneTangent, o * BLOCK, k);
            if (finite) {
                plan.clear(program, w.laneAdjoint, BLOCK);
                walkBackward(plan, w, Walk.BLOCK_BACKWARD, -1);
                for (int j = 0; j < variables && finite; j++) {
                    finite = finite(w.laneAdjoint, j * BLOCK, k);
                }
            }
            if (!finite) {
                if (!interpreterTape) {
                    // the interpreter reads every node's partials and gradient adjoints, loops' included;
                    // where the kernels' are finite they are the same bits, so later blocks may use either
                    ForwardSweep.partials(program, w, program.inputCount, program.size, true);
                    Arrays.fill(w.adjoint, 0.0);
                    w.adjoint[o] = 1;
                    AdjointSweep.adjoints(program, w, program.inputCount, program.size);
                    interpreterTape = true;
                }
                seedUnits(w.laneTangent, j0, BLOCK);
                TangentSweep.tangents(program, w, w.laneTangent, BLOCK, program.inputCount, program.size);
                Arrays.fill(w.laneAdjoint, 0, program.size * BLOCK, 0.0);
                SecondOrderSweep.adjoints(program, w, w.laneTangent, w.laneAdjoint, w.adjoint, BLOCK, false,
                        program.inputCount, program.size);
            }
            copyColumns(w.laneAdjoint, BLOCK, columns, j0, k);
        }
    }

    /** Hessian columns as one kernel Hessian-vector product per column (loops too large for block kernels). */
    private void kernelProductColumns(Workspace w, double[] x, double[] params, double[][] columns) {
        walkForward(plan, w, Walk.VALUES, -1);
        ForwardSweep.partials(program, w, program.inputCount, program.size, true);
        double[] unit = new double[variables];
        for (int j = 0; j < variables; j++) {
            unit[j] = 1;
            loadDirection(w.tangent, unit);
            if (!(kernelHessianVector(plan, w, Walk.TANGENTS) && copyFinite(w, columns[j]))) {
                load(w.value, x, params);
                loadDirection(w.tangent, unit);
                interpretedHessianVector(w);
                System.arraycopy(w.adjoint, 0, columns[j], 0, variables);
                // the tape is the interpreter's now, loops included: still right for the next column
            }
            unit[j] = 0;
        }
    }

    /** Sets the inputs' lane-major tangents to the unit vectors {@code e_{j0}} … {@code e_{j0+lanes-1}}. */
    private void seedUnits(double[] t, int j0, int lanes) {
        Arrays.fill(t, 0, program.inputCount * lanes, 0.0);
        for (int c = 0; c < lanes && j0 + c < variables; c++) {
            t[(j0 + c) * lanes + c] = 1;
        }
    }

    /** Copies lanes 0 … k-1 of the variables' lane-major values into {@code columns[j0]} … {@code columns[j0+k-1]}. */
    private void copyColumns(double[] a, int lanes, double[][] columns, int j0, int k) {
        for (int c = 0; c < k; c++) {
            double[] column = columns[j0 + c];
            for (int q = 0; q < variables; q++) {
                column[q] = a[q * lanes + c];
            }
        }
    }

    // ---- forward mode: chunks of tangents, forward over forward ----

    /**
     * Writes the m × n Jacobian (rows: outputs) into {@code out} by ceil(n/k) interpreted passes of k
     * tangents ({@link Chunks}); row 0 is the gradient of a scalar function.
     */
    public void jacobianByTangents(double[] x, double[] params, double[][] out) {
        Workspace w = workspaces.acquire();
        try {
            int k = startTangentPasses(w, x, params);
            int[] outputs = program.outputs;
            for (int first = 0; first < variables; first += k) {
                int count = Math.min(k, variables - first);
                tangentPass(w, first, k);
                for (int o = 0; o < outputs.length; o++) {
                    for (int j = 0; j < count; j++) {
                        out[o][first + j] = w.laneTangent[outputs[o] * k + j];
                    }
                }
            }
        } finally {
            workspaces.release(w);
        }
    }

    /**
     * Writes the gradient of output 0 into {@code out} by the chunked tangent passes of
     * {@link #jacobianByTangents}, allocating nothing; {@return output 0's value}, from the same pass
     */
    public double gradientByTangents(double[] x, double[] params, double[] out) {
        Workspace w = workspaces.acquire();
        try {
            int k = startTangentPasses(w, x, params);
            int o = program.outputs[0];
            for (int first = 0; first < variables; first += k) {
                int count = Math.min(k, variables - first);
                tangentPass(w, first, k);
                System.arraycopy(w.laneTangent, o * k, out, first, count);
            }
            return w.value[o];
        } finally {
            workspaces.release(w);
        }
    }

    /** Values and partials at the point, lanes made ready; {@return the number of lanes, the chunk size} */
    private int startTangentPasses(Workspace w, double[] x, double[] params) {
        load(w.value, x, params);
        ForwardSweep.partials(program, w, program.inputCount, program.size, false);
        int k = Chunks.size(variables);
        w.ensureLanes(k);
        return k;
    }

    /** One pass of {@code k} tangents seeded with the unit vectors of variables {@code first}, … */
    private void tangentPass(Workspace w, int first, int k) {
        seedUnits(w.laneTangent, first, k);
        TangentSweep.tangents(program, w, w.laneTangent, k, program.inputCount, program.size);
    }

    /** Writes {@code wᵀ·J} (n values) into {@code out} by the chunked tangent passes of {@link #jacobianByTangents}. */
    public void vjpByTangents(double[] x, double[] params, double[] weights, double[] out) {
        Workspace w = workspaces.acquire();
        try {
            int k = startTangentPasses(w, x, params);
            int[] outputs = program.outputs;
            for (int first = 0; first < variables; first += k) {
                int count = Math.min(k, variables - first);
                tangentPass(w, first, k);
                for (int j = 0; j < count; j++) {
                    double s = 0;
                    for (int o = 0; o < outputs.length; o++) {
                        s += weights[o] * w.laneTangent[outputs[o] * k + j];
                    }
                    out[first + j] = s;
                }
            }
        } finally {
            workspaces.release(w);
        }
    }

    /**
     * Writes the Hessian of output 0 into {@code h} by forward over forward: for each column j,
     * passes with {@code v = e_j} and chunks of {@code u = e_i}, {@code i ≤ j}; the upper triangle
     * is computed and mirrored, so the result is exactly symmetric.
     */
    public void forwardHessian(double[] x, double[] params, double[][] h) {
        Workspace w = workspaces.acquire();
        try {
            w.ensureSecondOrder();
            load(w.value, x, params);
            ForwardSweep.partials(program, w, program.inputCount, program.size, true);
            int n = variables;
            int k = Chunks.size(n);
            w.ensureLaneSecond(k);
            int out = program.outputs[0];
            double[] column = new double[n];
            for (int j = 0; j < n; j++) {
                column[j] = 1;
                for (int first = 0; first <= j; first += k) {
                    int count = Math.min(k, j + 1 - first);
                    seedSecondOrder(w, first, k, column);
                    ForwardOverForwardSweep.propagate(program, w, k, program.inputCount, program.size);
                    for (int r = 0; r < count; r++) {
                        double s = w.laneSecond[out * k + r];
                        h[first + r][j] = s;
                        h[j][first + r] = s;
                    }
                }
                column[j] = 0;
            }
        } finally {
            workspaces.release(w);
        }
    }

    /** Writes H·direction into {@code out} by ceil(n/k) forward-over-forward passes with v = direction. */
    public void forwardHessianVector(double[] x, double[] params, double[] direction, double[] out) {
        Workspace w = workspaces.acquire();
        try {
            w.ensureSecondOrder();
            load(w.value, x, params);
            ForwardSweep.partials(program, w, program.inputCount, program.size, true);
            int k = Chunks.size(variables);
            w.ensureLaneSecond(k);
            int o = program.outputs[0];
            for (int first = 0; first < variables; first += k) {
                int count = Math.min(k, variables - first);
                seedSecondOrder(w, first, k, direction);
                ForwardOverForwardSweep.propagate(program, w, k, program.inputCount, program.size);
                for (int r = 0; r < count; r++) {
                    out[first + r] = w.laneSecond[o * k + r];
                }
            }
        } finally {
            workspaces.release(w);
        }
    }

    /** Seeds forward over forward: u with the units of inputs {@code first…}, v with {@code direction}, w with 0. */
    private void seedSecondOrder(Workspace w, int first, int lanes, double[] direction) {
        seedUnits(w.laneTangent, first, lanes);
        Arrays.fill(w.laneSecond, 0, program.inputCount * lanes, 0.0);
        loadDirection(w.tangent, direction);
    }

    // ---- vector functions ----

    /** Writes the m × n Jacobian into {@code out}: one forward sweep, one backward sweep per output. */
    public void jacobianByAdjoints(double[] x, double[] params, double[][] out) {
        Workspace w = workspaces.acquire();
        try {
            load(w.value, x, params);
            ForwardSweep.partials(program, w, program.inputCount, program.size, false);
            int[] outputs = program.outputs;
            for (int k = 0; k < outputs.length; k++) {
                Arrays.fill(w.adjoint, 0.0);
                w.adjoint[outputs[k]] = 1;
                AdjointSweep.adjoints(program, w, program.inputCount, program.size);
                System.arraycopy(w.adjoint, 0, out[k], 0, variables);
            }
        } finally {
            workspaces.release(w);
        }
    }

    /** Writes J·v (m values) into {@code out}: one pass of values and tangents. */
    public void jvp(double[] x, double[] params, double[] v, double[] out) {
        Workspace w = workspaces.acquire();
        try {
            w.ensureTangents();
            load(w.value, x, params);
            loadDirection(w.tangent, v);
            TangentSweep.fused(program, w, program.inputCount, program.size);
            outputs(w.tangent, out);
        } finally {
            workspaces.release(w);
        }
    }

    /** Writes {@code wᵀ·J} (n values) into {@code out}: one forward and one backward sweep. */
    public void vjp(double[] x, double[] params, double[] weights, double[] out) {
        Workspace w = workspaces.acquire();
        try {
            load(w.value, x, params);
            ForwardSweep.partials(program, w, program.inputCount, program.size, false);
            Arrays.fill(w.adjoint, 0.0);
            int[] outputs = program.outputs;
            for (int k = 0; k < outputs.length; k++) {
                w.adjoint[outputs[k]] += weights[k]; // two outputs may be the same node: their weights add
            }
            AdjointSweep.adjoints(program, w, program.inputCount, program.size);
            System.arraycopy(w.adjoint, 0, out, 0, variables);
        } finally {
            workspaces.release(w);
        }
    }

    // ---- the walks over the plan ----

    /** Runs {@code walk} forward: nodes between loops interpreted, each loop by its kernel; loop {@code skip} left out. */
    private void walkForward(LoopPlan plan, Workspace w, Walk walk, int skip) {
        int from = program.inputCount;
        for (int q = 0; q < plan.loops(); q++) {
            interpretForward(w, walk, from, plan.loopStart(q));
            if (q == skip) {
                plan.clearLastRepetition(q, w.tangent);
            } else {
                loopForward(plan, w, walk, q);
            }
            from = plan.loopEnd(q);
        }
        interpretForward(w, walk, from, program.size);
    }

    private void interpretForward(Workspace w, Walk walk, int from, int to) {
        switch (walk) {
            case VALUES -> ForwardSweep.values(program, w.value, from, to);
            case GRADIENT_FORWARD, VALUE_AND_GRADIENT_FORWARD, FUSED_GRADIENT_FORWARD -> ForwardSweep.partials(program, w, from, to, false);
            case HESSIAN_FORWARD -> ForwardSweep.partials(program, w, from, to, true);
            case DIRECTIONAL -> TangentSweep.fused(program, w, from, to);
            case HV_FORWARD -> {
                ForwardSweep.partials(program, w, from, to, true);
                TangentSweep.tangents(program, w, w.tangent, 1, from, to);
            }
            case TANGENTS -> TangentSweep.tangents(program, w, w.tangent, 1, from, to);
            case BLOCK_TANGENTS -> TangentSweep.tangents(program, w, w.laneTangent, BLOCK, from, to);
            default -> throw new AssertionError(walk + " is not a forward walk");
        }
    }

    private void loopForward(LoopPlan plan, Workspace w, Walk walk, int q) {
        switch (walk) {
            case VALUES -> plan.values(program, q, w.value, w.partials);
            // the walks an ADJOINTS walk follows: a taped segment's backward sweep reads the partials these write
            case VALUE_AND_GRADIENT_FORWARD, HESSIAN_FORWARD -> plan.gradientValues(program, q, w.value, w.da, w.db, w.partials);
            case FUSED_GRADIENT_FORWARD -> {
                if (q == plan.fusedLoop()) {
                    plan.fusedGradient(program, w.value, w.adjoint, w.partials);
                } else {
                    plan.gradientValues(program, q, w.value, w.da, w.db, w.partials);
                }
            }
            case GRADIENT_FORWARD -> {
                if (plan.gradientNeedsValues(q) || plan.taped(q)) {
                    plan.gradientValues(program, q, w.value, w.da, w.db, w.partials);
                }
            }
            case DIRECTIONAL -> plan.directional(program, q, w.value, w.tangent, w.point, w.direction, w.partials);
            case HV_FORWARD, TANGENTS -> plan.tangents(program, q, w.value, w.tangent, w.partials);
            case BLOCK_TANGENTS -> plan.blockTangents(program, q, w.value, w.laneTangent, w.partials);
            default -> throw new AssertionError(walk + " is not a forward walk");
        }
    }

    /** Runs {@code walk} backward: loops last to first, the nodes between them interpreted; loop {@code skip} bounded. */
    private void walkBackward(LoopPlan plan, Workspace w, Walk walk, int skip) {
        walkBackward(plan, w, walk, skip, plan.loops(), program.size);
    }

    /** The backward walk over the nodes before {@code to}, where the first {@code loops} loops of the plan are. */
    private void walkBackward(LoopPlan plan, Workspace w, Walk walk, int skip, int loops, int to) {
        for (int q = loops - 1; q >= 0; q--) {
            interpretBackward(w, walk, plan.loopEnd(q), to);
            loopBackward(plan, w, walk, q, q == skip);
            to = plan.loopStart(q);
        }
        interpretBackward(w, walk, program.inputCount, to);
    }

    private void interpretBackward(Workspace w, Walk walk, int from, int to) {
        switch (walk) {
            case ADJOINTS -> AdjointSweep.adjoints(program, w, from, to);
            case HV_BACKWARD -> SecondOrderSweep.adjoints(program, w, w.tangent, w.adjoint, w.tangentAdjoint, 1, true, from, to);
            case BLOCK_BACKWARD -> SecondOrderSweep.adjoints(program, w, w.laneTangent, w.laneAdjoint, w.adjoint, BLOCK, false,
                    from, to);
            default -> throw new AssertionError(walk + " is not a backward walk");
        }
    }

    private void loopBackward(LoopPlan plan, Workspace w, Walk walk, int q, boolean bounded) {
        switch (walk) {
            case ADJOINTS -> plan.gradientAdjoints(program, q, w.value, w.adjoint, w.da, w.db, w.partials);
            case HV_BACKWARD -> {
                if (bounded) {
                    w.bound = plan.secondOrderAdjointsBounded(program, q, w.value, w.tangent, w.adjoint, w.tangentAdjoint,
                            w.point, w.direction, w.partials);
                } else {
                    plan.secondOrderAdjoints(program, q, w.value, w.tangent, w.adjoint, w.tangentAdjoint, w.partials);
                }
            }
            case BLOCK_BACKWARD -> plan.blockSecondOrderAdjoints(program, q, w.value, w.laneTangent, w.laneAdjoint, w.adjoint, w.partials);
            default -> throw new AssertionError(walk + " is not a backward walk");
        }
    }

    // ---- inputs and outputs ----

    /** Writes the point's values and then the parameters' to the inputs of {@code value}. */
    private void load(double[] value, double[] x, double[] params) {
        System.arraycopy(x, 0, value, 0, variables);
        System.arraycopy(params, 0, value, variables, program.inputCount - variables);
    }

    /**
     * Loads the point and the direction for kernels that read the variables they walk from the
     * caller's arrays, which it hands them ({@link Workspace#point}): only the variables
     * {@code reads} that other code reads; or every one, for kernels that do not ({@code reads} null)
     * or arrays that are not one number per variable.
     */
    private void loadStreaming(Workspace w, int @Nullable [] reads, double[] x, double[] params, double[] direction) {
        if (reads != null && x.length == variables && direction.length == variables) {
            loadReads(reads, w, x, params, direction);
            w.point = x;
            w.direction = direction;
        } else {
            load(w.value, x, params);
            loadDirection(w.tangent, direction);
        }
    }

    /**
     * Writes the values and tangents of the variables {@code reads} (and of every parameter, whose
     * tangents are 0), as {@link #load} and {@link #loadDirection} write them all.
     */
    private void loadReads(int[] reads, Workspace w, double[] x, double[] params, double[] direction) {
        for (int i : reads) {
            w.value[i] = x[i];
            w.tangent[i] = direction[i];
        }
        System.arraycopy(params, 0, w.value, variables, program.inputCount - variables);
        Arrays.fill(w.tangent, variables, program.inputCount, 0.0);
    }

    /** Writes a direction to the variables' tangents; parameters do not move. */
    private void loadDirection(double[] tangent, double[] direction) {
        System.arraycopy(direction, 0, tangent, 0, variables);
        Arrays.fill(tangent, variables, program.inputCount, 0.0);
    }

    private void outputs(double[] nodes, double[] out) {
        int[] outputs = program.outputs;
        for (int k = 0; k < outputs.length; k++) {
            out[k] = nodes[outputs[k]];
        }
    }

    /**
     * {@return whether {@code count} elements of {@code a} from {@code from} on are finite}: the
     * test of every kernel result before it is trusted. A sum of finite numbers is finite unless it
     * overflows, and a sum with an infinity or a NaN in it never is: so the elements are all finite
     * when their sum is, and only a sum that is not (an element that is not finite, or finite ones
     * too large to add) needs the exact test ({@link #allFinite}). Eight sums, so that the additions
     * need not wait for each other: one addition per element, where the exact test needs two.
     */
    static boolean finite(double[] a, int from, int count) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int i = from;
        int end = from + count;
        for (; i < end - 7; i += 8) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
            s4 += a[i + 4];
            s5 += a[i + 5];
            s6 += a[i + 6];
            s7 += a[i + 7];
        }
        for (; i < end; i++) {
            s0 += a[i];
        }
        return Double.isFinite(((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))) || allFinite(a, from, count);
    }

    /**
     * {@return whether {@code count} elements of {@code a} from {@code from} on are finite}, exactly:
     * {@code x · 0} is ±0 for a finite x and NaN otherwise, and a sum of zeros never overflows, so
     * the sum is NaN exactly when an element is not finite
     */
    static boolean allFinite(double[] a, int from, int count) {
        double s = 0;
        for (int i = from; i < from + count; i++) {
            s += a[i] * 0.0;
        }
        return s == 0;
    }

    /**
     * {@return how this program runs}: its nodes, inputs, the loops found and their kernels, and the
     * dense Hessian's strategy with the reason for it
     */
    public String describe() {
        StringBuilder s = new StringBuilder();
        s.append(program.size).append(" nodes, ").append(variables).append(" variables");
        if (parameters() > 0) {
            s.append(", ").append(parameters()).append(" parameters");
        }
        s.append("; ");
        if (plan.loops() == 0) {
            s.append("no loops: every sweep interpreted");
        } else {
            s.append(plan.loops()).append(plan.loops() == 1 ? " loop" : " loops").append(" (")
                    .append(plan.loopNodes()).append(" nodes) run by generated kernels, ")
                    .append(program.size - program.inputCount - plan.loopNodes()).append(" nodes interpreted");
        }
        LoopPlan c = compiled;
        if (whole != null) {
            s.append("; value and gradient compiled whole, one method each");
        }
        if (c != null) {
            s.append("; compiled: ").append(c.segments()).append(c.segments() == 1 ? " segment" : " segments")
                    .append(" of straight-line code and the loops (").append(c.loopNodes()).append(" nodes), ")
                    .append(program.size - program.inputCount - c.loopNodes()).append(" nodes interpreted");
        } else if (compilable) {
            s.append("; the rest compiled after ").append(COMPILE_AFTER_CALLS).append(" calls");
        }
        s.append("; dense Hessian: ").append(hessianStrategy.get().reason);
        return s.toString();
    }
}
