package dev.autodiff.bench;

import java.util.ArrayList;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * This round's targets (issues 13, 14 and 15), each with the issue's goal and the most it may
 * reach, checked against one run's measurements. Last round's targets are {@link Targets}.
 */
public final class Goals {
    private Goals() {}

    /**
     * One target and how the run did.
     *
     * @param issue the issue that sets it
     * @param measure what is measured
     * @param now the figure the issue reports before this round, or "—"
     * @param goal the figure aimed at
     * @param atMost the most the figure may reach
     * @param measured the measured figure (and figures shown alongside), or "not measured"
     * @param status goal met, met within the bound, or missed, and by how much
     */
    public record Row(String issue, String measure, String now, String goal, String atMost, String measured, String status) {}

    /** {@return the targets table rows for {@code r}} */
    public static List<Row> evaluate(Results r) {
        List<Row> rows = new ArrayList<>();
        String logistic = "LogisticSumOneThreadBench";
        String parallel = "LogisticSumBench";
        rows.add(row("13", "logistic NLL, 10⁵ records, 3 parameters: valueAndGradient ÷ plain value loop, both on one thread",
                "—", 2.5, 5, "", Targets.best(r, logistic, "", "valueAndGradientReverse", "valueAndGradientForward"),
                alongside("common pool", Targets.best(r, parallel, "", "valueAndGradientReverse", "valueAndGradientForward"), "")));
        rows.add(row("13", "logistic NLL: Hessian ÷ plain value loop, both on one thread", "—", 4, 10, "",
                Targets.best(r, logistic, "", "hessianReverse", "hessianForward"),
                alongside("common pool", Targets.best(r, parallel, "", "hessianReverse", "hessianForward"), "")));
        rows.add(row("13", "new data, one record: `at(row)` ÷ `Reverse.of` of the record with the row as constants "
                        + "(bound: this report's reading of \"costs no compilation\")", "—", 0.1, 0.1, "",
                quotient(r, "DataChangeBench", "atParametric", "compileRecordConstants"), ""));
        rows.add(row("13", "new data, 10⁵ records: `sumOver(rows)` ÷ `Reverse.of` of the sum with the data as constants "
                        + "(same reading)", "—", 0.1, 0.1, "",
                quotient(r, "DataChangeBench", "sumOverParametric", "compileSumConstants"), ""));
        issue14Benchmarks(rows, r);
        rows.add(row("14", "cold start, 10⁶ nodes: build + `Reverse.of` + first gradient, fresh JVM, median", "5", 1, 1, " s",
                seconds(r, "total", 1e9), ""));
        rows.add(row("14", "cold start: first `nodeCount()` at 10⁶ nodes, median", "800–3500", 50, 50, " ms",
                seconds(r, "nodeCount", 1e6), ""));
        rows.add(row("14", "cold start: first `variables()` at 10⁶ nodes, median", "800–3500", 50, 50, " ms",
                seconds(r, "variables", 1e6), ""));
        rows.add(row("14", "cold start: first `Expr.value(Map)` at 10⁶ nodes, median", "1100 at 1.4·10⁵ nodes", 100, 100, " ms",
                seconds(r, "valueMap", 1e6), ""));
        rows.add(row("15", "sparse Hessian, Rosenbrock n = 10⁵, seconds (\"well under a second\"; goal: this report's reading)",
                "—", 0.1, 1, " s", r.find("SparseHessianBench", "sparseHessianReverse", "100000")
                        .map(m -> new Targets.Figure(m.nanos() / 1e9, "")),
                sparseHessianCost(r)));
        rows.add(row("15", "sparse Jacobian, banded residual n = 10⁵: products (colours), the larger of both modes", "—", 3, 3, "",
                colours(r), residualCost(r)));
        return rows;
    }

