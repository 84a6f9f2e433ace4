package dev.autodiff.bench;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a user pays in a fresh JVM for a 10⁶-node expression (chained Rosenbrock, n = 10⁵), timed
 * from {@code main} with {@link System#nanoTime()}, not warmed up by JMH. Two kinds of run, each in
 * a JVM of its own so that every step is the first of its kind:
 * <ul>
 *   <li>{@code gradient}: build the expression, compile it with {@code Reverse.of}, take the first
 *       gradient (and their total, the ≤ 1 s target);</li>
 *   <li>{@code queries}: build it (untimed: the other kind times it), then the first
 *       {@code nodeCount()}, {@code variables()} and {@code Expr.value(Map)}.</li>
 * </ul>
 * Each step prints a line {@code cold-start <step> <nanoseconds>}. {@link #measure} starts these
 * JVMs (the running one's java and class path, with {@link JvmFlags#HEAP}) and gathers the lines.
 *
 * <pre>{@code
 * java -Xms2g -Xmx2g -XX:+AlwaysPreTouch -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.ColdStart gradient
 * }</pre>
 */
public final class ColdStart {
    /** The bench name the measurements are filed under. */
    public static final String BENCH = "ColdStart";
    /** The steps, in the order the report lists them. */
    public static final List<String> STEPS = List.of("build", "compile", "firstGradient", "total", "nodeCount", "variables",
            "valueMap");
    private static final String PREFIX = "cold-start ";

    private ColdStart() {}

    /** Runs one kind of cold start, {@code gradient} or {@code queries} (and optionally n), printing each step's time. */
    public static void main(String[] args) {
        if (args.length < 1 || !(args[0].equals("gradient") || args[0].equals("queries"))) {
            throw new IllegalArgumentException("expected gradient or queries (and optionally n), got " + Arrays.toString(args));
        }
        int n = args.length > 1 ? Integer.parseInt(args[1]) : CompileBench.DIMENSION;
        Rosenbrock workload = new Rosenbrock(n);
        double[] point = workload.point();
        long start = System.nanoTime();
        Variable[] x = workload.variables();
        Expr e = workload.expr(x);
        long built = System.nanoTime();
        double sink = 0;
        if (args[0].equals("gradient")) {
            Differentiable f = Reverse.of(e, x);
            long compiled = System.nanoTime();
            sink += f.gradient(point)[0];
            long first = System.nanoTime();
            print("build", built - start);
            print("compile", compiled - built);
            print("firstGradient", first - compiled);
            print("total", first - start);
        } else {
            long t = System.nanoTime();
            sink += e.nodeCount();
            long counted = System.nanoTime();
            sink += e.variables().size();
            long listed = System.nanoTime();
            Map<String, Double> bindings = new HashMap<>();
            for (int i = 0; i < n; i++) {
                bindings.put(x[i].name(), point[i]);
            }
            long bound = System.nanoTime();
            sink += e.value(bindings);
            long valued = System.nanoTime();
            print("nodeCount", counted - t);
            print("variables", listed - counted);
            print("valueMap", valued - bound);
        }
        System.out.println("cold-start-check " + sink); // keeps every result live
    }

    private static void print(String step, long nanos) {
        System.out.println(PREFIX + step + " " + nanos);
    }

    /** {@return the step times in {@code lines} of output, by step; other lines are ignored} */
    static Map<String, Long> parse(List<String> lines) {
        Map<String, Long> steps = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith(PREFIX)) {
                String[] parts = line.substring(PREFIX.length()).trim().split(" ");
                if (parts.length != 2) {
                    throw new IllegalStateException("expected 'cold-start <step> <nanoseconds>', got " + line);
                }
                steps.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return steps;
    }

    /**
     * {@return each step's median over {@code runs} fresh JVMs of each kind, as measurements with the
     * fewest and most nanoseconds and the number of runs as parameters {@code min}, {@code max},
     * {@code runs}}
     */
    public static List<Measurement> measure(int runs) throws IOException, InterruptedException {
        Map<String, List<Long>> times = new LinkedHashMap<>();
        for (int r = 0; r < runs; r++) {
            for (String kind : List.of("gradient", "queries")) {
                run(kind).forEach((step, nanos) -> times.computeIfAbsent(step, k -> new ArrayList<>()).add(nanos));
            }
        }
        return summarize(times);
    }

    /** {@return the medians of {@code times} with their extremes, in the order of {@link #STEPS}} */
    static List<Measurement> summarize(Map<String, List<Long>> times) {
        List<Measurement> out = new ArrayList<>();
        for (String step : STEPS) {
            List<Long> t = times.get(step);
            if (t == null || t.isEmpty()) {
                continue;
            }
            long[] sorted = t.stream().mapToLong(Long::longValue).sorted().toArray();
            int m = sorted.length;
            // nanoseconds well under 2^53: their doubles, and the sum of the middle two, are exact
            double median = Measurement.median(t.stream().map(Long::doubleValue).toList());
            out.add(new Measurement(BENCH, step, Map.of("min", String.valueOf(sorted[0]), "max", String.valueOf(sorted[m - 1]),
                    "runs", String.valueOf(m)), median, Double.NaN));
        }
        return out;
    }

    /** {@return the command of a fresh JVM that runs one cold start of {@code kind}} */
    static List<String> command(String kind) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.HEAP);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ColdStart.class.getName());
        command.add(kind);
        return command;
    }

    private static Map<String, Long> run(String kind) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(kind)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                lines.add(line);
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("expected a cold start to finish within 10 minutes, got none: " + command(kind));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("expected a cold start to exit with 0, got " + p.exitValue() + ": " + command(kind));
        }
        return parse(lines);
    }
}
