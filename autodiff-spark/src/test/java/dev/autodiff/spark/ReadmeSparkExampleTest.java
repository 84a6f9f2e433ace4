package dev.autodiff.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's Spark example, run here on records written to Parquet, and checked to be the README's text. */
class ReadmeSparkExampleTest {
    private static final double[][] ROWS = Logistic.records(500, 5);

    @Test
    void readmeSparkExampleRuns(@TempDir Path dir) {
        SparkSession spark = LocalSpark.session();
        String path = dir.resolve("records.parquet").toString();
        Logistic.dataset(ROWS, 2).write().parquet(path);
        double[][] rows = ROWS;
        double[] theta = {0.5, -1, 0.25};
        double[] g = new double[3];

        List<Variable> w = Expr.variables("w", 3);
        Variable x1 = Expr.variable("x1"), x2 = Expr.variable("x2"), y = Expr.variable("y");
        Expr z = w.get(0).times(x1).plus(w.get(1).times(x2)).plus(w.get(2));
        RecordFunction nll = RecordFunction.reverse(z.softplus().minus(y.times(z)), w, List.of(x1, x2, y));

        Dataset<Row> data = spark.read().parquet(path);                       // columns x1, x2, y
        try (SparkSum f = SparkSum.of(nll, data).persist()) {                 // records kept in executor memory
            double v = f.valueAndGradient(theta, g);                           // one Spark job
            double[][] h = f.hessian(theta);                                   // and hessianVector, directional
            // Parquet may split and order the records otherwise than the array: sums agree to
            // rounding, (N + c)·u·Σ|t| (SparkSumTest), bounded here by 2000 u times a generous Σ|t|
            assertEquals(nll.sumOver(rows).value(theta), v, 2000 * 0x1p-53 * 500 * 10);
            assertEquals(h[0][1], h[1][0], 0.0);
        }
        double[] here = nll.sumOver(rows).gradient(theta);                    // the same sum on one machine
        assertArrayEquals(here, g, 2000 * 0x1p-53 * 500 * 10);
    }

    @Test
    void readmeSparkExampleIsThisOne() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Beyond one machine: Spark"));
        String block = section.substring(section.indexOf("```java\n") + 8);
        block = block.substring(0, block.indexOf("```"));
        String test = Files.readString(Path.of("src/test/java/dev/autodiff/spark/ReadmeSparkExampleTest.java"));
        for (String line : block.split("\n")) {
            String l = line.trim();
            if (!l.isEmpty() && !l.startsWith("import ")) {
                assertTrue(test.contains(l), "README line not in ReadmeSparkExampleTest: " + l);
            }
        }
    }
}
