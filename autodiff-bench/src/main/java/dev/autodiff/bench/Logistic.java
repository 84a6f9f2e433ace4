package dev.autodiff.bench;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The negative log-likelihood of a logistic regression over synthetic records, written as a
 * scientist would: per record z = w0·x0 + w1·x1 + b and loss softplus(z) − y·z, summed over the
 * records; as an expression with the data as parameters (or baked in as constants), as a plain Java
 * loop, and as hand-written gradient and Hessian loops.
 *
 * <p>The records are drawn with a fixed seed: x0, x1 standard normal, y Bernoulli with probability
 * σ(1.5·x0 − 2·x1 + 0.5). The point at which everything is measured is near that truth.
 */
public final class Logistic {
    /** The number of records the benchmarks sum over. */
    public static final int RECORDS = 100_000;

    /** The records, one row (x0, x1, y) each. */
    private final double[][] rows;

    /** Draws {@code records} records with the benchmarks' fixed seed. */
    public Logistic(int records) {
        if (records < 1) {
            throw new IllegalArgumentException("expected at least one record, got " + records);
        }
        SplittableRandom random = new SplittableRandom(0x10915L);
        rows = new double[records][];
        for (int r = 0; r < records; r++) {
            double x0 = random.nextGaussian();
            double x1 = random.nextGaussian();
            double p = sigmoid(1.5 * x0 - 2 * x1 + 0.5);
            rows[r] = new double[] {x0, x1, random.nextDouble() < p ? 1 : 0};
        }
    }

    /** {@return the records (the array itself: the benchmarks read it, nobody writes it)} */
    public double[][] rows() {
        return rows;
    }

    /** {@return the parameters θ = (w0, w1, b) at which the benchmarks measure} */
    public double[] point() {
        return new double[] {1.4, -1.9, 0.45};
    }

    /** {@return the variables w0, w1, b} */
    public static List<Variable> weights() {
        return List.of(Expr.variable("w0"), Expr.variable("w1"), Expr.variable("b"));
    }

    /** {@return the data parameters x0, x1, y, in the order of a row's columns} */
    public static List<Variable> data() {
        return List.of(Expr.variable("x0"), Expr.variable("x1"), Expr.variable("y"));
    }

    /** {@return one record's loss softplus(z) − y·z, z = w0·x0 + w1·x1 + b, with the data as parameters} */
    public static Expr record(List<Variable> w, List<? extends Expr> data) {
        Expr z = w.get(0).times(data.get(0)).plus(w.get(1).times(data.get(1))).plus(w.get(2));
        return z.softplus().minus(data.get(2).times(z));
    }

    /** {@return one record's loss with the row's data baked in as constants} */
    public static Expr record(List<Variable> w, double[] row) {
        return record(w, List.of(Expr.constant(row[0]), Expr.constant(row[1]), Expr.constant(row[2])));
    }

    /** {@return the sum of every record's loss with the data baked in as constants, left to right} */
    public Expr baked(List<Variable> w) {
        List<Expr> terms = new ArrayList<>(rows.length);
        for (double[] row : rows) {
            terms.add(record(w, row));
        }
        return Expr.sum(terms);
    }

    /**
     * {@return the negative log-likelihood at θ by a plain Java loop}: the value only, with the same
     * stable softplus as the library's (max(z, 0) + log1p(e^−|z|)), on one thread
     */
    public double value(double[] theta) {
        double w0 = theta[0];
        double w1 = theta[1];
        double b = theta[2];
        double sum = 0;
        for (double[] row : rows) {
            double z = w0 * row[0] + w1 * row[1] + b;
            sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - row[2] * z;
        }
        return sum;
    }

    /** {@return the value at θ}, with the hand-written gradient Σ (σ(z) − y)·(x0, x1, 1) written into {@code g} */
    public double valueAndGradient(double[] theta, double[] g) {
        double w0 = theta[0];
        double w1 = theta[1];
        double b = theta[2];
        double sum = 0;
        double g0 = 0;
        double g1 = 0;
        double g2 = 0;
        for (double[] row : rows) {
            double z = w0 * row[0] + w1 * row[1] + b;
            double e = Math.exp(-Math.abs(z));
            sum += Math.max(z, 0) + Math.log1p(e) - row[2] * z;
            double r = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - row[2];
            g0 += r * row[0];
            g1 += r * row[1];
            g2 += r;
        }
        g[0] = g0;
        g[1] = g1;
        g[2] = g2;
        return sum;
    }

    /** {@return the hand-written Hessian Σ σ(z)σ(−z)·(x0, x1, 1)(x0, x1, 1)ᵀ at θ} */
    public double[][] hessian(double[] theta) {
        double w0 = theta[0];
        double w1 = theta[1];
        double b = theta[2];
        double h00 = 0;
        double h01 = 0;
        double h02 = 0;
        double h11 = 0;
        double h12 = 0;
        double h22 = 0;
        for (double[] row : rows) {
            double z = w0 * row[0] + w1 * row[1] + b;
            double e = Math.exp(-Math.abs(z));
            double s = e / ((1 + e) * (1 + e)); // σ(z)σ(−z) without cancellation
            double x0 = row[0];
            double x1 = row[1];
            h00 += s * x0 * x0;
            h01 += s * x0 * x1;
            h02 += s * x0;
            h11 += s * x1 * x1;
            h12 += s * x1;
            h22 += s;
        }
        return new double[][] {{h00, h01, h02}, {h01, h11, h12}, {h02, h12, h22}};
    }

    private static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
