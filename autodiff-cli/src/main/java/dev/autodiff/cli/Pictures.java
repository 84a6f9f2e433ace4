package dev.autodiff.cli;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Graphviz pictures of a computation: the forward graph with each node's value, and the backward
 * graph with each node's adjoint and each edge labelled by its local partial derivative.
 */
final class Pictures {
    private Pictures() {}

    /** How long Graphviz may take to render a picture. */
    static final Duration RENDER_LIMIT = Duration.ofSeconds(60);

    /**
     * Checks, before anything is computed or printed, that the pictures asked for can be written:
     * each file's folder exists, and Graphviz is installed for {@code --svg}.
     * {@return 0, or the exit status after printing why not}
     */
    static int check(Options options, PrintStream err) {
        for (Optional<Path> file : List.of(options.dot(), options.svg())) {
            if (file.isPresent()) {
                Path folder = file.get().toAbsolutePath().getParent();
                if (folder != null && !Files.isDirectory(folder)) {
                    err.println("error: cannot write " + file.get() + ": the folder " + folder + " does not exist");
                    return Main.OUTPUT;
                }
            }
        }
        if (options.svg().isPresent() && graphviz().isEmpty()) {
            return noGraphviz(err);
        }
        return 0;
    }

    private static int noGraphviz(PrintStream err) {
        err.println("error: --svg needs Graphviz's dot program, which is not on the PATH.");
        err.println("  Install Graphviz (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install graphviz;");
        err.println("  Windows: winget install graphviz), or write the DOT text with --dot FILE and render it elsewhere.");
        return Main.OUTPUT;
    }

    /** Writes what {@code --dot} and {@code --svg} ask for; {@return the exit status} */
    static int write(Expr expr, List<Variable> vars, double[] point, Options options, PrintStream out, PrintStream err) {
        if (options.dot().isEmpty() && options.svg().isEmpty()) {
            return 0;
        }
        String dot = dot(new Trace(expr, vars, point));
        if (options.dot().isPresent()) {
            int status = Main.writeFile(options.dot().get(), dot, err);
            if (status != 0) {
                return status;
            }
            out.println("wrote " + options.dot().get());
        }
        if (options.svg().isPresent()) {
            return svg(dot, options.svg().get(), out, err);
        }
        return 0;
    }

    /** {@return the DOT text of both passes} */
    static String dot(Trace t) {
        StringBuilder sb = new StringBuilder();
        sb.append("digraph autodiff {\n");
        sb.append("  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\"];\n");
        sb.append("  subgraph cluster_forward {\n    label=\"forward pass: values\";\n");
        for (int i = 0; i < t.program.size; i++) {
            sb.append("    f").append(i).append(" [label=\"").append(escape(t.label(i))).append("\\n")
                    .append(Format.number(t.value[i])).append("\"];\n");
        }
        for (int i = 0; i < t.program.size; i++) {
            if (t.program.isOperation(i)) {
                sb.append("    f").append(t.program.left[i]).append(" -> f").append(i).append(";\n");
                if (t.program.right[i] >= 0) {
                    sb.append("    f").append(t.program.right[i]).append(" -> f").append(i).append(";\n");
                }
            }
        }
        sb.append("  }\n");
        sb.append("  subgraph cluster_backward {\n    label=\"backward pass: adjoints (edges: local partial derivatives)\";\n");
        for (int i = 0; i < t.program.size; i++) {
            sb.append("    b").append(i).append(" [label=\"").append(escape(t.label(i))).append("\\nadjoint ")
                    .append(Format.number(t.adjoint[i])).append("\"];\n");
        }
        for (int i = t.program.size - 1; i >= 0; i--) {
            if (t.program.isOperation(i)) {
                edge(sb, i, t.program.left[i], t.dLeft[i]);
                if (t.program.right[i] >= 0) {
                    edge(sb, i, t.program.right[i], t.dRight[i]);
                }
            }
        }
        sb.append("  }\n}\n");
        return sb.toString();
    }

    private static void edge(StringBuilder sb, int from, int to, double partial) {
        sb.append("    b").append(from).append(" -> b").append(to).append(" [label=\"")
                .append(Format.number(partial)).append("\"];\n");
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** {@return the path of Graphviz's {@code dot} on the PATH, if installed} */
    static Optional<Path> graphviz() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, "dot");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static int svg(String dot, Path target, PrintStream out, PrintStream err) {
        Optional<Path> tool = graphviz();
        return tool.isEmpty() ? noGraphviz(err) : render(tool.get(), dot, target, RENDER_LIMIT, out, err);
    }

    /**
     * Renders {@code dot} to SVG with the Graphviz program {@code tool}, stopping it after
     * {@code limit}. Nothing here waits on the program but {@code waitFor} with the limit: the DOT
     * text goes in as a file and the program's messages go to a file, so a program that never
     * reads, writes or exits cannot hang the command.
     * {@return the exit status}
     */
    static int render(Path tool, String dot, Path target, Duration limit, PrintStream out, PrintStream err) {
        Path input = null;
        Path messages = null;
        try {
            input = Files.createTempFile("autodiff", ".dot");
            messages = Files.createTempFile("autodiff", ".log");
            Files.writeString(input, dot, StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(tool.toString(), "-Tsvg", "-o", target.toString(), input.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectErrorStream(true)
                    .redirectOutput(messages.toFile())
                    .start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                err.println("error: dot did not finish within " + limit.toSeconds() + " s rendering " + target
                        + "; stopped it");
                return Main.OUTPUT;
            }
            if (p.exitValue() != 0) {
                err.println("error: dot failed to render " + target + ": "
                        + Files.readString(messages, StandardCharsets.UTF_8).strip());
                return Main.OUTPUT;
            }
            out.println("wrote " + target);
            return 0;
        } catch (IOException e) {
            err.println("error: cannot run dot: " + e.getMessage());
            return Main.OUTPUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.OUTPUT;
        } finally {
            delete(input);
            delete(messages);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private static void delete(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file left behind is harmless; the picture's status is what matters
            }
        }
    }
}
