package dev.autodiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Forward;
import dev.autodiff.reverse.Reverse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's Java example, compiled and run here, and checked to be the README's text. */
class ReadmeJavaExampleTest {

    @Test
    void example() {
        Variable x = Expr.variable("x"), y = Expr.variable("y");
        Expr e = Expr.parse("x^2 * sin(y) + exp(-x/2)");      // or: x.pow(2).times(y.sin()).plus(x.div(2).unaryMinus().exp())

        double v = e.value(Map.of("x", 1.0, "y", 2.0));       // evaluate directly

        Differentiable f = Reverse.of(e, x, y);               // compile once, call from any thread
        double[] grad = f.gradient(1.0, 2.0);                 // one forward and one backward sweep
        double[][] h  = f.hessian(1.0, 2.0);                  // reverse-over-forward, exactly symmetric
        double dv     = Forward.of(e, x, y).directional(new double[] {1, 2}, new double[] {0.5, -1});

        // Oracle: the closed forms, to a few ulps of values of order 1.
        assertEquals(Math.sin(2) + Math.exp(-0.5), v, 1e-15);
        assertEquals(2 * Math.sin(2) - 0.5 * Math.exp(-0.5), grad[0], 1e-15);
        assertEquals(Math.cos(2), grad[1], 1e-15);
        assertEquals(2 * Math.sin(2) + 0.25 * Math.exp(-0.5), h[0][0], 1e-15);
        assertEquals(h[0][1], h[1][0], 0.0);
        assertEquals(0.5 * grad[0] - grad[1], dv, 1e-15);
        Expr built = x.pow(2).times(y.sin()).plus(x.div(2).unaryMinus().exp());
        assertEquals(v, built.value(Map.of("x", 1.0, "y", 2.0)), 1e-15);
    }

    @Test
    void readmeJavaExampleIsThisOne() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String block = readme.substring(readme.indexOf("```java\n") + 8);
        block = block.substring(0, block.indexOf("```"));
        String test = Files.readString(Path.of("src/test/java/dev/autodiff/examples/ReadmeJavaExampleTest.java"));
        for (String line : block.split("\n")) {
            String l = line.trim();
            if (!l.isEmpty() && !l.startsWith("import ")) { // the test imports classes one by one
                assertTrue(test.contains(l), "README line not in ReadmeJavaExampleTest: " + l);
            }
        }
    }
}
