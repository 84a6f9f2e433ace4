package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.core.Variable;
import dev.autodiff.core.VectorDifferentiable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's sparse example, run here against closed forms, and checked to be the README's text. */
class SparseReadmeExampleTest {

    @Test
    void example() {
        double[] point = new double[100_000];
        for (int i = 0; i < point.length; i++) {
            point[i] = Math.sin(i); // a generic point in [-1, 1]
        }
        List<Variable> x = Expr.variables("x", 100_000);
        List<Expr> residuals = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            // r_i = x_{i−1} − 2 x_i + x_{i+1} + sin(x_i)/n², the boundary values 0
            Expr e = x.get(i).times(-2).plus(x.get(i).sin().times(1e-10));
            e = i > 0 ? e.plus(x.get(i - 1)) : e;
            residuals.add(i + 1 < x.size() ? e.plus(x.get(i + 1)) : e);
        }
        Expr f = Expr.constant(0);
        for (int i = 0; i + 1 < x.size(); i++) {                    // chained Rosenbrock: a tridiagonal Hessian
            Expr a = x.get(i + 1).minus(x.get(i).times(x.get(i)));
            Expr b = Expr.constant(1).minus(x.get(i));
            f = f.plus(a.times(a).times(100).plus(b.times(b)));
        }
        Differentiable r = Reverse.of(f, x);
        SparsityPattern p = r.hessianSparsity();                  // analysed once: 299998 entries, 3 colours
        SparseMatrix h = r.sparseHessian(point);                  // three Hessian-vector products
        VectorDifferentiable m = Reverse.of(residuals, x);        // a discretised 1-D PDE
        SparseMatrix j = m.sparseJacobian(point);                 // three Jacobian-vector products

        // Oracles: the counts the comments state, and closed forms of a few entries (a few ulps of
        // entries of order 10³)
        assertEquals(299_998, p.nonZeros());
        assertEquals(3, p.colours());
        assertEquals(3, m.jacobianSparsity().colours());
        for (int i : new int[] {0, 1, 5000, 99_998}) {
            double expected = 1200 * point[i] * point[i] - 400 * point[i + 1] + 2 + (i > 0 ? 200 : 0);
            assertEquals(expected, h.get(i, i), 1e-12 * 2000);
            assertEquals(-400 * point[i], h.get(i + 1, i), 1e-12 * 400);
            assertEquals(-2 + 1e-10 * Math.cos(point[i]), j.get(i, i), 1e-15);
            assertEquals(1.0, j.get(i, i + 1), 0.0);
        }
        assertEquals(0.0, h.get(0, 2));
        assertTrue(!h.isStored(0, 2));
    }

    @Test
    void readmeSparseExampleIsThisOne() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Sparse Jacobians and Hessians"));
        String block = section.substring(section.indexOf("```java\n") + 8);
        block = block.substring(0, block.indexOf("```"));
        String test = Files.readString(Path.of("src/test/java/dev/autodiff/reverse/SparseReadmeExampleTest.java"));
        for (String line : block.split("\n")) {
            String l = line.trim();
            if (!l.isEmpty()) {
                assertTrue(test.contains(l), "README line not in SparseReadmeExampleTest: " + l);
            }
        }
    }
}
