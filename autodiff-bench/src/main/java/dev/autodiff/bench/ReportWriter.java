package dev.autodiff.bench;

import dev.autodiff.core.internal.calls.Batch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/** Writes BENCHMARKS.md from one run's measurements: every figure also as a ratio to plain Java f. */
public final class ReportWriter {
    /** Implementations in the order the tables list them. */
    private static final List<String> IMPLEMENTATIONS = List.of("Plain", "Analytic", "Forward", "Reverse", "Tape", "TapeFloor",
            "TapeFloorFolded", "Dual", "HipparchusDS1", "HipparchusDS2", "HipparchusGradient", "FiniteDifference", "ReverseBaked");
    private static final List<String> MEASURES = List.of("value", "valueAndGradient", "gradient", "directional", "jvp", "vjp",
            "hessianVector", "hessian", "sparseHessian", "sparseJacobian");
    /** The line of an existing report after which everything is hand-written and kept when the report is written again. */
    public static final String HAND_WRITTEN_MARKER = "<!-- hand-written below: Report keeps everything after this line -->";

    /** A benchmark class's section: its title and what it measures. */
    private record Section(String bench, String title, String note) {}

    private static final List<Section> SECTIONS = List.of(
            new Section("RosenbrockBench", "Chained Rosenbrock, linear-cost measures",
                    "f = Σ 100 (x_{i+1} − x_i²)² + (1 − x_i)²."),
            new Section("RosenbrockQuadraticBench", "Chained Rosenbrock, gradients of quadratic cost",
                    "Forward mode needs a sweep per variable (or chunk of variables), differences 2n evaluations of f."),
            new Section("RosenbrockSmallBench", "Chained Rosenbrock, Hipparchus and dense Hessians",
                    "Hessians are dense n × n arrays although Rosenbrock's is tridiagonal."),
            new Section("SparseHessianBench", "Chained Rosenbrock, sparse Hessians as n grows",
                    "Tridiagonal, 3 colours: reverse mode's three H·v against central differences of the "
                            + "hand-written gradient along the same colour groups (6 gradients)."),
            new Section("SparseHessianSmallBench", "Chained Rosenbrock, sparse against dense Hessians",
                    "Dense reverse-mode Hessians and dense differences (2n gradients) against forward mode's "
                            + "sparse Hessian (3 forward-over-forward H·v, each a pass per chunk of variables)."),
            new Section("NumericTapeBench", "Chained Rosenbrock on the numeric tape",
                    "`Reverse.gradient` of f written over `Tracked` scalars (no expression): recorded on a tape "
                            + "(three nodes a term: an operation of one operand is folded into its operand's scale) and "
                            + "swept back on every call, beside the compiled reverse-mode gradient of the same f, and the "
                            + "floor of a tape of one node per operation: its nine nodes a term recorded by hand into reused "
                            + "flat arrays and swept back, with no object, operation code or check per node (`TapeFloor`); "
                            + "and the floor of a tape that folds as the numeric tape (its three nodes a term, the same "
                            + "partials) and allocates what its API hands out and nothing else: a `Tracked`-sized object per "
                            + "variable, in an array, and one a term for the user's running sum (`FoldedTapeFloor`). The "
                            + "numeric tape's time over the latter is the cost of its generality."),
            new Section("DualGradientBench", "Chained Rosenbrock gradients over dual numbers",
                    "`Forward.gradient` of f written over `Dual`: one evaluation of f per chunk of up to 12 "
                            + "variables, so the ratio grows as n/12."),
            new Section("LogSumExpBench", "Log-sum-exp of a dense A·x",
                    "f = log Σ_j exp((A·x)_j), A dense n × n with a fixed seed; f itself costs O(n²)."),
            new Section("AckleyBench", "Ackley", "f = −20 exp(−0.2 √(Σx²/n)) − exp(Σcos(2πx)/n) + 20 + e."),
            new Section("MlpBench", "Sigmoid MLP loss",
                    "Mean squared error of a 4-16-1 network (sigmoid hidden layer) over 32 fixed samples, in its 97 parameters."),
            new Section("HuberBench", "Huber loss: a branch per term",
                    "f = Σ h(x_i − y_i) over fixed data y (fixed seed), h(r) = r²/2 where |r| < 0.5 and 0.5·(|r| − 0.25) "
                            + "elsewhere, written with `ifElse` (44 % of the terms take the quadratic piece, in no order a "
                            + "branch predictor learns). The expression computes both pieces of every term; plain Java f "
                            + "computes the one it takes."),
            new Section("LogisticSumBench", "Logistic negative log-likelihood over 10⁵ records, common pool",
                    "Σ_r softplus(z_r) − y_r·z_r, z_r = w0·x0_r + w1·x1_r + b, through "
                            + "`Reverse.of(nll, weights, data).sumOver(rows)` (and `Forward.of`): 3 parameters, 10⁵ "
                            + "synthetic records (fixed seed). **Sums over 8192 rows or more run on the common fork-join "
                            + "pool (its workers and the calling thread: here both cores), while plain Java f — a loop "
                            + "computing only the value, with the library's stable softplus — and the hand-written loops "
                            + "run on one thread**; the next "
                            + "section measures the sums on one thread. `valueAndGradient` writes into an array of the "
                            + "benchmark's state. *reverse, data as constants*: the same sum compiled as one expression "
                            + "with every record's data as constants (10⁶ nodes), as before parameters."),
            new Section("LogisticSumOneThreadBench", "Logistic negative log-likelihood over 10⁵ records, one thread",
                    "The same sums forked with `" + JvmFlags.ONE_THREAD + "`: no worker in the common pool, so "
                            + "the benchmark's thread sums every chunk itself, as plain Java f runs on one thread. (A "
                            + "pool of one worker would not do: the joining thread runs chunks too.) The issue's "
                            + "targets are judged on these figures."),
            new Section("RandomDagBench", "Random irregular DAG",
                    "A random DAG of about 10⁴ nodes over " + RandomDag.VARIABLES + " variables (fixed seed): mixed "
                            + "primitives (+ − × ÷, scaling, shifts, squares, exp, log, log1p, sqrt, sin, cos, tanh, atan, "
                            + "sigmoid, softplus), each finite and inside its domain at the point, operands mostly from "
                            + "the few dozen nodes before and sometimes from anywhere earlier (shared subexpressions); "
                            + "the output sums every node nothing else uses. Nothing repeats, so no loop kernel applies. "
                            + "Plain Java f is the same DAG written as straight-line Java (one local per node, "
                            + RandomDag.NODES_PER_METHOD + " nodes per method, under HotSpot's 8000-byte limit) and "
                            + "compiled by javac at set-up. Set-up calls each method at least "
                            + RandomDagBench.WARM_UP_CALLS + " times and then until the JIT's compile time stops "
                            + "growing (under " + CompilationSettling.QUIET_MILLIS + " ms in each of "
                            + CompilationSettling.QUIET_WINDOWS + " consecutive seconds; at most "
                            + RandomDagBench.WARM_UP_SECONDS + " s) before JMH's warm-up: code compiled whole runs "
                            + "each of its ~500 segment methods once per call, and HotSpot's optimising compiler "
                            + "takes them one at a time, for 15–25 s on this machine."),
            new Section("SparseJacobianBench", "Sparse Jacobians of a banded residual as n grows",
                    "r_i = x_{i−1} − 2x_i + h²·sin(x_i) + x_{i+1} (a discretised 1-D PDE): tridiagonal, 3 colours. "
                            + "Sparse Jacobians by colouring against one J·v (forward) or vᵀJ (reverse); plain Java f "
                            + "computes the residual vector."));

