package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.Variable;
import dev.autodiff.engine.sweeps.AdjointSweep;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The top-level tape's fast path (partials folded into scalars' scales, numbers kept as partials, a
 * node only where two operands meet) computes what the general path and the compiled program
 * compute: the same rules, whose products it groups differently, so to rounding. The oracles are the
 * compiled reverse-mode gradient of the same expression and the general path of a nested tape, which
 * records one node per operation.
 */
class TapeFastPathTest {
    private static final int N = 3;
    private static final List<Variable> VARS = Expr.variables("x", N);

    /**
     * A random straight-line program over any scalar type, mixing every fast operation (with a
     * scalar and with a number) with functions that take the general switch.
     */
    static <T extends Scalar<T>> T program(long seed, List<? extends T> x) {
        Random r = new Random(seed);
        java.util.ArrayList<T> pool = new java.util.ArrayList<>(x);
        for (int s = 0; s < 25; s++) {
            int n = pool.size();
            T a = pool.get(r.nextInt(3) < 2 ? Math.max(0, n - 1 - r.nextInt(3)) : r.nextInt(n));
            T b = pool.get(r.nextInt(n));
            double c = Math.round(r.nextGaussian() * 8) / 4.0;
            T v = switch (r.nextInt(14)) {
                case 0 -> a.plus(b);
                case 1 -> a.minus(b);
                case 2 -> a.times(b.cos());
                case 3 -> a.div(b.square().plus(1));
                case 4 -> a.plus(c);
                case 5 -> a.minus(c);
                case 6 -> a.times(c);
                case 7 -> a.div(c == 0 ? 3 : c);
                case 8 -> a.unaryMinus();
                case 9 -> a.tanh().square();
                case 10 -> a.sin().pow(3);
                case 11 -> a.atan2(b.sin().exp());
                case 12 -> a.tanh().times(b.tanh()).max(b.sin());
                default -> a.asinh();
            };
            pool.add(v);
        }
        return pool.get(pool.size() - 1);
    }

    private static double[] point(Random random) {
        double[] p = new double[N];
        for (int i = 0; i < N; i++) {
            p[i] = random.nextDouble() * 3 - 1.5;
        }
        return p;
    }

    @Test
    void gradientsEqualTheCompiledOnes() {
        Random random = new Random(11);
        for (long seed = 0; seed < 200; seed++) {
            long s = seed;
            Differentiable compiled = Reverse.of(program(s, VARS), VARS);
            double[] p = point(random);
            double[] expected = compiled.gradient(p);
            double[] onTape = Reverse.gradient(v -> program(s, List.of(v)), p);
            double scale = 1;
            for (double g : expected) {
                scale = Math.max(scale, Math.abs(g));
            }
            for (int i = 0; i < N; i++) {
                // Compilation merges structurally equal subexpressions (sin(x[1]) built twice is one
                // node), which the tape records twice, so adjoint sums are grouped differently: a few
                // roundings of terms of the size of the gradient (1 ulp seen; 1e-13 allows dozens)
                assertEquals(expected[i], onTape[i], 1e-13 * scale, "program " + seed + ": " + program(s, VARS));
            }
        }
    }

    /** Chained Rosenbrock as the benchmarks write it over scalars: b = -x + 1, two folded operations. */
    static <T extends Scalar<T>> T rosenbrock(T[] x) {
        T sum = x[0].newConstant(0);
        for (int i = 0; i + 1 < x.length; i++) {
            T a = x[i + 1].minus(x[i].times(x[i]));
            T b = x[i].unaryMinus().plus(1);
            sum = sum.plus(a.times(a).times(100).plus(b.times(b)));
        }
        return sum;
    }

