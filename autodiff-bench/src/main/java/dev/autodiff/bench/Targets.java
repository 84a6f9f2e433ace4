package dev.autodiff.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The speed targets, each checked against one run's measurements. */
public final class Targets {
    private Targets() {}

    /**
     * One target and how the run did.
     *
     * @param measure what is measured
     * @param target the target as the issue states it
     * @param measured the measured figure, or "not measured"
     * @param status met or missed, and by how much
     */
    public record Row(String measure, String target, String measured, String status) {}

    /** {@return the targets table rows for {@code results}} */
    public static List<Row> evaluate(Results r) {
        List<Row> rows = new ArrayList<>();
        rows.add(atMost("reverse gradient ÷ f, Rosenbrock n = 10⁴", "≤ 5 (aim 3)", 5,
                best(r, "RosenbrockBench", "10000", "gradientReverse"), 3));
        rows.add(atMost("forward directional derivative ÷ f, Rosenbrock n = 10⁴", "≤ 3", 3,
                best(r, "RosenbrockBench", "10000", "directionalForward"), 0));
        rows.add(atMost("dense Hessian ÷ f, log-sum-exp n = 100", "≤ 5·n = 500", 500,
                best(r, "LogSumExpBench", "100", "hessianReverse", "hessianForward"), 0));
        rows.add(atMost("Hessian-vector product ÷ f, Rosenbrock n = 10⁴", "≤ 10", 10,
                best(r, "RosenbrockBench", "10000", "hessianVectorReverse"), 0));
        Optional<Measurement> compile = r.find("CompileBench", "buildAndCompileReverse", "");
        rows.add(atMost("build and compile a 10⁶-node expression (Reverse.of), seconds", "≤ 1 s", 1,
                compile.map(m -> new Figure(m.nanos() / 1e9, "")), 0));
        rows.add(atLeast("Hipparchus `Gradient` time ÷ ours, Rosenbrock gradient n = 100", "≥ 10× faster", 10,
                speedup(r, "RosenbrockSmallBench", "gradientHipparchusGradient", "100",
                        "RosenbrockBench", "gradientReverse", "RosenbrockQuadraticBench", "gradientForward")));
        rows.add(atLeast("Hipparchus `DerivativeStructure` order 2 time ÷ ours, log-sum-exp Hessian n = 30",
                "≥ 5× faster", 5,
                speedup(r, "LogSumExpBench", "hessianHipparchusDS2", "30",
                        "LogSumExpBench", "hessianReverse", "LogSumExpBench", "hessianForward")));
        return rows;
    }

    /** A measured figure and the mode that produced it (empty when only one can). */
    record Figure(double value, String mode) {
        String text(String unit) {
            String v = ReportWriter.number(value) + unit;
            return mode.isEmpty() ? v : v + " (" + mode + ")";
        }
    }

    /** {@return the smallest ratio to f among {@code methods}, naming the mode when there is a choice} */
    static Optional<Figure> best(Results r, String bench, String n, String... methods) {
        Figure best = null;
        for (String method : methods) {
            OptionalDouble ratio = r.ratio(bench, method, n);
            if (ratio.isPresent() && (best == null || ratio.getAsDouble() < best.value())) {
                best = new Figure(ratio.getAsDouble(), methods.length > 1 ? mode(method) : "");
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@return the peer's time over our faster mode's time, both at size n} */
    static Optional<Figure> speedup(Results r, String peerBench, String peerMethod, String n,
                                    String benchA, String methodA, String benchB, String methodB) {
        Optional<Measurement> peer = r.find(peerBench, peerMethod, n);
        Optional<Measurement> a = r.find(benchA, methodA, n);
        Optional<Measurement> b = r.find(benchB, methodB, n);
        if (peer.isEmpty() || (a.isEmpty() && b.isEmpty())) {
            return Optional.empty();
        }
        Measurement ours = a.isEmpty() ? b.get() : b.isEmpty() ? a.get() : a.get().nanos() <= b.get().nanos() ? a.get() : b.get();
        return Optional.of(new Figure(peer.get().nanos() / ours.nanos(), mode(ours.method())));
    }

    private static String mode(String method) {
        return method.endsWith("Forward") ? "forward" : method.endsWith("Reverse") ? "reverse" : method;
    }

    private static Row atMost(String measure, String target, double limit, Optional<Figure> f, double aim) {
        if (f.isEmpty()) {
            return new Row(measure, target, "not measured", "—");
        }
        double v = f.get().value();
        String status = v <= limit
                ? "**met**, " + ReportWriter.number(limit / v) + "× under"
                : "**missed** by " + ReportWriter.number(v / limit) + "×";
        if (aim > 0) {
            status += v <= aim ? "; aim " + ReportWriter.number(aim) + " met" : "; aim " + ReportWriter.number(aim) + " missed";
        }
        return new Row(measure, target, f.get().text(""), status);
    }

    private static Row atLeast(String measure, String target, double limit, Optional<Figure> f) {
        if (f.isEmpty()) {
            return new Row(measure, target, "not measured", "—");
        }
        double v = f.get().value();
        String status = v >= limit
                ? "**met**, " + ReportWriter.number(v / limit) + "× beyond"
                : "**missed** by " + ReportWriter.number(limit / v) + "×";
        return new Row(measure, target, f.get().text("×"), status);
    }
}