    private ReportWriter() {}

    /**
     * {@return the report in Markdown}
     *
     * @param command the command that produced the run
     * @param settings JMH's settings in words (forks, iterations)
     * @param date when the run happened
     */
    public static String write(Results r, Machine machine, String command, String settings, String date) {
        StringBuilder out = new StringBuilder();
        out.append("# Benchmarks\n\n");
        out.append("Produced on ").append(date).append(" by\n\n```\n").append(command).append("\n```\n\n");
        out.append("- Machine: ").append(machine.cpu()).append(", ").append(machine.cores()).append(" cores (`nproc`), ")
                .append(machine.os()).append('\n');
        out.append("- JDK: ").append(machine.jdk()).append('\n');
        out.append("- JMH 1.37: ").append(settings).append('\n');
        out.append("- Every JMH fork, and every cold-start JVM, runs with `").append(String.join(" ", JvmFlags.HEAP))
                .append("`: a fixed heap whose every page is touched before measuring. On these virtual machines a ")
                .append("first touch of a heap page is very slow, and with default flags the benchmarks that allocate ")
                .append("swung widely (our gradient at n = 10⁴ measured anywhere from 5× to 120× f across three runs).\n");
        out.append("""
                - Each cell: mean time per call, then **× f**, that time divided by plain Java f of the same \
                workload and size measured in the same run (the floor). Lower is better.
                - *Growth* is k in ratio ∝ n^k between the smallest and largest n measured: 0 means the ratio \
                stays flat as n grows, 1 that it grows linearly.

                """);
        out.append("## Targets of this round (issues 13, 14, 15)\n\n")
                .append("| issue | measure | before | goal | at most | measured | status |\n|---|---|---|---|---|---|---|\n");
        for (Goals.Row row : Goals.evaluate(r)) {
            out.append("| ").append(row.issue()).append(" | ").append(row.measure()).append(" | ").append(row.now()).append(" | ")
                    .append(row.goal()).append(" | ").append(row.atMost()).append(" | ").append(row.measured()).append(" | ")
                    .append(row.status()).append(" |\n");
        }
        out.append('\n');
        out.append("## Targets of the previous round\n\n| measure | target | measured | status |\n|---|---|---|---|\n");
        for (Targets.Row row : Targets.evaluate(r)) {
            out.append("| ").append(row.measure()).append(" | ").append(row.target()).append(" | ")
                    .append(row.measured()).append(" | ").append(row.status()).append(" |\n");
        }
        out.append('\n');
        for (Section s : SECTIONS) {
            section(out, r, s);
        }
        RoundSections.dataChange(out, r);
        batch(out, r);
        compile(out, r);
        RoundSections.coldStart(out, r);
        out.append(SKIPPED);
        return out.toString();
    }

