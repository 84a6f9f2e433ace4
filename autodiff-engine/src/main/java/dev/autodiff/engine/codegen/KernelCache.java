package dev.autodiff.engine.codegen;

import dev.autodiff.engine.loops.LoopShape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Generated kernels by {@link LoopShape} (or by a shape and what else its code is written for):
 * equal loops in one program, or in programs of the same structure, share code. Shapes whose
 * kernel would be too large to compile are remembered too, so they are not written again. At
 * {@value #LIMIT} shapes the cache starts over: the plans keep the kernels they hold, and only the
 * sharing with them is lost, so that new shapes (a program compiled now) are always shared, and a
 * kernel no plan holds any more can be unloaded with its class.
 */
public final class KernelCache<S, K> {
    static final int LIMIT = 1024;
    private final Map<S, K> kernels = new ConcurrentHashMap<>();
    private final Map<S, Boolean> tooLarge = new ConcurrentHashMap<>();
    private final Function<S, @Nullable K> generator;

    /** A cache whose kernels {@code generator} writes, or returns null for when too large. */
    KernelCache(Function<S, @Nullable K> generator) {
        this.generator = generator;
    }

    /** {@return the kernel of {@code shape}}, generated on first use, or null when too large to compile */
    @Nullable K get(S shape) {
        K k = kernels.get(shape);
        if (k == null && !tooLarge.containsKey(shape)) {
            k = generator.apply(shape);
            if (k == null) {
                startOverWhenFull(tooLarge);
                tooLarge.put(shape, true);
                return null;
            }
            startOverWhenFull(kernels);
            K raced = kernels.putIfAbsent(shape, k);
            k = raced != null ? raced : k;
        }
        return k;
    }

    private static void startOverWhenFull(Map<?, ?> map) {
        if (map.size() >= LIMIT) {
            map.clear();
        }
    }
}
