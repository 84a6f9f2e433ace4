package dev.autodiff.engine;

import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.core.internal.calls.Arguments;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.Scratch;
import dev.autodiff.engine.sparse.JacobianPlan;
import dev.autodiff.engine.sparse.ProgramGraph;
import dev.autodiff.engine.sparse.SeedProducts;
import dev.autodiff.engine.sweeps.ReverseSweeps;
import dev.autodiff.engine.sweeps.Workspace;
import io.vavr.Lazy;
import java.util.List;

/**
 * Reverse mode's {@link VectorDifferentiable}: a vector-Jacobian product is one forward and one
 * backward sweep; the Jacobian is one forward sweep and one backward sweep per output (row by row);
 * a Jacobian-vector product is a tangent sweep over the same tape.
 */
public final class ReverseVector implements VectorDifferentiable {
    private final Program program;
    private final int[] outputs;
    private final Scratch<Workspace> workspaces;
    /** The sparse Jacobian's pattern and colouring, analysed on first use. */
    private final Lazy<JacobianPlan> jacobianPlan;

    /** Compiles {@code program}, whose outputs are the function's. */
    public ReverseVector(Program program) {
        this.program = program;
        this.outputs = program.outputs;
        this.workspaces = new Scratch<>(program.size, () -> new Workspace(program));
        this.jacobianPlan = Lazy.of(() -> JacobianPlan.of(ProgramGraph.of(program), true));
    }

    @Override
    public List<Variable> variables() {
        return program.inputs;
    }

    @Override
    public int outputCount() {
        return outputs.length;
    }

    @Override
    public double[] value(double... point) {
        Arguments.check(point, program, "point");
        Workspace w = workspaces.acquire();
        try {
            program.evaluate(point, w.value);
            return at(outputs, w.value);
        } finally {
            workspaces.release(w);
        }
    }

    @Override
    public double[][] jacobian(double... point) {
        Arguments.check(point, program, "point");
        double[][] j = new double[outputs.length][];
        Workspace w = workspaces.acquire();
        try {
            ReverseSweeps.forward(program, w, point, false);
            for (int k = 0; k < outputs.length; k++) {
                ReverseSweeps.clearAdjoints(w);
                w.adjoint[outputs[k]] = 1;
                ReverseSweeps.backward(program, w);
                j[k] = new double[program.inputCount];
                System.arraycopy(w.adjoint, 0, j[k], 0, program.inputCount);
            }
            return j;
        } finally {
            workspaces.release(w);
        }
    }

    @Override
    public double[] jvp(double[] point, double[] v) {
        Arguments.check(point, program, "point");
        Arguments.check(v, program, "vector v");
        Workspace w = workspaces.acquire();
        try {
            ReverseSweeps.forward(program, w, point, false);
            ReverseSweeps.tangent(program, w, v);
            return at(outputs, w.tangent);
        } finally {
            workspaces.release(w);
        }
    }

    @Override
    public double[] vjp(double[] point, double[] weights) {
        Arguments.check(point, program, "point");
        Arguments.check(weights, outputs.length, "(one per output)", "vector w");
        Workspace w = workspaces.acquire();
        try {
            ReverseSweeps.forward(program, w, point, false);
            ReverseSweeps.clearAdjoints(w);
            for (int k = 0; k < outputs.length; k++) {
                // two outputs may be the same node: their weights add
                w.adjoint[outputs[k]] += weights[k];
            }
            ReverseSweeps.backward(program, w);
            double[] r = new double[program.inputCount];
            System.arraycopy(w.adjoint, 0, r, 0, r.length);
            return r;
        } finally {
            workspaces.release(w);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>One Jacobian-vector product per colour of the columns, or one vector-Jacobian product per
     * colour of the rows, whichever colouring has fewer colours ({@link JacobianPlan}). The first
     * call of either method analyses the program.
     */
    @Override
    public SparseMatrix sparseJacobian(double... point) {
        Arguments.check(point, program, "point");
        return jacobianPlan.get().jacobian(SeedProducts.each(s -> jvp(point, s)), SeedProducts.each(s -> vjp(point, s)));
    }

    @Override
    public SparsityPattern jacobianSparsity() {
        return jacobianPlan.get().pattern();
    }

    private static double[] at(int[] nodes, double[] values) {
        double[] r = new double[nodes.length];
        for (int k = 0; k < nodes.length; k++) {
            r[k] = values[nodes[k]];
        }
        return r;
    }
}