    /**
     * {@return the report in Markdown, followed by the hand-written part of {@code previous}}: every
     * line after {@link #HAND_WRITTEN_MARKER} in the report being replaced, kept as it was
     *
     * @param previous the report being replaced, or "" for none
     */
    public static String write(Results r, Machine machine, String command, String settings, String date, String previous) {
        return write(r, machine, command, settings, date) + handWritten(previous);
    }

    /** {@return the marker line and everything after it in {@code previous}, or "" when it has no marker} */
    static String handWritten(String previous) {
        int at = previous.indexOf(HAND_WRITTEN_MARKER);
        if (at < 0) {
            return "";
        }
        String kept = previous.substring(at);
        return kept.endsWith("\n") ? kept : kept + "\n";
    }

    private static void section(StringBuilder out, Results r, Section s) {
        List<Measurement> ms = r.all().stream().filter(m -> m.bench().equals(s.bench())).toList();
        if (ms.isEmpty()) {
            return;
        }
        List<String> sizes = ms.stream().map(m -> m.param("n")).distinct()
                .sorted(Comparator.comparingLong(n -> n.isEmpty() ? 0 : Long.parseLong(n))).toList();
        List<String> methods = ms.stream().map(Measurement::method).distinct()
                .sorted(Comparator.comparingInt((String m) -> rank(MEASURES, Measurement.measureOf(m)))
                        .thenComparingInt(m -> rank(IMPLEMENTATIONS, m.substring(Measurement.measureOf(m).length()))))
                .toList();
        out.append("## ").append(s.title()).append(" (`").append(s.bench()).append("`)\n\n").append(s.note()).append("\n\n");
        out.append("| measure | implementation |");
        for (String n : sizes) {
            out.append(n.isEmpty() ? " time · × f |" : " n = " + n + " |");
        }
        boolean growth = sizes.size() > 1;
        out.append(growth ? " growth |\n|---|---|" : "\n|---|---|").append("---|".repeat(sizes.size() + (growth ? 1 : 0))).append('\n');
        for (String method : methods) {
            String measure = Measurement.measureOf(method);
            out.append("| ").append(measure).append(" | ").append(label(method.substring(measure.length()))).append(" |");
            List<double[]> points = new ArrayList<>();
            for (String n : sizes) {
                var m = r.find(s.bench(), method, n);
                OptionalDouble ratio = r.ratio(s.bench(), method, n);
                if (m.isEmpty()) {
                    out.append(" skipped |");
                    continue;
                }
                out.append(' ').append(time(m.get().nanos()));
                if (ratio.isPresent()) {
                    out.append(" · ").append(number(ratio.getAsDouble())).append("×");
                    if (!n.isEmpty()) {
                        points.add(new double[] {Double.parseDouble(n), ratio.getAsDouble()});
                    }
                }
                out.append(" |");
            }
            if (growth) {
                out.append(' ').append(method.equals(Results.PLAIN) ? "—" : growth(points)).append(" |");
            }
            out.append('\n');
        }
        out.append('\n');
    }

