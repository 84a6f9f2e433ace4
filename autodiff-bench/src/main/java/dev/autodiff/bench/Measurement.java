package dev.autodiff.bench;

import java.util.List;
import java.util.Map;

/**
 * One benchmark result: the class and method measured, its parameters, and the mean time per
 * operation with JMH's 99.9% confidence half-width, both in nanoseconds.
 *
 * @param bench the benchmark class's simple name, such as {@code RosenbrockBench}
 * @param method the benchmark method, such as {@code gradientReverse}
 * @param params the JMH parameters, such as {@code n → 100}
 * @param nanos the time per operation in nanoseconds: JMH's mean of one fork, or the median fork of several
 * @param error the confidence half-width in nanoseconds, NaN when JMH gave none (or for a median of forks)
 * @param forks each fork's mean time per operation in nanoseconds, in the order run; empty when not known
 */
public record Measurement(String bench, String method, Map<String, String> params, double nanos, double error,
                          List<Double> forks) {
    /** Every measure, each before any measure it starts with. */
    private static final String[] MEASURES = {"valueAndGradient", "hessianVector", "hessian", "sparseHessian",
        "sparseJacobian", "gradients", "gradient", "directional", "jvp", "vjp", "value"};

    /** Copies the parameters and the forks. */
    public Measurement {
        params = Map.copyOf(params);
        forks = List.copyOf(forks);
    }

    /** A measurement whose forks are not known one by one. */
    public Measurement(String bench, String method, Map<String, String> params, double nanos, double error) {
        this(bench, method, params, nanos, error, List.of());
    }

    /**
     * {@return the median of {@code xs}, the mean of the middle two for an even count}: the figure
     * of a cell measured several times, forks ({@link TargetForks}) or fresh JVMs ({@link ColdStart})
     */
    static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("no figures to take a median of");
        }
        double[] sorted = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** {@return the nanoseconds in one {@code unit} of JMH's score units ("ns/op", "us/op", "ms/op", "s/op")} */
    public static double nanosPer(String unit) {
        String time = unit.substring(0, unit.indexOf('/'));
        return switch (time) {
            case "ns" -> 1;
            case "us" -> 1e3;
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "min" -> 60e9;
            default -> throw new IllegalArgumentException("expected a score unit like ns/op, us/op, ms/op or s/op, got " + unit);
        };
    }

    /**
     * {@return the measure, the method name's leading part: value, valueAndGradient, gradient,
     * gradients, directional, hessianVector, hessian, sparseHessian, jvp, vjp, sparseJacobian}
     */
    public String measure() {
        return measureOf(method);
    }

    /**
     * {@return the measure named by the leading part of a benchmark method's name}: the longest
     * measure that is a prefix followed by a capital, so {@code valueAndGradientReverse} is
     * valueAndGradient, not value
     */
    public static String measureOf(String method) {
        for (String m : MEASURES) {
            if (method.startsWith(m) && method.length() > m.length() && Character.isUpperCase(method.charAt(m.length()))) {
                return m;
            }
        }
        return method;
    }

    /** {@return the implementation, the method name after the measure (Plain, Reverse, HipparchusDS2 …)} */
    public String implementation() {
        return method.substring(measure().length());
    }

    /** {@return the parameter {@code key}, or "" when this benchmark has none} */
    public String param(String key) {
        return params.getOrDefault(key, "");
    }
}
