package dev.autodiff.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CompilationSettlingTest {
    @Test
    void aCallThatCompilesNothingNewSettlesAfterItsMinimumAndTheQuietWindows() {
        AtomicLong counted = new AtomicLong();
        CompilationSettling.Outcome outcome = CompilationSettling.callUntilSettled(counted::incrementAndGet, 1000, 60);
        assertTrue(outcome.settled(), outcome.toString());
        assertEquals(counted.get(), outcome.calls(), "every call is counted");
        assertTrue(outcome.calls() >= 1000, "at least the minimum: " + outcome);
        // the quiet windows are timed: settling takes at least that many of them
        assertTrue(outcome.seconds() >= CompilationSettling.QUIET_WINDOWS * CompilationSettling.WINDOW_MILLIS / 1000.0,
                outcome.toString());
    }

    @Test
    void noTimeLeftMeansNotSettled() {
        CompilationSettling.Outcome outcome = CompilationSettling.callUntilSettled(() -> {}, 10, 0);
        assertFalse(outcome.settled(), outcome.toString());
        assertTrue(outcome.toString().contains("still running"), outcome.toString());
    }
}
