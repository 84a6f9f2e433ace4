package dev.autodiff.bench;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.List;
import org.hipparchus.CalculusFieldElement;

/**
 * The mean squared error of a small multilayer perceptron with one sigmoid hidden layer and a linear
 * output, over a fixed batch, as a function of its parameters: the training loss whose gradient
 * backpropagation computes.
 *
 * <p>Parameters, in order: hidden weights W1 (hidden × inputs, row-major), hidden biases b1, output
 * weights w2, output bias b2. y(u) = w2 · σ(W1 u + b1) + b2; loss = (1/B) Σ_s (y(u_s) − t_s)².
 */
public final class Mlp implements Workload {
    private final int inputs;
    private final int hidden;
    private final double[][] samples;
    private final double[] targets;

    /** Creates the loss of an {@code inputs}-{@code hidden}-1 network over {@code batch} fixed samples. */
    public Mlp(int inputs, int hidden, int batch) {
        if (inputs < 1 || hidden < 1 || batch < 1) {
            throw new IllegalArgumentException("expected positive sizes, got inputs " + inputs + ", hidden " + hidden
                    + ", batch " + batch);
        }
        this.inputs = inputs;
        this.hidden = hidden;
        this.samples = new double[batch][];
        this.targets = new double[batch];
        for (int s = 0; s < batch; s++) {
            samples[s] = Seeded.uniform(inputs, -1, 1, 0xDA7AL + s);
            double sum = 0;
            for (double u : samples[s]) {
                sum += u;
            }
            targets[s] = Math.sin(sum);
        }
    }

    /** {@return the 4-16-1 network over a batch of 32 that the benchmarks measure} */
    public static Mlp standard() {
        return new Mlp(4, 16, 32);
    }

    @Override
    public String name() {
        return "mlp-" + inputs + "-" + hidden + "-1";
    }

    @Override
    public int dimension() {
        return hidden * inputs + hidden + hidden + 1;
    }

    private int b1() {
        return hidden * inputs;
    }

    private int w2() {
        return b1() + hidden;
    }

    private int b2() {
        return w2() + hidden;
    }

    @Override
    public double value(double[] p) {
        double loss = 0;
        for (int s = 0; s < samples.length; s++) {
            double[] u = samples[s];
            double y = p[b2()];
            for (int h = 0; h < hidden; h++) {
                double z = p[b1() + h];
                for (int i = 0; i < inputs; i++) {
                    z += p[h * inputs + i] * u[i];
                }
                y += p[w2() + h] * (1 / (1 + Math.exp(-z)));
            }
            double r = y - targets[s];
            loss += r * r;
        }
        return loss / samples.length;
    }

    @Override
    public double[] gradient(double[] p) {
        // Backpropagation by hand: dL/dy, then through w2 and σ' = σ(1 − σ) to W1 and b1.
        double[] g = new double[dimension()];
        double[] act = new double[hidden];
        for (int s = 0; s < samples.length; s++) {
            double[] u = samples[s];
            double y = p[b2()];
            for (int h = 0; h < hidden; h++) {
                double z = p[b1() + h];
                for (int i = 0; i < inputs; i++) {
                    z += p[h * inputs + i] * u[i];
                }
                act[h] = 1 / (1 + Math.exp(-z));
                y += p[w2() + h] * act[h];
            }
            double dy = 2 * (y - targets[s]) / samples.length;
            g[b2()] += dy;
            for (int h = 0; h < hidden; h++) {
                g[w2() + h] += dy * act[h];
                double dz = dy * p[w2() + h] * act[h] * (1 - act[h]);
                g[b1() + h] += dz;
                for (int i = 0; i < inputs; i++) {
                    g[h * inputs + i] += dz * u[i];
                }
            }
        }
        return g;
    }

    @Override
    public <T extends CalculusFieldElement<T>> T value(T[] p) {
        T loss = p[0].getField().getZero();
        for (int s = 0; s < samples.length; s++) {
            double[] u = samples[s];
            T y = p[b2()];
            for (int h = 0; h < hidden; h++) {
                T z = p[b1() + h];
                for (int i = 0; i < inputs; i++) {
                    z = z.add(p[h * inputs + i].multiply(u[i]));
                }
                y = y.add(p[w2() + h].multiply(z.negate().exp().add(1).reciprocal()));
            }
            T r = y.subtract(targets[s]);
            loss = loss.add(r.multiply(r));
        }
        return loss.divide(samples.length);
    }

    @Override
    public Expr expr(Variable[] p) {
        List<Expr> squares = new ArrayList<>(samples.length);
        for (int s = 0; s < samples.length; s++) {
            double[] u = samples[s];
            Expr y = p[b2()];
            for (int h = 0; h < hidden; h++) {
                Expr z = p[b1() + h];
                for (int i = 0; i < inputs; i++) {
                    z = z.plus(p[h * inputs + i].times(u[i]));
                }
                y = y.plus(p[w2() + h].times(z.sigmoid()));
            }
            Expr r = y.minus(targets[s]);
            squares.add(r.times(r));
        }
        return Expr.sum(squares).div(samples.length);
    }

    @Override
    public double[] point() {
        return Seeded.uniform(dimension(), -1, 1, 0x3E7L);
    }
}
