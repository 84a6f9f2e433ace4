package dev.autodiff.examples;

import java.util.Random;

/**
 * A generated data set of two interleaved half circles ("moons") in the plane, labelled 0 and 1,
 * with Gaussian noise: not linearly separable, so a classifier needs a hidden layer.
 *
 * @param x the points, {@code x[i] = {x1, x2}}
 * @param label 0 or 1 for each point
 */
public record TwoMoons(double[][] x, double[] label) {

    /**
     * {@return {@code n} points (half of each class) with noise of standard deviation {@code noise}}
     *
     * @param n the number of points
     * @param noise the standard deviation of the Gaussian noise added to each coordinate
     * @param seed the seed of the random generator
     */
    public static TwoMoons generate(int n, double noise, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][];
        double[] label = new double[n];
        for (int i = 0; i < n; i++) {
            double t = Math.PI * random.nextDouble();
            boolean upper = i % 2 == 0;
            double a = upper ? Math.cos(t) : 1 - Math.cos(t);
            double b = upper ? Math.sin(t) : 0.5 - Math.sin(t);
            // centre the data near the origin so tanh units start in their linear range
            x[i] = new double[] {a - 0.5 + noise * random.nextGaussian(), b - 0.25 + noise * random.nextGaussian()};
            label[i] = upper ? 0 : 1;
        }
        return new TwoMoons(x, label);
    }

    /** {@return the number of points} */
    public int size() {
        return label.length;
    }
}
