package dev.autodiff.reverse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's example of derivatives as expressions, compiled and run here, and checked to be the README's text. */
class ReadmeSymbolicExampleTest {

    @Test
    void example() {
        Variable x = Expr.variable("x"), y = Expr.variable("y");
        Expr f   = x.pow(3).times(y.sin());
        Expr fx  = f.derivative(x);                           // sin(y) * (3 * x^2)
        Expr fxy = fx.derivative(y);                          // 3 * x^2 * cos(y)
        List<Expr> g = f.gradient(List.of(x, y));             // one backward pass for every partial
        Expr s   = f.substitute(Map.of(x, y.times(y)));       // (y * y)^3 * sin(y)
        double[] h = Reverse.of(fxy, x, y).gradient(1.0, 2.0);   // compiled like any expression

        Expr r = x.abs();                                    // branches differentiate branch by branch:
        Expr huber = Expr.ifElse(r.lessThan(1), x.times(x).times(0.5), r.minus(0.5));
        Expr dh  = huber.derivative(x);                       // ifElse(abs(x) < 1, 0.5 * x + 0.5 * x, (x > 0) - (x < 0))

        // Oracle: closed forms, to a few ulps of values of order 1; the comments are the printed text.
        assertEquals("sin(y) * (3 * x^2)", fx.toString());
        assertEquals("3 * x^2 * cos(y)", fxy.toString());
        assertEquals("(y * y)^3 * sin(y)", s.toString());
        assertEquals("ifElse(abs(x) < 1, 0.5 * x + 0.5 * x, (x > 0) - (x < 0))", dh.toString());
        Map<String, Double> at = Map.of("x", 1.0, "y", 2.0);
        assertEquals(3 * Math.sin(2), g.get(0).value(at), 1e-15);
        assertEquals(Math.cos(2), g.get(1).value(at), 1e-15);
        assertEquals(6 * Math.cos(2), h[0], 1e-15);       // ∂/∂x 3x² cos y
        assertEquals(-3 * Math.sin(2), h[1], 1e-15);      // ∂/∂y 3x² cos y
        assertEquals(0.5, dh.value(Map.of("x", 0.5)), 0.0);
        assertEquals(-1.0, dh.value(Map.of("x", -2.0)), 0.0);
    }

    @Test
    void readmeExampleIsThisOne() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Derivatives as expressions"));
        String block = section.substring(section.indexOf("```java\n") + 8);
        block = block.substring(0, block.indexOf("```"));
        String test = Files.readString(Path.of("src/test/java/dev/autodiff/reverse/ReadmeSymbolicExampleTest.java"));
        int lines = 0;
        for (String line : block.split("\n")) {
            String l = line.trim();
            if (!l.isEmpty()) {
                lines++;
                assertTrue(test.contains(l), "README line not in ReadmeSymbolicExampleTest: " + l);
            }
        }
        assertTrue(lines > 5, "the README has the example");
    }
}
