package dev.autodiff.cli;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.io.PrintStream;
import java.util.List;

/**
 * The built-in demonstration: logistic regression as a computation graph, the example every
 * backpropagation lecture works by hand. Inputs x1 = 1.5, x2 = 2.5, weights w1 = -4, w2 = 3, bias
 * b = -1, label y = 1; the loss is the binary cross-entropy of the sigmoid of the weighted sum.
 */
final class Demo {
    static final String EXPRESSION =
            "$1 = 1 / (1 + exp(-(w1 * x1 + w2 * x2 + b))); -(y * log($1) + (1 - y) * log(1 - $1))";
    static final List<String> NAMES = List.of("w1", "w2", "b", "x1", "x2", "y");
    static final double[] POINT = {-4, 3, -1, 1.5, 2.5, 1};

    private Demo() {}

    static int run(Options options, PrintStream out, PrintStream err) {
        Expr loss = Expr.parse(EXPRESSION);
        List<Variable> vars = NAMES.stream().map(Expr::variable).toList();
        Differentiable f = Reverse.of(loss, vars.toArray(Variable[]::new));
        double[] g = f.gradient(POINT);
        out.println("autodiff demonstration: logistic regression as a computation graph");
        out.println();
        out.println("  z    = w1*x1 + w2*x2 + b");
        out.println("  yhat = sigmoid(z) = 1 / (1 + exp(-z))");
        out.println("  L    = -(y log(yhat) + (1 - y) log(1 - yhat))");
        out.println("  at " + Main.assignment(vars, POINT));
        out.println();
        Trace t = new Trace(loss, vars, POINT);
        out.println("forward pass (values) and backward pass (adjoints dL/dnode), one line per node:");
        out.printf("  %-5s %-16s %16s %16s%n", "node", "operation", "value", "adjoint");
        for (int i = 0; i < t.program.size; i++) {
            out.printf("  %-5s %-16s %16s %16s%n", "v" + i, t.formula(i), Format.number(t.value[i]),
                    Format.number(t.adjoint[i]));
        }
        out.println();
        double z = -4 * 1.5 + 3 * 2.5 - 1;
        out.println("yhat   = " + Format.number(1 / (1 + Math.exp(-z))));
        out.println("L      = " + Format.number(f.value(POINT)));
        out.println("dL/dw1 = " + Format.number(g[0]));
        out.println("dL/dw2 = " + Format.number(g[1]));
        out.println("dL/db  = " + Format.number(g[2]));
        out.println();
        out.println("Try: autodiff \"x^2 * sin(y)\" --at x=1,y=2    (and --help)");
        return Pictures.write(loss, vars, POINT, options, out, err);
    }
}
