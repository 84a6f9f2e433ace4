package dev.autodiff.reverse;

import dev.autodiff.core.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * Random straight-line programs replayed in several algebras: as an {@link Expr}, as Hipparchus
 * {@link DerivativeStructure}s (the oracle) and as {@link Tracked} scalars. Operands are drawn from
 * all values computed so far, favouring recent ones, so programs are deep and share subexpressions.
 * Every operation is defined and smooth on all of ℝ, so random points are safe.
 */
final class RandomPrograms {
    /** The operations an algebra must provide. */
    interface Algebra<T> {
        T constant(double c);

        T add(T a, T b);

        T sub(T a, T b);

        T mul(T a, T b);

        T div(T a, T b);

        T pow(T a, T b);

        T powConst(T a, double p);

        T hypot(T a, T b);

        T atan2(T a, T b);

        T unary(int which, T a);
    }

    /** Unary operations by number, in the order {@link #unaryCount} counts. */
    static final String[] UNARY = {"sin", "cos", "atan", "tanh", "exp∘sin", "asinh", "neg", "expm1∘sin", "sinh∘tanh"};

    static final int OPERATIONS = 10;

    private final long seed;
    private final int inputs;
    private final int steps;

    RandomPrograms(long seed, int inputs, int steps) {
        this.seed = seed;
        this.inputs = inputs;
        this.steps = steps;
    }

    /** {@return the program replayed in {@code algebra} with the given inputs; the last value is the output} */
    <T> T replay(Algebra<T> algebra, IntFunction<T> input) {
        Random r = new Random(seed);
        List<T> pool = new ArrayList<>();
        for (int i = 0; i < inputs; i++) {
            pool.add(input.apply(i));
        }
        for (int s = 0; s < steps; s++) {
            T a = pick(r, pool);
            T b = pick(r, pool);
            T one = algebra.constant(1);
            T v;
            switch (r.nextInt(OPERATIONS)) {
                case 0 -> v = algebra.add(a, b);
                case 1 -> v = algebra.sub(a, b);
                // a·cos(b) rather than a·b: products of products would overflow in deep programs
                case 2 -> v = algebra.mul(a, algebra.unary(1, b));
                // a / (1 + b²) and (1 + a²)^sin(b): defined everywhere
                case 3 -> v = algebra.div(a, algebra.add(one, algebra.powConst(b, 2)));
                case 4 -> v = algebra.pow(algebra.add(one, algebra.mul(a, a)), algebra.unary(0, b));
                // second operand exp(sin b) > 0 keeps away from the origin, where both have a convention
                // (operands often coincide, a - a = 0), not a derivative
                case 5 -> v = algebra.hypot(a, algebra.unary(4, b));
                case 6 -> v = algebra.atan2(a, algebra.unary(4, b));
                case 7 -> v = algebra.powConst(algebra.unary(3, a), 3);
                default -> v = algebra.unary(r.nextInt(UNARY.length), a);
            }
            pool.add(v);
        }
        return pool.get(pool.size() - 1);
    }

    private static <T> T pick(Random r, List<T> pool) {
        // two thirds of the time one of the last three values, to grow depth
        int n = pool.size();
        return r.nextInt(3) < 2 ? pool.get(Math.max(0, n - 1 - r.nextInt(3))) : pool.get(r.nextInt(n));
    }

    /** Builds expressions. */
    static final class ExprAlgebra implements Algebra<Expr> {
        @Override public Expr constant(double c) { return Expr.constant(c); }
        @Override public Expr add(Expr a, Expr b) { return a.plus(b); }
        @Override public Expr sub(Expr a, Expr b) { return a.minus(b); }
        @Override public Expr mul(Expr a, Expr b) { return a.times(b); }
        @Override public Expr div(Expr a, Expr b) { return a.div(b); }
        @Override public Expr pow(Expr a, Expr b) { return a.pow(b); }
        @Override public Expr powConst(Expr a, double p) { return a.pow(p); }
        @Override public Expr hypot(Expr a, Expr b) { return a.hypot(b); }
        @Override public Expr atan2(Expr a, Expr b) { return a.atan2(b); }

        @Override
        public Expr unary(int which, Expr a) {
            return switch (which) {
                case 0 -> a.sin();
                case 1 -> a.cos();
                case 2 -> a.atan();
                case 3 -> a.tanh();
                case 4 -> a.sin().exp();
                case 5 -> a.asinh();
                case 6 -> a.unaryMinus();
                case 7 -> a.sin().expm1();
                default -> a.tanh().sinh();
            };
        }
    }

    /** Computes value, gradient and Hessian with Hipparchus, the oracle. */
    static final class DsAlgebra implements Algebra<DerivativeStructure> {
        final DSFactory factory;

        DsAlgebra(int inputs) {
            factory = new DSFactory(inputs, 2);
        }

        @Override public DerivativeStructure constant(double c) { return factory.constant(c); }
        @Override public DerivativeStructure add(DerivativeStructure a, DerivativeStructure b) { return a.add(b); }
        @Override public DerivativeStructure sub(DerivativeStructure a, DerivativeStructure b) { return a.subtract(b); }
        @Override public DerivativeStructure mul(DerivativeStructure a, DerivativeStructure b) { return a.multiply(b); }
        @Override public DerivativeStructure div(DerivativeStructure a, DerivativeStructure b) { return a.divide(b); }
        @Override public DerivativeStructure pow(DerivativeStructure a, DerivativeStructure b) { return a.pow(b); }
        @Override public DerivativeStructure powConst(DerivativeStructure a, double p) { return a.pow(p); }
        @Override public DerivativeStructure hypot(DerivativeStructure a, DerivativeStructure b) { return a.hypot(b); }
        @Override public DerivativeStructure atan2(DerivativeStructure a, DerivativeStructure b) { return a.atan2(b); }

        @Override
        public DerivativeStructure unary(int which, DerivativeStructure a) {
            return switch (which) {
                case 0 -> a.sin();
                case 1 -> a.cos();
                case 2 -> a.atan();
                case 3 -> a.tanh();
                case 4 -> a.sin().exp();
                case 5 -> a.asinh();
                case 6 -> a.negate();
                case 7 -> a.sin().expm1();
                default -> a.tanh().sinh();
            };
        }
    }

    /** Records on a tape. */
    static final class TrackedAlgebra implements Algebra<Tracked> {
        final Tape tape;

        TrackedAlgebra(Tape tape) {
            this.tape = tape;
        }

        @Override public Tracked constant(double c) { return tape.constant(c); }
        @Override public Tracked add(Tracked a, Tracked b) { return a.plus(b); }
        @Override public Tracked sub(Tracked a, Tracked b) { return a.minus(b); }
        @Override public Tracked mul(Tracked a, Tracked b) { return a.times(b); }
        @Override public Tracked div(Tracked a, Tracked b) { return a.div(b); }
        @Override public Tracked pow(Tracked a, Tracked b) { return a.pow(b); }
        @Override public Tracked powConst(Tracked a, double p) { return a.pow(p); }
        @Override public Tracked hypot(Tracked a, Tracked b) { return a.hypot(b); }
        @Override public Tracked atan2(Tracked a, Tracked b) { return a.atan2(b); }

        @Override
        public Tracked unary(int which, Tracked a) {
            return switch (which) {
                case 0 -> a.sin();
                case 1 -> a.cos();
                case 2 -> a.atan();
                case 3 -> a.tanh();
                case 4 -> a.sin().exp();
                case 5 -> a.asinh();
                case 6 -> a.unaryMinus();
                case 7 -> a.sin().expm1();
                default -> a.tanh().sinh();
            };
        }
    }
}
