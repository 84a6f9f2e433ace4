package dev.autodiff.cli;

import dev.autodiff.core.internal.text.Names;

/** The text of {@code --help}; the functions it lists are the parser's. */
final class Help {
    static final String TEXT = """
            autodiff — exact derivatives of an expression, by forward or reverse mode

            usage:
              autodiff                                  run the logistic-regression demonstration
              autodiff EXPRESSION --at x=1,y=2 [options]

            EXPRESSION uses numbers (2, 1.5e-3, inf, nan), the constants pi and e, variables (x,
            x[1], `any name`), + - * / ^, prefix minus and plus, parentheses, comparisons
            < <= > >= (1 or 0), and the functions
            %s.
            ^ binds tighter than unary minus and groups to the right. Quote the expression.

            options:
              --at x=1,y=2          the point; every variable needs a value, given once; the order
                                    given is the order of the gradient and the Hessian. Values
                                    are numbers as in EXPRESSION: -2.5, inf, nan, pi/4
              --mode forward|reverse  which mode computes the derivatives (default reverse)
              --derivatives N --wrt x   also print f, f', ..., f^(N) with respect to x by Taylor
                                    mode, the other variables held at their values (N <= 100)
              --dot FILE            write a Graphviz picture: the forward graph with each node's
                                    value, and the backward graph with each node's adjoint and
                                    each edge labelled by its local partial derivative
              --svg FILE            render that picture to SVG with Graphviz's dot (must be installed)
              --help                this text

            exit status: 0 success, 2 bad command line or expression (the message gives the column),
            3 a picture could not be written or rendered.
            """.formatted(wrap(String.join(" ", Names.functions()), 78, "  "));

    /** {@return {@code words} broken into lines of at most {@code width} characters, each indented} */
    static String wrap(String words, int width, String indent) {
        StringBuilder out = new StringBuilder(indent);
        int line = indent.length();
        for (String w : words.split(" ")) {
            if (line > indent.length() && line + 1 + w.length() > width) {
                out.append('\n').append(indent);
                line = indent.length();
            } else if (line > indent.length()) {
                out.append(' ');
                line++;
            }
            out.append(w);
            line += w.length();
        }
        return out.toString();
    }

    private Help() {}
}
