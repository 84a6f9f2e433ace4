package dev.autodiff.cli;

import dev.autodiff.core.Expr;
import dev.autodiff.core.ParseException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed command line.
 *
 * @param expression the expression text, empty for the built-in demonstration
 * @param at the point, variable name to value, in the order given
 * @param mode {@code forward} or {@code reverse}
 * @param derivatives the order of Taylor-mode derivatives to print, 0 for none
 * @param wrt the variable those derivatives are taken with respect to
 * @param dot where to write the Graphviz picture
 * @param svg where to write the rendered picture
 * @param help whether {@code --help} was asked for
 */
record Options(Optional<String> expression, Map<String, Double> at, String mode, int derivatives,
        Optional<String> wrt, Optional<Path> dot, Optional<Path> svg, boolean help) {

    static Options parse(String... args) {
        List<String> positional = new ArrayList<>();
        Map<String, Double> at = new LinkedHashMap<>();
        String mode = "reverse";
        int derivatives = 0;
        Optional<String> wrt = Optional.empty();
        Optional<Path> dot = Optional.empty();
        Optional<Path> svg = Optional.empty();
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> help = true;
                case "--at" -> {
                    for (Map.Entry<String, Double> v : point(value(args, ++i, a)).entrySet()) {
                        if (at.putIfAbsent(v.getKey(), v.getValue()) != null) {
                            throw new UsageException("--at: " + v.getKey() + " is given twice");
                        }
                    }
                }
                case "--mode" -> {
                    mode = value(args, ++i, a).toLowerCase(Locale.ROOT);
                    if (!mode.equals("forward") && !mode.equals("reverse")) {
                        throw new UsageException("--mode takes forward or reverse, got " + args[i]);
                    }
                }
                case "--derivatives" -> derivatives = order(value(args, ++i, a));
                case "--wrt" -> wrt = Optional.of(value(args, ++i, a));
                case "--dot" -> dot = Optional.of(Path.of(value(args, ++i, a)));
                case "--svg" -> svg = Optional.of(Path.of(value(args, ++i, a)));
                default -> {
                    if (a.startsWith("--")) {
                        throw new UsageException("unknown option " + a + "; see --help");
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.size() > 1) {
            throw new UsageException("expected one expression, got " + positional.size()
                    + " (quote the expression: autodiff \"x^2 * sin(y)\" --at x=1,y=2)");
        }
        if (derivatives > 0 && wrt.isEmpty()) {
            throw new UsageException("--derivatives needs --wrt VARIABLE");
        }
        if (wrt.isPresent() && derivatives == 0) {
            throw new UsageException("--wrt goes with --derivatives N");
        }
        Optional<String> expression = positional.isEmpty() ? Optional.empty() : Optional.of(positional.get(0));
        return new Options(expression, java.util.Collections.unmodifiableMap(at), mode, derivatives, wrt, dot, svg, help);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value; see --help");
        }
        return args[i];
    }

    private static int order(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n < 1 || n > 100) {
                throw new UsageException("--derivatives takes an order from 1 to 100, got " + text);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UsageException("--derivatives takes a whole number, got " + text);
        }
    }

    /**
     * Parses {@code x=1,y=2.5e-3}, keeping the order given. A value is a number as the expression
     * language writes it ({@code -1.5e-3}, {@code inf}, {@code nan}, {@code pi}), or any expression
     * of numbers ({@code pi/4}); one a double cannot hold ({@code 1e400}) is refused.
     */
    static Map<String, Double> point(String text) {
        Map<String, Double> values = new LinkedHashMap<>();
        int column = 1;
        for (String part : text.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--at column " + column + ": expected NAME=VALUE, got \"" + part + "\"");
            }
            String name = part.substring(0, eq).trim();
            String number = part.substring(eq + 1);
            if (values.put(name, number(name, number, column + eq + 1)) != null) {
                throw new UsageException("--at: " + name + " is given twice");
            }
            column += part.length() + 1;
        }
        return values;
    }

    /** {@return the value {@code text} denotes}, read by the expression parser, so the two agree */
    private static double number(String name, String text, int column) {
        Expr e;
        try {
            e = Expr.parse(text);
        } catch (ParseException p) {
            throw new UsageException("--at column " + (column + p.column() - 1) + ": expected a number for " + name
                    + ", got \"" + text.strip() + "\": " + p.getMessage().substring(p.getMessage().indexOf(": ") + 2));
        }
        if (!e.variables().isEmpty()) {
            throw new UsageException("--at column " + column + ": expected a number for " + name + ", got \""
                    + text.strip() + "\", which names a variable");
        }
        return e.value(Map.of());
    }
}
