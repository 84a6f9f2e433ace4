package dev.autodiff.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Levels;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.loops.LoopPlan;
import dev.autodiff.testkit.RandomDags;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A program in the levelled order ({@link Levels}) gives every result of the program's own order to
 * the bit, whether interpreted, run by loop kernels or compiled whole: values, gradients, directional
 * derivatives, Hessian-vector products, Hessians (dense and sparse), Jacobians and vector-Jacobian
 * products, on random DAGs with heavy sharing and on balanced sums of random terms, at random points
 * and at points with zeros, infinities and NaN. The oracle is the interpreter over the program's
 * own order, which the rest of the tests check against finite differences and the other mode.
 */
class LevelledOrderAgreementTest {
    /**
     * The engines that must agree with the interpreter over the program's own order: the program in
     * either levelled order interpreted, with its loops, and compiled whole, and the engine of the
     * order {@link Engine#of} chooses.
     */
    private static List<Engine> candidates(Program p, int variables) {
        List<Engine> engines = new ArrayList<>();
        for (Program q : List.of(p.reordered(Levels.byJoins(p)), p.reordered(Levels.byHeight(p)))) {
            Engine compiled = new Engine(q, LoopPlan.withLoops(q), variables, true);
            compiled.compileNow(); // segments between the loops, and a small program in one method
            engines.addAll(List.of(new Engine(q, LoopPlan.none(), variables), new Engine(q, LoopPlan.withLoops(q), variables),
                    compiled));
        }
        engines.add(Engine.of(p, variables));
        return engines;
    }

    private static void assertSameBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    /** Counts the finite results compared, so a test of NaN alone cannot pass for one of numbers. */
    private int finite;

    private void assertAgree(Engine expected, Engine actual, double[] x, double[] params, double[] v, String what) {
        int n = x.length;
        double[] g = new double[n];
        double[] h = new double[n];
        // the gradient first: it must not lean on values an earlier call left in the workspace
        expected.gradient(x, params, g, false);
        actual.gradient(x, params, h, false);
        assertArrayEquals(g, h, what + " gradient");
        assertSameBits(expected.gradient(x, params, g, true), actual.gradient(x, params, h, true), what + " value with the gradient");
        assertArrayEquals(g, h, what + " gradient with the value");
        finite += Double.isFinite(g[0]) ? 1 : 0;
        assertSameBits(expected.value(x, params), actual.value(x, params), what + " value");
        assertSameBits(expected.directional(x, params, v), actual.directional(x, params, v), what + " directional");
        expected.hessianVector(x, params, v, g);
        actual.hessianVector(x, params, v, h);
        assertArrayEquals(g, h, what + " H·v");
        finite += Double.isFinite(g[0]) ? 1 : 0;
        int m = expected.program().outputs.length;
        double[][] je = new double[m][n];
        double[][] ja = new double[m][n];
        expected.jacobianByAdjoints(x, params, je);
        actual.jacobianByAdjoints(x, params, ja);
        assertDeepBits(je, ja, what + " Jacobian by adjoints");
        double[] weights = new double[m];
        Arrays.fill(weights, 0.5);
        weights[0] = -1.25;
        expected.vjp(x, params, weights, g);
        actual.vjp(x, params, weights, h);
        assertArrayEquals(g, h, what + " vector-Jacobian product");
        // forward mode and whole Hessians take passes in proportion to the variables
        if (n <= 40 && (long) n * expected.program().size <= 60_000) {
            expected.forwardHessianVector(x, params, v, g);
            actual.forwardHessianVector(x, params, v, h);
            assertArrayEquals(g, h, what + " H·v forward over forward");
            expected.jacobianByTangents(x, params, je);
            actual.jacobianByTangents(x, params, ja);
            assertDeepBits(je, ja, what + " Jacobian by tangents");
            double[][] he = new double[n][n];
            double[][] ha = new double[n][n];
            expected.hessian(x, params, he);
            actual.hessian(x, params, ha);
            assertDeepBits(he, ha, what + " Hessian");
            if (expected.program().size <= 500) { // n²/2 passes forward over forward
                expected.forwardHessian(x, params, he);
                actual.forwardHessian(x, params, ha);
                assertDeepBits(he, ha, what + " Hessian forward over forward");
            }
            SparseMatrix se = new ScalarFunction(expected, Mode.REVERSE, params).sparseHessian(x);
            SparseMatrix sa = new ScalarFunction(actual, Mode.REVERSE, params).sparseHessian(x);
            assertDeepBits(se.toDense(), sa.toDense(), what + " sparse Hessian");
        }
    }

