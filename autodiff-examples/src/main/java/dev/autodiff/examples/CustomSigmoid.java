package dev.autodiff.examples;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.util.Arrays;

/**
 * A user-written sigmoid node: a forward function and a backward function (incoming gradient to
 * input gradient, using σ' = σ(1 - σ)), used in an expression exactly like a built-in.
 */
public final class CustomSigmoid {
    private CustomSigmoid() {}

    /** The logistic function. */
    static double sigma(double t) {
        return 1 / (1 + Math.exp(-t));
    }

    /** The custom node, with its second derivative σ'' = σ(1 - σ)(1 - 2σ) for Hessians. */
    public static final CustomOperation SIGMOID = CustomOperation.of("logistic", CustomSigmoid::sigma, (t, g) -> {
        double s = sigma(t);
        return g * s * (1 - s);
    }).withSecondDerivative(t -> {
        double s = sigma(t);
        return s * (1 - s) * (1 - 2 * s);
    });

    /**
     * {@return the gradients of σ(w·x + b)² by the custom node and by the built-in composition}
     *
     * @param w the weight
     * @param x the input
     * @param b the bias
     */
    public static double[][] gradients(double w, double x, double b) {
        Variable wv = Expr.variable("w");
        Variable xv = Expr.variable("x");
        Variable bv = Expr.variable("b");
        Expr z = wv.times(xv).plus(bv);
        Differentiable custom = Reverse.of(SIGMOID.invoke(z).square(), wv, xv, bv);
        Differentiable builtIn = Reverse.of(z.sigmoid().square(), wv, xv, bv);
        return new double[][] {custom.gradient(w, x, b), builtIn.gradient(w, x, b)};
    }

    /**
     * Prints both gradients.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        double[][] g = gradients(0.8, -1.5, 0.3);
        System.out.println("custom sigmoid node: " + Arrays.toString(g[0]));
        System.out.println("built-in sigmoid:    " + Arrays.toString(g[1]));
    }
}
