package dev.autodiff.engine.codegen;

import dev.autodiff.core.internal.rules.Partials;
import org.jspecify.annotations.Nullable;

/**
 * The generated code of a whole program summed over records: one JVM loop over rows, each row
 * binding the parameters, the program's values (and adjoints) in local variables, and the sums of its
 * outputs (and of its gradient with respect to the variables) in locals across the rows. Rows are
 * visited in order, so a sum is the same to the bit whenever the same rows are summed. Written by
 * {@link LoopWriter} from the same per-node code as every kernel; products are plain, so the caller
 * checks the sums and redoes the rows with the interpreter when one is not finite.
 */
public abstract class RecordKernel {
    /**
     * Sums over rows {@code from} … {@code to - 1} of {@code rows}: into {@code out}, each output's
     * sum, then (a gradient kernel) the sum of the gradient of output 0 with respect to each of the
     * variables {@code theta}; the other arguments are those of every kernel method, unused here.
     */
    public abstract void sum(double[] theta, double @Nullable [] unusedT, double[] out, double @Nullable [] unusedTadj,
            double @Nullable [] unusedParam, int from, int to, int @Nullable [] unusedBases, Partials scratch, double[][] rows);

    /**
     * {@return the record kernel of the program whose one segment is {@code shape}}, reading external
     * operand j from variable {@code bases[j]} (below {@code variables}) or from column
     * {@code bases[j] - variables} of each row, summing the positions {@code outputs} (and the
     * gradient of the first when {@code gradient}); or null when a method would be too large
     */
    public static @Nullable RecordKernel of(dev.autodiff.engine.loops.LoopShape shape, int[] bases, int variables,
            int[] outputs, boolean gradient) {
        return LoopWriter.generateRecord(shape, bases, variables, outputs, gradient);
    }
}
