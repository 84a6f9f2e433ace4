package dev.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * This round's report from made-up measurements: the targets of issues 13–15 judged against goal
 * and bound from the right figures, the new sections written, the hand-written tail kept.
 */
class RoundReportTest {

    private static Measurement m(String bench, String method, String n, double nanos) {
        return new Measurement(bench, method, n.isEmpty() ? Map.of() : Map.of("n", n), nanos, nanos / 100);
    }

    private static Measurement cold(String step, double nanos) {
        return new Measurement(ColdStart.BENCH, step, Map.of("min", String.valueOf(nanos / 2), "max", String.valueOf(nanos * 2),
                "runs", "5"), nanos, Double.NaN);
    }

    /** A run in which every target of the round has its figures, chosen so each verdict is known. */
    private static Results run() {
        List<Measurement> ms = new ArrayList<>();
        for (String bench : List.of("LogisticSumOneThreadBench", "LogisticSumBench")) {
            boolean one = bench.startsWith("LogisticSumOne");
            ms.add(m(bench, "valuePlain", "", 1000));
            ms.add(m(bench, "valueAndGradientReverse", "", one ? 2000 : 1200));   // 2.0 one thread: goal met
            ms.add(m(bench, "valueAndGradientForward", "", one ? 3000 : 1500));
            ms.add(m(bench, "hessianReverse", "", one ? 6000 : 3000));            // 6: within the bound of 10, goal 4 missed
            ms.add(m(bench, "hessianForward", "", one ? 7000 : 3500));
        }
        ms.add(m("LogisticSumBench", "valueAndGradientReverseBaked", "", 40_000));
        ms.add(m("DataChangeBench", "atParametric", "", 1_000));
        ms.add(m("DataChangeBench", "compileRecordConstants", "", 20_000));    // 0.05: met
        ms.add(m("DataChangeBench", "sumOverParametric", "", 100_000));
        ms.add(m("DataChangeBench", "compileSumConstants", "", 1e9));           // 1e-4: met
        ms.add(m("DataChangeBench", "compileParametric", "", 50_000));
        ms.add(m("RosenbrockBench", "valuePlain", "10", 10));
        ms.add(m("RosenbrockBench", "valueAndGradientReverse", "10", 60));       // 6: missed (bound 5) by 1.2×
        ms.add(m("RosenbrockBench", "gradientReverse", "10", 80));
        ms.add(m("RosenbrockBench", "valuePlain", "10000", 10_000));
        ms.add(m("RosenbrockBench", "valueAndGradientReverse", "10000", 30_000)); // 3: within 4, goal 2.5 missed by 1.2×
        ms.add(m("RosenbrockBench", "hessianVectorReverse", "10000", 40_000));    // 4: goal 5 met
        ms.add(m("RandomDagBench", "valuePlain", "", 100_000));
        ms.add(m("RandomDagBench", "valueAndGradientReverse", "", 1_000_000));    // 10: missed by 2×
        ms.add(m("RandomDagBench", "gradientReverse", "", 1_100_000));
        ms.add(m("LogSumExpBench", "valuePlain", "100", 10_000));
        ms.add(m("LogSumExpBench", "hessianReverse", "100", 2_500_000));         // 250 = 2.5 per n: within 3
        ms.add(m("LogSumExpBench", "hessianForward", "100", 9_000_000));
        ms.add(m("NumericTapeBench", "valuePlain", "10000", 10_000));
        ms.add(m("NumericTapeBench", "gradientTape", "10000", 200_000));                // 20: within 40
        ms.add(m("NumericTapeBench", "gradientReverse", "10000", 30_000));              // not the tape: ignored
        ms.add(cold("total", 0.8e9));
        ms.add(cold("build", 0.1e9));
        ms.add(cold("nodeCount", 20e6));
        ms.add(cold("variables", 70e6));                                          // missed
        ms.add(cold("valueMap", 90e6));
        ms.add(m("SparseHessianBench", "valuePlain", "100000", 100_000));
        ms.add(m("SparseHessianBench", "sparseHessianReverse", "100000", 5e6));  // 0.005 s: goal met; 50 f
        ms.add(m("SparseHessianBench", "hessianVectorReverse", "100000", 1.6e6));
        ms.add(m("SparseJacobianBench", "valuePlain", "100000", 200_000));
        ms.add(m("SparseJacobianBench", "jvpForward", "100000", 400_000));
        ms.add(m("SparseJacobianBench", "sparseJacobianForward", "100000", 1_400_000));
        Map<String, Double> counts = new HashMap<>();
        counts.put(SparseCounts.RESIDUAL_FORWARD, 3.0);
        counts.put(SparseCounts.RESIDUAL_REVERSE, 3.0);
        counts.put(SparseCounts.ROSENBROCK_HESSIAN, 3.0);
        return new Results(ms, counts);
    }

