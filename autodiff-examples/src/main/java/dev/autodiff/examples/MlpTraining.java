package dev.autodiff.examples;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Trains a 2-8-1 multilayer perceptron (tanh hidden layer, sigmoid output, cross-entropy loss) on
 * two interleaved moons by mini-batch stochastic gradient descent, with reverse-mode gradients
 * summed over each mini-batch.
 *
 * <p>The per-sample loss is one expression whose inputs are the 33 parameters followed by the
 * sample (x1, x2, y); it is compiled once and called for every sample, so a gradient costs one
 * forward and one backward sweep over about a hundred nodes.
 */
public final class MlpTraining {
    static final int HIDDEN = 8;
    static final int PARAMETERS = HIDDEN * 2 + HIDDEN + HIDDEN + 1;

    private final Differentiable loss;

    /** Compiles the per-sample loss. */
    public MlpTraining() {
        List<Variable> vars = new ArrayList<>();
        for (int k = 0; k < PARAMETERS; k++) {
            vars.add(Expr.variable("p" + k));
        }
        Variable x1 = Expr.variable("x1");
        Variable x2 = Expr.variable("x2");
        Variable y = Expr.variable("y");
        Expr z = vars.get(PARAMETERS - 1); // output bias
        for (int h = 0; h < HIDDEN; h++) {
            Expr pre = vars.get(2 * h).times(x1).plus(vars.get(2 * h + 1).times(x2)).plus(vars.get(2 * HIDDEN + h));
            z = z.plus(vars.get(3 * HIDDEN + h).times(pre.tanh()));
        }
        // cross-entropy of sigmoid(z) against y, written stably as softplus(z) - y z
        Expr perSample = z.exp().log1p().minus(y.times(z));
        vars.add(x1);
        vars.add(x2);
        vars.add(y);
        loss = Reverse.of(perSample, vars.toArray(Variable[]::new));
    }

    /** The outcome of training. */
    public record Outcome(double initialLoss, double finalLoss, double accuracy, double[] parameters) {}

    /**
     * Trains for {@code epochs} epochs, printing one line per epoch.
     *
     * @param data the labelled points
     * @param epochs the number of passes over the data
     * @param batch the number of points per gradient step
     * @param rate the learning rate
     * @param seed the seed of the initial weights and the shuffles
     * @param progress where the line per epoch goes
     * @return the losses and the accuracy
     */
    public Outcome train(TwoMoons data, int epochs, int batch, double rate, long seed, PrintStream progress) {
        Random random = new Random(seed);
        double[] params = new double[PARAMETERS];
        for (int k = 0; k < 3 * HIDDEN; k++) { // hidden weights and biases: fan-in 2
            params[k] = random.nextGaussian() / Math.sqrt(2);
        }
        for (int k = 3 * HIDDEN; k < 4 * HIDDEN; k++) { // output weights: fan-in 8
            params[k] = random.nextGaussian() / Math.sqrt(HIDDEN);
        }
        double initial = meanLoss(data, params);
        int[] order = new int[data.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        double[] point = new double[PARAMETERS + 3];
        double[] step = new double[PARAMETERS];
        for (int epoch = 1; epoch <= epochs; epoch++) {
            shuffle(order, random);
            for (int start = 0; start < order.length; start += batch) {
                int end = Math.min(order.length, start + batch);
                java.util.Arrays.fill(step, 0);
                for (int s = start; s < end; s++) {
                    double[] g = loss.gradient(sample(params, data, order[s], point));
                    for (int k = 0; k < PARAMETERS; k++) {
                        step[k] += g[k];
                    }
                }
                for (int k = 0; k < PARAMETERS; k++) {
                    params[k] -= rate * step[k] / (end - start);
                }
            }
            progress.printf("epoch %3d  loss %.4f  accuracy %5.1f%%%n", epoch, meanLoss(data, params),
                    100 * accuracy(data, params));
        }
        return new Outcome(initial, meanLoss(data, params), accuracy(data, params), params);
    }

    private static double[] sample(double[] params, TwoMoons data, int i, double[] point) {
        System.arraycopy(params, 0, point, 0, PARAMETERS);
        point[PARAMETERS] = data.x()[i][0];
        point[PARAMETERS + 1] = data.x()[i][1];
        point[PARAMETERS + 2] = data.label()[i];
        return point;
    }

    /**
     * {@return the mean cross-entropy over the data set}
     *
     * @param data the labelled points
     * @param params the weights and biases of the network
     */
    public double meanLoss(TwoMoons data, double[] params) {
        double[] point = new double[PARAMETERS + 3];
        double total = 0;
        for (int i = 0; i < data.size(); i++) {
            total += loss.value(sample(params, data, i, point));
        }
        return total / data.size();
    }

    /**
     * {@return the fraction of points classified right}: the loss against label 1 below log 2 means ŷ > 1/2.
     *
     * @param data the labelled points
     * @param params the weights and biases of the network
     */
    public double accuracy(TwoMoons data, double[] params) {
        double[] point = new double[PARAMETERS + 3];
        int right = 0;
        for (int i = 0; i < data.size(); i++) {
            sample(params, data, i, point);
            point[PARAMETERS + 2] = 1;
            boolean predictsOne = loss.value(point) < Math.log(2);
            if (predictsOne == (data.label()[i] == 1)) {
                right++;
            }
        }
        return (double) right / data.size();
    }

    private static void shuffle(int[] a, Random random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * Trains on 200 points for 100 epochs and prints the progress and the final accuracy.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Outcome o = new MlpTraining().train(TwoMoons.generate(200, 0.1, 7), 100, 16, 0.5, 11, System.out);
        System.out.printf("loss %.4f -> %.4f, final accuracy %.1f%%%n", o.initialLoss(), o.finalLoss(), 100 * o.accuracy());
    }
}
