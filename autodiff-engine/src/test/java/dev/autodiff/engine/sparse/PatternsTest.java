package dev.autodiff.engine.sparse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.Engine;
import dev.autodiff.engine.Mode;
import dev.autodiff.engine.ScalarFunction;
import dev.autodiff.engine.VectorFunction;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Patterns of small programs against patterns derived by hand from the rules (which operations add
 * which pairs), and against the dense Hessian: every numerically non-zero entry is in the pattern.
 */
class PatternsTest {
    private static final Variable X = Expr.variable("x");
    private static final Variable Y = Expr.variable("y");
    private static final Variable Z = Expr.variable("z");
    private static final List<Variable> XYZ = List.of(X, Y, Z);

    /** {@return the stored entries of the Hessian pattern of {@code e}, as "ij" strings} */
    private static Set<String> hessian(Expr e) {
        return entries(Patterns.hessian(ProgramGraph.of(Program.compile(List.of(e), XYZ))));
    }

    private static Set<String> entries(Csr c) {
        Set<String> out = new TreeSet<>();
        for (int i = 0; i < c.rows(); i++) {
            for (int k = c.rowStart()[i]; k < c.rowStart()[i + 1]; k++) {
                out.add("" + i + c.column()[k]);
            }
        }
        return out;
    }

    private static Set<String> set(String... entries) {
        return new TreeSet<>(List.of(entries));
    }

    @Test
    void aProductAddsOnlyThePairsAcrossItsOperands() {
        assertEquals(set("01", "10"), hessian(X.times(Y).plus(Z)));
        // x·x: both operands are x, so the pair across them is (x, x)
        assertEquals(set("00"), hessian(X.times(X).plus(Y)));
        // (x + y)·z: every index of one side with every index of the other
        assertEquals(set("02", "12", "20", "21"), hessian(X.plus(Y).times(Z)));
        // a constant factor adds nothing
        assertEquals(set(), hessian(X.plus(Y).times(3).minus(Z)));
    }

    @Test
    void aNonlinearFunctionAddsTheSquareOfItsOperandsDomain() {
        assertEquals(set("00", "01", "10", "11"), hessian(X.plus(Y).sin().plus(Z)));
        assertEquals(set("00", "22"), hessian(X.exp().plus(Z.pow(3))));
    }

    @Test
    void aQuotientIsLinearInItsNumerator() {
        // ∂²(a/b)/∂a² = 0: x/y has no (x, x) entry, but (x, y) and (y, y)
        assertEquals(set("01", "10", "11"), hessian(X.div(Y)));
        assertEquals(set("02", "12", "20", "21", "22"), hessian(X.plus(Y).div(Z)));
    }

    @Test
    void piecewiseLinearOperationsPassDependenceOnButAddNoEntry() {
        assertEquals(set(), hessian(X.abs().plus(X.max(Y)).plus(Y.min(Z))));
        // ... while what is built on them still sees both operands
        assertEquals(set("02", "12", "20", "21"), hessian(X.max(Y).times(Z)));
    }

    @Test
    void aPowerWithExponentZeroPassesNothingAndOneIsLinear() {
        assertEquals(set(), hessian(X.pow(0).times(Y).plus(Z.pow(1))));
        assertEquals(set("00", "11"), hessian(X.pow(2).plus(Y.pow(0.5))));
    }

    @Test
    void sharedSubexpressionsAndCustomOperationsAreNonlinear() {
        Expr u = X.times(Y);
        assertEquals(set("00", "01", "10", "11"), hessian(u.sin().plus(u)));
        CustomOperation cube = CustomOperation.of("cube", a -> a * a * a, (a, g) -> g * 3 * a * a)
                .withSecondDerivative(a -> 6 * a);
        assertEquals(set("11", "12", "21", "22"), hessian(cube.invoke(Y.minus(Z)).plus(X)));
    }

    @Test
    void aLinearFunctionHasAnEmptyHessianPattern() {
        assertEquals(set(), hessian(X.plus(Y).minus(Z.times(2)).unaryMinus()));
        assertEquals(set(), hessian(X));
        assertEquals(set(), hessian(Expr.constant(3)));
    }

    @Test
    void jacobianRowsAreTheInputsEachOutputDependsOn() {
        Program p = Program.compile(List.of(X.times(Y), Z.plus(1), Expr.constant(3), X.pow(0), Y, X.times(Y)), XYZ);
        Csr j = Patterns.jacobian(ProgramGraph.of(p));
        assertEquals(set("00", "01", "12", "41", "50", "51"), entries(j));
    }

    @Test
    void everyNumericallyNonZeroHessianEntryIsInThePattern() {
        Expr e = X.times(Y).sin().plus(Z.div(X)).plus(Y.max(Z).exp()).plus(X.pow(3).times(Z));
        Set<String> pattern = hessian(e);
        double[][] h = ScalarFunction.of(e, XYZ, Mode.REVERSE).hessian(0.7, -0.4, 1.3);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertTrue(h[i][j] == 0 || pattern.contains("" + i + j), "H[" + i + "][" + j + "] = " + h[i][j]);
            }
        }
    }

    @Test
    void aLongSumOfTermsCostsNoSetPerPartialSum() {
        // Σ_k sin(x_k) over a chain of 10⁵ additions: linear in n, where a set per partial sum would
        // hold n²/2 indices; the pattern is the diagonal
        int n = 100_000;
        List<Variable> x = Expr.variables("x", n);
        Expr sum = x.get(0).sin();
        for (int k = 1; k < n; k++) {
            sum = sum.plus(x.get(k).sin());
        }
        Csr h = Patterns.hessian(ProgramGraph.of(Program.compile(List.of(sum), x)));
        assertEquals(n, h.nonZeros());
        for (int i = 0; i < n; i++) {
            assertEquals(1, h.length(i));
            assertEquals(i, h.column()[h.rowStart()[i]]);
        }
    }
}
