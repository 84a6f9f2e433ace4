package dev.autodiff.bench;

import java.util.List;
import java.util.Optional;

/** The report's sections that are not a table of ratios to f: what new data costs, and cold starts. */
final class RoundSections {
    private RoundSections() {}

    /** A row of a section: the method or step measured, what it is in words, and its target if any. */
    private record Step(String method, String words, String target) {}

    private static final List<Step> DATA_CHANGE = List.of(
            new Step("atParametric", "`p.at(row)`: bind one record's data", ""),
            new Step("sumOverParametric", "`p.sumOver(rows)`: bind the 10⁵ records (each row's length checked)", ""),
            new Step("sumOverAndGradientParametric", "`p.sumOver(rows)` and its first `valueAndGradient`", ""),
            new Step("compileParametric", "`p = Reverse.of(nll, weights, data)`: compile the record once", ""),
            new Step("compileRecordConstants", "build and `Reverse.of` one record with its data as constants", ""),
            new Step("compileSumConstants", "build and `Reverse.of` the sum over 10⁵ records with the data as constants "
                    + "(10⁶ nodes, one shot per iteration)", ""));

    private static final List<Step> COLD_START = List.of(
            new Step("build", "build the expression", ""),
            new Step("compile", "`Reverse.of`", ""),
            new Step("firstGradient", "first `gradient`", ""),
            new Step("total", "**build + `Reverse.of` + first gradient**", "≤ 1 s"),
            new Step("nodeCount", "first `nodeCount()` (after the build)", "≤ 50 ms"),
            new Step("variables", "first `variables()`", "≤ 50 ms"),
            new Step("valueMap", "first `Expr.value(Map)`", "≤ 100 ms"));

    /** Writes the section of {@code DataChangeBench}, if it ran: binding data against compiling. */
    static void dataChange(StringBuilder out, Results r) {
        String bench = "DataChangeBench";
        if (r.all().stream().noneMatch(m -> m.bench().equals(bench))) {
            return;
        }
        Optional<Measurement> base = r.find(bench, "compileParametric", "");
        out.append("## What new data costs (`").append(bench).append("`)\n\n");
        out.append("The logistic negative log-likelihood of the sections above, 10⁵ records: binding new data to the "
                + "compiled record (`p.at`, `p.sumOver`) against compiling — the parametric record once, or the data "
                + "baked into the expression as constants, as had to be done before parameters. The record kernels "
                + "belong to the compiled record, so a new `sumOver` reuses them.\n\n");
        out.append("| step | time | ÷ `Reverse.of(nll, weights, data)` |\n|---|---|---|\n");
        for (Step s : DATA_CHANGE) {
            Optional<Measurement> m = r.find(bench, s.method(), "");
            out.append("| ").append(s.words()).append(" | ").append(m.map(x -> ReportWriter.time(x.nanos())).orElse("skipped"))
                    .append(" | ").append(m.isPresent() && base.isPresent()
                            ? ReportWriter.number(m.get().nanos() / base.get().nanos()) + "×" : "—").append(" |\n");
        }
        out.append('\n');
    }

    /** Writes the cold-start section, if cold starts ran: each step's median, fewest and most over fresh JVMs. */
    static void coldStart(StringBuilder out, Results r) {
        List<Measurement> ms = r.all().stream().filter(m -> m.bench().equals(ColdStart.BENCH)).toList();
        if (ms.isEmpty()) {
            return;
        }
        out.append("## Cold start: 10⁶ nodes in a fresh JVM (`").append(ColdStart.BENCH).append("`, not JMH)\n\n");
        out.append("Chained Rosenbrock at n = ").append(CompileBench.DIMENSION).append(" (about 10⁶ expression nodes), "
                + "timed from `main` with `System.nanoTime` in a JVM started for it (`").append(String.join(" ", JvmFlags.HEAP))
                .append("`, the class path of the report), nothing warmed up. Two kinds of JVM, so that each step is the "
                + "first of its kind: one builds, compiles and takes the first gradient; the other builds, then calls "
                + "`nodeCount()`, `variables()` and `Expr.value(Map)`. ").append(ms.get(0).param("runs"))
                .append(" JVMs of each kind.\n\n");
        out.append("| step | median | fewest | most | target |\n|---|---|---|---|---|\n");
        for (Step s : COLD_START) {
            Optional<Measurement> m = r.find(ColdStart.BENCH, s.method(), "");
            if (m.isEmpty()) {
                continue;
            }
            out.append("| ").append(s.words()).append(" | ").append(ReportWriter.time(m.get().nanos())).append(" | ")
                    .append(ReportWriter.time(Double.parseDouble(m.get().param("min")))).append(" | ")
                    .append(ReportWriter.time(Double.parseDouble(m.get().param("max")))).append(" | ")
                    .append(s.target().isEmpty() ? "—" : s.target()).append(" |\n");
        }
        out.append('\n');
    }
}
