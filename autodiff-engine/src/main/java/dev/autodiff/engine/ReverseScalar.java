package dev.autodiff.engine;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.calls.Arguments;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.Scratch;
import dev.autodiff.engine.codegen.LoopKernel;
import dev.autodiff.engine.loops.LoopPlan;
import dev.autodiff.engine.sparse.HessianPlan;
import dev.autodiff.engine.sparse.ProgramGraph;
import dev.autodiff.engine.sparse.SeedProducts;
import dev.autodiff.engine.sweeps.BlockSweeps;
import dev.autodiff.engine.sweeps.PlannedHessian;
import dev.autodiff.engine.sweeps.PlannedSweeps;
import dev.autodiff.engine.sweeps.ReverseSweeps;
import dev.autodiff.engine.sweeps.Workspace;
import io.vavr.Lazy;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reverse mode's {@link Differentiable}: a compiled program and per-thread workspaces.
 *
 * <p>A gradient is one forward and one backward sweep whatever the number of inputs. A Hessian-vector
 * product is one forward sweep with second partials, one tangent sweep and one second-order
 * backward sweep ({@link ReverseSweeps}); the Hessian reuses the forward sweep and the gradient, and
 * carries its columns {@code H·e_j} eight at a time through one tangent and one backward sweep
 * ({@link BlockSweeps}, {@link PlannedHessian}).
 */
public final class ReverseScalar implements Differentiable {
    private final Program program;
    private final LoopPlan plan;
    private final int out;
    private final Scratch<Workspace> workspaces;
    /** The sparse Hessian's pattern and colouring, analysed on first use. */
    private final Lazy<HessianPlan> hessianPlan;

    /** Compiles {@code program}, whose single output is the function, with the loops it has. */
    public ReverseScalar(Program program) {
        this(program, LoopPlan.of(program));
    }

    /**
     * Compiles {@code program} to run with {@code plan}; {@link LoopPlan#none()} interprets every
     * node (tests compare the two).
     */
    public ReverseScalar(Program program, LoopPlan plan) {
        this.program = program;
        this.plan = plan;
        this.out = program.outputs[0];
        this.workspaces = new Scratch<>(program.size, () -> new Workspace(program));
        this.hessianPlan = Lazy.of(() -> HessianPlan.of(ProgramGraph.of(program)));
    }

    @Override
    public List<Variable> variables() {
        return program.inputs;
    }

    @Override
    public double value(double... point) {
        Arguments.check(point, program, "point");
        Workspace w = workspaces.acquire();
        try {
            plan.evaluate(program, point, w.value);
            return w.value[out];
        } finally {
            workspaces.release(w);
        }
    }

    @Override
    public double[] gradient(double... point) {
        Arguments.check(point, program, "point");
        Workspace w = workspaces.acquire();
        try {
            PlannedSweeps.forward(program, plan, w, point, false);
            PlannedSweeps.gradientBackward(program, plan, w, out);
            return inputs(w.adjoint);
        } finally {
            workspaces.release(w);
        }
    }

    @Override
    public double directional(double[] point, double[] direction) {
        Arguments.check(point, program, "point");
        Arguments.check(direction, program, "direction");
        Workspace w = workspaces.acquire();
        try {
            w.ensureTangents();
            PlannedSweeps.forwardTangent(program, plan, w, point, direction, false, true);
            double d = w.tangent[out];
            if (LoopPlan.redoDirectionalExactly(d)) {
                PlannedSweeps.forwardTangent(program, plan, w, point, direction, false, false);
                d = w.tangent[out];
            }
            return d;
        } finally {
            workspaces.release(w);
        }
    }

    @Override
    public double[] hessianVector(double[] point, double[] direction) {
        Arguments.check(point, program, "point");
        Arguments.check(direction, program, "direction");
        Workspace w = workspaces.acquire();
        try {
            w.ensureSecondOrder();
            return secondOrder(w, (fast, skip) -> PlannedSweeps.forwardTangent(program, plan, w, point, direction, true, fast, skip));
        } finally {
            workspaces.release(w);
        }
    }

    /**
     * A tangent sweep along the direction of a Hessian-vector product, with the fast kernels or
     * not, leaving out loop {@code skip} (-1: none).
     */
    private interface TangentSweep {
        void run(boolean fast, int skip);
    }

    /**
     * {@return H·v}: {@code tangents} along v, then the second-order sweep, both with the fast
     * kernels; redone with the exact ones unless everything the fast kernels may get wrong is finite
     * ({@code LoopKernel}: the result, the gradient and every tangent). Every tangent is finite when
     * the output's is, as every node of a compiled program reaches the output and plain arithmetic
     * keeps a non-finite tangent so; when the plan has a {@linkplain LoopPlan#sumLoop sum loop}, the
     * fast sweeps leave its tangents out and bound them instead, which saves the loop's tangent
     * sweep.
     */
    private double[] secondOrder(Workspace w, TangentSweep tangents) {
        int skip = plan.sumLoop();
        tangents.run(true, skip);
        double bound = PlannedSweeps.secondOrderBackward(program, plan, w, out, true, skip);
        boolean tangentsFinite = skip >= 0 ? bound <= LoopPlan.TANGENT_BOUND : Double.isFinite(w.tangent[out]);
        double[] hv = tangentsFinite ? finiteInputs(w) : null;
        if (hv == null) {
            // the fast loops may have multiplied 0 by ∞ or left out ∞·0: redo them exactly
            tangents.run(false, -1);
            PlannedSweeps.secondOrderBackward(program, plan, w, out, false, -1);
            hv = inputs(w.adjoint);
        }
        return hv;
    }

