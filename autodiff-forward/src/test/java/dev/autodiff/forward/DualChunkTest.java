package dev.autodiff.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Scalar;
import dev.autodiff.core.Variable;
import dev.autodiff.engine.sweeps.Chunks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Chunked gradients over duals: every partial derivative is, to the bit, the one a single
 * perturbation of its coordinate gives ({@link Forward#derivative(DualFunction, double)} along it,
 * which is what the gradient computed before chunks); f runs ceil(n/k) times; and chunks keep their
 * perturbations apart from those of enclosing and nested derivative calls.
 */
class DualChunkTest {

    /** A random straight-line program over any scalar type: every operation a dual has a rule for. */
    static <T extends Scalar<T>> T program(long seed, List<? extends T> x) {
        Random r = new Random(seed);
        List<T> pool = new ArrayList<>(x);
        for (int s = 0; s < 3 * x.size() + 10; s++) {
            int n = pool.size();
            T a = pool.get(r.nextInt(3) < 2 ? Math.max(0, n - 1 - r.nextInt(3)) : r.nextInt(n));
            T b = pool.get(r.nextInt(n));
            double c = Math.round(r.nextGaussian() * 8) / 4.0;
            T v = switch (r.nextInt(20)) {
                case 0 -> a.plus(b);
                case 1 -> a.minus(b);
                case 2 -> a.times(b.cos());
                case 3 -> a.div(b.square().plus(1));
                case 4 -> a.plus(c);
                case 5 -> a.minus(c);
                case 6 -> a.times(c);
                case 7 -> a.div(c);                           // c = 0 divides by zero
                case 8 -> a.unaryMinus();
                case 9 -> a.tanh().square();
                case 10 -> a.sin().pow(3);
                case 11 -> a.atan2(b.sin().exp());
                case 12 -> a.tanh().times(b.tanh()).max(b.sin());
                case 13 -> a.sin().exp().pow(b.cos());        // a dual exponent, perturbed in some directions only
                case 14 -> a.hypot(b);
                case 15 -> a.abs().sqrt();                    // infinite partial at 0
                case 16 -> a.min(b);                          // ties where a and b coincide
                case 17 -> a.lessThan(b).ifElse(a.sigmoid(), b.softplus());
                case 18 -> a.minus(a);                        // an exact zero with every tangent cancelled
                default -> a.asinh();
            };
            pool.add(v);
        }
        return pool.get(pool.size() - 1);
    }

    /** {@return ∂f/∂xᵢ by one perturbation of coordinate i alone} */
    private static double alongOne(MultivariateDualFunction f, double[] p, int i) {
        return Forward.derivative(t -> {
            Dual[] v = new Dual[p.length];
            for (int j = 0; j < p.length; j++) {
                v[j] = j == i ? t : Dual.constant(p[j]);
            }
            return f.apply(v);
        }, p[i]);
    }

    @Test
    void chunkedGradientsEqualSingleDirectionDerivativesToTheBit() {
        Random random = new Random(5);
        for (int n : new int[] {1, 2, 5, 12, 13, 25, 40}) {
            for (long seed = 0; seed < 40; seed++) {
                long s = seed;
                MultivariateDualFunction f = v -> program(s, List.of(v));
                double[] p = new double[n];
                for (int i = 0; i < n; i++) {
                    // some exact zeros and ties, where the conventions of abs, sqrt, max and min act
                    p[i] = random.nextInt(8) == 0 ? 0 : random.nextInt(8) == 0 ? 1 : random.nextDouble() * 3 - 1.5;
                }
                double[] g = Forward.gradient(f, p);
                for (int i = 0; i < n; i++) {
                    // assertEquals on doubles compares bits (NaN equals NaN, 0.0 differs from -0.0)
                    assertEquals(alongOne(f, p, i), g[i], "n = " + n + ", program " + seed + ", coordinate " + i);
                }
            }
        }
    }

    @Test
    void chunkedGradientsMatchTheCompiledGradient() {
        // an independent oracle for the same programs: compiled forward mode, to rounding (the
        // compiled program merges structurally equal subexpressions and so groups sums differently)
        Random random = new Random(6);
        List<Variable> x = Expr.variables("x", 15);
        for (long seed = 0; seed < 30; seed++) {
            long s = seed;
            double[] p = new double[x.size()];
            for (int i = 0; i < p.length; i++) {
                p[i] = random.nextDouble() * 3 - 1.5;
            }
            double[] expected = Forward.of(program(s, x), x.toArray(Variable[]::new)).gradient(p);
            double[] g = Forward.gradient(v -> program(s, List.of(v)), p);
            for (int i = 0; i < p.length; i++) {
                if (Double.isFinite(expected[i])) {
                    assertEquals(expected[i], g[i], 1e-12 * Math.max(1, Math.abs(expected[i])), "program " + seed);
                } else {
                    assertEquals(expected[i], g[i], "program " + seed);
                }
            }
        }
    }

    @Test
    void theFunctionRunsOncePerChunk() {
        for (int n : new int[] {0, 1, 12, 13, 24, 25, 100}) {
            AtomicInteger calls = new AtomicInteger();
            double[] p = new double[n];
            Forward.gradient(v -> {
                calls.incrementAndGet();
                Dual s = Dual.constant(0);
                for (Dual d : v) {
                    s = s.plus(d.square());
                }
                return s;
            }, p);
            int k = Chunks.size(n);
            assertEquals((n + k - 1) / k, calls.get(), "n = " + n);
        }
    }

    @Test
    void chunksKeepTheirPerturbationsApartFromEnclosingCalls() {
        // d/dx [x · ∂/∂y₀ (x + y₀ + x·y₁)] = d/dx x = 1 and d/dx [x · ∂/∂y₁ (…)] = d/dx x² = 2x:
        // the chunk's perturbations never mix with x's although f captures x
        for (int row = 0; row < 2; row++) {
            int r = row;
            double d = Forward.derivative(x -> x.times(Forward.gradient(
                    v -> x.plus(v[0]).plus(x.times(v[1])), Dual.constant(1), Dual.constant(2))[r]), 3.0);
            assertEquals(r == 0 ? 1 : 6, d, 0.0);
        }
        // a chunk inside a chunk: Hessians of a 13-variable function (two chunks at each level)
        List<Variable> x = Expr.variables("x", 13);
        Random random = new Random(8);
        double[] p = new double[x.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = random.nextDouble() * 2 - 1;
        }
        Differentiable compiled = Forward.of(program(3, x), x.toArray(Variable[]::new));
        double[][] h = compiled.hessian(p);
        for (int row : new int[] {0, 6, 7, 12}) {
            int r = row;
            double[] hr = Forward.gradient(v -> Forward.gradient(u -> program(3, List.of(u)), v)[r], p);
            for (int j = 0; j < p.length; j++) {
                // nested duals sum higher-order parts by the Taylor rules: equal to rounding
                assertEquals(h[row][j], hr[j], 1e-11 * Math.max(1, Math.abs(h[row][j])), "H[" + row + "][" + j + "]");
            }
        }
    }

    @Test
    void aGradientInsideADerivativeCarriesTheOuterPerturbation() {
        // g(x) = ∂/∂v₁ sin(v₀·v₁·x) at v = (0.5, 2) = 0.5·x·cos(x), so g'(x) = 0.5·(cos x − x·sin x)
        double x0 = 0.8;
        double d = Forward.derivative(x -> Forward.gradient(v -> v[0].times(v[1]).times(x).sin(),
                Dual.constant(0.5), Dual.constant(2))[1], x0);
        // the nested rules run a few more roundings than the closed form
        assertEquals(0.5 * (Math.cos(x0) - x0 * Math.sin(x0)), d, 1e-15);
        assertTrue(Double.isFinite(d));
    }
}
