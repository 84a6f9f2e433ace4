package dev.autodiff.engine.loops;

import dev.autodiff.engine.codegen.LoopKernel;

/**
 * One loop of a {@link LoopPlan}: nodes {@code start … start + reps·period - 1} of the program, run
 * by {@code kernel}; {@code bases} holds each external operand's node in the first repetition.
 */
public record LoopRegion(LoopShape shape, LoopKernel kernel, int start, int reps, int[] bases) {
    /** Checks that a shape run {@linkplain LoopShape#once once} is given one repetition: its kernels have no loop. */
    public LoopRegion {
        if (shape.once && reps != 1) {
            throw new IllegalArgumentException("a straight-line segment's shape runs once, not " + reps + " times");
        }
    }

    /** {@return the node after the loop's last} */
    int end() {
        return start + reps * shape.period;
    }
}
