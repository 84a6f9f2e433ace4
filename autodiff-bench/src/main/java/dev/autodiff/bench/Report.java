package dev.autodiff.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the benchmark suite through the JMH Runner API and writes BENCHMARKS.md.
 *
 * <pre>{@code
 * java -cp autodiff-bench/target/benchmarks.jar dev.autodiff.bench.Report --quick
 * }</pre>
 *
 * <p>Options: {@code --quick} (1 fork, 1 × 0.5 s warm-up, 3 × 0.5 s measurement: about 10 minutes on
 * 2 cores) or the default full settings (1 fork, 5 × 1 s warm-up, 5 × 1 s measurement: the generated
 * loop kernels of the largest sizes take a few seconds to reach their compiled speed, as H·v at
 * n = 10⁴ showed: 159, 144, 169, 170, 129 µs in warm-up iterations 1–5, then 106–120 µs);
 * {@code --include REGEX} to run only matching benchmarks; {@code --output FILE} (default
 * {@code BENCHMARKS.md} for the full settings, whose figures the tracked report shows, and
 * {@code target/BENCHMARKS-quick.md} for {@code --quick}, so a quick look never overwrites them);
 * {@code --json FILE} to keep JMH's raw results too; {@code --cold-start-runs K} (default 5, or 3 with
 * {@code --quick}; 0 skips them) for the fresh JVMs of each kind {@link ColdStart} runs;
 * {@code --target-forks K} (default 5, or 1 with {@code --quick}: no repeats) for the forks of the
 * cells issue 14's bounds read, which {@link TargetForks} repeats after the run and takes the median of.
 *
 * <p>Every fork gets {@link JvmFlags#HEAP}, whatever a benchmark class's annotations say. Beside the
 * JMH run the report takes the cold starts (before it, on a machine not yet busy with forks) and the
 * colour counts of {@link SparseCounts}. Text after {@link ReportWriter#HAND_WRITTEN_MARKER} in the
 * report being replaced is kept at its end.
 */
public final class Report {
    private Report() {}

    /** Runs the suite with the settings in {@code args} and writes the report. */
    public static void main(String[] args) throws RunnerException, IOException, InterruptedException {
        Map<String, String> options = parse(args);
        boolean quick = options.containsKey("--quick");
        int coldStarts = options.containsKey("--cold-start-runs") ? Integer.parseInt(options.get("--cold-start-runs")) : quick ? 3 : 5;
        List<Measurement> measured = new ArrayList<>(coldStarts > 0 ? ColdStart.measure(coldStarts) : List.of());
        int warmups = quick ? 1 : 5;
        int iterations = quick ? 3 : 5;
        TimeValue warmupTime = quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1);
        TimeValue iterationTime = quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1);
        int targetForks = options.containsKey("--target-forks") ? Integer.parseInt(options.get("--target-forks")) : quick ? 1 : 5;
        Function<String, ChainedOptionsBuilder> settingsFor = include -> jmhOptions(include)
                .warmupIterations(warmups)
                .warmupTime(warmupTime)
                .measurementIterations(iterations)
                .measurementTime(iterationTime);
        String include = options.getOrDefault("--include", Report.class.getPackageName() + "\\..*Bench\\..*");
        ChainedOptionsBuilder jmh = settingsFor.apply(include);
        if (options.containsKey("--json")) {
            jmh.result(options.get("--json")).resultFormat(ResultFormatType.JSON);
        }
        Collection<RunResult> run = new Runner(jmh.build()).run();
        List<Measurement> benchmarks = measurements(run);
        String repeatFailure = "";
        if (targetForks > 1) {
            try {
                benchmarks = TargetForks.merge(benchmarks, TargetForks.repeat(settingsFor, include, targetForks - 1));
            } catch (RunnerException | RuntimeException e) {
                // An hour of measurements is not thrown away for the repeats: the report says they failed.
                repeatFailure = "; the repeated forks of the cells issue 14's bounds read failed (" + e + "): those cells are one fork";
                System.out.println("warning: " + repeatFailure.substring(2));
            }
        }
        measured.addAll(benchmarks);

        String settings = "1 fork, " + warmups + " warm-up iterations of " + warmupTime + ", " + iterations
                + " measured iterations of " + iterationTime + " (single-shot benchmarks: one call per iteration)"
                + (repeatFailure.isEmpty() ? repeatsInWords(targetForks) : repeatFailure);
        StringBuilder command = new StringBuilder("java -cp autodiff-bench/target/benchmarks.jar " + Report.class.getName());
        for (String arg : args) {
            // Quote what a shell would interpret (regular expressions), so the command can be pasted.
            command.append(' ').append(arg.matches("[\\w./=:-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'");
        }
        String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        Path output = output(options);
        String previous = Files.exists(output) ? Files.readString(output) : "";
        if (!previous.isEmpty() && !previous.contains(ReportWriter.HAND_WRITTEN_MARKER)) {
            System.out.println("warning: " + output + " has no line " + ReportWriter.HAND_WRITTEN_MARKER
                    + "; no hand-written text of it is kept");
        }
        String report = ReportWriter.write(new Results(measured, SparseCounts.compute()), Machine.current(), command.toString(),
                settings, date, previous);
        if (output.toAbsolutePath().getParent() != null) {
            Files.createDirectories(output.toAbsolutePath().getParent());
        }
        Files.writeString(output, report);
        System.out.println("wrote " + output.toAbsolutePath());
    }

    /** {@return what the run's settings say of {@link TargetForks}' repeats: nothing for a single fork} */
    static String repeatsInWords(int targetForks) {
        if (targetForks < 2) {
            return "";
        }
        return "; the cells that issue 14's bounds read, and their plain f, " + (targetForks - 1)
                + (targetForks == 2 ? " fork" : " forks") + " more at the end of the run, each such cell the median of its "
                + targetForks + " forks (`TargetForks`)";
    }

    /**
     * {@return the options every run shares}: one fork per benchmark with {@link JvmFlags#HEAP}
     * (as {@code jvmArgs}, so a class's {@code jvmArgsAppend}, such as one thread's, still applies),
     * and the thread counts of the batch benchmark
     */
    static ChainedOptionsBuilder jmhOptions(String include) {
        return new OptionsBuilder()
                .include(include)
                .forks(1)
                .jvmArgs(JvmFlags.HEAP.toArray(String[]::new))
                .param("threads", threadCounts());
    }

    /** {@return where the report goes}: {@code --output}, else BENCHMARKS.md for full runs and a file under target/ for quick ones */
    static Path output(Map<String, String> options) {
        if (options.containsKey("--output")) {
            return Path.of(options.get("--output"));
        }
        return options.containsKey("--quick") ? Path.of("target", "BENCHMARKS-quick.md") : Path.of("BENCHMARKS.md");
    }

    /** {@return the JMH results as measurements, scores converted to nanoseconds per call} */
    static List<Measurement> measurements(Collection<RunResult> run) {
        List<Measurement> out = new ArrayList<>();
        for (RunResult result : run) {
            String benchmark = result.getParams().getBenchmark();
            String[] parts = benchmark.split("\\.");
            Map<String, String> params = new LinkedHashMap<>();
            for (String key : result.getParams().getParamsKeys()) {
                params.put(key, result.getParams().getParam(key));
            }
            Result<?> primary = result.getPrimaryResult();
            double scale = Measurement.nanosPer(primary.getScoreUnit());
            List<Double> forks = new ArrayList<>();
            for (BenchmarkResult fork : result.getBenchmarkResults()) {
                forks.add(fork.getPrimaryResult().getScore() * scale);
            }
            out.add(new Measurement(parts[parts.length - 2], parts[parts.length - 1], params,
                    primary.getScore() * scale, primary.getScoreError() * scale, forks));
        }
        return out;
    }

    /** {@return 1, 2, 4, … and the number of cores, for the batch benchmark} */
    static String[] threadCounts() {
        int cores = Runtime.getRuntime().availableProcessors();
        List<String> counts = new ArrayList<>();
        for (int t = 1; t < cores; t *= 2) {
            counts.add(String.valueOf(t));
        }
        counts.add(String.valueOf(cores));
        return counts.toArray(String[]::new);
    }

    /** {@return the options in {@code args}, each mapped to its value ("" for a flag)} */
    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> options.put("--quick", "");
                case "--include", "--output", "--json", "--cold-start-runs", "--target-forks" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("expected a value after " + args[i]);
                    }
                    options.put(args[i], args[++i]);
                    if (args[i - 1].equals("--cold-start-runs") && !args[i].matches("\\d{1,3}")) {
                        throw new IllegalArgumentException("expected a number of runs (0 to skip) after --cold-start-runs, got " + args[i]);
                    }
                    if (args[i - 1].equals("--target-forks") && !args[i].matches("[1-9]\\d?")) {
                        throw new IllegalArgumentException("expected a number of forks from 1 (no repeats) after --target-forks, got "
                                + args[i]);
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --quick, --include REGEX, --output FILE, --json FILE, --cold-start-runs K or --target-forks K");
            }
        }
        return options;
    }
}
