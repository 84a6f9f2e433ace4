package dev.autodiff.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;

/**
 * The benchmarks that issue 14's "at most" bounds read, run in more forks at the end of a Report.
 *
 * <p>Why: on these shared virtual machines a JVM fork of a benchmark lands in a fast or a slow mode
 * and mostly stays there (the numeric tape at n = 10⁴ read 260–310 µs in some forks and 340–430 µs in
 * others of the same jar), so one fork per cell decides a bound by which mode it drew. The brief asks
 * to repeat and report the spread: each cell these bounds read gets {@code forks − 1} more forks after
 * the run, and its figure is the median fork of all of them (the run's and the repeats), with every
 * fork kept in {@link Measurement#forks()} so the targets table can show the spread. The plain Java f
 * the cell is divided by is repeated the same way.
 */
final class TargetForks {
    private TargetForks() {}

    /** The methods of one benchmark class measured at one size n ("" for a class without one). */
    record Group(String bench, String n, List<String> methods) {
        Group {
            methods = List.copyOf(methods);
        }

        /** {@return the JMH include pattern of exactly these methods} */
        String include() {
            return "^" + Pattern.quote(TargetForks.class.getPackageName() + "." + bench) + "\\.("
                    + String.join("|", methods) + ")$";
        }
    }

    /**
     * {@return what issue 14's benchmark rows read ({@link Goals#issue14Benchmarks}), as groups of a
     * class and size in the order first read}: each measured method, the plain f it is divided by,
     * and what a row shows alongside, such as {@code gradient()} beside {@code valueAndGradient}
     */
    static List<Group> groups() {
        Set<Results.Cell> reads = new LinkedHashSet<>();
        Goals.issue14Benchmarks(new ArrayList<>(), Results.recording(reads));
        Map<List<String>, List<String>> methods = new LinkedHashMap<>();
        for (Results.Cell c : reads) {
            methods.computeIfAbsent(List.of(c.bench(), c.n()), k -> new ArrayList<>()).add(c.method());
        }
        List<Group> out = new ArrayList<>();
        methods.forEach((key, ms) -> out.add(new Group(key.get(0), key.get(1), ms)));
        return out;
    }

    /**
     * Runs every group in {@code extraForks} forks with the options {@code base} makes (the run's
     * settings, any include replaced), one JMH run per group so each runs only at its size.
     *
     * @param onlyMatching the run's include pattern: groups it does not reach are not repeated
     */
    static List<Measurement> repeat(Function<String, ChainedOptionsBuilder> base, String onlyMatching, int extraForks)
            throws RunnerException {
        List<Measurement> out = new ArrayList<>();
        Pattern reach = Pattern.compile(onlyMatching);
        for (Group g : groups()) {
            String any = TargetForks.class.getPackageName() + "." + g.bench() + "." + g.methods().get(0);
            if (!reach.matcher(any).find()) {
                continue;
            }
            ChainedOptionsBuilder options = base.apply(g.include()).forks(extraForks);
            if (!g.n().isEmpty()) {
                options.param("n", g.n());
            }
            Collection<RunResult> run = new Runner(options.build()).run();
            out.addAll(Report.measurements(run));
        }
        return out;
    }

    /**
     * {@return {@code run} with each measurement that {@code repeats} repeated replaced by the median
     * fork of the run's forks and the repeats'}; a repeat the run lacks is added as it is
     */
    static List<Measurement> merge(List<Measurement> run, List<Measurement> repeats) {
        List<Measurement> out = new ArrayList<>(run);
        for (Measurement rep : repeats) {
            int at = indexOf(out, rep);
            List<Double> forks = new ArrayList<>(at < 0 ? List.of() : out.get(at).forks());
            forks.addAll(rep.forks());
            Measurement merged = new Measurement(rep.bench(), rep.method(), rep.params(), Measurement.median(forks), Double.NaN, forks);
            if (at < 0) {
                out.add(merged);
            } else {
                out.set(at, merged);
            }
        }
        return out;
    }

    private static int indexOf(List<Measurement> ms, Measurement m) {
        for (int i = 0; i < ms.size(); i++) {
            Measurement x = ms.get(i);
            if (x.bench().equals(m.bench()) && x.method().equals(m.method()) && x.params().equals(m.params())) {
                return i;
            }
        }
        return -1;
    }
}
