package dev.autodiff.examples;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;

/**
 * Logistic regression as a computation graph: {@code z = w1 x1 + w2 x2 + b}, {@code ŷ = σ(z)},
 * {@code L = -(y log ŷ + (1 - y) log(1 - ŷ))}, differentiated by reverse mode at the lecture example
 * x1 = 1.5, x2 = 2.5, w1 = -4, w2 = 3, b = -1, y = 1.
 */
public final class LogisticRegression {
    private LogisticRegression() {}

    /** The results: prediction, loss and the loss gradient with respect to the parameters. */
    public record Result(double yhat, double loss, double dw1, double dw2, double db) {}

    /**
     * {@return the loss expression over w1, w2, b, x1, x2, y}
     *
     * @param w1 the first weight
     * @param w2 the second weight
     * @param b the bias
     * @param x1 the first input
     * @param x2 the second input
     * @param y the label, 0 or 1
     */
    public static Expr loss(Variable w1, Variable w2, Variable b, Variable x1, Variable x2, Variable y) {
        Expr yhat = w1.times(x1).plus(w2.times(x2)).plus(b).sigmoid();
        return y.times(yhat.log()).plus(Expr.constant(1).minus(y).times(Expr.constant(1).minus(yhat).log())).unaryMinus();
    }

    /** {@return the example's prediction, loss and gradient} */
    public static Result compute() {
        Variable w1 = Expr.variable("w1");
        Variable w2 = Expr.variable("w2");
        Variable b = Expr.variable("b");
        Variable x1 = Expr.variable("x1");
        Variable x2 = Expr.variable("x2");
        Variable y = Expr.variable("y");
        Differentiable f = Reverse.of(loss(w1, w2, b, x1, x2, y), w1, w2, b, x1, x2, y);
        double[] point = {-4, 3, -1, 1.5, 2.5, 1};
        double[] g = f.gradient(point);
        double yhat = Expr.variable("z").sigmoid().value(java.util.Map.of("z", -4 * 1.5 + 3 * 2.5 - 1));
        return new Result(yhat, f.value(point), g[0], g[1], g[2]);
    }

    /**
     * Prints the example.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Result r = compute();
        System.out.printf("yhat = %.4f%nL = %.4f%ndL/dw1 = %.4f%ndL/dw2 = %.4f%ndL/db = %.4f%n",
                r.yhat(), r.loss(), r.dw1(), r.dw2(), r.db());
    }
}