    @Test
    void chainedRosenbrockRecordsThreeNodesATermAndAgreesWithTheCompiledGradient() {
        int n = 60;
        List<Variable> x = Expr.variables("x", n);
        Differentiable compiled = Reverse.of(rosenbrock(x.toArray(Expr[]::new)), x);
        Random random = new Random(13);
        for (int k = 0; k < 20; k++) {
            double[] p = new double[n];
            for (int i = 0; i < p.length; i++) {
                p[i] = random.nextDouble() * 4 - 2;
            }
            double[] onTape;
            try (Tape tape = Tape.open()) {
                Tracked[] v = tape.variables(p);
                Tracked y = rosenbrock(v);
                // nine operations a term: x² a − (x²), −x + 1, a² · 100, b², their sum, the running
                // sum; a node only where two nodes meet: a, the term, the running sum (and the 0 it
                // starts from, a constant)
                assertEquals(n + 1 + 3 * (n - 1), tape.size(), "nodes");
                onTape = tape.gradient(y, v);
            }
            double[] expected = compiled.gradient(p);
            for (int i = 0; i < n; i++) {
                // ∂f/∂x_i = -400 x_i a_i - 2 b_i + 200 a_(i-1): its three terms' size bounds what the
                // two groupings of the same products differ by, a few roundings (2^-53 each)
                double bound = (i + 1 < n ? 400 * Math.abs(p[i] * (p[i + 1] - p[i] * p[i])) + 2 * Math.abs(1 - p[i]) : 0)
                        + (i > 0 ? 200 * Math.abs(p[i] - p[i - 1] * p[i - 1]) : 0);
                assertEquals(expected[i], onTape[i], 1e-14 * bound, "component " + i);
            }
        }
    }

    @Test
    void theFastPathAgreesWithTheGeneralPath() {
        Random random = new Random(12);
        for (long seed = 0; seed < 200; seed++) {
            long s = seed;
            double[] p = point(random);
            Function<Tracked[], Tracked> f = v -> program(s, List.of(v));
            double[] fast = Reverse.gradient(f, p);
            try (Tape outer = Tape.open(); Tape nested = outer.openNested()) {
                // a nested tape takes the general path: constants as nodes, every rule through record
                Tracked[] xs = new Tracked[N];
                for (int i = 0; i < N; i++) {
                    xs[i] = nested.variable(p[i]);
                }
                Tracked y = f.apply(xs);
                double[] general = nested.gradient(y, xs);
                double scale = 1;
                for (double g : general) {
                    scale = Math.max(scale, Math.abs(g));
                }
                for (int i = 0; i < N; i++) {
                    // the same products, grouped differently: a few roundings, as against the compiled gradient
                    assertEquals(general[i], fast[i], 1e-13 * scale, "program " + seed + ": " + program(s, VARS));
                }
            }
        }
    }

    @Test
    void numbersAreKeptAsPartialsNotAsNodes() {
        try (Tape tape = Tape.open()) {
            Tracked x = tape.variable(3);
            int size = tape.size();
            Tracked y = x.times(100).plus(1).minus(2).div(4).unaryMinus().square().pow(3);
            assertEquals(size, tape.size(), "seven operations of one operand fold into one term: no node");
            // y = (-(100x - 1)/4)^6, y' = 6·(…)^5·(-25)
            double u = -(100 * 3 - 1.0) / 4;
            assertEquals(6 * Math.pow(u, 5) * -25, tape.gradient(y, x)[0], 1e-15 * Math.abs(6 * Math.pow(u, 5) * 25));
        }
    }

