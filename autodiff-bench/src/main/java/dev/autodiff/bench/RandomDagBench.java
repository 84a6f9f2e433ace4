package dev.autodiff.bench;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Forward;
import dev.autodiff.reverse.Reverse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * A random irregular DAG of about 10⁴ nodes ({@link RandomDag#standard()}): nothing repeats, so no
 * loop kernel applies and speed depends on compiling the whole program. Its plain Java f is the
 * DAG written as straight-line Java source and compiled by javac at set-up.
 *
 * <p>Set-up also calls the measured method at least {@value #WARM_UP_CALLS} times and then until
 * the JIT's compilation has settled ({@link CompilationSettling}), for at most {@value
 * #WARM_UP_SECONDS} s, before JMH's warm-up, and prints what it took: code compiled whole runs each
 * of its ~500 generated segment methods once per call, HotSpot gives a method its best compiler only
 * after some thousands of calls, and then compiles them one at a time — about 15–25 s after set-up
 * on this machine, far beyond JMH's few seconds of warm-up. The generated plain Java f is warmed the
 * same way.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.MIN_HEAP, JvmFlags.MAX_HEAP, JvmFlags.PRE_TOUCH})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RandomDagBench {
    /** Fewest calls of the measured method in set-up: beyond HotSpot's 5000-call threshold for its best compiler. */
    static final int WARM_UP_CALLS = 10_000;
    /** The most seconds set-up spends calling the measured method. */
    static final int WARM_UP_SECONDS = 90;

    RandomDag dag = new RandomDag(1, 1, 0);
    double[] x = new double[1];
    double[] g = new double[1];
    ToDoubleFunction<double[]> plain = p -> 0;
    Differentiable compiled = NotCompiled.INSTANCE;

    /** JMH entry: prepares for the benchmark method named in {@code params}. */
    @Setup(Level.Trial)
    public void setUpTrial(BenchmarkParams params) {
        String benchmark = params.getBenchmark();
        String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
        setUp(method);
        warmUp(method);
    }

    /**
     * Calls {@code method} at least {@value #WARM_UP_CALLS} times and then until compilation has
     * settled, for at most {@value #WARM_UP_SECONDS} s, and prints what it took (JMH shows a fork's
     * output).
     */
    void warmUp(String method) {
        java.lang.reflect.Method m;
        try {
            m = getClass().getMethod(method);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("expected a public benchmark method named " + method, e);
        }
        CompilationSettling.Outcome outcome = CompilationSettling.callUntilSettled(() -> {
            try {
                m.invoke(this);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("could not call " + method, e);
            }
        }, WARM_UP_CALLS, WARM_UP_SECONDS);
        System.out.println("set-up warm-up of " + method + ": " + outcome);
    }

    /** Draws the DAG, compiles its plain Java f, and compiles it in the mode {@code method} names, if any. */
    public void setUp(String method) {
        dag = RandomDag.standard();
        x = dag.point();
        g = new double[x.length];
        plain = dag.plainJava();
        List<Variable> vars = dag.variableList();
        if (method.endsWith("Reverse")) {
            compiled = Reverse.of(dag.expr(vars), vars);
        } else if (method.endsWith("Forward")) {
            compiled = Forward.of(dag.expr(vars), vars);
        }
    }

    /** Plain Java f, generated straight-line code: the floor. */
    @Benchmark
    public double valuePlain() {
        return plain.applyAsDouble(x);
    }

    /** f by the reverse-mode compiled program. */
    @Benchmark
    public double valueReverse() {
        return compiled.value(x);
    }

    /** Reverse-mode gradient. */
    @Benchmark
    public double[] gradientReverse() {
        return compiled.gradient(x);
    }

    /** Reverse-mode value and gradient in one sweep, written into an array of the state: allocates nothing. */
    @Benchmark
    public double valueAndGradientReverse() {
        return compiled.valueAndGradient(x, g);
    }

    /** Forward-mode gradient: a sweep per chunk of variables. */
    @Benchmark
    public double[] gradientForward() {
        return compiled.gradient(x);
    }

    /** Gradient by central differences of the plain Java f: 2n evaluations. */
    @Benchmark
    public double[] gradientFiniteDifference() {
        return FiniteDifference.gradient(plain, x);
    }
}
