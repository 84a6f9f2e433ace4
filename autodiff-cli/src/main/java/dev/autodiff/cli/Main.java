package dev.autodiff.cli;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParseException;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.text.Names;
import dev.autodiff.forward.Forward;
import dev.autodiff.reverse.Reverse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code autodiff} command: prints the value, gradient and Hessian of an expression at a point,
 * Taylor-mode derivatives, and Graphviz pictures of the forward and backward passes. With no
 * arguments it runs the logistic-regression demonstration. {@code --help} documents everything.
 */
public final class Main {
    /** Exit code for a bad command line or expression. */
    static final int USAGE = 2;
    /** Exit code when a picture could not be rendered or written. */
    static final int OUTPUT = 3;

    private Main() {}

    /**
     * Runs the command and exits with its status.
     *
     * @param args the command line; {@code --help} describes it
     */
    public static void main(String[] args) {
        System.exit(run(args, new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8)));
    }

    /** {@return the exit status} after running the command with {@code args}, printing to out and err. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
        if (options.help()) {
            out.print(Help.TEXT);
            return 0;
        }
        // what can be known wrong before any work is reported before any result
        int pictures = Pictures.check(options, err);
        if (pictures != 0) {
            return pictures;
        }
        if (options.expression().isEmpty()) {
            return Demo.run(options, out, err);
        }
        String text = options.expression().get();
        Expr expr;
        try {
            expr = Expr.parse(text);
        } catch (ParseException e) {
            err.println("error: " + e.getMessage());
            err.println("  " + visible(text));
            err.println("  " + " ".repeat(Math.max(0, e.column() - 1)) + "^");
            return USAGE;
        }
        try {
            return report(expr, options, out, err);
        } catch (UsageException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        }
    }

    /** {@return {@code text} with each invisible character replaced by '?', one for one, so a caret under it still lines up} */
    static String visible(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            sb.append(Names.isInvisible(c) ? '?' : c);
        }
        return sb.toString();
    }

    static int report(Expr expr, Options options, PrintStream out, PrintStream err) {
        List<Variable> vars = variables(expr, options.at());
        if (options.wrt().isPresent() && !vars.contains(Expr.variable(options.wrt().get()))) {
            throw new UsageException("--wrt " + options.wrt().get() + " is not among the variables given with --at");
        }
        java.util.Set<Variable> used = new java.util.HashSet<>(expr.variables());
        for (Variable v : vars) {
            if (!used.contains(v)) {
                err.println("note: " + v.name() + " is not used by the expression; its derivatives are 0");
            }
        }
        double[] point = new double[vars.size()];
        for (int k = 0; k < point.length; k++) {
            point[k] = options.at().get(vars.get(k).name());
        }
        Differentiable f = options.mode().equals("forward") ? Forward.of(expr, vars.toArray(Variable[]::new))
                : Reverse.of(expr, vars.toArray(Variable[]::new));
        out.println("f = " + expr);
        if (!vars.isEmpty()) {
            out.println("at " + assignment(vars, point));
        }
        out.println("mode: " + options.mode());
        out.println();
        out.println("value  f = " + Format.number(f.value(point)));
        if (!vars.isEmpty()) {
            double[] g = f.gradient(point);
            out.println("gradient");
            for (int k = 0; k < g.length; k++) {
                out.println("  ∂f/∂" + vars.get(k).name() + " = " + Format.number(g[k]));
            }
            out.println("hessian" + names(vars));
            for (double[] row : hessianOrExplain(f, point, err)) {
                out.println(Format.row(row, 18));
            }
        }
        if (options.derivatives() > 0) {
            Taylor.print(expr, vars, point, options, out);
        }
        return Pictures.write(expr, vars, point, options, out, err);
    }

    private static double[][] hessianOrExplain(Differentiable f, double[] point, PrintStream err) {
        try {
            return f.hessian(point);
        } catch (UnsupportedOperationException e) {
            err.println("note: " + e.getMessage());
            return new double[0][];
        }
    }

    /** The expression's variables, in the order {@code --at} gives them; every one needs a value. */
    static List<Variable> variables(Expr expr, Map<String, Double> at) {
        List<String> missing = new ArrayList<>();
        for (Variable v : expr.variables()) {
            if (!at.containsKey(v.name())) {
                missing.add(v.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException("no value for " + String.join(", ", missing) + "; give the point with --at "
                    + String.join(",", missing.stream().map(n -> n + "=VALUE").toList()));
        }
        List<Variable> vars = new ArrayList<>();
        for (String name : at.keySet()) {
            vars.add(Expr.variable(name));
        }
        return vars;
    }

    static String assignment(List<Variable> vars, double[] point) {
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < point.length; k++) {
            parts.add(vars.get(k).name() + " = " + Format.number(point[k]));
        }
        return String.join(", ", parts);
    }

    private static String names(List<Variable> vars) {
        return " (rows and columns " + String.join(", ", vars.stream().map(Variable::name).toList()) + ")";
    }

    /** Writes {@code text} to a file, reporting failure as an exit status. */
    static int writeFile(java.nio.file.Path path, String text, PrintStream err) {
        try {
            Files.writeString(path, text, StandardCharsets.UTF_8);
            return 0;
        } catch (IOException e) {
            err.println("error: cannot write " + path + ": " + e.getMessage());
            return OUTPUT;
        }
    }
}
