package dev.autodiff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command's output checked against closed forms, and its error cases and exit codes. */
class MainTest {
    /** The printed numbers carry ten significant digits. */
    private static final double PRINTED = 1e-9;

    record Result(int status, String out, String err) {}

    static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** {@return the number printed after {@code label} on its line} */
    static double number(String text, String label) {
        Matcher m = Pattern.compile(Pattern.quote(label) + "\\s*=\\s*(\\S+)").matcher(text);
        assertTrue(m.find(), () -> "no " + label + " in:\n" + text);
        return Double.parseDouble(m.group(1));
    }

    static void close(double expected, double actual) {
        assertEquals(expected, actual, PRINTED * Math.max(1, Math.abs(expected)));
    }

    @Test
    void printsValueGradientAndHessianInBothModes() {
        for (String mode : List.of("reverse", "forward")) {
            Result r = run("x^2*sin(y)", "--at", "x=1,y=2", "--mode", mode);
            assertEquals(0, r.status(), r.err());
            close(Math.sin(2), number(r.out(), "value  f"));
            close(2 * Math.sin(2), number(r.out(), "∂f/∂x"));
            close(Math.cos(2), number(r.out(), "∂f/∂y"));
            String[] lines = r.out().split("\n");
            int h = 0;
            while (!lines[h].startsWith("hessian")) {
                h++;
            }
            double[] row0 = row(lines[h + 1]);
            double[] row1 = row(lines[h + 2]);
            close(2 * Math.sin(2), row0[0]);
            close(2 * Math.cos(2), row0[1]);
            close(2 * Math.cos(2), row1[0]);
            close(-Math.sin(2), row1[1]);
        }
    }

    @Test
    void bothModesPrintTheSameDerivativesAtTheIssuesEdgePoints() {
        // x·log x at 0 gave ∂f/∂x = -∞ in reverse mode and NaN in forward mode; one zero-factor rule
        // now gives -∞ in both (the value 0·(-∞) is NaN), and likewise the other reproductions
        String[][] cases = {{"x*log(x)", "x=0"}, {"sqrt(x)*y", "x=0,y=0"}, {"log(exp(x))", "x=-800"}};
        for (String[] c : cases) {
            Result reverse = run(c[0], "--at", c[1], "--mode", "reverse");
            Result forward = run(c[0], "--at", c[1], "--mode", "forward");
            assertEquals(0, reverse.status(), reverse.err());
            assertEquals(reverse.out().replace("mode: reverse", "mode: forward"), forward.out(), c[0] + " at " + c[1]);
        }
        Result r = run("x*log(x)", "--at", "x=0");
        assertEquals(Double.NEGATIVE_INFINITY, number(r.out(), "∂f/∂x"), r.out());
        assertTrue(Double.isNaN(number(r.out(), "value  f")), r.out());
    }

    private static double[] row(String line) {
        String[] parts = line.trim().split("\\s+");
        double[] v = new double[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(parts[i]);
        }
        return v;
    }

    @Test
    void demonstrationPrintsTheLogisticRegressionGradients() {
        Result r = run();
        assertEquals(0, r.status(), r.err());
        double z = -4 * 1.5 + 3 * 2.5 - 1;
        double yhat = 1 / (1 + Math.exp(-z));
        close(yhat, number(r.out(), "yhat  "));
        close(-Math.log(yhat), number(r.out(), "L     "));
        // dL/dz = yhat - y for the sigmoid with cross-entropy; dz/dw1 = x1, dz/dw2 = x2, dz/db = 1
        close((yhat - 1) * 1.5, number(r.out(), "dL/dw1"));
        close((yhat - 1) * 2.5, number(r.out(), "dL/dw2"));
        close(yhat - 1, number(r.out(), "dL/db "));
        // the published four-decimal values of this lecture example
        assertEquals(0.4741, number(r.out(), "L     "), 5e-5);
        assertEquals(-0.5663, number(r.out(), "dL/dw1"), 5e-5);
        assertEquals(-0.9439, number(r.out(), "dL/dw2"), 5e-5);
        assertEquals(-0.3775, number(r.out(), "dL/db "), 5e-5);
    }

    @Test
    void taylorDerivativesOfExponential() {
        Result r = run("exp(2*x) * y", "--at", "x=0.3,y=1.5", "--derivatives", "10", "--wrt", "x");
        assertEquals(0, r.status(), r.err());
        close(1.5 * 1024 * Math.exp(0.6), number(r.out(), "f^(10)"));
        close(1.5 * 4 * Math.exp(0.6), number(r.out(), "f''"));
    }

