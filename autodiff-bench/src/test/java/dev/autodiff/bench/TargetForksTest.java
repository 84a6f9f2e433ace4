package dev.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repeated forks of the cells issue 14's bounds read: merged into the run as the median fork,
 * every fork kept, the spread shown in the targets table, and every such cell repeated.
 */
class TargetForksTest {

    private static Measurement fork(String bench, String method, String n, double... nanos) {
        List<Double> forks = new ArrayList<>();
        for (double x : nanos) {
            forks.add(x);
        }
        return new Measurement(bench, method, n.isEmpty() ? Map.of() : Map.of("n", n), nanos[0], nanos[0] / 100, forks);
    }

    @Test
    void aRepeatedCellBecomesTheMedianOfTheRunsForkAndTheRepeats() {
        List<Measurement> run = List.of(fork("NumericTapeBench", "gradientTape", "10000", 430_000),
                fork("NumericTapeBench", "gradientTape", "10", 300),
                fork("NumericTapeBench", Results.PLAIN, "10000", 7_000));
        List<Measurement> repeats = List.of(fork("NumericTapeBench", "gradientTape", "10000", 270_000, 280_000),
                fork("NumericTapeBench", Results.PLAIN, "10000", 6_800, 7_400));
        List<Measurement> merged = TargetForks.merge(run, repeats);
        assertEquals(3, merged.size(), "replaced in place, nothing added");
        Measurement tape = merged.get(0);
        assertEquals(280_000, tape.nanos(), "the median of 430, 270 and 280 µs: the slow fork does not decide");
        assertEquals(List.of(430_000.0, 270_000.0, 280_000.0), tape.forks(), "every fork kept, the run's first");
        assertTrue(Double.isNaN(tape.error()), "no confidence interval claimed for a median of forks");
        assertEquals(300, merged.get(1).nanos(), "another size of the same method is not touched");
        assertEquals(7_000, merged.get(2).nanos(), "plain f is repeated and merged the same way");
    }

    @Test
    void aRepeatTheRunLacksIsAddedAndTheMedianOfAnEvenCountIsTheMiddlePairsMean() {
        List<Measurement> merged = TargetForks.merge(List.of(), List.of(fork("MlpBench", "gradientReverse", "", 10, 30)));
        assertEquals(1, merged.size());
        assertEquals(20, merged.get(0).nanos());
        assertEquals(2.5, Measurement.median(List.of(4.0, 1.0, 3.0, 2.0)));
        assertThrows(IllegalArgumentException.class, () -> Measurement.median(List.of()));
    }

    @Test
    void theTargetsTableShowsEachForksRatioRange() {
        List<Measurement> ms = List.of(fork("NumericTapeBench", Results.PLAIN, "10000", 10_000, 10_000, 10_000),
                fork("NumericTapeBench", "gradientTape", "10000", 450_000, 380_000, 390_000),
                fork("NumericTapeBench", "gradientTapeFloor", "10000", 330_000, 340_000, 300_000),
                fork("LogSumExpBench", Results.PLAIN, "100", 5_000),
                fork("LogSumExpBench", "hessianReverse", "100", 1_250_000, 1_000_000, 1_500_000));
        Results r = new Results(TargetForks.merge(List.of(), ms));
        List<Goals.Row> rows = Goals.evaluate(r);
        Goals.Row tape = rows.stream().filter(x -> x.measure().startsWith("numeric tape")).findFirst().orElseThrow();
        assertEquals("39.0; 3 forks: 38.0–45.0; floor (`TapeFloor`): 33.0", tape.measured());
        assertTrue(tape.status().startsWith("**met**"), "judged on the median fork: " + tape.status());
        Goals.Row hessian = rows.stream().filter(x -> x.measure().startsWith("dense Hessian")).findFirst().orElseThrow();
        assertEquals("2.50 (reverse); 3 forks: 2.00–3.00", hessian.measured(), "per n, as the row's figure");
        assertEquals("", Goals.forkSpread(new Results(List.of(fork("NumericTapeBench", Results.PLAIN, "10000", 1),
                fork("NumericTapeBench", "gradientTape", "10000", 40))), "NumericTapeBench", "gradientTape", "10000", 1),
                "one fork: no spread to show");
    }

