package dev.autodiff.engine.codegen;

import dev.autodiff.engine.loops.LoopShape;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link KernelCache} key: a loop shape and what else the kernel's code is written for, an array
 * compared by its contents (a fused kernel's seeds, a bounded kernel's input operands).
 *
 * @param shape the loop's shape
 * @param data  the array the code is also written for; not changed once in a key
 * @param <A>   the array's type
 */
record ShapeKey<A>(LoopShape shape, A data) {
    @Override
    public boolean equals(Object o) {
        return o instanceof ShapeKey<?> k && k.shape.equals(shape) && Objects.deepEquals(k.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.deepHashCode(new Object[] {data});
    }

    @Override
    public String toString() {
        String array = Arrays.deepToString(new Object[] {data});
        return shape + " with " + array.substring(1, array.length() - 1);
    }
}