    private static Goals.Row row(List<Goals.Row> rows, String start) {
        return rows.stream().filter(r -> r.measure().startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no target row starting with " + start));
    }

    @Test
    void targetsAreJudgedAgainstGoalAndBoundOnTheRightFigures() {
        List<Goals.Row> rows = Goals.evaluate(run());
        Goals.Row gradient = row(rows, "logistic NLL, 10⁵ records");
        assertEquals("2.00 (reverse); common pool: 1.20 (reverse)", gradient.measured(), "judged on one thread");
        assertTrue(gradient.status().startsWith("**goal met**, 1.25× under"), gradient.status());
        Goals.Row hessian = row(rows, "logistic NLL: Hessian");
        assertTrue(hessian.status().startsWith("**met** (≤ 10.0), goal missed by 1.50×"), hessian.status());
        assertTrue(row(rows, "new data, one record").measured().startsWith("0.050"), row(rows, "new data, one record").measured());
        assertTrue(row(rows, "new data, 10⁵ records").status().startsWith("**goal met**"));

        Goals.Row small = row(rows, "gradient ÷ f, Rosenbrock n = 10:");
        assertEquals("6.00; `gradient()`: 8.00", small.measured());
        assertTrue(small.status().startsWith("**missed** by 1.20×"), small.status());
        assertEquals("16", small.now());
        assertTrue(row(rows, "gradient ÷ f, Rosenbrock n = 10⁴").status().startsWith("**met** (≤ 4.00), goal missed by 1.20×"));
        assertEquals("not measured", row(rows, "gradient ÷ f, Ackley").measured());
        assertTrue(row(rows, "gradient ÷ f, random").status().startsWith("**missed** by 2.00×"));
        assertTrue(row(rows, "H·v").status().startsWith("**goal met**, 1.25× under"));
        assertEquals("2.50 (reverse)", row(rows, "dense Hessian ÷ f per n").measured());
        assertEquals("20.0", row(rows, "numeric tape").measured()); // one method: no mode to name

        assertEquals("0.800 s", row(rows, "cold start, 10⁶ nodes").measured());
        assertTrue(row(rows, "cold start, 10⁶ nodes").status().startsWith("**goal met**"));
        assertTrue(row(rows, "cold start: first `variables()`").status().startsWith("**missed** by 1.40×"));
        assertEquals("20.0 ms", row(rows, "cold start: first `nodeCount()`").measured());

        Goals.Row sparse = row(rows, "sparse Hessian, Rosenbrock n = 10⁵");
        assertEquals("0.005 s; 50.0 f, 3.13 H·v, 3 colours", sparse.measured());
        Goals.Row jacobian = row(rows, "sparse Jacobian");
        assertEquals("3.00 (forward 3, reverse 3); forward time 3.50 J·v", jacobian.measured());
        assertTrue(jacobian.status().startsWith("**goal met**"), jacobian.status());
    }

    @Test
    void aTargetWithoutItsFiguresIsNotMeasured() {
        for (Goals.Row r : Goals.evaluate(new Results(List.of()))) {
            assertEquals("not measured", r.measured(), r.measure());
            assertEquals("—", r.status(), r.measure());
        }
    }

    @Test
    void theReportHasBothTargetTablesTheHeapFlagsAndTheNewSections() {
        String md = ReportWriter.write(run(), new Machine(2, "Test CPU", "Test JDK", "Test OS"), "java Report", "settings", "today");
        assertTrue(md.contains("`-Xms2g -Xmx2g -XX:+AlwaysPreTouch`"), "header names the fork flags");
        int round = md.indexOf("## Targets of this round (issues 13, 14, 15)");
        int previous = md.indexOf("## Targets of the previous round");
        assertTrue(round > 0 && previous > round, "this round's table first, then the previous round's");
        assertTrue(md.contains("| 14 | gradient ÷ f, Rosenbrock n = 10: `valueAndGradient` (allocation-free) | 16 | 2.50 | 5.00 | "
                + "6.00; `gradient()`: 8.00 | **missed** by 1.20× |"), md);
        assertTrue(md.substring(previous).contains("| reverse gradient ÷ f, Rosenbrock n = 10⁴ | ≤ 5 (aim 3) |"),
                "last round's seven rows");
        assertTrue(md.contains("## Logistic negative log-likelihood over 10⁵ records, common pool (`LogisticSumBench`)"));
        assertTrue(md.contains("## Logistic negative log-likelihood over 10⁵ records, one thread (`LogisticSumOneThreadBench`)"));
        assertTrue(md.contains("| valueAndGradient | **reverse** | 2.00 µs · 2.00× |"), md);
        assertTrue(md.contains("| valueAndGradient | reverse, data as constants | 40.0 µs · 40.0× |"), md);
        assertTrue(md.contains("## Random irregular DAG (`RandomDagBench`)"));
        assertTrue(md.contains("| `p.at(row)`: bind one record's data | 1.00 µs | 0.020× |"), md);
        assertTrue(md.contains("| build and `Reverse.of` the sum over 10⁵ records with the data as constants (10⁶ nodes, one shot "
                + "per iteration) | 1.00 s | 20000× |"), md);
        assertTrue(md.contains("| **build + `Reverse.of` + first gradient** | 800 ms | 400 ms | 1.60 s | ≤ 1 s |"), md);
        assertTrue(md.contains("5 JVMs of each kind"), md);
        assertTrue(md.contains("## Sparse Jacobians of a banded residual as n grows (`SparseJacobianBench`)"));
        assertTrue(md.contains("| jvp | **forward** | 400 µs · 2.00× |"), md);
    }

    @Test
    void handWrittenTextAfterTheMarkerIsKeptAndNothingElse() {
        Results r = new Results(List.of());
        Machine machine = new Machine(2, "cpu", "jdk", "os");
        String tail = ReportWriter.HAND_WRITTEN_MARKER + "\n\n## Spark\n\nMeasured by hand: 647 ms.\n";
        String previous = "# Benchmarks\n\nold generated figures 123 ms\n\n" + tail;
        String md = ReportWriter.write(r, machine, "java Report", "settings", "today", previous);
        assertTrue(md.endsWith(tail), md);
        assertTrue(!md.contains("old generated figures"), "the generated part is replaced");
        assertEquals(md, ReportWriter.write(r, machine, "java Report", "settings", "today", md), "writing again changes nothing");
        assertEquals(ReportWriter.write(r, machine, "java Report", "settings", "today"),
                ReportWriter.write(r, machine, "java Report", "settings", "today", "# Benchmarks\n\nno marker\n"));
    }

    @Test
    void theTrackedReportHasTheMarkerBeforeItsHandWrittenSparkSection() throws Exception {
        java.nio.file.Path tracked = java.nio.file.Path.of("..", "BENCHMARKS.md");
        String text = java.nio.file.Files.readString(tracked);
        String kept = ReportWriter.handWritten(text);
        assertTrue(kept.contains("## Spark"), "the Spark section is kept when the report is written again");
        assertTrue(!kept.contains("## Targets"), "nothing generated is kept");
    }

    @Test
    void newMeasuresParseAndTheColdStartRunsOptionIsANumber() {
        assertEquals("valueAndGradient", Measurement.measureOf("valueAndGradientReverse"));
        assertEquals("ReverseBaked", new Measurement("", "valueAndGradientReverseBaked", Map.of(), 1, 0).implementation());
        assertEquals("value", Measurement.measureOf("valuePlain"));
        assertEquals("jvp", Measurement.measureOf("jvpForward"));
        assertEquals("sparseJacobian", Measurement.measureOf("sparseJacobianReverse"));
        assertEquals("3", Report.parse(new String[] {"--cold-start-runs", "3"}).get("--cold-start-runs"));
        assertThrows(IllegalArgumentException.class, () -> Report.parse(new String[] {"--cold-start-runs", "many"}));
    }
}
