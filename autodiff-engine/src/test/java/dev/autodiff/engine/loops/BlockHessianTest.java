package dev.autodiff.engine.loops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Dense Hessians through the block kernels equal the interpreter's to the bit, on loops of sums
 * with nodes between them (log-sum-exp), with parameters, at sizes that are not multiples of the
 * block, where running sums are read once or twice per repetition, and where blocks fall back to
 * the interpreter; and they equal the closed form of log-sum-exp's Hessian.
 */
class BlockHessianTest {
    private static List<Variable> named(String name, int n) {
        List<Variable> v = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            v.add(Expr.variable(name + i));
        }
        return v;
    }

    /** {@return log Σ_j exp(Σ_k term(j·n + k))}: a loop per row, an exp and a running sum between loops */
    private static Expr logSumExp(int rows, int n, IntFunction<Expr> term) {
        List<Expr> exps = new ArrayList<>();
        for (int j = 0; j < rows; j++) {
            List<Expr> products = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                products.add(term.apply(j * n + k));
            }
            exps.add(Expr.sum(products).exp());
        }
        return Expr.sum(exps).log();
    }

    private static double[][] hessian(Engine f, double[] x, double[] params) {
        double[][] h = new double[x.length][x.length];
        f.hessian(x, params, h);
        return h;
    }

    /** Asserts that the block kernels' Hessian is the interpreter's, bit for bit (assertArrayEquals compares bits). */
    private static void assertSameHessian(Program p, int variables, double[] x, double[] params, String what) {
        Engine looped = new Engine(p, LoopPlan.withLoops(p), variables);
        assertTrue(looped.describe().contains("block kernels"), () -> what + ": " + looped.describe());
        Engine interpreted = new Engine(p, LoopPlan.none(), variables);
        double[][] expected = hessian(interpreted, x, params);
        // twice: the second call finds whatever the first left in the workspace
        for (int call = 0; call < 2; call++) {
            double[][] actual = hessian(looped, x, params);
            for (int i = 0; i < x.length; i++) {
                assertArrayEquals(expected[i], actual[i], what + ", row " + i + ", call " + call);
            }
        }
    }

    /** {@return how many operands of a repetition read position k of the previous one} */
    private static int carriedReads(LoopShape s, int k) {
        int reads = 0;
        for (int at = 0; at < 2 * s.period; at++) {
            reads += s.kind[at] == LoopShape.CARRY && s.ref[at] == k ? 1 : 0;
        }
        return reads;
    }

    /** {@return whether some loop of {@code p} has a last-only position read {@code reads} times by the next repetition} */
    private static boolean hasLastOnlyReadTimes(Program p, int reads) {
        LoopPlan plan = LoopPlan.withLoops(p);
        for (int q = 0; q < plan.loops(); q++) {
            LoopShape s = plan.region(q).shape();
            for (int k = 0; k < s.period; k++) {
                if (s.lastOnly[k] && carriedReads(s, k) == reads) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void logSumExpAgreesWithTheInterpreterAtSizesThatAreNotMultiplesOfTheBlock() {
        Random r = new Random(14);
        for (int n : new int[] {13, 21, 30}) {
            List<Variable> x = named("x", n);
            double[] a = r.doubles((long) n * n, -1, 1).toArray();
            Program p = Program.compile(List.of(logSumExp(n, n, i -> x.get(i % n).times(a[i]))), x);
            assertTrue(hasLastOnlyReadTimes(p, 1), "each row's running sum is read once per repetition");
            assertSameHessian(p, n, r.doubles(n, -1, 1).toArray(), new double[0], "n = " + n);
        }
    }

    @Test
    void aRunningSumWhoseFirstTermIsReadAfterTheLoopAgrees() {
        // each row's first term x_0·A_j0 is also squared after the loops: the node before a loop
        // has an adjoint of its own when the loop's backward sweep adds the running sum's to it
        int n = 13;
        Random r = new Random(19);
        List<Variable> x = named("x", n);
        double[] a = r.doubles((long) n * n, -1, 1).toArray();
        Expr f = logSumExp(n, n, i -> x.get(i % n).times(a[i]));
        for (int j = 0; j < n; j++) {
            Expr first = x.get(0).times(a[j * n]);
            f = f.plus(first.times(first).times(0.25));
        }
        Program p = Program.compile(List.of(f), x);
        assertTrue(hasLastOnlyReadTimes(p, 1), "each row's running sum is read once per repetition");
        assertSameHessian(p, n, r.doubles(n, -1, 1).toArray(), new double[0], "first terms read after the loops");
    }

    @Test
    void parametersReadInTheLoopsAgree() {
        // (x_k·A_jk)·w_k with the weights w as parameters: a second external operand per repetition
        int n = 11;
        Random r = new Random(15);
        List<Variable> x = named("x", n);
        List<Variable> w = named("w", n);
        double[] a = r.doubles((long) n * n, -1, 1).toArray();
        List<Variable> inputs = new ArrayList<>(x);
        inputs.addAll(w);
        Program p = Program.compile(List.of(logSumExp(n, n, i -> x.get(i % n).times(a[i]).times(w.get(i % n)))), inputs);
        assertSameHessian(p, n, r.doubles(n, -1, 1).toArray(), r.doubles(n, 0.5, 1.5).toArray(), "weighted");
    }

    @Test
    void aRunningSumReadTwicePerRepetitionAgrees() {
        // s_k = (s_{k-1} + x_k·c_k) + (s_{k-1} − d_k): the previous sum is read by two operands
        int n = 10;
        Random r = new Random(16);
        List<Variable> x = named("x", n);
        List<Expr> exps = new ArrayList<>();
        for (int j = 0; j < 3; j++) {
            Expr s = x.get(0).times(r.nextDouble());
            for (int k = 1; k < n; k++) {
                s = s.plus(x.get(k).times(r.nextDouble() - 0.5)).plus(s.minus(r.nextDouble()));
            }
            exps.add(s.times(0x1p-12).exp());
        }
        Program p = Program.compile(List.of(Expr.sum(exps).log()), x);
        assertTrue(hasLastOnlyReadTimes(p, 2), "the running sum is read twice per repetition");
        assertSameHessian(p, n, r.doubles(n, -1, 1).toArray(), new double[0], "read twice");
    }

    @Test
    void blocksThatAreNotFiniteFallBackToTheInterpreter() {
        // exp overflows in one row: the gradient is not finite, and every column is the interpreter's;
        // at a point where only the tangents of one block blow up, that block alone falls back
        int n = 19;
        Random r = new Random(17);
        List<Variable> x = named("x", n);
        double[] a = r.doubles((long) n * n, -1, 1).toArray();
        Program p = Program.compile(List.of(logSumExp(n, n, i -> x.get(i % n).times(a[i]))), x);
        double[] overflow = r.doubles(n, -1, 1).toArray();
        overflow[3] = 1e5;
        assertSameHessian(p, n, overflow, new double[0], "overflowing exp");
        // sqrt(|x_k|)·c: infinite partials at x_k = 0, in the second block only
        Program q = Program.compile(List.of(logSumExp(3, n, i -> x.get(i % n).abs().sqrt().times(a[i]))), x);
        double[] zero = r.doubles(n, -1, 1).toArray();
        zero[10] = 0;
        assertSameHessian(q, n, zero, new double[0], "sqrt at zero");
        assertSameHessian(q, n, r.doubles(n, 0.5, 1).toArray(), new double[0], "sqrt away from zero");
    }

    @Test
    void logSumExpHessianIsTheClosedForm() {
        // H = Aᵀ(diag p − p pᵀ)A, p = softmax(A·x): sums of n² terms of size O(1) each, so the two
        // differ by rounding, a few hundred ulps of the largest entry at most
        int n = 17;
        Random r = new Random(18);
        List<Variable> x = named("x", n);
        double[] a = r.doubles((long) n * n, -1, 1).toArray();
        Program p = Program.compile(List.of(logSumExp(n, n, i -> x.get(i % n).times(a[i]))), x);
        double[] point = r.doubles(n, -1, 1).toArray();
        double[] weights = new double[n];
        double total = 0;
        for (int j = 0; j < n; j++) {
            double z = 0;
            for (int k = 0; k < n; k++) {
                z += a[j * n + k] * point[k];
            }
            weights[j] = Math.exp(z);
            total += weights[j];
        }
        double[] g = new double[n];
        for (int j = 0; j < n; j++) {
            weights[j] /= total;
            for (int k = 0; k < n; k++) {
                g[k] += weights[j] * a[j * n + k];
            }
        }
        double[][] h = hessian(new Engine(p, LoopPlan.withLoops(p), n), point, new double[0]);
        double largest = 0;
        for (double[] row : h) {
            for (double v : row) {
                largest = Math.max(largest, Math.abs(v));
            }
        }
        for (int k = 0; k < n; k++) {
            for (int l = 0; l < n; l++) {
                double expected = -g[k] * g[l];
                for (int j = 0; j < n; j++) {
                    expected += weights[j] * a[j * n + k] * a[j * n + l];
                }
                assertEquals(expected, h[k][l], 1e-13 * n * largest, "H[" + k + "][" + l + "]");
            }
        }
    }
}
