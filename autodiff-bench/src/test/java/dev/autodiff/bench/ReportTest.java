package dev.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report computes ratios, growth and target verdicts from measurements it is given. */
class ReportTest {

    private static Measurement m(String bench, String method, String n, double nanos) {
        return new Measurement(bench, method, n.isEmpty() ? Map.of() : Map.of("n", n), nanos, nanos / 100);
    }

    @Test
    void ratioDividesByPlainFOfTheSameClassAndSize() {
        Results r = new Results(List.of(m("RosenbrockBench", "valuePlain", "10", 20), m("RosenbrockBench", "valuePlain", "100", 200),
                m("RosenbrockBench", "gradientReverse", "10", 60), m("RosenbrockBench", "gradientReverse", "100", 800)));
        assertEquals(3, r.ratio("RosenbrockBench", "gradientReverse", "10").getAsDouble(), 1e-12);
        assertEquals(4, r.ratio("RosenbrockBench", "gradientReverse", "100").getAsDouble(), 1e-12);
        assertTrue(r.ratio("RosenbrockBench", "gradientReverse", "1000").isEmpty());
    }

    @Test
    void growthIsTheExponentOfTheRatioInN() {
        // ratio 2 at n = 10 and 200 at n = 1000: two decades of ratio over two of n, k = 1
        assertEquals("n^1.00", ReportWriter.growth(List.of(new double[] {10, 2}, new double[] {1000, 200})));
        assertEquals("n^0.00", ReportWriter.growth(List.of(new double[] {10, 3}, new double[] {1e5, 3})));
    }

    @Test
    void targetsSayMetOrMissedAndByHowMuch() {
        List<Measurement> ms = new ArrayList<>();
        ms.add(m("RosenbrockBench", "valuePlain", "10000", 1000));
        ms.add(m("RosenbrockBench", "gradientReverse", "10000", 4000));       // ratio 4: met, aim 3 missed
        ms.add(m("RosenbrockBench", "directionalForward", "10000", 6000));    // ratio 6: missed by 2×
        ms.add(m("CompileBench", "buildAndCompileReverse", "", 0.5e9));       // 0.5 s: met, 2× under
        ms.add(m("RosenbrockSmallBench", "gradientHipparchusGradient", "100", 30_000));
        ms.add(m("RosenbrockBench", "gradientReverse", "100", 1_000));        // 30× faster: met
        List<Targets.Row> rows = Targets.evaluate(new Results(ms));
        assertTrue(rows.get(0).status().startsWith("**met**, 1.25× under; aim 3.00 missed"), rows.get(0).status());
        assertTrue(rows.get(1).status().startsWith("**missed** by 2.00×"), rows.get(1).status());
        assertEquals("not measured", rows.get(2).measured());
        assertTrue(rows.get(4).status().startsWith("**met**, 2.00× under"), rows.get(4).status());
        assertEquals("30.0× (reverse)", rows.get(5).measured());
        assertTrue(rows.get(5).status().startsWith("**met**, 3.00× beyond"), rows.get(5).status());
    }

    @Test
    void reportShowsTimesRatiosAndTheCommand() {
        Results r = new Results(List.of(m("AckleyBench", "valuePlain", "10", 50), m("AckleyBench", "gradientReverse", "10", 150),
                m("AckleyBench", "valuePlain", "1000", 5000), m("AckleyBench", "gradientReverse", "1000", 15_000)));
        String md = ReportWriter.write(r, new Machine(2, "Test CPU", "Test JDK", "Test OS"), "java -cp x Report --quick",
                "settings", "2025-01-01");
        assertTrue(md.contains("java -cp x Report --quick"), md);
        assertTrue(md.contains("Test CPU, 2 cores"), md);
        assertTrue(md.contains("| gradient | **reverse** | 150 ns · 3.00× | 15.0 µs · 3.00× | n^0.00 |"), md);
    }

    @Test
    void aQuickRunNeverOverwritesTheTrackedReport() {
        java.nio.file.Path tracked = java.nio.file.Path.of("BENCHMARKS.md");
        assertEquals(tracked, Report.output(Report.parse(new String[] {})));
        assertEquals(java.nio.file.Path.of("target", "BENCHMARKS-quick.md"), Report.output(Report.parse(new String[] {"--quick"})));
        assertEquals(tracked, Report.output(Report.parse(new String[] {"--quick", "--output", "BENCHMARKS.md"})),
                "unless asked to");
        assertThrows(IllegalArgumentException.class, () -> Report.parse(new String[] {"--output"}));
    }

    @Test
    void scoreUnitsConvertToNanoseconds() {
        assertEquals(1e3, Measurement.nanosPer("us/op"));
        assertEquals(1e9, Measurement.nanosPer("s/op"));
        assertThrows(IllegalArgumentException.class, () -> Measurement.nanosPer("ops/s"));
    }
}
