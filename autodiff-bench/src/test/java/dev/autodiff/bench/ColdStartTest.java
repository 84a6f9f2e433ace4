package dev.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cold starts print every step, and the report's side reads and summarizes what they print. */
class ColdStartTest {

    private static List<String> run(String... args) {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ColdStart.main(args);
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void bothKindsOfRunPrintEveryStepAndTheTotalIsItsStepsAndNoMore() {
        Map<String, Long> gradient = ColdStart.parse(run("gradient", "1000"));
        Map<String, Long> queries = ColdStart.parse(run("queries", "1000"));
        assertEquals(List.of("build", "compile", "firstGradient", "total"), List.copyOf(gradient.keySet()));
        assertEquals(List.of("nodeCount", "variables", "valueMap"), List.copyOf(queries.keySet()));
        long steps = gradient.get("build") + gradient.get("compile") + gradient.get("firstGradient");
        // the total spans the three steps and the few reads of the clock between them
        assertTrue(gradient.get("total") >= steps && gradient.get("total") < steps + 1_000_000,
                "total " + gradient.get("total") + " against steps " + steps);
        gradient.values().forEach(t -> assertTrue(t > 0, gradient.toString()));
    }

    @Test
    void anUnknownKindOfRunIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ColdStart.main(new String[] {"warm"}));
    }

    @Test
    void eachStepIsSummarizedByItsMedianAndExtremes() {
        List<Measurement> ms = ColdStart.summarize(Map.of("total", List.of(5L, 1L, 3L), "nodeCount", List.of(4L, 2L)));
        assertEquals(2, ms.size());
        Measurement total = ms.stream().filter(m -> m.method().equals("total")).findFirst().orElseThrow();
        assertEquals(3, total.nanos());
        assertEquals("1", total.param("min"));
        assertEquals("5", total.param("max"));
        assertEquals("3", total.param("runs"));
        Measurement count = ms.stream().filter(m -> m.method().equals("nodeCount")).findFirst().orElseThrow();
        assertEquals(3, count.nanos(), "the median of an even number of runs is the mean of the middle two");
    }

    @Test
    void aColdStartJvmGetsTheBenchmarksHeapFlagsAndThisClassPath() {
        List<String> command = ColdStart.command("gradient");
        assertTrue(command.containsAll(JvmFlags.HEAP), command.toString());
        assertEquals(System.getProperty("java.class.path"), command.get(command.indexOf("-cp") + 1));
        assertEquals(List.of(ColdStart.class.getName(), "gradient"), command.subList(command.size() - 2, command.size()));
    }

    @Test
    void linesThatAreNotStepsAreIgnoredAndMalformedStepsRefused() {
        assertEquals(Map.of("build", 12L), ColdStart.parse(List.of("hello", "cold-start build 12", "cold-start-check 3.0")));
        assertThrows(IllegalStateException.class, () -> ColdStart.parse(List.of("cold-start build")));
    }
}
