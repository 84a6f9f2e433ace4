package dev.autodiff.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Unary;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.loops.LoopPlan;
import dev.autodiff.testkit.RepeatedPrograms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The engine with loop kernels equals the engine interpreting every node, to the bit: values,
 * gradients, directional derivatives (the sign of a zero included), Hessian-vector products and
 * Hessians, on random repeated programs at random points and at points full of zeros (where the
 * zero-factor rule and the fall back from kernels to the interpreter matter).
 */
class KernelAgreementTest {
    static List<Variable> variables(int n) {
        List<Variable> x = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x.add(Expr.variable("x" + i));
        }
        return x;
    }

    /** {@return Σ x_i·x_{i+1}} */
    private static Expr neighbourProducts(List<Variable> x) {
        Expr sum = null;
        for (int i = 0; i + 1 < x.size(); i++) {
            Expr term = x.get(i).times(x.get(i + 1));
            sum = sum == null ? term : sum.plus(term);
        }
        return sum;
    }

    private static void assertSameBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                () -> what + ": expected " + expected + ", got " + actual);
    }

    private static final double[] NO_PARAMETERS = {};

    static Engine looped(Program p) {
        return new Engine(p, LoopPlan.withLoops(p), p.inputCount);
    }

    static Engine interpreted(Program p) {
        return new Engine(p, LoopPlan.none(), p.inputCount);
    }

    private static void assertAgree(Program p, double[] point, double[] direction, String what) {
        assertAgree(looped(p), interpreted(p), point, direction, what);
    }

    private static double[] gradient(Engine f, double[] point, boolean withValue) {
        double[] g = new double[point.length];
        f.gradient(point, NO_PARAMETERS, g, withValue);
        return g;
    }

    private static double[] hessianVector(Engine f, double[] point, double[] direction) {
        double[] hv = new double[point.length];
        f.hessianVector(point, NO_PARAMETERS, direction, hv);
        return hv;
    }

    static void assertAgree(Engine looped, Engine interpreted, double[] point, double[] direction, String what) {
        // the gradient first: it must not lean on values an earlier call left in the workspace
        assertArrayEquals(gradient(interpreted, point, false), gradient(looped, point, false), what + " gradient");
        assertArrayEquals(gradient(interpreted, point, true), gradient(looped, point, true), what + " gradient with value");
        assertSameBits(interpreted.value(point, NO_PARAMETERS), looped.value(point, NO_PARAMETERS), what + " value");
        double[] g = new double[point.length];
        assertSameBits(interpreted.gradient(point, NO_PARAMETERS, g, true), looped.gradient(point, NO_PARAMETERS, g, true),
                what + " value with the gradient");
        assertSameBits(interpreted.directional(point, NO_PARAMETERS, direction),
                looped.directional(point, NO_PARAMETERS, direction), what + " directional");
        assertArrayEquals(hessianVector(interpreted, point, direction), hessianVector(looped, point, direction), what + " H·v");
        if (point.length <= 60) { // a program mostly of loops runs its Hessian columns through block kernels
            double[][] expected = new double[point.length][point.length];
            double[][] actual = new double[point.length][point.length];
            interpreted.hessian(point, NO_PARAMETERS, expected);
            looped.hessian(point, NO_PARAMETERS, actual);
            for (int i = 0; i < point.length; i++) {
                assertArrayEquals(expected[i], actual[i], what + " Hessian row " + i);
            }
        }
    }

    @Test
    void randomRepeatedProgramsAgreeToTheBit() {
        Random r = new Random(20261123);
        int loops = 0;
        int blockHessians = 0;
        for (int seed = 0; seed < 300; seed++) {
            int reps = 8 + seed % 40;
            List<Variable> x = variables(RepeatedPrograms.inputCount(reps));
            Program p = Program.compile(List.of(new RepeatedPrograms(seed, 1 + seed % 9).expression(x, reps)), x);
            loops += LoopPlan.withLoops(p).loops();
            // one function for all points: its workspace keeps whatever earlier calls left in it
            Engine looped = looped(p);
            Engine interpreted = interpreted(p);
            blockHessians += looped.describe().contains("block kernels") && x.size() <= 60 ? 1 : 0;
            double[] point = r.doubles(x.size(), -2, 2).toArray();
            double[] direction = r.doubles(x.size(), -1, 1).toArray();
            assertAgree(looped, interpreted, point, direction, "seed " + seed);
            // zeros: partials of |a|^½ are infinite there and many adjoints and tangents vanish
            double[] sparse = point.clone();
            double[] sparseDirection = direction.clone();
            for (int i = 0; i < sparse.length; i += 2) {
                sparse[i] = 0;
                sparseDirection[(i + 1) % sparse.length] = 0;
            }
            assertAgree(looped, interpreted, sparse, sparseDirection, "seed " + seed + " with zeros");
            assertAgree(looped, interpreted, point, direction, "seed " + seed + " again");
        }
        assertTrue(loops >= 250, "most random repeated programs should run loops; found " + loops);
        assertTrue(blockHessians >= 100, "Hessians through block kernels: " + blockHessians);
    }

    @Test
    void sumsOfRandomTermsAgreeToTheBitWithoutTheLoopsTangentSweep() {
        // H·v of a sum of terms leaves the loop's tangent sweep out and bounds its tangents
        // instead (LoopPlan.sumLoop); the exact sweeps must take over whenever the bound or the
        // result is not finite: infinite, NaN and huge directions, and tangents whose running sum
        // overflows although every term's is finite
        Random r = new Random(20261124);
        int summed = 0;
        int fused = 0;
        for (int seed = 0; seed < 200; seed++) {
            int reps = 8 + seed % 40;
            List<Variable> x = variables(RepeatedPrograms.inputCount(reps));
            Program p = Program.compile(List.of(new RepeatedPrograms(seed, 1 + seed % 9).sumOfTerms(x, reps)), x);
            LoopPlan plan = LoopPlan.withLoops(p);
            summed += plan.sumLoop() >= 0 ? 1 : 0;
            fused += plan.fusedLoop() >= 0 ? 1 : 0;
            Engine looped = new Engine(p, plan, p.inputCount);
            Engine interpreted = interpreted(p);
            double[] point = r.doubles(x.size(), -2, 2).toArray();
            double[] direction = r.doubles(x.size(), -1, 1).toArray();
            assertAgree(looped, interpreted, point, direction, "seed " + seed);
            double[] zeros = point.clone();
            for (int i = 0; i < zeros.length; i += 2) {
                zeros[i] = 0;
            }
            assertAgree(looped, interpreted, zeros, direction, "seed " + seed + " with zeros");
            for (double special : new double[] {Double.POSITIVE_INFINITY, Double.NaN, 1e300, 0x1p1000}) {
                double[] d = direction.clone();
                d[seed % d.length] = special;
                assertAgree(looped, interpreted, point, d, "seed " + seed + " direction with " + special);
            }
        }
        assertTrue(summed >= 100, "sums of terms should mostly have a sum loop; found " + summed);
        assertTrue(fused >= 100, "sums of terms should mostly have their gradient fused; found " + fused);
    }

    @Test
    void sumsOfTermsOverComputedNodesKeepTheirTangentAdjoints() {
        // the bounded kernel leaves out the tangent adjoints of operands that read inputs only
        // (BoundedKernel); here the terms read sin(x_i), all computed before the sum loop: their
        // tangent adjoints carry the gradient on to the x, and H·v needs them
        Random r = new Random(20261202);
        int computed = 0;
        for (int seed = 0; seed < 60; seed++) {
            int reps = 8 + seed % 40;
            List<Variable> x = variables(RepeatedPrograms.inputCount(reps));
            List<Expr> y = x.stream().map(xi -> (Expr) xi.sin()).toList();
            Program p = sinesFirst(Program.compile(List.of(new RepeatedPrograms(seed, 1 + seed % 9).sumOfTerms(y, reps)), x));
            LoopPlan plan = LoopPlan.withLoops(p);
            int q = plan.sumLoop();
            computed += q >= 0 && plan.loopStart(q) >= p.inputCount + x.size() ? 1 : 0;
            double[] point = r.doubles(x.size(), -2, 2).toArray();
            double[] direction = r.doubles(x.size(), -1, 1).toArray();
            assertAgree(new Engine(p, plan, p.inputCount), interpreted(p), point, direction, "seed " + seed);
        }
        assertTrue(computed >= 30, "sums of terms over computed nodes should mostly have a sum loop; found " + computed);
    }

    /** {@return {@code p} with the operations on an input alone (the sines) first, then the rest in order} */
    private static Program sinesFirst(Program p) {
        int[] order = new int[p.size];
        int k = 0;
        for (int i = 0; i < p.inputCount; i++) {
            order[k++] = i;
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int i = p.inputCount; i < p.size; i++) {
                boolean sine = p.code[i] != Program.CONSTANT && p.right[i] < 0 && p.left[i] >= 0 && p.left[i] < p.inputCount;
                if (sine == (pass == 0)) {
                    order[k++] = i;
                }
            }
        }
        return p.reordered(order);
    }

    @Test
    void aRunningSumOfTangentsThatOverflowsIsSeen() {
        // f = Σ x_i·x_{i+1} at x = 1 along v = 10³⁰⁷: each term's tangent is 2·10³⁰⁷, finite, but
        // their running sum overflows; the exact sweep multiplies that ∞ by zero second partials,
        // which the strong zero makes 0, so H·v is exact: (H·v)_i = v_{i-1} + v_{i+1}
        int n = 40;
        List<Variable> x = variables(n);
        Expr sum = neighbourProducts(x);
        Program p = Program.compile(List.of(sum), x);
        assertEquals(0, LoopPlan.withLoops(p).sumLoop(), "the terms' loop is a sum loop");
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        double[] huge = new double[n];
        Arrays.fill(huge, 1e307);
        double[] expected = hessianVector(interpreted(p), ones, huge);
        double[] closedForm = new double[n];
        for (int i = 0; i < n; i++) {
            closedForm[i] = (i > 0 ? 1e307 : 0) + (i < n - 1 ? 1e307 : 0);
        }
        assertArrayEquals(closedForm, expected, "the interpreter's H·v");
        assertAgree(p, ones, huge, "overflowing tangents");
    }

    @Test
    void anHessianVectorProductIsExactWhereOnlyTheGradientOverflows() {
        // f = Σ 10³⁰⁰·(10³⁰⁰·x_i) + x_i·x_{i+1}: the gradient lane overflows to ∞ at every input, but
        // the linear terms feed no second-order term, so H·v is finite: v_{i-1} + v_{i+1}. The
        // kernels' result is trusted on its own finiteness; it must be the interpreter's.
        int n = 30;
        List<Variable> x = variables(n);
        Expr sum = null;
        for (int i = 0; i + 1 < n; i++) {
            Expr term = x.get(i).times(1e300).times(1e300).plus(x.get(i).times(x.get(i + 1)));
            sum = sum == null ? term : sum.plus(term);
        }
        Program p = Program.compile(List.of(sum), x);
        assertTrue(LoopPlan.withLoops(p).loops() > 0, "the terms run as a loop");
        double[] point = new Random(7).doubles(n, -2, 2).toArray();
        double[] direction = new Random(8).doubles(n, -1, 1).toArray();
        double[] expected = hessianVector(interpreted(p), point, direction);
        for (int i = 0; i < n; i++) {
            double closedForm = (i > 0 ? direction[i - 1] : 0) + (i < n - 1 ? direction[i + 1] : 0);
            assertSameBits(closedForm, expected[i], "the interpreter's (H·v)_" + i);
        }
        assertEquals(Double.POSITIVE_INFINITY, gradient(interpreted(p), point, true)[0], "the gradient overflows");
        assertAgree(p, point, direction, "an overflowing gradient");
    }

    @Test
    void aZeroAdjointThroughAnInfinitePartialStaysZero() {
        // f = Σ sqrt(x_i)·x_{i+1} at 0: ∂sqrt = ∞ meets the adjoint x_{i+1} = 0. The fast kernel
        // computes 0·∞ = NaN there; the gradient must be the exact one, with no NaN.
        int n = 24; // at most 60, so the Hessians (through the exact fallback) are compared too
        List<Variable> x = variables(n);
        Expr sum = null;
        for (int i = 0; i + 1 < n; i++) {
            Expr term = x.get(i).sqrt().times(x.get(i + 1));
            sum = sum == null ? term : sum.plus(term);
        }
        Program p = Program.compile(List.of(sum), x);
        assertEquals(1, LoopPlan.withLoops(p).loops());
        double[] zero = new double[n];
        double[] ones = new double[n];
        Arrays.fill(ones, 1);
        double[] g = gradient(looped(p), zero, false);
        assertFalse(Arrays.stream(g).anyMatch(Double::isNaN), () -> Arrays.toString(g));
        assertAgree(p, zero, ones, "sqrt at 0");
    }

    @Test
    void aLoopTooLargeForABlockKernelTakesItsHessianColumnByColumn() {
        // 20 chained atan2 per term: the kernel fits, its 8-direction block kernel does not, so each
        // Hessian column is a Hessian-vector product through the ordinary kernels (the loop being a
        // sum of terms, one that leaves out its tangent sweep)
        int reps = 12;
        List<Variable> x = variables(reps + 3);
        Expr sum = null;
        for (int r = 0; r < reps; r++) {
            Expr e = x.get(r);
            for (int k = 1; k < 20; k++) {
                e = e.atan2(x.get(r + k % 3));
            }
            sum = sum == null ? e : sum.plus(e);
        }
        Program p = Program.compile(List.of(sum), x);
        LoopPlan plan = LoopPlan.withLoops(p);
        Engine looped = new Engine(p, plan, p.inputCount);
        assertEquals(1, plan.loops());
        assertTrue(plan.sumLoop() >= 0, "a sum of terms");
        assertTrue(looped.describe().contains("one Hessian-vector product per column"), looped.describe());
        Random r = new Random(7);
        Engine interpreted = interpreted(p);
        assertAgree(looped, interpreted, r.doubles(x.size(), -1, 1).toArray(), r.doubles(x.size(), -1, 1).toArray(), "atan2 chains");
        double[] zeros = new double[x.size()];
        assertAgree(looped, interpreted, zeros, r.doubles(x.size(), -1, 1).toArray(), "atan2 chains at 0");
    }

    @Test
    void chainedRosenbrockAgreesAtEverySize() {
        for (int n : new int[] {10, 100, 1000}) {
            List<Variable> x = variables(n);
            Expr sum = null;
            for (int i = 0; i + 1 < n; i++) {
                Expr a = x.get(i + 1).minus(x.get(i).square());
                Expr term = a.square().times(100).plus(Expr.constant(1).minus(x.get(i)).square());
                sum = sum == null ? term : sum.plus(term);
            }
            Program p = Program.compile(List.of(sum), x);
            assertEquals(1, LoopPlan.withLoops(p).loops(), "n = " + n);
            Random r = new Random(n);
            assertAgree(p, r.doubles(n, -1.5, 1.5).toArray(), r.doubles(n, -1, 1).toArray(), "n = " + n);
        }
    }

    @Test
    void logSumExpOfAMatrixProductAgrees() {
        // each row of A·x is a loop whose repetitions hold their own constant A_jk
        int n = 20;
        List<Variable> x = variables(n);
        Random r = new Random(5);
        List<Expr> exps = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            List<Expr> products = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                products.add(x.get(k).times(r.nextDouble() * 2 - 1));
            }
            exps.add(Expr.sum(products).exp());
        }
        Program p = Program.compile(List.of(Expr.sum(exps).log()), x);
        assertTrue(LoopPlan.withLoops(p).loops() >= n, "a loop per row");
        assertAgree(p, r.doubles(n, -1, 1).toArray(), r.doubles(n, -1, 1).toArray(), "log-sum-exp");
    }

    @Test
    void directionalDerivativesAgreeToTheBitIncludingTheSignOfZero() {
        Random r = new Random(11);
        int zeros = 0;
        for (int seed = 0; seed < 300; seed++) {
            int reps = 8 + seed % 40;
            List<Variable> x = variables(RepeatedPrograms.inputCount(reps));
            Program p = Program.compile(List.of(new RepeatedPrograms(seed, 1 + seed % 9).expression(x, reps)), x);
            Engine looped = looped(p);
            Engine interpreted = interpreted(p);
            for (int trial = 0; trial < 3; trial++) {
                double[] point = r.doubles(x.size(), -2, 2).toArray();
                double[] direction = r.doubles(x.size(), -1, 1).toArray();
                if (trial > 0) { // zeros, and a direction that leaves some terms constant
                    for (int i = trial - 1; i < point.length; i += 2) {
                        point[i] = trial == 2 ? -0.0 : 0;
                        direction[i] = 0;
                    }
                }
                double expected = interpreted.directional(point, NO_PARAMETERS, direction);
                zeros += expected == 0 ? 1 : 0;
                assertSameBits(expected, looped.directional(point, NO_PARAMETERS, direction), "seed " + seed + " trial " + trial);
            }
        }
        assertTrue(zeros > 0, "some directional derivatives should be zero, to check their sign");
    }

    /** {@return a random expression DAG of about {@code size} operations over {@code x}: every kind of primitive, shared nodes} */
    private static Expr randomDag(Random r, List<Variable> x, int size) {
        return randomDag(r, x, size, null);
    }

    /** One more kind of node for {@link #randomDag}: made from the pool and two operands drawn from it. */
    interface ExtraNode {
        Expr of(Random r, List<Expr> pool, Expr a, Expr b);
    }

    /**
     * {@return a random DAG as {@link #randomDag(Random, List, int)} makes it, where {@code extra},
     * if not null, makes two in seven nodes} (the others in the same proportions and, without it,
     * from the same random numbers)
     */
    static Expr randomDag(Random r, List<Variable> x, int size, @Nullable ExtraNode extra) {
        List<Expr> pool = new ArrayList<>(x);
        Primitive[] unary = {Primitive.SIN, Primitive.COS, Primitive.EXP, Primitive.TANH, Primitive.ATAN, Primitive.SQRT,
            Primitive.LOG, Primitive.ABS, Primitive.NEG, Primitive.SIGMOID, Primitive.SOFTPLUS, Primitive.ERF, Primitive.ASINH};
        Primitive[] binary = {Primitive.ADD, Primitive.SUB, Primitive.MUL, Primitive.DIV, Primitive.MAX, Primitive.HYPOT,
            Primitive.ATAN2, Primitive.ADD, Primitive.MUL};
        for (int k = 0; k < size; k++) {
            Expr a = pool.get(pool.size() - 1 - r.nextInt(Math.min(pool.size(), 12)));
            Expr b = pool.get(r.nextInt(pool.size()));
            Expr e = switch (r.nextInt(extra == null ? 5 : 7)) {
                case 0 -> Unary.of(unary[r.nextInt(unary.length)], a);
                case 1 -> a.pow(r.nextInt(3) + 2);
                case 2 -> a.times(r.nextDouble() * 2 - 1).plus(1.5);
                case 3, 4 -> Binary.of(binary[r.nextInt(binary.length)], a, b);
                default -> extra.of(r, pool, a, b);
            };
            pool.add(e);
        }
        Expr sum = pool.get(pool.size() - 1);
        for (int k = 0; k < 3; k++) {
            sum = sum.plus(pool.get(x.size() + r.nextInt(pool.size() - x.size())));
        }
        return sum;
    }

    @Test
    void wholeProgramsCompiledInSegmentsAgreeToTheBit() {
        Random r = new Random(20261130);
        int segments = 0;
        for (int seed = 0; seed < 120; seed++) {
            List<Variable> x = variables(2 + seed % 6);
            Program p = Program.compile(List.of(randomDag(r, x, 20 + seed * 3)), x);
            Engine compiled = new Engine(p, LoopPlan.withLoops(p), p.inputCount, true);
            compiled.compileNow();
            segments += compiled.describe().contains(" segment") ? 1 : 0;
            Engine interpreted = interpreted(p);
            double[] point = r.doubles(x.size(), 0.2, 1.8).toArray();
            double[] direction = r.doubles(x.size(), -1, 1).toArray();
            assertAgree(compiled, interpreted, point, direction, "seed " + seed);
            double[] zeros = point.clone();
            zeros[0] = 0;
            assertAgree(compiled, interpreted, zeros, direction, "seed " + seed + " with a zero");
            double[] edge = point.clone();
            edge[edge.length - 1] = seed % 2 == 0 ? Double.POSITIVE_INFINITY : 1e300;
            assertAgree(compiled, interpreted, edge, direction, "seed " + seed + " at an edge");
        }
        assertTrue(segments >= 100, "most random programs should compile segments; found " + segments);
    }

    /**
     * Programs too large for one method run their gradients through segments that write their
     * partials to the tape in the forward sweep and read them back in the backward one, instead of
     * recomputing them: the same rule applications on the same operands, so the same bits.
     */
    @Test
    void largeProgramsCompiledInTapedSegmentsAgreeToTheBit() {
        Random r = new Random(20261201);
        int finite = 0;
        // few programs: each segment is a shape of its own, and each kernel is generated
        for (int seed = 0; seed < 6; seed++) {
            List<Variable> x = variables(3 + seed % 5);
            double[] point = r.doubles(x.size(), 0.2, 1.8).toArray();
            Program p = Program.compile(List.of(moderateDag(r, x, point, 700 + seed * 100)), x);
            assertTrue(LoopPlan.wholeKernel(p, p.inputCount) == null, "seed " + seed + " should be too large for one method, of " + p.size + " nodes");
            LoopPlan segments = LoopPlan.withSegments(p);
            int taped = 0;
            for (int q = 0; q < segments.loops(); q++) {
                taped += segments.taped(q) ? 1 : 0;
            }
            assertTrue(taped >= 2, "seed " + seed + ": expected its segments taped, found " + taped + " of " + segments.loops());
            Engine compiled = new Engine(p, LoopPlan.withLoops(p), p.inputCount, true);
            compiled.compileNow();
            Engine interpreted = interpreted(p);
            double[] direction = r.doubles(x.size(), -1, 1).toArray();
            assertAgree(compiled, interpreted, point, direction, "seed " + seed);
            // a finite gradient is the kernels' own, not the interpreter's fallback
            finite += Arrays.stream(gradient(compiled, point, true)).allMatch(Double::isFinite) ? 1 : 0;
            double[] zeros = point.clone();
            zeros[seed % zeros.length] = 0;
            assertAgree(compiled, interpreted, zeros, direction, "seed " + seed + " with a zero");
            double[] edge = point.clone();
            edge[edge.length - 1] = seed % 2 == 0 ? Double.POSITIVE_INFINITY : 1e300;
            assertAgree(compiled, interpreted, edge, direction, "seed " + seed + " at an edge");
        }
        assertTrue(finite >= 4, "most gradients should be finite, to check the kernels' own; found " + finite);
    }

    /**
     * {@return a random DAG of {@code size} operations over {@code x} whose every node is finite and
     * within ±8 at {@code point}}, away from the edges of its primitives' domains, so that its
     * gradient there is finite: operands from the last dozen nodes or from anywhere earlier
     */
    private static Expr moderateDag(Random r, List<Variable> x, double[] point, int size) {
        List<Expr> pool = new ArrayList<>(x);
        List<Double> values = new ArrayList<>();
        java.util.BitSet read = new java.util.BitSet();
        for (double v : point) {
            values.add(v);
        }
        while (pool.size() < x.size() + size) {
            int n = pool.size();
            int i = r.nextBoolean() ? n - 1 - r.nextInt(Math.min(n, 12)) : r.nextInt(n);
            int j = r.nextInt(n);
            Expr a = pool.get(i);
            Expr b = pool.get(j);
            double va = values.get(i);
            double vb = values.get(j);
            int op = r.nextInt(14);
            double v = switch (op) {
                case 0 -> va + vb;
                case 1 -> va - vb;
                case 2 -> va * vb;
                case 3 -> Math.abs(vb) >= 0.25 ? va / vb : Double.NaN;
                case 4 -> Math.sin(va);
                case 5 -> Math.cos(va);
                case 6 -> Math.tanh(va);
                case 7 -> Math.atan(va);
                case 8 -> 1 / (1 + Math.exp(-va));
                case 9 -> Math.abs(va) <= 2 ? Math.exp(va) : Double.NaN;
                case 10 -> va >= 0.1 ? Math.log(va) : Double.NaN;
                case 11 -> va >= 0.1 ? Math.sqrt(va) : Double.NaN;
                case 12 -> va * va;
                default -> 0.75 * va + 0.5;
            };
            if (!(Math.abs(v) <= 8)) {
                continue; // NaN too: outside the domain
            }
            pool.add(switch (op) {
                case 0 -> a.plus(b);
                case 1 -> a.minus(b);
                case 2 -> a.times(b);
                case 3 -> a.div(b);
                case 4 -> a.sin();
                case 5 -> a.cos();
                case 6 -> a.tanh();
                case 7 -> a.atan();
                case 8 -> a.sigmoid();
                case 9 -> a.exp();
                case 10 -> a.log();
                case 11 -> a.sqrt();
                case 12 -> a.square();
                default -> a.times(0.75).plus(0.5);
            });
            values.add(v);
            read.set(i);
            read.set(j, read.get(j) || op <= 3); // binary
        }
        // the sum of every node no other reads, so that none is dead
        Expr sum = pool.get(pool.size() - 1);
        for (int k = x.size(); k + 1 < pool.size(); k++) {
            if (!read.get(k)) {
                sum = sum.plus(pool.get(k));
            }
        }
        return sum;
    }

    /**
     * A running sum read twice by the next repetition, whose first value is also read after the loop:
     * that node's adjoint is its own plus two terms from repetition 0, which the kernels must add in
     * the interpreter's order ((a + c) + c, not a + (c + c)). With c doubling per repetition and a
     * random, the two orders round differently at most points.
     */
    @Test
    void aRunningSumReadTwiceHandsItsAdjointOverInTheInterpretersOrder() {
        Random r = new Random(20261201);
        int reps = 30;
        List<Variable> x = variables(reps + 2);
        Expr first = x.get(0).times(x.get(1));
        Expr s = first;
        for (int i = 1; i <= reps; i++) {
            s = s.plus(s).plus(x.get(i).times(x.get(i + 1)));
        }
        Program p = Program.compile(List.of(s.plus(first.times(x.get(0)))), x);
        assertTrue(LoopPlan.withLoops(p).loops() > 0, "the sum should run as a loop");
        for (int k = 0; k < 20; k++) {
            double[] point = r.doubles(x.size(), -2, 2).toArray();
            double[] direction = r.doubles(x.size(), -1, 1).toArray();
            assertAgree(p, point, direction, "point " + k);
        }
    }

    /**
     * Asserts that {@code f}'s loop runs its gradient fused or not, as {@code fused} says, and that
     * the engine with loops, and compiled, agrees with the interpreter to the bit at random points.
     */
    private static void assertFusedAgree(Expr f, List<Variable> x, boolean fused, String what) {
        Program p = Program.compile(List.of(f), x);
        LoopPlan plan = LoopPlan.withLoops(p);
        assertTrue(plan.loops() > 0, what + ": the sum should run as a loop");
        assertEquals(fused, plan.fusedLoop() >= 0, what + ": fused");
        // compiled, the nodes after the loop run as a segment of straight-line code
        Engine compiled = new Engine(p, plan, p.inputCount, true);
        compiled.compileNow();
        Random r = new Random(what.hashCode());
        for (int k = 0; k < 10; k++) {
            double[] point = r.doubles(x.size(), -2, 2).toArray();
            double[] direction = r.doubles(x.size(), -1, 1).toArray();
            assertAgree(p, point, direction, what + " at point " + k);
            assertAgree(compiled, interpreted(p), point, direction, what + " compiled, at point " + k);
        }
    }

    /**
     * A gradient with its value runs a sum's loop in one forward pass where the sums of adjoints
     * come out in the backward sweep's order ({@code FusedGradient}); elsewhere the two sweeps run.
     * Long sums whose terms are not exact integers make every other order round differently.
     */
    @Test
    void fusedGradientsAgreeToTheBitAndRunOnlyWhereTheyCan() {
        int n = 60;
        List<Variable> x = variables(n);
        Variable a = Expr.variable("a");
        List<Variable> xa = new ArrayList<>(x);
        xa.add(a);
        Expr pairs = null;
        Expr shared = null;
        Expr triples = null;
        for (int i = 0; i + 2 < n; i++) {
            Expr pair = x.get(i + 1).minus(x.get(i).times(x.get(i))).sin();
            pairs = pairs == null ? pair : pairs.plus(pair);
            Expr withShared = x.get(i).minus(a).times(x.get(i).plus(a));
            shared = shared == null ? withShared : shared.plus(withShared);
            Expr triple = x.get(i).times(x.get(i + 1)).times(x.get(i + 2));
            triples = triples == null ? triple : triples.plus(triple);
        }
        assertFusedAgree(pairs, x, true, "x_{i+1} - x_i² summed");
        assertFusedAgree(Unary.of(Primitive.NEG, pairs.minus(Expr.constant(3))), x, true, "a sum then linear nodes of its own");
        assertFusedAgree(shared, xa, false, "a variable every term reads");
        assertFusedAgree(triples, x, false, "a variable three terms read");
        assertFusedAgree(pairs.plus(x.get(0)), x, false, "a tail that reads a variable");
        assertFusedAgree(pairs.log(), x, false, "a tail that is no sum");
    }
}
