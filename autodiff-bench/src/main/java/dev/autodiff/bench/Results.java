package dev.autodiff.bench;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The measurements of one run, looked up by benchmark class, method and size. */
public final class Results {
    /** The method that every ratio is taken against: plain Java f. */
    public static final String PLAIN = "valuePlain";

    /** A cell looked up by {@link #find}: a benchmark class's method at size n ("" for none). */
    public record Cell(String bench, String method, String n) {}

    private final List<Measurement> all;
    private final Map<String, Double> counts;
    /** Where {@link #find} notes each cell it is asked for, or null: see {@link #recording}. */
    private final Collection<Cell> reads;

    /** Wraps the measurements of one run. */
    public Results(List<Measurement> all) {
        this(all, Map.of());
    }

    /**
     * Wraps the measurements of one run and counts taken beside them, such as the colours of a
     * sparsity pattern ({@link SparseCounts}), by name.
     */
    public Results(List<Measurement> all, Map<String, Double> counts) {
        this(all, counts, null);
    }

    private Results(List<Measurement> all, Map<String, Double> counts, Collection<Cell> reads) {
        this.all = List.copyOf(all);
        this.counts = Map.copyOf(counts);
        this.reads = reads;
    }

    /**
     * {@return a run with no measurements that adds to {@code reads} every cell it is asked for}:
     * what a table built from it reads, so that the cells to measure again are named where they
     * are read ({@link TargetForks#groups})
     */
    static Results recording(Collection<Cell> reads) {
        return new Results(List.of(), Map.of(), reads);
    }

    /** {@return the count named {@code name}, if it was taken} */
    public OptionalDouble count(String name) {
        Double c = counts.get(name);
        return c == null ? OptionalDouble.empty() : OptionalDouble.of(c);
    }

    /** {@return every measurement, in the order given} */
    public List<Measurement> all() {
        return all;
    }

    /** {@return the measurement of {@code bench.method} with parameter n (or "" for none)} */
    public Optional<Measurement> find(String bench, String method, String n) {
        if (reads != null) {
            reads.add(new Cell(bench, method, n));
        }
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
