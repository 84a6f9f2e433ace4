package dev.autodiff.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library works as named modules, as a modular application uses it: a consumer module that
 * requires {@code dev.autodiff.reverse} and {@code dev.autodiff.forward} is compiled and run on the
 * module path, through the generated loop kernels (hidden classes defined in the engine's module),
 * the whole-program compilation after 32 calls and a sum over records; and a consumer that imports
 * an internal package does not compile. The tests themselves run on the class path, which would not
 * notice a module descriptor that misses a package or a requirement.
 */
class ModulePathTest {
    private static final String MAIN = """
            package consumer;

            import dev.autodiff.core.Differentiable;
            import dev.autodiff.core.Expr;
            import dev.autodiff.core.Variable;
            import dev.autodiff.forward.Forward;
            import dev.autodiff.reverse.Reverse;
            import java.util.List;

            public class Main {
                public static void main(String[] args) {
                    Variable x = Expr.variable("x"), y = Expr.variable("y");
                    Expr f = x.times(y).plus(x.sin());
                    double[] r = Reverse.of(f, x, y).gradient(2, 3);
                    double[] d = Forward.of(f, x, y).gradient(2, 3);
                    List<Variable> w = Expr.variables("w", 200);
                    Expr sum = Expr.sum(0, 199, i -> w.get(i + 1).minus(w.get(i).square()).square());
                    Differentiable loops = Reverse.of(sum, w);
                    double[] p = new double[200];
                    java.util.Arrays.fill(p, 0.5);
                    double g0 = 0;
                    for (int call = 0; call < 100; call++) {   // past the tier-up to compiled code
                        g0 = loops.gradient(p)[0];
                    }
                    double[][] rows = new double[300][];
                    for (int i = 0; i < rows.length; i++) {
                        rows[i] = new double[] {i};
                    }
                    Variable t = Expr.variable("t");
                    double s = Reverse.of(x.times(t).square(), List.of(x), List.of(t)).sumOver(rows).gradient(1.0)[0];
                    System.out.println(r[0] + " " + r[1] + " " + d[0] + " " + d[1] + " " + g0 + " " + s);
                    System.out.println(loops);
                }
            }
            """;

    private static String modulePath() {
        return List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream()
                .filter(e -> e.matches(".*(autodiff-(core|engine|forward|reverse)|vavr|asm|jspecify).*")
                        && !e.contains("test-classes") && !e.contains("tests.jar"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private static String compile(Path sources, Path out, String modulePath) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--module-path", modulePath));
        try (var files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        StringWriter errors = new StringWriter();
        int status = javac.run(null, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
                new java.io.PrintStream(new java.io.OutputStream() {
                    @Override
                    public void write(int b) {
                        errors.write(b);
                    }
                }, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
        return status == 0 ? "" : "javac exit " + status + ": " + errors;
    }

    @Test
    void aConsumerModuleCompilesAndRunsOnTheModulePath(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("consumer"));
        Files.writeString(src.resolve("module-info.java"),
                "module consumer { requires dev.autodiff.reverse; requires dev.autodiff.forward; }");
        Files.writeString(src.resolve("consumer/Main.java"), MAIN);
        String modulePath = modulePath();
        for (String module : List.of("autodiff-core", "autodiff-engine", "autodiff-forward", "autodiff-reverse", "vavr", "asm")) {
            assertTrue(modulePath.contains(module), module + " missing from " + modulePath);
        }
        Path out = dir.resolve("out");
        assertEquals("", compile(src, out, modulePath));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process run = new ProcessBuilder(java, "--module-path", modulePath + File.pathSeparator + out, "-m", "consumer/consumer.Main")
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), "the consumer did not finish: " + output);
        assertEquals(0, run.exitValue(), output);

        String[] numbers = output.lines().findFirst().orElseThrow().split(" ");
        // ∂(xy + sin x)/∂x = y + cos x, ∂/∂y = x at (2, 3), both modes
        assertEquals(3 + Math.cos(2), Double.parseDouble(numbers[0]), 1e-15 * 3);
        assertEquals(2, Double.parseDouble(numbers[1]), 0.0);
        assertEquals(3 + Math.cos(2), Double.parseDouble(numbers[2]), 1e-15 * 3);
        assertEquals(2, Double.parseDouble(numbers[3]), 0.0);
        // ∂/∂w0 of (w1 − w0²)² at w = 0.5: 2(w1 − w0²)(−2 w0) = −0.5
        assertEquals(-0.5, Double.parseDouble(numbers[4]), 1e-15);
        // Σ_t ∂(x t)²/∂x at x = 1: Σ 2 t² for t = 0 … 299
        double expected = 0;
        for (int t = 0; t < 300; t++) {
            expected += 2.0 * t * t;
        }
        assertEquals(expected, Double.parseDouble(numbers[5]), 1e-15 * expected);
        assertTrue(output.contains("loop"), "the loops ran as generated kernels: " + output);
    }

    @Test
    void aConsumerCannotReachTheInternalPackages(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("intruder"));
        Files.writeString(src.resolve("module-info.java"), "module intruder { requires dev.autodiff.reverse; }");
        Files.writeString(src.resolve("intruder/Main.java"), """
                package intruder;

                public class Main {
                    public static void main(String[] args) {
                        System.out.println(dev.autodiff.core.internal.program.Program.class);
                    }
                }
                """);
        String errors = compile(src, dir.resolve("out"), modulePath());
        assertFalse(errors.isEmpty(), "an internal package must not be readable");
        assertTrue(errors.contains("does not export") || errors.contains("not visible"), errors);
    }
}