    private static void batch(StringBuilder out, Results r) {
        List<Measurement> ms = r.all().stream().filter(m -> m.bench().equals("BatchBench") && m.method().equals("gradientsReverse"))
                .sorted(Comparator.comparingInt(m -> Integer.parseInt(m.param("threads")))).toList();
        if (ms.isEmpty()) {
            return;
        }
        out.append("## Batch gradients, 1 to all cores (`BatchBench`)\n\n");
        out.append("Reverse-mode gradients of one compiled Rosenbrock (n = ").append(BatchBench.DIMENSION).append(") at ")
                .append(BatchBench.POINTS).append(" points through `Differentiable.gradients(points, threads)`. ")
                .append("× f divides by plain Java f evaluated at all the points on one thread.\n\n");
        out.append("| threads | time per batch | per point | × f | speed-up over 1 thread | efficiency |\n|---|---|---|---|---|---|\n");
        double one = ms.get(0).param("threads").equals("1") ? ms.get(0).nanos() : Double.NaN;
        for (Measurement m : ms) {
            int threads = Integer.parseInt(m.param("threads"));
            double speedup = one / m.nanos();
            OptionalDouble ratio = r.ratio(m);
            out.append("| ").append(threads).append(" | ").append(time(m.nanos())).append(" | ")
                    .append(time(m.nanos() / BatchBench.POINTS)).append(" | ")
                    .append(ratio.isPresent() ? number(ratio.getAsDouble()) + "×" : "—").append(" | ")
                    .append(number(speedup)).append("× | ").append(number(100 * speedup / threads)).append("% |\n");
        }
        out.append('\n');
    }

    private static void compile(StringBuilder out, Results r) {
        List<Measurement> ms = r.all().stream().filter(m -> m.bench().equals("CompileBench")).toList();
        if (ms.isEmpty()) {
            return;
        }
        out.append("## Building and compiling a 10⁶-node expression (`CompileBench`)\n\n");
        out.append("Chained Rosenbrock at n = ").append(CompileBench.DIMENSION)
                .append(" (about 10⁶ expression nodes), one shot per iteration, mean of the measured shots.\n\n");
        out.append("| step | seconds | ± |\n|---|---|---|\n");
        for (Measurement m : ms) {
            out.append("| `").append(m.method()).append("` | ").append(number(m.nanos() / 1e9)).append(" | ")
                    .append(Double.isNaN(m.error()) ? "—" : number(m.error() / 1e9)).append(" |\n");
        }
        out.append('\n');
    }

