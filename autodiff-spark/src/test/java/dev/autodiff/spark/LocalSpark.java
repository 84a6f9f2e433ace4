package dev.autodiff.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * One local Spark session for every test class of the module (surefire runs them in one JVM):
 * starting Spark takes seconds, a job on small data milliseconds. Two worker threads, as on CI's
 * two cores; no UI, few shuffle partitions, and the loopback address only.
 */
public final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() {}

    /** {@return the shared session, started at the first call} */
    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("autodiff-spark tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
        }
        return session;
    }

    /** {@return the shared session's Java context} */
    public static JavaSparkContext context() {
        return JavaSparkContext.fromSparkContext(session().sparkContext());
    }
}
