package dev.autodiff.forward.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.engine.sweeps.Chunks;
import org.junit.jupiter.api.Test;

/** The chunk-size rule, against ForwardDiff.jl's {@code pickchunksize} worked by hand. */
class ChunksTest {
    @Test
    void smallInputCountsTakeOnePass() {
        assertEquals(1, Chunks.size(0));
        assertEquals(1, Chunks.size(1));
        assertEquals(12, Chunks.size(12));
    }

    @Test
    void largerInputCountsAreSplitEvenly() {
        assertEquals(7, Chunks.size(13)); // 2 passes of 7 and 6, not 12 and 1
        assertEquals(12, Chunks.size(24));
        assertEquals(9, Chunks.size(25)); // 3 passes
        assertEquals(12, Chunks.size(10_000)); // 834 passes
        for (int n = 1; n < 500; n++) {
            int k = Chunks.size(n);
            int passes = (n + k - 1) / k;
            assertTrue(k <= Chunks.MAX && passes == (n + Chunks.MAX - 1) / Chunks.MAX, "n = " + n);
        }
    }
}
