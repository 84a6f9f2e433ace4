package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The dense Hessian, which carries several columns per sweep and shares the gradient adjoints,
 * against the one-direction sweep of {@code hessianVector}: column j must be exactly
 * {@code hessianVector(p, e_j)}, so the diagonal is bit-identical and every off-diagonal entry is
 * exactly the average {@code (H·e_j)_i/2 + (H·e_i)_j/2} the symmetrization documents.
 */
class BlockedHessianTest {

    @Test
    void hessianColumnsAreExactlyTheHessianVectorProductsAlongUnitVectors() {
        // 19 inputs: two full blocks of 8 and a partial one
        for (int inputs : new int[] {1, 3, 8, 19}) {
            for (long seed = 0; seed < 20; seed++) {
                RandomPrograms program = new RandomPrograms(seed, inputs, 25);
                Variable[] vars = new Variable[inputs];
                for (int i = 0; i < inputs; i++) {
                    vars[i] = Expr.variable("x" + i);
                }
                Expr e = program.replay(new RandomPrograms.ExprAlgebra(), i -> vars[i]);
                Differentiable f = Reverse.of(e, vars);
                Random random = new Random(seed);
                double[] p = new double[inputs];
                for (int i = 0; i < inputs; i++) {
                    p[i] = random.nextDouble() * 2 - 1;
                }
                double[][] h = f.hessian(p);
                double[][] hv = new double[inputs][];
                for (int j = 0; j < inputs; j++) {
                    double[] unit = new double[inputs];
                    unit[j] = 1;
                    hv[j] = f.hessianVector(p, unit);
                }
                for (int i = 0; i < inputs; i++) {
                    for (int j = 0; j < inputs; j++) {
                        double expected = i == j ? hv[j][i] : 0.5 * hv[j][i] + 0.5 * hv[i][j];
                        assertEquals(expected, h[i][j], 0.0, "seed " + seed + ", n " + inputs + ", entry " + i + "," + j);
                    }
                }
            }
        }
    }
}
