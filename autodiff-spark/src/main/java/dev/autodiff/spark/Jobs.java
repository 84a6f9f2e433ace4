package dev.autodiff.spark;

import java.util.function.Supplier;

/**
 * Runs a Spark action and turns its failure into an unchecked exception: Spark's
 * {@code SparkException} is a checked exception that Scala does not declare. A failure caused by an
 * {@link IllegalArgumentException} on an executor (a null in a column, a malformed payload) comes
 * back as an {@code IllegalArgumentException} with that message.
 */
final class Jobs {
    private Jobs() {}

    static <T> T run(String what, Supplier<T> action) {
        try {
            return action.get();
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            // javac sees no checked exception in the body, but a Scala method may throw one
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof IllegalArgumentException) {
                    throw new IllegalArgumentException(c.getMessage(), e);
                }
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("the Spark job " + what + " failed: " + e.getMessage(), e);
        }
    }
}