    private static void assertDeepBits(double[][] expected, double[][] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], what + " row " + i);
        }
    }

    /** Random points, then the same with zeros, with an infinity, and with a NaN. */
    private static List<double[]> points(Random r, int n) {
        double[] point = r.doubles(n, -2, 2).toArray();
        double[] zeros = point.clone();
        for (int i = 0; i < n; i += 2) {
            zeros[i] = 0;
        }
        double[] infinite = point.clone();
        infinite[r.nextInt(n)] = r.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        double[] nan = zeros.clone();
        nan[n - 1] = Double.NaN;
        return List.of(point, zeros, infinite, nan, new double[n]);
    }

    private void assertAllAgree(Program p, int variables, Random r, String what) {
        Engine expected = new Engine(p, LoopPlan.none(), variables);
        double[] params = r.doubles(p.inputCount - variables, -1, 1).toArray();
        for (Engine actual : candidates(p, variables)) {
            for (double[] x : points(r, variables)) {
                double[] v = r.doubles(variables, -1, 1).toArray();
                assertAgree(expected, actual, x, params, v, what + " at " + Arrays.toString(x).substring(0, Math.min(60,
                        Arrays.toString(x).length())));
            }
        }
    }

    @Test
    void randomDagsAgreeToTheBitInTheLevelledOrder() {
        Random r = new Random(20261202);
        for (int seed = 0; seed < 150; seed++) {
            List<Variable> x = Expr.variables("x", 2 + seed % 7);
            List<Expr> outputs = RandomDags.outputs(seed, x, 10 + seed % 70, 1 + seed % 3);
            // a parameter (data) for a third of the seeds: inputs the derivatives are not taken for
            int variables = x.size() - (seed % 3 == 0 ? 1 : 0);
            assertAllAgree(Program.compile(outputs, x), variables, r, "seed " + seed);
        }
        assertTrue(finite > 150 * 4 * 5, "most compared results should be finite numbers; " + finite);
    }

    /**
     * {@return term i of a balanced sum}: {@code steps} random steps, the same for every i, each
     * reading the step before and one of: the term's own input {@code own.get(i)}, an input shared
     * by every term ({@code shared}), the shared constant 0.75, or an earlier step
     */
    private static Expr term(Random plan, int steps, List<? extends Expr> own, List<? extends Expr> shared, int i) {
        List<Expr> block = new ArrayList<>();
        block.add(own.get(i).times(shared.get(0)));
        for (int k = 1; k < steps; k++) {
            Expr b = switch (plan.nextInt(5)) {
                case 0 -> own.get(i);
                case 1 -> shared.get(plan.nextInt(shared.size()));
                case 2 -> Expr.constant(0.75);
                default -> block.get(plan.nextInt(k));
            };
            block.add(RandomDags.op(plan.nextInt(RandomDags.OPS), block.get(k - 1), b)); // a chain through the term
        }
        return block.get(steps - 1);
    }

    @Test
    void balancedSumsOverDataRunLevelledAndAgreeToTheBit() {
        // Σ_i loss(w, u; d_i) summed pairwise: the weights w and u are read by every term, at any
        // depth, and the data d_i (parameters) by their own term alone
        Random r = new Random(20261203);
        int levelled = 0;
        int seeds = 16;
        for (int seed = 0; seed < seeds; seed++) {
            List<Variable> weights = List.of(Expr.variable("w"), Expr.variable("u"));
            int n = 400 + 10 * seed;
            List<Variable> data = Expr.variables("d", n);
            List<Expr> terms = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                terms.add(term(new Random(seed), 2 + seed % 6, data, weights, i)); // the same plan for every term
            }
            List<Variable> inputs = new ArrayList<>(weights);
            inputs.addAll(data);
            Program p = Program.compile(List.of(RandomDags.balancedSum(terms)), inputs);
            levelled += Engine.of(p, 2).program() != p ? 1 : 0;
            assertAllAgree(p, 2, r, "seed " + seed);
            if (seed % 4 == 0) {
                assertAllAgree(p, inputs.size(), r, "seed " + seed + ", the data as variables");
            }
        }
        assertTrue(levelled >= seeds * 3 / 4, "most balanced sums should run levelled; " + levelled + " of " + seeds);
        assertTrue(finite > seeds * 7 * 5, "most compared results should be finite numbers; " + finite);
    }

    @Test
    void balancedSumsOverSharedVariablesAgreeToTheBit() {
        // every term reads x_{i mod m}, at several depths: users of one node at several levels
        Random r = new Random(20261204);
        for (int seed = 0; seed < 10; seed++) {
            List<Variable> x = Expr.variables("x", 3 + seed % 10);
            List<Expr> own = new ArrayList<>();
            List<Expr> terms = new ArrayList<>();
            int n = 300 + 10 * seed;
            for (int i = 0; i < n; i++) {
                own.add(x.get(i % x.size()).times(1 + i / 1024.0)); // the terms differ
            }
            for (int i = 0; i < n; i++) {
                terms.add(term(new Random(seed), 2 + seed % 5, own, x, i));
            }
            assertAllAgree(Program.compile(List.of(RandomDags.balancedSum(terms)), x), x.size(), r, "seed " + seed);
        }
        assertTrue(finite > 10 * 7 * 5, "most compared results should be finite numbers; " + finite);
    }

    @Test
    void theBalancedSumOfSquaredSinesAgreesToTheBit() {
        int n = 2000;
        List<Variable> x = Expr.variables("x", n);
        List<Expr> terms = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            terms.add(x.get(i).times(x.get(i)).sin());
        }
        Program p = Program.compile(List.of(RandomDags.balancedSum(terms)), x);
        Engine expected = new Engine(p, LoopPlan.none(), n);
        Engine levelled = Engine.of(p, n);
        assertTrue(levelled.program() != p, "the balanced sum runs levelled");
        Random r = new Random(5);
        for (double[] point : points(r, n)) {
            double[] v = r.doubles(n, -1, 1).toArray();
            double[] g = new double[n];
            double[] h = new double[n];
            assertSameBits(expected.gradient(point, new double[0], g, true), levelled.gradient(point, new double[0], h, true),
                    "value");
            assertArrayEquals(g, h, "gradient");
            expected.hessianVector(point, new double[0], v, g);
            levelled.hessianVector(point, new double[0], v, h);
            assertArrayEquals(g, h, "H·v");
            assertSameBits(expected.directional(point, new double[0], v), levelled.directional(point, new double[0], v),
                    "directional");
        }
    }
}