    @Test
    void parseErrorGivesColumnAndStatus2() {
        Result r = run("x + * y", "--at", "x=1,y=2");
        assertEquals(Main.USAGE, r.status());
        assertTrue(r.err().contains("column 5"), r.err());
        assertTrue(r.err().contains("    ^"), "a caret under the column:\n" + r.err());
    }

    @Test
    void badPointsAndOptionsGiveStatus2() {
        assertEquals(Main.USAGE, run("x", "--at", "x=abc").status());
        assertTrue(run("x", "--at", "x=abc").err().contains("abc"));
        assertEquals(Main.USAGE, run("x", "--at", "x").status());
        Result missing = run("x*y", "--at", "x=1");
        assertEquals(Main.USAGE, missing.status());
        assertTrue(missing.err().contains("y"), missing.err());
        assertEquals(Main.USAGE, run("x", "--at", "x=1", "--mode", "sideways").status());
        assertEquals(Main.USAGE, run("x", "--frobnicate").status());
        assertEquals(Main.USAGE, run("x", "--at").status());
        assertEquals(Main.USAGE, run("x", "--at", "x=1", "--derivatives", "3").status());
        assertEquals(Main.USAGE, run("x", "--at", "x=1", "--derivatives", "3", "--wrt", "q").status());
    }

    @Test
    void pointsTakeNumbersAsTheLanguageSpellsThem() {
        Result inf = run("x + y", "--at", "x=inf,y=-2");
        assertEquals(0, inf.status(), inf.err());
        assertEquals(Double.POSITIVE_INFINITY, number(inf.out(), "value  f"));
        Result nan = run("x * y", "--at", "x=nan,y=2");
        assertEquals(0, nan.status(), nan.err());
        assertTrue(Double.isNaN(number(nan.out(), "value  f")), nan.out());
        Result pi = run("sin(x)", "--at", "x=pi/2");
        assertEquals(0, pi.status(), pi.err());
        close(1, number(pi.out(), "value  f"));
        close(Math.cos(Math.PI / 2), number(pi.out(), "∂f/∂x"));
        Result negative = run("x", "--at", "x=-1.5e-3");
        close(-1.5e-3, number(negative.out(), "value  f"));
    }

    @Test
    void aNumberADoubleCannotHoldIsRefused() {
        Result r = run("x", "--at", "x=1e400");
        assertEquals(Main.USAGE, r.status());
        assertTrue(r.err().contains("too large") && r.err().contains("x"), r.err());
        Result variable = run("x", "--at", "x=y");
        assertEquals(Main.USAGE, variable.status());
        assertTrue(variable.err().contains("expected a number for x"), variable.err());
    }

    @Test
    void aVariableGivenTwiceIsRefused() {
        Result again = run("x", "--at", "x=1", "--at", "x=2");
        assertEquals(Main.USAGE, again.status());
        assertTrue(again.err().contains("x is given twice"), again.err());
        Result inOne = run("x", "--at", "x=1,x=2");
        assertEquals(Main.USAGE, inOne.status());
        assertTrue(inOne.err().contains("x is given twice"), inOne.err());
        assertEquals(0, run("x * y", "--at", "x=1", "--at", "y=2").status(), "separate variables in separate options");
    }

