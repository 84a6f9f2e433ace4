package dev.autodiff.engine.codegen;

import dev.autodiff.core.internal.rules.Partials;
import org.jspecify.annotations.Nullable;

/**
 * The generated code of a whole small program: its value and its gradient in one straight-line
 * method each, every value, partial and adjoint in a local variable, reading the point and the
 * parameters and writing the gradient with constant indices. No workspace, no clearing, no array of
 * nodes: a call costs what hand-written code would. Written by {@link LoopWriter} from the same
 * per-node code as every kernel ({@link LoopCode}, {@link BackwardCode}), so its results are the
 * interpreter's to the bit wherever they are finite; products are plain, so the caller checks the
 * gradient for a NaN or an infinity and runs the interpreter then.
 *
 * <p>The program is one segment from its first operation to its last: no custom operation, whose
 * rules are the user's, which the kernels do not write.
 */
public abstract class WholeKernel {
    /** Set once before the kernel is published; see {@link #scratchFree()}. */
    boolean scratchFree;

    /**
     * {@return whether the kernel never reads its scratch {@code Partials}}: every rule of its program
     * is written inline (arithmetic), so a caller may pass null and skip fetching a workspace
     */
    public boolean scratchFree() {
        return scratchFree;
    }

    /**
     * {@return the value of the program's output} at {@code x} (the variables) and {@code params} (the
     * parameters), writing ∂output/∂x into {@code g} (every element written); the arguments after
     * {@code g} are those of every kernel method, unused here
     */
    public abstract double valueAndGradient(double[] x, double[] params, double[] g, double @Nullable [] unused,
            double @Nullable [] unusedParam, int zero, int one, int @Nullable [] unusedBases, @Nullable Partials scratch);

    /** {@return the value of the program's output} at {@code x} and {@code params} */
    public abstract double value(double[] x, double[] params, double @Nullable [] unusedG, double @Nullable [] unused,
            double @Nullable [] unusedParam, int zero, int one, int @Nullable [] unusedBases, @Nullable Partials scratch);

    /**
     * {@return the kernel of the program whose one segment is {@code shape}}, reading external operand
     * j from input {@code bases[j]} (a variable below {@code variables}, a parameter above) and
     * returning position {@code output}; or null when a method would be too large for the JIT
     */
    public static @Nullable WholeKernel of(dev.autodiff.engine.loops.LoopShape shape, int[] bases, int variables, int output) {
        return LoopWriter.generateWhole(shape, bases, variables, output);
    }
}
