package dev.autodiff.engine.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KernelCacheTest {
    /** A cache of fresh objects by name, counting how often each name's kernel is written. */
    private static final class Counting {
        final Map<String, Integer> written = new HashMap<>();
        final KernelCache<String, Object> cache = new KernelCache<>(shape -> {
            written.merge(shape, 1, Integer::sum);
            return shape.startsWith("large") ? null : new Object();
        });
    }

    @Test
    void aShapeIsWrittenOnceAndShared() {
        Counting c = new Counting();
        Object k = c.cache.get("loop");
        assertSame(k, c.cache.get("loop"));
        assertNull(c.cache.get("large loop"));
        assertNull(c.cache.get("large loop"));
        assertEquals(Map.of("loop", 1, "large loop", 1), c.written);
    }

    @Test
    void newShapesAreSharedHoweverManyCameBefore() {
        // a long-running program compiles many shapes; the cache starts over when full, so a shape
        // compiled now is still shared by the plans that follow
        Counting c = new Counting();
        for (int i = 0; i < 3 * KernelCache.LIMIT + 7; i++) {
            c.cache.get("shape " + i);
            c.cache.get("large shape " + i);
        }
        Object k = c.cache.get("new");
        assertSame(k, c.cache.get("new"));
        assertNull(c.cache.get("large new"));
        assertNull(c.cache.get("large new"));
        assertEquals(1, c.written.get("new"));
        assertEquals(1, c.written.get("large new"));
    }
}