    /**
     * Adds the rows of issue 14 measured by JMH benchmarks. {@link TargetForks} runs again, in more
     * forks, every cell these rows read: what it repeats is found by running this method.
     */
    static void issue14Benchmarks(List<Row> rows, Results r) {
        gradient(rows, r, "Rosenbrock n = 10", "RosenbrockBench", "10", "16", 2.5, 5);
        gradient(rows, r, "Rosenbrock n = 10⁴", "RosenbrockBench", "10000", "4.8", 2.5, 4);
        gradient(rows, r, "Ackley n = 1000", "AckleyBench", "1000", "4.5", 2.5, 4);
        gradient(rows, r, "MLP loss", "MlpBench", "", "5.9", 2.5, 4);
        gradient(rows, r, "random irregular DAG of 10⁴ nodes", "RandomDagBench", "", "—", 3, 5);
        rows.add(row("14", "H·v ÷ f, Rosenbrock n = 10⁴", "8.7", 5, 8, "",
                Targets.best(r, "RosenbrockBench", "10000", "hessianVectorReverse"),
                forkSpread(r, "RosenbrockBench", "hessianVectorReverse", "10000", 1)));
        rows.add(row("14", "dense Hessian ÷ f per n, log-sum-exp n = 100", "3.2", 2, 3, "",
                Targets.best(r, "LogSumExpBench", "100", "hessianReverse", "hessianForward")
                        .map(f -> new Targets.Figure(f.value() / 100, f.mode())),
                forkSpread(r, "LogSumExpBench", "hessianReverse", "100", 100)));
        rows.add(row("14", "numeric tape gradient ÷ f, Rosenbrock n = 10⁴ (`NumericTapeBench`)",
                "~300", 15, 40, "", Targets.best(r, "NumericTapeBench", "10000", "gradientTape"),
                joined(forkSpread(r, "NumericTapeBench", "gradientTape", "10000", 1),
                        alongside("floor (`TapeFloor`)", Targets.best(r, "NumericTapeBench", "10000", "gradientTapeFloor"), ""),
                        alongside("folding floor with the API's objects (`FoldedTapeFloor`)", Targets.best(r, "NumericTapeBench", "10000",
                                "gradientTapeFloorFolded"), ""))));
    }

    /** {@return the parts that are not empty, joined by "; "}: a row's figures and what it shows alongside */
    private static String joined(String... parts) {
        List<String> out = new ArrayList<>();
        for (String p : parts) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return String.join("; ", out);
    }

    /** Adds the row of a gradient target: the allocation-free valueAndGradient, gradient() alongside. */
    private static void gradient(List<Row> rows, Results r, String workload, String bench, String n, String now, double goal,
                                 double atMost) {
        String spread = forkSpread(r, bench, "valueAndGradientReverse", n, 1);
        String gradient = alongside("`gradient()`", Targets.best(r, bench, n, "gradientReverse"), "");
        rows.add(row("14", "gradient ÷ f, " + workload + ": `valueAndGradient` (allocation-free)", now, goal, atMost, "",
                Targets.best(r, bench, n, "valueAndGradientReverse"),
                joined(spread, gradient)));
    }

    /**
     * {@return "3 forks: a–b", the least and most of the cell's forks each divided by plain f's
     * figure and by {@code per}, or "" when the cell ran in one fork} The cell's own figure is the
     * median fork ({@link TargetForks}).
     */
    static String forkSpread(Results r, String bench, String method, String n, double per) {
        Optional<Measurement> m = r.find(bench, method, n);
        Optional<Measurement> plain = r.find(bench, Results.PLAIN, n);
        if (m.isEmpty() || plain.isEmpty() || m.get().forks().size() < 2) {
            return "";
        }
        double f = plain.get().nanos() * per;
        DoubleSummaryStatistics s = m.get().forks().stream().mapToDouble(x -> x / f).summaryStatistics();
        return m.get().forks().size() + " forks: " + ReportWriter.number(s.getMin()) + "–" + ReportWriter.number(s.getMax());
    }

    /** {@return the time of {@code method} over the time of {@code base}, both of {@code bench} without a size} */
    static Optional<Targets.Figure> quotient(Results r, String bench, String method, String base) {
        Optional<Measurement> m = r.find(bench, method, "");
        Optional<Measurement> b = r.find(bench, base, "");
        if (m.isEmpty() || b.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Targets.Figure(m.get().nanos() / b.get().nanos(), ""));
    }

