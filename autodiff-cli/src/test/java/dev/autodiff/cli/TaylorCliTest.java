package dev.autodiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code --derivatives N --wrt x}: Taylor mode in one variable with the others held at their values. */
class TaylorCliTest {
    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** {@return the number on the line {@code label = …} of the Taylor section of {@code out}} */
    private static double line(String out, String label) {
        String section = out.substring(out.indexOf("(Taylor mode)"));
        for (String l : section.split("\n")) {
            if (l.trim().startsWith(label + " = ")) {
                return Double.parseDouble(l.trim().substring(label.length() + 3));
            }
        }
        throw new AssertionError("no line " + label + " in\n" + out);
    }

    @Test
    void derivativesThroughABranchHoldTheOtherVariablesInsideIt() {
        // ifElse(y < 1, x³·y, x): with y = 0.5 held, f = 0.5·x³, f''' = 3
        String out = run("ifElse(y < 1, x^3 * y, x)", "--at", "x=2,y=0.5", "--derivatives", "4", "--wrt", "x");
        assertEquals(4, line(out, "f"), 1e-12);
        assertEquals(6, line(out, "f'"), 1e-12);
        assertEquals(3, line(out, "f'''"), 1e-12);
        assertEquals(0, line(out, "f^(4)"), 0.0);
    }

    @Test
    void highOrdersOfAnEntireFunctionStayFinite() {
        String out = run("sin(x) * y", "--at", "x=0,y=2", "--derivatives", "99", "--wrt", "x");
        // sin^(99)(0) = sin(99π/2) = -1
        assertEquals(-2, line(out, "f^(99)"), 1e-10);
        assertTrue(out.contains("Taylor mode"), out);
    }
}
