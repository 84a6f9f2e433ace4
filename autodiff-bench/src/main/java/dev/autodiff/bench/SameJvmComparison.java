package dev.autodiff.bench;

import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * Compares builds of the library in one JVM: each build (its {@code benchmarks.jar}) gets a class
 * loader of its own, and the numeric tape's gradient ({@link TapeGradientDriver}) of each runs in
 * turn, a batch at a time, round after round, so that every build meets the machine as it is at that
 * moment. Forked JMH runs of one build read the numeric tape anywhere from 37 to 49 f here, too wide
 * to tell a change of 5%; two class loaders of one jar read within 2% of each other. Each build's code
 * is still compiled by the JIT in its own way, run by run: run a comparison twice, the builds in the
 * opposite order the second time, and trust only what both runs show (a change of one instruction
 * in the tape's normal check read 0.954 one way and 1.004 the other).
 *
 * <pre>{@code
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp autodiff-bench/target/benchmarks.jar \
 *     dev.autodiff.bench.SameJvmComparison before.jar after.jar
 * }</pre>
 *
 * Options before the jars: {@code --n N} variables (10⁴), {@code --rounds R} (100),
 * {@code --batch B} gradients a turn (50). Prints each build's median time a gradient, and the median
 * and quartiles, over rounds, of its time over the first build's in the same round.
 */
public final class SameJvmComparison {
    /** Each build's times, in microseconds a gradient: {@code micros[build][round]}, and its checksum. */
    record Comparison(double[][] micros, double[] checksums) {
        /** {@return the quartiles (25%, 50%, 75%) over rounds of build {@code b}'s time over build 0's} */
        double[] ratioQuartiles(int b) {
            double[] r = new double[micros[b].length];
            for (int k = 0; k < r.length; k++) {
                r[k] = micros[b][k] / micros[0][k];
            }
            return quartiles(r);
        }
    }

    private SameJvmComparison() {}

    /**
     * Runs the comparison and prints it.
     *
     * @param args options, then the jars of the builds to compare, the first being the reference
     */
    public static void main(String[] args) throws ReflectiveOperationException, MalformedURLException {
        int n = 10_000;
        int rounds = 100;
        int batch = 50;
        int k = 0;
        for (; k + 1 < args.length && args[k].startsWith("--"); k += 2) {
            int value = Integer.parseInt(args[k + 1]);
            switch (args[k]) {
                case "--n" -> n = value;
                case "--rounds" -> rounds = value;
                case "--batch" -> batch = value;
                default -> throw new IllegalArgumentException("unknown option " + args[k] + "; expected --n, --rounds or --batch");
            }
        }
        List<String> jars = Arrays.asList(args).subList(k, args.length);
        if (jars.isEmpty()) {
            throw new IllegalArgumentException("expected the jars of the builds to compare, the first being the reference");
        }
        List<List<URL>> builds = new ArrayList<>();
        for (String jar : jars) {
            builds.add(List.of(Path.of(jar).toUri().toURL()));
        }
        Comparison c = compare(builds, n, rounds, batch);
        for (int b = 0; b < jars.size(); b++) {
            double[] q = quartiles(c.micros()[b].clone());
            System.out.printf("%s: median %.1f µs a gradient (quartiles %.1f, %.1f); checksum %s%n",
                    jars.get(b), q[1], q[0], q[2], c.checksums()[b]);
        }
        for (int b = 1; b < jars.size(); b++) {
            double[] q = c.ratioQuartiles(b);
            System.out.printf("%s over %s, round by round: median %.3f (quartiles %.3f, %.3f)%n",
                    jars.get(b), jars.get(0), q[1], q[0], q[2]);
        }
    }

    /**
     * {@return the times of {@code rounds} rounds}, in each of which every build takes {@code batch}
     * gradients at {@code n} variables in turn (starting one build further each round), after as many
     * rounds of warm-up; each build is loaded from its class path alone, apart from the JDK's classes
     */
    static Comparison compare(List<List<URL>> builds, int n, int rounds, int batch) throws ReflectiveOperationException {
        int m = builds.size();
        IntToDoubleFunction[] drivers = new IntToDoubleFunction[m];
        for (int b = 0; b < m; b++) {
            drivers[b] = driver(builds.get(b), n);
        }
        double[] checksums = new double[m];
        for (int r = 0; r < rounds; r++) {
            for (int b = 0; b < m; b++) {
                checksums[b] = drivers[b].applyAsDouble(batch);
            }
        }
        double[][] micros = new double[m][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int t = 0; t < m; t++) {
                int b = (t + r) % m; // no build always first or last in its round
                long start = System.nanoTime();
                checksums[b] = drivers[b].applyAsDouble(batch);
                micros[b][r] = (System.nanoTime() - start) / 1e3 / batch;
            }
        }
        return new Comparison(micros, checksums);
    }

    /** {@return a {@link TapeGradientDriver} of {@code n} variables loaded from {@code classPath} alone} */
    static IntToDoubleFunction driver(List<URL> classPath, int n) throws ReflectiveOperationException {
        // the platform loader as parent: the JDK is shared, every class of the build is the loader's own
        URLClassLoader loader = new URLClassLoader(classPath.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        try {
            return (IntToDoubleFunction) loader.loadClass(TapeGradientDriver.class.getName())
                    .getConstructor(int.class).newInstance(n);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the build's driver failed to start", e.getCause());
        }
    }

    /**
     * {@return the 25% point, the median and the 75% point of {@code values}}, which it sorts; the
     * median as the Report takes one ({@link Measurement#median}), the mean of the middle two for an
     * even count
     */
    static double[] quartiles(double[] values) {
        Arrays.sort(values);
        int l = values.length;
        return new double[] {values[l / 4], Measurement.median(Arrays.stream(values).boxed().toList()), values[3 * l / 4]};
    }
}
