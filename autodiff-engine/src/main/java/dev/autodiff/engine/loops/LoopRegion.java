package dev.autodiff.engine.loops;

import dev.autodiff.engine.codegen.LoopKernel;

/**
 * One loop of a {@link LoopPlan}: nodes {@code start … start + reps·period - 1} of the program, run
 * by {@code kernel}; {@code bases} holds each external operand's node in the first repetition.
 */
public record LoopRegion(LoopShape shape, LoopKernel kernel, int start, int reps, int[] bases) {
    /** {@return the node after the loop's last} */
    int end() {
        return start + reps * shape.period;
    }
}
