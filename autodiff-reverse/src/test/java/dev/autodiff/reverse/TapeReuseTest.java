package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.reverse.internal.Recording;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The arrays of a top-level tape are a per-thread spare, borrowed when a tape opens and given back
 * cleared when it closes: a tape never sees what an earlier one recorded, whatever happened to that
 * one (an exception, nested tapes, another thread), and repeating the same work does not grow them.
 *
 * <p>The oracle is the hand-written gradient of chained Rosenbrock; the first tape's result is also
 * compared, to the bit, with every later one's: reuse must not change a single rounding.
 */
class TapeReuseTest {
    private static final double[] POINT = point(200);

    private static double[] point(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(1.7 * i) * 1.4;
        }
        return x;
    }

    static <T extends dev.autodiff.core.Scalar<T>> T rosenbrock(T[] x) {
        T sum = x[0].newConstant(0);
        for (int i = 0; i + 1 < x.length; i++) {
            T a = x[i + 1].minus(x[i].times(x[i]));
            T b = x[i].newConstant(1).minus(x[i]);
            sum = sum.plus(a.times(a).times(100).plus(b.times(b)));
        }
        return sum;
    }

    private static double[] analytic(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i + 1 < x.length; i++) {
            double a = x[i + 1] - x[i] * x[i];
            g[i] += -400 * x[i] * a - 2 * (1 - x[i]);
            g[i + 1] += 200 * a;
        }
        return g;
    }

    private static double[] onATape(Tape tape, double[] p) {
        Tracked[] xs = new Tracked[p.length];
        for (int i = 0; i < p.length; i++) {
            xs[i] = tape.variable(p[i]);
        }
        return tape.gradient(rosenbrock(xs), xs);
    }

    private static void nearAnalytic(double[] g) {
        double[] expected = analytic(POINT);
        for (int i = 0; i < g.length; i++) {
            // the tape and the closed form group the same terms differently: a few roundings of
            // terms of size up to |400 x a| ≈ 10³
            assertEquals(expected[i], g[i], 1e-12 * 1e3, "component " + i);
        }
    }

    @Test
    void consecutiveTapesShareTheArraysWithoutGrowingThem() {
        double[] first;
        Recording arrays;
        int capacity;
        try (Tape tape = Tape.open()) {
            first = onATape(tape, POINT);
            arrays = tape.recording();
            capacity = arrays.capacity();
            assertTrue(capacity >= tape.size(), "capacity " + capacity + " below " + tape.size() + " nodes");
        }
        nearAnalytic(first);
        for (int round = 0; round < 5; round++) {
            try (Tape tape = Tape.open()) {
                assertSame(arrays, tape.recording(), "the thread's spare is reused");
                assertEquals(0, tape.size(), "a reused recording starts empty");
                assertArrayEquals(first, onATape(tape, POINT), "round " + round);
                assertEquals(capacity, tape.recording().capacity(), "the same work does not grow the arrays");
            }
        }
    }

    @Test
    void aLargerTapeGrowsTheSpareWhichAfterwardsServesSmallerOnes() {
        double[] small;
        try (Tape tape = Tape.open()) {
            small = onATape(tape, POINT);
        }
        int large;
        try (Tape tape = Tape.open()) {
            onATape(tape, point(2_000));
            large = tape.recording().capacity();
        }
        try (Tape tape = Tape.open()) {
            assertArrayEquals(small, onATape(tape, POINT), "stale nodes of the larger tape never reach a gradient");
            assertEquals(large, tape.recording().capacity(), "the high-water mark is kept");
        }
    }

    @Test
    void theVariablesOfAPointMakeRoomForTheFunctionAhead() {
        try (Tape tape = Tape.open()) {
            Tracked[] xs = tape.variables(point(1_000));
            int capacity = tape.recording().capacity();
            assertTrue(capacity >= 17 * 1_000, "capacity " + capacity);
            tape.gradient(rosenbrock(xs), xs); // about 8 nodes per variable
            assertEquals(capacity, tape.recording().capacity(), "no growth while recording");
        }
        // but never beyond what the thread keeps: 10^5 variables do not cost it its spare
        Recording arrays;
        try (Tape tape = Tape.open()) {
            tape.variables(new double[100_000]);
            arrays = tape.recording();
            assertTrue(arrays.capacity() <= Recording.KEPT_CAPACITY, "capacity " + arrays.capacity());
        }
        try (Tape tape = Tape.open()) {
            assertSame(arrays, tape.recording());
        }
    }

    @Test
    void tapesOpenAtOnceOnOneThreadHaveTheirOwnArrays() {
        try (Tape a = Tape.open(); Tape b = Tape.open()) {
            assertNotSame(a.recording(), b.recording());
            // interleaved recording on both: each gradient sees its own tape alone
            Tracked x = a.variable(2);
            Tracked y = b.variable(3);
            Tracked fa = x.times(x).times(x);
            Tracked fb = y.sin().times(y);
            assertEquals(12, a.gradient(fa, x)[0], 0.0);
            assertEquals(Math.cos(3) * 3 + Math.sin(3), b.gradient(fb, y)[0], 1e-15);
        }
    }

    @Test
    void afterAFunctionThrowsTheNextTapeStartsEmptyOnTheSameArrays() {
        Function<Tracked[], Tracked> failing = v -> {
            rosenbrock(v);
            throw new IllegalStateException("stop after recording");
        };
        assertThrows(IllegalStateException.class, () -> Reverse.gradient(failing, POINT));
        Recording arrays;
        try (Tape tape = Tape.open()) {
            arrays = tape.recording();
            assertEquals(0, tape.size());
            nearAnalytic(onATape(tape, POINT));
        }
        assertThrows(IllegalStateException.class, () -> Reverse.gradient(failing, POINT));
        try (Tape tape = Tape.open()) {
            assertSame(arrays, tape.recording(), "Reverse.gradient closed its tape although f threw");
            assertEquals(0, tape.size());
        }
    }

    @Test
    void nestedTapesBorrowAndGiveBackWhileTheOuterKeepsItsOwn() {
        try (Tape outer = Tape.open()) {
            Tracked x = outer.variable(0.7);
            Recording outerArrays = outer.recording();
            Recording innerArrays;
            try (Tape inner = outer.openNested()) {
                innerArrays = inner.recording();
                assertNotSame(outerArrays, innerArrays);
                Tracked y = inner.variable(x);
                assertEquals(Math.cos(0.7), inner.trackedGradient(y.sin(), y)[0].value(), 1e-15);
            }
            // the next nested tape takes the spare the first gave back, empty
            try (Tape inner = outer.openNested()) {
                assertSame(innerArrays, inner.recording());
                assertEquals(0, inner.size());
            }
            // d/dx [x · d/dy (x·y)] = 2x, after several nested tapes came and went
            for (int k = 0; k < 3; k++) {
                Tracked d = outer.derivativeOf(y -> x.times(y), 3.0).times(x);
                assertEquals(1.4, outer.gradient(d, x)[0], 1e-15);
            }
            assertSame(outerArrays, outer.recording());
        }
        // a nested function that throws: the tapes it opened are closed and given back, the outer rolled back
        try (Tape outer = Tape.open()) {
            Tracked x = outer.variable(2);
            int size = outer.size();
            assertThrows(ArithmeticException.class, () -> outer.gradientOf(v -> {
                v[0].times(x).exp();
                throw new ArithmeticException("inside");
            }, 1.0));
            assertEquals(size, outer.size());
            try (Tape inner = outer.openNested()) {
                assertEquals(0, inner.size());
            }
            assertEquals(4, outer.gradient(x.times(x), x)[0], 0.0);
        }
    }

    @Test
    void aClosedTapeKeepsItsSizeAndRefusesUseWhileItsArraysServeTheNext() {
        Tape closed = Tape.open();
        Tracked x = closed.variable(1);
        Tracked y = x.exp();
        int size = closed.size();
        closed.close();
        try (Tape next = Tape.open()) {
            assertSame(closed.recording(), next.recording());
            closed.close(); // again: it must not give back the arrays that next now records into
            try (Tape other = Tape.open()) {
                assertNotSame(next.recording(), other.recording());
            }
            onATape(next, POINT);
            assertEquals(size, closed.size());
            assertTrue(closed.toString().contains(size + " nodes, closed"), closed.toString());
            assertThrows(IllegalStateException.class, () -> y.plus(x));
            assertThrows(IllegalStateException.class, () -> closed.gradient(y, x));
            assertThrows(IllegalStateException.class, () -> closed.variable(1));
        }
    }

    @Test
    void aTapeClosedFromAnotherThreadDoesNotBecomeThatThreadsSpare() throws Exception {
        Tape tape = Tape.open();
        Recording arrays = tape.recording();
        tape.variable(1);
        Recording seen = CompletableFuture.supplyAsync(() -> {
            tape.close();
            try (Tape there = Tape.open()) {
                return there.recording();
            }
        }).get();
        assertNotSame(arrays, seen);
        try (Tape here = Tape.open()) {
            assertNotSame(arrays, here.recording(), "nor this one's: it may still be in use");
        }
    }

    @Test
    void aRecordingAboveTheKeptCapacityIsLetGo() {
        Recording huge;
        try (Tape tape = Tape.open()) {
            Tracked x = tape.variable(0);
            Tracked y = tape.variable(1);
            Tracked s = x;
            for (int k = 0; k < Recording.KEPT_CAPACITY; k++) {
                s = s.plus(y); // a node each: a sum of two nodes does not fold
            }
            assertEquals(Recording.KEPT_CAPACITY, s.value(), 0.0);
            assertEquals(1, tape.gradient(s, x)[0], 0.0);
            huge = tape.recording();
            assertTrue(huge.capacity() > Recording.KEPT_CAPACITY);
        }
        try (Tape tape = Tape.open()) {
            assertNotSame(huge, tape.recording());
            assertTrue(tape.recording().capacity() <= Recording.KEPT_CAPACITY);
        }
    }
}