    @Test
    void variablesInOneGoAreVariablesOneByOne() {
        double[] p = {0.5, -1.25, 2, 0};
        double[] oneByOne;
        try (Tape tape = Tape.open()) {
            Tracked[] xs = new Tracked[p.length];
            for (int i = 0; i < p.length; i++) {
                xs[i] = tape.variable(p[i]);
            }
            oneByOne = tape.gradient(program(4, List.of(xs[0], xs[1], xs[2])).times(xs[3].exp()), xs);
        }
        try (Tape tape = Tape.open()) {
            tape.constant(7); // not at the start of the arrays
            Tracked[] xs = tape.variables(p);
            assertEquals(p.length + 1, tape.size());
            for (int i = 0; i < p.length; i++) {
                assertEquals(p[i], xs[i].value(), 0.0);
            }
            assertArrayEquals(oneByOne, tape.gradient(program(4, List.of(xs[0], xs[1], xs[2])).times(xs[3].exp()), xs));
            assertEquals(0, tape.variables().length);
            assertThrows(NullPointerException.class, () -> tape.variables((double[]) null));
        }
        // on a nested tape, the general path: each a variable whose value is a constant of the parent,
        // and one node per operation, so the same products grouped differently: to a few roundings
        try (Tape outer = Tape.open(); Tape inner = outer.openNested()) {
            Tracked[] ys = inner.variables(p);
            double[] general = inner.gradient(program(4, List.of(ys[0], ys[1], ys[2])).times(ys[3].exp()), ys);
            for (int i = 0; i < p.length; i++) {
                assertEquals(oneByOne[i], general[i], 1e-13 * Math.max(1, Math.abs(oneByOne[i])), "component " + i);
            }
        }
        Tape closed = Tape.open();
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.variables(p));
    }

    @Test
    void theFastPathStillChecksTheThreadAndTheScope() throws Exception {
        try (Tape tape = Tape.open()) {
            Tracked x = tape.variable(2);
            for (Function<Tracked, Tracked> op : List.<Function<Tracked, Tracked>>of(t -> t.plus(t), t -> t.times(2),
                    Tracked::unaryMinus, Tracked::sin, t -> t.pow(3), t -> t.tape().variable(1), t -> t.tape().constant(1),
                    t -> t.tape().variables(1, 2)[0])) {
                var elsewhere = java.util.concurrent.CompletableFuture.supplyAsync(() -> op.apply(x));
                var e = assertThrows(java.util.concurrent.ExecutionException.class, elsewhere::get);
                assertEquals(IllegalStateException.class, e.getCause().getClass(), e.getCause().toString());
            }
        }
        Tracked[] escaped = new Tracked[1];
        Reverse.gradient(v -> escaped[0] = v[0].times(2), 1.0);
        assertThrows(IllegalStateException.class, () -> escaped[0].plus(escaped[0]));
        assertThrows(IllegalStateException.class, () -> escaped[0].times(3));
        assertThrows(IllegalStateException.class, () -> escaped[0].exp());
    }

    @Test
    void reverseGradientReadsTheVariablesItRecordedWhateverTheFunctionDoesToItsArray() {
        // f overwrites and reorders its array: the gradient is still with respect to the variables
        // of the point, in order; f = 2·x0 + x1·x2, whose gradient (2, x2, x1) is exact
        double[] g = Reverse.gradient(v -> {
            Tracked x0 = v[0];
            v[0] = v[2];
            v[2] = x0;
            return v[2].times(2).plus(v[1].times(v[0]));
        }, 1.5, -3, 0.25);
        assertArrayEquals(new double[] {2, 0.25, -3}, g, 0.0);
        // an output recorded before some variables, or a variable alone: the later ones get 0
        assertArrayEquals(new double[] {1, 0, 0}, Reverse.gradient(v -> v[0], 1, 2, 3), 0.0);
        assertArrayEquals(new double[] {0, 0, 1}, Reverse.gradient(v -> v[2], 1, 2, 3), 0.0);
        assertArrayEquals(new double[] {0, 0}, Reverse.gradient(v -> v[0].tape().constant(4), 1, 2), 0.0);
    }

    @Test
    void reverseGradientRefusesAnOutputOfAnotherTapeAsTapeGradientDoes() {
        try (Tape other = Tape.open()) {
            Tracked foreign = other.variable(1);
            var e = assertThrows(IllegalArgumentException.class, () -> Reverse.gradient(v -> foreign, 1.0));
            assertTrue(e.getMessage().contains("the output is a scalar of"), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> Reverse.gradient(v -> null, 1.0));
    }

    @Test
    void aSquareFoldsIntoOneTermOfTwiceTheProduct() {
        try (Tape tape = Tape.open()) {
            Tracked a = tape.variable(1.5);
            int size = tape.size();
            Tracked square = a.times(a);
            assertEquals(size, tape.size(), "nothing recorded");
            assertEquals(a.node, square.node);
            assertEquals(3.0, square.scale, 0.0);
            // a zero partial leaves its operand out: a square at 0 has no term, and 0 derivative
            Tracked zero = tape.variable(0);
            Tracked z2 = zero.times(zero);
            assertEquals(-1, z2.node);
            assertArrayEquals(new double[] {0}, tape.gradient(z2, zero), 0.0);
        }
    }
}
