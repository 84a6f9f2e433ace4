package dev.autodiff.engine.codegen;

import dev.autodiff.engine.loops.LoopShape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Generated kernels by {@link LoopShape} (or by a shape and what else its code is written for):
 * equal loops in one program, or in programs of the same structure, share code. Shapes whose
 * kernel would be too large to compile are remembered too, so they are not written again. Beyond {@value #LIMIT} shapes new kernels are not cached (their
 * classes are unloaded with their plans).
 */
public final class KernelCache<S, K> {
    private static final int LIMIT = 1024;
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
                if (tooLarge.size() < LIMIT) {
                    tooLarge.put(shape, true);
                }
                return null;
            }
            if (kernels.size() < LIMIT) {
                K raced = kernels.putIfAbsent(shape, k);
                k = raced != null ? raced : k;
            }
        }
        return k;
    }
}