    @Test
    void anUnusedVariableIsReported() {
        Result r = run("x^2", "--at", "x=3,z=1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.err().contains("z is not used by the expression"), r.err());
        close(0, number(r.out(), "∂f/∂z"));
        assertTrue(run("x^2", "--at", "x=3").err().isEmpty());
    }

    @Test
    void optionErrorsComeBeforeAnyResult(@TempDir Path dir) {
        Result wrt = run("x", "--at", "x=1", "--derivatives", "3", "--wrt", "q");
        assertEquals(Main.USAGE, wrt.status());
        assertTrue(wrt.err().contains("--wrt q"), wrt.err());
        assertEquals("", wrt.out());
        Path nowhere = dir.resolve("missing").resolve("g.svg");
        Result svg = run("x*y", "--at", "x=1,y=2", "--svg", nowhere.toString());
        assertEquals(Main.OUTPUT, svg.status());
        assertEquals("", svg.out());
        Result dot = run("x*y", "--at", "x=1,y=2", "--dot", dir.resolve("missing").resolve("g.dot").toString());
        assertEquals(Main.OUTPUT, dot.status());
        assertTrue(dot.err().contains("missing"), dot.err());
        assertEquals("", dot.out());
    }

    @Test
    void aDotThatNeverFinishesIsStoppedAtTheTimeLimit(@TempDir Path dir) throws Exception {
        Path fake = dir.resolve("dot");
        Files.writeString(fake, "#!/bin/sh\nexec sleep 600\n");
        org.junit.jupiter.api.Assumptions.assumeTrue(fake.toFile().setExecutable(true), "needs an executable script");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        long start = System.nanoTime();
        int status = Pictures.render(fake, "digraph { a -> b }", dir.resolve("g.svg"), java.time.Duration.ofSeconds(1),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(Main.OUTPUT, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("did not finish within 1 s"), err.toString(StandardCharsets.UTF_8));
        assertTrue(seconds < 30, "stopped after " + seconds + " s"); // 1 s limit; generous for a loaded machine
    }

    @Test
    void aParseErrorEchoesNoInvisibleCharacter() {
        Result r = run("x + \u0000", "--at", "x=1");
        assertEquals(Main.USAGE, r.status());
        assertTrue(r.err().contains("U+0000"), r.err());
        assertTrue(r.err().chars().noneMatch(c -> Character.isISOControl(c) && c != '\n'), r.err());
    }

    @Test
    void helpDocumentsEveryOption() {
        Result r = run("--help");
        assertEquals(0, r.status());
        for (String option : List.of("--at", "--mode", "--derivatives", "--wrt", "--dot", "--svg", "--help")) {
            assertTrue(r.out().contains(option), option);
        }
        List<String> words = List.of(r.out().split("[\\s.,()]+"));
        for (String function : dev.autodiff.core.internal.text.Names.functions()) {
            assertTrue(words.contains(function), "lists " + function + ":\n" + r.out());
        }
    }

    @Test
    void dotPictureHasBothPassesWithValuesAdjointsAndPartials(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("g.dot");
        Result r = run("x*y + sin(x)", "--at", "x=3,y=5", "--dot", file.toString());
        assertEquals(0, r.status(), r.err());
        String dot = Files.readString(file);
        assertTrue(dot.startsWith("digraph"), dot);
        assertTrue(dot.contains("cluster_forward") && dot.contains("cluster_backward"), dot);
        // nodes: 0 x, 1 y, 2 x*y, 3 sin(x), 4 sum. The product's backward edges carry ∂(xy)/∂x = y = 5
        // and ∂(xy)/∂y = x = 3; x's adjoint is y + cos(x).
        assertTrue(dot.contains("b2 -> b0 [label=\"5\"]"), dot);
        assertTrue(dot.contains("b2 -> b1 [label=\"3\"]"), dot);
        assertTrue(dot.contains("b3 -> b0 [label=\"" + Format.number(Math.cos(3)) + "\"]"), dot);
        assertTrue(dot.contains("adjoint " + Format.number(5 + Math.cos(3))), dot);
        assertTrue(dot.contains("f0 -> f2"), dot);
        assertTrue(dot.contains("\\n" + Format.number(15 + Math.sin(3))), "the sum's value:\n" + dot);
        renderIfGraphvizIsInstalled(file, dir);
    }

    private static void renderIfGraphvizIsInstalled(Path dotFile, Path dir) throws Exception {
        Path svg = dir.resolve("g.svg");
        Result r = run("x*y + sin(x)", "--at", "x=3,y=5", "--svg", svg.toString());
        if (Pictures.graphviz().isPresent()) {
            assertEquals(0, r.status(), r.err());
            assertTrue(Files.readString(svg).contains("<svg"));
        } else {
            assertEquals(Main.OUTPUT, r.status());
            assertTrue(r.err().contains("apt-get install graphviz"), r.err());
        }
    }

    @Test
    void traceAdjointsOfInputsEqualTheReverseGradient() {
        Variable x = Expr.variable("x");
        Variable y = Expr.variable("y");
        Expr s = x.times(y).sin();
        Expr e = s.times(s).plus(x.exp().div(y)).minus(x.pow(3));
        double[] p = {0.7, 1.9};
        Trace t = new Trace(e, List.of(x, y), p);
        double[] g = Reverse.of(e, x, y).gradient(p);
        assertEquals(g[0], t.adjoint[0], 1e-14 * Math.abs(g[0]));
        assertEquals(g[1], t.adjoint[1], 1e-14 * Math.abs(g[1]));
    }
}
