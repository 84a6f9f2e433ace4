package dev.autodiff.engine.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Expr;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern.Compression;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.Engine;
import dev.autodiff.engine.Mode;
import dev.autodiff.engine.ScalarFunction;
import dev.autodiff.engine.VectorFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sparse Jacobians in both modes: a discretised PDE in three products, and the cheaper side chosen. */
class SparseJacobianTest {
    /** Entries are sums of a few products of local partials: as for Hessians, see SparseHessianTest. */
    private static final double RELATIVE = 1e-12;

    /** r_i = x_{i−1} − 2x_i + x_{i+1} + h² sin(x_i), with x_{−1} = x_n = 0 and h = 1/(n + 1). */
    private static List<Expr> residual(List<Variable> x) {
        int n = x.size();
        double h2 = 1.0 / ((n + 1.0) * (n + 1.0));
        List<Expr> r = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Expr e = x.get(i).times(-2).plus(x.get(i).sin().times(h2));
            if (i > 0) {
                e = x.get(i - 1).plus(e);
            }
            if (i + 1 < n) {
                e = e.plus(x.get(i + 1));
            }
            r.add(e);
        }
        return r;
    }

    private static double[] point(int n, long seed) {
        Random rnd = new Random(seed);
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = 4 * rnd.nextDouble() - 2;
        }
        return p;
    }

    @Test
    void aDiscretisedPdeOfAHundredThousandUnknownsCostsThreeJvps() {
        int n = 100_000;
        List<Variable> x = Expr.variables("x", n);
        List<Expr> r = residual(x);
        double h2 = 1.0 / ((n + 1.0) * (n + 1.0));
        double[] p = point(n, 1);
        Program program = Program.compile(r, x);
        for (VectorDifferentiable f : List.of(new VectorFunction(Engine.of(program, program.inputCount), Mode.REVERSE, new double[0]), VectorFunction.of(r, x, Mode.FORWARD))) {
            SparsityPattern pattern = f.jacobianSparsity();
            // every row and column holds 3 entries: 3 colours either way, and a tie compresses columns
            assertEquals(3, pattern.colours(), f.toString());
            assertEquals(Compression.COLUMNS, pattern.compression());
            SparseMatrix j = f.sparseJacobian(p);
            assertEquals(3 * n - 2, j.nonZeros());
            for (int i = 0; i < n; i++) {
                assertEquals(-2 + h2 * Math.cos(p[i]), j.get(i, i), RELATIVE * 2, "J[" + i + "][" + i + "]");
                if (i + 1 < n) {
                    assertEquals(1.0, j.get(i, i + 1), 0.0);
                    assertEquals(1.0, j.get(i + 1, i), 0.0);
                }
            }
        }
        int[] jvps = {0};
        VectorFunction f = new VectorFunction(Engine.of(program, program.inputCount), Mode.REVERSE, new double[0]);
        JacobianPlan.of(ProgramGraph.of(program), true).jacobian(seeds -> {
            jvps[0] += seeds.length;
            return SeedProducts.each(s -> f.jvp(p, s)).multiply(seeds);
        }, seeds -> {
            throw new AssertionError("columns are compressed: no vjp");
        });
        assertEquals(3, jvps[0], "Jacobian-vector products per sparse Jacobian");
    }

    private static void assertEqualsDense(VectorDifferentiable f, double[] p) {
        double[][] dense = f.jacobian(p);
        SparseMatrix sparse = f.sparseJacobian(p);
        for (int i = 0; i < dense.length; i++) {
            for (int k = 0; k < dense[i].length; k++) {
                assertEquals(dense[i][k], sparse.get(i, k), RELATIVE * Math.max(1, Math.abs(dense[i][k])), f + ": J[" + i + "][" + k + "]");
                assertEquals(dense[i][k] != 0 || sparse.isStored(i, k), sparse.isStored(i, k), "stored (" + i + ", " + k + ")");
            }
        }
    }

    @Test
    void aDenseRowMakesReverseModeCompressRowsAndForwardModeColumns() {
        // out_0 = Σ sin(x_i) reads every input, out_k = x_k²: every column meets row 0, so columns
        // need n colours, while rows need 2 (row 0, then all others, which share no column)
        int n = 60;
        List<Variable> x = Expr.variables("x", n);
        List<Expr> out = new ArrayList<>();
        Expr s = x.get(0).sin();
        for (int i = 1; i < n; i++) {
            s = s.plus(x.get(i).sin());
        }
        out.add(s);
        for (int i = 1; i < n; i++) {
            out.add(x.get(i).times(x.get(i)));
        }
        VectorDifferentiable reverse = VectorFunction.of(out, x, Mode.REVERSE);
        VectorDifferentiable forward = VectorFunction.of(out, x, Mode.FORWARD);
        assertEquals(Compression.ROWS, reverse.jacobianSparsity().compression());
        assertEquals(2, reverse.jacobianSparsity().colours());
        assertEquals(Compression.COLUMNS, forward.jacobianSparsity().compression());
        assertEquals(n, forward.jacobianSparsity().colours());
        double[] p = point(n, 2);
        assertEqualsDense(reverse, p);
        assertEqualsDense(forward, p);
    }

    @Test
    void aDenseColumnCompressesColumnsInBothModes() {
        // out_k = x_0·x_k: column 0 meets every row, columns k ≥ 1 one each: 2 colours; rows all share
        // column 0 and would need n − 1
        int n = 60;
        List<Variable> x = Expr.variables("x", n);
        List<Expr> out = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            out.add(x.get(0).times(x.get(i)));
        }
        double[] p = point(n, 4);
        for (VectorDifferentiable f : List.of(VectorFunction.of(out, x, Mode.REVERSE), VectorFunction.of(out, x, Mode.FORWARD))) {
            assertEquals(Compression.COLUMNS, f.jacobianSparsity().compression());
            assertEquals(2, f.jacobianSparsity().colours());
            assertEqualsDense(f, p);
        }
    }

    @Test
    void smallResidualsEqualTheDenseJacobianInBothModes() {
        List<Variable> x = Expr.variables("x", 200);
        List<Expr> r = residual(x);
        double[] p = point(200, 8);
        assertEqualsDense(VectorFunction.of(r, x, Mode.REVERSE), p);
        assertEqualsDense(VectorFunction.of(r, x, Mode.FORWARD), p);
    }
}