    /**
     * {@return the inputs' adjoints (H·v), or null when they or the inputs' tangent adjoints (the
     * gradient) hold a number that is not finite}: one pass, without branches
     */
    private double @Nullable [] finiteInputs(Workspace w) {
        int n = program.inputCount;
        double[] hv = new double[n];
        double[] a = w.adjoint;
        double[] b = w.tangentAdjoint;
        boolean finite = true;
        for (int i = 0; i < n; i++) {
            double x = a[i];
            hv[i] = x;
            finite &= Math.abs(x) <= Double.MAX_VALUE & Math.abs(b[i]) <= Double.MAX_VALUE;
        }
        return finite ? hv : null;
    }

    /**
     * {@return whether loops hold most of the program's operations}: then a Hessian is fastest
     * through the loop kernels (measured on log-sum-exp at n = 100: about 2.7·n times f in blocks of
     * columns, 6·n as one H·v per column, 21·n for the interpreting block sweeps); the columns are
     * the same to the bit every way
     */
    private boolean mostlyLoops() {
        return 2L * plan.loopNodes() >= program.size - program.inputCount;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Column j is the product {@code H·e_j} of a second-order sweep; the sweeps carry several
     * columns at once and share the gradient adjoints: interpreting every node
     * ({@link BlockSweeps}) or, for a program made mostly of loops, through the loops' block
     * kernels ({@link PlannedHessian}; a loop too large for one makes each column a Hessian-vector
     * product through the ordinary kernels).
     * Rounding makes the raw columns differ from the rows in the last bits, so the result is
     * symmetrized:
     * {@code h[i][j] = h[j][i] = (H·e_j)_i/2 + (H·e_i)_j/2}, computed once per pair, so the matrix
     * is exactly symmetric.
     */
    @Override
    public double[][] hessian(double... point) {
        Arguments.check(point, program, "point");
        int n = program.inputCount;
        double[][] columns;
        Workspace w = workspaces.acquire();
        try {
            w.ensureSecondOrder();
            if (mostlyLoops()) {
                PlannedSweeps.forward(program, plan, w, point, true);
                columns = hessianThroughBlockKernels()
                        ? PlannedHessian.columns(program, plan, w, out)
                        : kernelColumns(w);
            } else {
                ReverseSweeps.forward(program, w, point, true);
                columns = BlockSweeps.columns(program, w, out);
            }
        } finally {
            workspaces.release(w);
        }
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            h[i][i] = columns[i][i];
            for (int j = i + 1; j < n; j++) {
                double s = 0.5 * columns[j][i] + 0.5 * columns[i][j];
                h[i][j] = s;
                h[j][i] = s;
            }
        }
        return h;
    }

    /**
     * {@inheritDoc}
     *
     * <p>One Hessian-vector product per colour of {@link #hessianSparsity()} ({@link HessianPlan});
     * the first call of either method analyses the program.
     */
    @Override
    public SparseMatrix sparseHessian(double... point) {
        Arguments.check(point, program, "point");
        return hessianPlan.get().hessian(SeedProducts.each(s -> hessianVector(point, s)));
    }

    @Override
    public SparsityPattern hessianSparsity() {
        return hessianPlan.get().pattern();
    }

    /**
     * {@return whether a Hessian runs its columns in blocks through the loops' block kernels}: when
     * loops hold most of the program and every loop has one (tests check this path is taken)
     */
    public boolean hessianThroughBlockKernels() {
        return mostlyLoops() && plan.hasBlockKernels();
    }

    /**
     * {@return the columns of the Hessian as n Hessian-vector products through the loop kernels}, for
     * loops too large for block kernels; after {@code PlannedSweeps.forward(..., true)}
     */
    private double[][] kernelColumns(Workspace w) {
        int n = program.inputCount;
        double[][] columns = new double[n][];
        double[] unit = new double[n];
        for (int j = 0; j < n; j++) {
            unit[j] = 1;
            columns[j] = secondOrder(w, (fast, skip) -> PlannedSweeps.tangents(program, plan, w, unit, fast, skip));
            unit[j] = 0;
        }
        return columns;
    }

    /** {@return the calling thread's workspace}, for tests that check it is reused and does not grow */
    public Workspace currentWorkspace() {
        return workspaces.current();
    }

    private double[] inputs(double[] nodeValues) {
        double[] r = new double[program.inputCount];
        System.arraycopy(nodeValues, 0, r, 0, r.length);
        return r;
    }
}