    @Test
    void everyIssue14BenchmarkRowIsMeasuredFromTheRepeatedCellsAlone() {
        // Made-up figures for exactly the repeated cells: a row of issue 14 that reads a cell not
        // repeated would say "not measured" and be judged on a single fork in a real run.
        List<Measurement> ms = new ArrayList<>();
        for (TargetForks.Group g : TargetForks.groups()) {
            for (String method : g.methods()) {
                ms.add(fork(g.bench(), method, g.n(), 1000, 1000));
            }
        }
        for (Goals.Row row : Goals.evaluate(new Results(ms))) {
            if (row.issue().equals("14") && !row.measure().startsWith("cold start")) {
                assertFalse(row.measured().equals("not measured"), row.measure());
                assertTrue(row.measured().contains("2 forks: "), row.measure() + ": " + row.measured());
            }
        }
    }

    @Test
    void theRepeatedCellsAreWhatTheRowsRead() {
        List<TargetForks.Group> groups = TargetForks.groups();
        TargetForks.Group rosenbrock = groups.stream().filter(g -> g.bench().equals("RosenbrockBench") && g.n().equals("10000"))
                .findFirst().orElseThrow();
        assertTrue(rosenbrock.methods().containsAll(List.of(Results.PLAIN, "valueAndGradientReverse", "gradientReverse",
                "hessianVectorReverse")), rosenbrock.toString());
        assertFalse(rosenbrock.methods().contains("directionalForward"), "a cell no bound of issue 14 reads is not repeated");
        TargetForks.Group tape = groups.stream().filter(g -> g.bench().equals("NumericTapeBench")).findFirst().orElseThrow();
        assertEquals("10000", tape.n());
        assertTrue(tape.methods().containsAll(List.of("gradientTapeFloor", "gradientTapeFloorFolded")),
                "shown beside the tape's row, so repeated with it: " + tape);
        assertEquals(groups.size(), groups.stream().map(g -> g.bench() + "@" + g.n()).distinct().count(), "one group per class and size");
        assertFalse(groups.stream().anyMatch(g -> g.bench().startsWith("Logistic") || g.bench().equals(ColdStart.BENCH)),
                "issues 13's rows and the cold starts are not repeated");
    }

    @Test
    void aGroupsIncludeMatchesItsMethodsAndNoOthers() {
        TargetForks.Group g = new TargetForks.Group("RosenbrockBench", "10", List.of("valuePlain", "gradientReverse"));
        Pattern p = Pattern.compile(g.include());
        assertTrue(p.matcher("dev.autodiff.bench.RosenbrockBench.gradientReverse").find());
        assertTrue(p.matcher("dev.autodiff.bench.RosenbrockBench.valuePlain").find());
        assertFalse(p.matcher("dev.autodiff.bench.RosenbrockBench.valueAndGradientReverse").find());
        assertFalse(p.matcher("dev.autodiff.bench.RosenbrockQuadraticBench.gradientReverse").find());
        assertFalse(p.matcher("dev.autodiff.bench.RosenbrockBench.gradientReverseExtra").find());
    }

    @Test
    void theTargetForksOptionIsACountFromOne() {
        assertEquals("3", Report.parse(new String[] {"--target-forks", "3"}).get("--target-forks"));
        assertThrows(IllegalArgumentException.class, () -> Report.parse(new String[] {"--target-forks", "0"}));
        assertThrows(IllegalArgumentException.class, () -> Report.parse(new String[] {"--target-forks", "x"}));
        assertThrows(IllegalArgumentException.class, () -> Report.parse(new String[] {"--target-forks"}));
    }
}