    private static Optional<Targets.Figure> seconds(Results r, String step, double unit) {
        return r.find(ColdStart.BENCH, step, "").map(m -> new Targets.Figure(m.nanos() / unit, ""));
    }

    private static Optional<Targets.Figure> colours(Results r) {
        OptionalDouble forward = r.count(SparseCounts.RESIDUAL_FORWARD);
        OptionalDouble reverse = r.count(SparseCounts.RESIDUAL_REVERSE);
        if (forward.isEmpty() && reverse.isEmpty()) {
            return Optional.empty();
        }
        double worst = Math.max(forward.orElse(0), reverse.orElse(0));
        return Optional.of(new Targets.Figure(worst, "forward " + count(forward) + ", reverse " + count(reverse)));
    }

    private static String count(OptionalDouble c) {
        return c.isPresent() ? String.valueOf((long) c.getAsDouble()) : "not counted";
    }

    /** {@return the sparse Hessian's time in H·v products and in f at n = 10⁵, and its colours, where measured} */
    private static String sparseHessianCost(Results r) {
        List<String> parts = new ArrayList<>();
        r.ratio("SparseHessianBench", "sparseHessianReverse", "100000")
                .ifPresent(f -> parts.add(ReportWriter.number(f) + " f"));
        Optional<Measurement> sparse = r.find("SparseHessianBench", "sparseHessianReverse", "100000");
        Optional<Measurement> hv = r.find("SparseHessianBench", "hessianVectorReverse", "100000");
        if (sparse.isPresent() && hv.isPresent()) {
            parts.add(ReportWriter.number(sparse.get().nanos() / hv.get().nanos()) + " H·v");
        }
        r.count(SparseCounts.ROSENBROCK_HESSIAN).ifPresent(c -> parts.add((long) c + " colours"));
        return String.join(", ", parts);
    }

    /** {@return the sparse Jacobians' times in products (J·v, vᵀJ) at n = 10⁵, where measured} */
    private static String residualCost(Results r) {
        List<String> parts = new ArrayList<>();
        quotientAt(r, "sparseJacobianForward", "jvpForward").ifPresent(q -> parts.add("forward time " + ReportWriter.number(q) + " J·v"));
        quotientAt(r, "sparseJacobianReverse", "vjpReverse").ifPresent(q -> parts.add("reverse time " + ReportWriter.number(q) + " vᵀJ"));
        return String.join(", ", parts);
    }

    private static OptionalDouble quotientAt(Results r, String method, String base) {
        Optional<Measurement> m = r.find("SparseJacobianBench", method, "100000");
        Optional<Measurement> b = r.find("SparseJacobianBench", base, "100000");
        return m.isEmpty() || b.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(m.get().nanos() / b.get().nanos());
    }

    private static String alongside(String label, Optional<Targets.Figure> f, String unit) {
        return f.map(x -> label + ": " + x.text(unit)).orElse("");
    }

    /** {@return a row judged against its goal and bound: goal met, met within the bound, or missed} */
    static Row row(String issue, String measure, String now, double goal, double atMost, String unit, Optional<Targets.Figure> f,
                   String alongside) {
        String g = ReportWriter.number(goal) + unit;
        String bound = ReportWriter.number(atMost) + unit;
        if (f.isEmpty()) {
            return new Row(issue, measure, now, g, bound, "not measured", "—");
        }
        double v = f.get().value();
        String status;
        if (v <= goal) {
            status = "**goal met**, " + ReportWriter.number(goal / v) + "× under";
        } else if (v <= atMost) {
            status = "**met** (≤ " + bound + "), goal missed by " + ReportWriter.number(v / goal) + "×";
        } else {
            status = "**missed** by " + ReportWriter.number(v / atMost) + "×";
        }
        String measured = joined(f.get().text(unit), alongside);
        return new Row(issue, measure, now, g, bound, measured, status);
    }
}
