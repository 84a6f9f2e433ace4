package dev.autodiff.cli;

/** The text of {@code --help}. */
final class Help {
    static final String TEXT = """
            autodiff — exact derivatives of an expression, by forward or reverse mode

            usage:
              autodiff                                  run the logistic-regression demonstration
              autodiff EXPRESSION --at x=1,y=2 [options]

            EXPRESSION uses numbers (2, 1.5e-3), variables, + - * / ^, unary minus, parentheses,
            pi, e, and the functions exp log log10 log1p expm1 sqrt cbrt sin cos tan asin acos
            atan sinh cosh tanh asinh acosh atanh abs, and atan2 max min hypot pow of two
            arguments. ^ binds tighter than unary minus and groups to the right. Quote it.

            options:
              --at x=1,y=2          the point; every variable needs a value; the order given is
                                    the order of the gradient and the Hessian
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
            """;

    private Help() {}
}
