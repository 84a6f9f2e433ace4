package dev.autodiff.bench;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The measurements of one run, looked up by benchmark class, method and size. */
public final class Results {
    /** The method that every ratio is taken against: plain Java f. */
    public static final String PLAIN = "valuePlain";

    private final List<Measurement> all;

    /** Wraps the measurements of one run. */
    public Results(List<Measurement> all) {
        this.all = List.copyOf(all);
    }

    /** {@return every measurement, in the order given} */
    public List<Measurement> all() {
        return all;
    }

    /** {@return the measurement of {@code bench.method} with parameter n (or "" for none)} */
    public Optional<Measurement> find(String bench, String method, String n) {
        return all.stream()
                .filter(m -> m.bench().equals(bench) && m.method().equals(method) && m.param("n").equals(n))
                .findFirst();
    }

    /** {@return the time of {@code bench.method} at n divided by plain Java f of the same class and n} */
    public OptionalDouble ratio(String bench, String method, String n) {
        Optional<Measurement> m = find(bench, method, n);
        Optional<Measurement> plain = find(bench, PLAIN, n);
        if (m.isEmpty() || plain.isEmpty()) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(m.get().nanos() / plain.get().nanos());
    }

    /** {@return the ratio of {@code m} to plain Java f of the same class and parameters} */
    public OptionalDouble ratio(Measurement m) {
        return all.stream()
                .filter(p -> p.bench().equals(m.bench()) && p.method().equals(PLAIN) && p.params().equals(m.params()))
                .mapToDouble(p -> m.nanos() / p.nanos())
                .findFirst();
    }
}
