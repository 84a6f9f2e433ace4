package dev.autodiff.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * {@link LogisticSums} on one thread: forked with no worker in the common fork-join pool
 * ({@link JvmFlags#ONE_THREAD}), so the sums run on the benchmark's thread alone, as the plain loop
 * they are divided by does.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {JvmFlags.MIN_HEAP, JvmFlags.MAX_HEAP, JvmFlags.PRE_TOUCH, JvmFlags.ONE_THREAD})
public class LogisticSumOneThreadBench extends LogisticSums {

    /** Refuses to run in a JVM whose common pool may have workers: its figures would be mislabelled. */
    @Override
    protected void checkJvm() {
        String parallelism = System.getProperty(JvmFlags.PARALLELISM_PROPERTY);
        if (!"0".equals(parallelism)) {
            throw new IllegalStateException("expected a fork with " + JvmFlags.ONE_THREAD + " (no worker in the common pool), got "
                    + JvmFlags.PARALLELISM_PROPERTY + " = " + parallelism + "; run this benchmark forked (-f 1), not in JMH's own JVM");
        }
    }
}