    private static final String SKIPPED = """
            ## Skipped combinations, and why

            - Forward-mode gradients and finite-difference gradients of Rosenbrock at n = 10⁵: both cost \
            O(n²) (a sweep per variable, or 2n evaluations of f), about 10¹⁰ operations per call.
            - Hipparchus (`DerivativeStructure`, `Gradient`) for Rosenbrock above n = 100: every operation \
            carries n (order 1) or (n+1)(n+2)/2 (order 2) coefficients, so at n = 10⁴ one gradient \
            allocates gigabytes; order 2 is used for Hessians only.
            - Dense Hessians of Rosenbrock above n = 100: n² entries (800 MB at n = 10⁴) for a tridiagonal \
            matrix; Hessian-vector products cover the large sizes.
            - Hipparchus for Ackley and the MLP: order 2 is not measured (these workloads measure gradients).
            - Gradients over dual numbers (`DualGradientBench`) above n = 2000: one evaluation of f per chunk \
            of 12 variables makes them O(n²); the numeric tape (`NumericTapeBench`) is the O(n) way without \
            an expression.
            - Reverse-mode directional derivatives: forward mode is the mode made for them.
            - Finite-difference Hessians are central differences of the hand-written gradient (2n gradient \
            calls), the way they are computed when a gradient is at hand; from f alone they would cost O(n²) \
            evaluations.

            """;

    private static int rank(List<String> order, String key) {
        int i = order.indexOf(key);
        return i < 0 ? order.size() : i;
    }

    private static String label(String implementation) {
        return switch (implementation) {
            case "Plain" -> "plain Java f";
            case "Analytic" -> "hand-written";
            case "Forward" -> "**forward**";
            case "Reverse" -> "**reverse**";
            case "Tape" -> "**numeric tape** (`Tracked`)";
            case "TapeFloor" -> "a tape's floor (hand-written, `TapeFloor`)";
            case "TapeFloorFolded" -> "a folding tape's floor, with the API's objects (`FoldedTapeFloor`)";
            case "Dual" -> "**dual numbers** (`Dual`)";
            case "HipparchusDS1" -> "Hipparchus DS order 1";
            case "HipparchusDS2" -> "Hipparchus DS order 2";
            case "HipparchusGradient" -> "Hipparchus Gradient";
            case "FiniteDifference" -> "central differences";
            case "ReverseBaked" -> "reverse, data as constants";
            default -> implementation;
        };
    }

    /** {@return k in ratio ∝ n^k between the first and last point, in words} */
    static String growth(List<double[]> points) {
        if (points.size() < 2) {
            return "—";
        }
        double[] a = points.get(0);
        double[] b = points.get(points.size() - 1);
        double k = Math.log(b[1] / a[1]) / Math.log(b[0] / a[0]);
        return "n^" + String.format(Locale.ROOT, "%.2f", k);
    }

    /** {@return a time in nanoseconds with three significant digits and a fitting unit} */
    static String time(double nanos) {
        if (nanos < 1e3) {
            return number(nanos) + " ns";
        }
        if (nanos < 1e6) {
            return number(nanos / 1e3) + " µs";
        }
        if (nanos < 1e9) {
            return number(nanos / 1e6) + " ms";
        }
        return number(nanos / 1e9) + " s";
    }

    /** {@return {@code x} with three significant digits, without exponent below 10⁶} */
    static String number(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return String.valueOf(x);
        }
        double a = Math.abs(x);
        if (a >= 1e6) {
            return String.format(Locale.ROOT, "%.2e", x);
        }
        int decimals = a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
        return String.format(Locale.ROOT, "%." + decimals + "f", x);
    }
}
