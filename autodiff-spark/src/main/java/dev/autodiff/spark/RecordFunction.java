package dev.autodiff.spark;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.spark.internal.KernelCache;
import dev.autodiff.spark.internal.Payload;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A per-record function that can travel to Spark executors: an expression over variables θ and
 * data parameters, compiled by forward or reverse mode, and described by a small text payload
 * (the mode, the names, the expression's text) from which any JVM compiles the same function.
 *
 * <pre>{@code
 * List<Variable> w = Expr.variables("w", 3);
 * Variable x1 = Expr.variable("x1"), x2 = Expr.variable("x2"), y = Expr.variable("y");
 * Expr z = w.get(0).times(x1).plus(w.get(1).times(x2)).plus(w.get(2));
 * RecordFunction nll = RecordFunction.reverse(z.softplus().minus(y.times(z)), w, List.of(x1, x2, y));
 * Differentiable here = nll.sumOver(rows);                      // one machine, double[][] rows
 * Differentiable there = SparkSum.of(nll, dataset);            // a Spark Dataset, columns x1, x2, y
 * }</pre>
 *
 * <p>It is a {@link ParametricDifferentiable} itself: {@link #at} and {@link #sumOver} run the
 * function compiled in this JVM, the very one an executor compiles from {@link #payload()}. The
 * expression must print and parse back to itself ({@code Expr.parse(e.toString()).equals(e)}),
 * which every expression built from the primitives does; custom operations cannot travel. Compiled
 * functions are kept per JVM by payload, so building the same record function twice compiles once.
 */
public final class RecordFunction implements ParametricDifferentiable {

    /** How the record function is compiled: {@code Forward.of} or {@code Reverse.of}. */
    public enum Mode {
        /** Forward mode: dual numbers, Hessians forward over forward. */
        FORWARD,
        /** Reverse mode: one backward sweep per gradient, Hessians reverse over forward. */
        REVERSE
    }

    private final Expr expression;
    private final List<Variable> variables;
    private final List<Variable> parameters;
    private final Mode mode;
    private final String payload;

    private RecordFunction(Expr expression, List<Variable> variables, List<Variable> parameters, Mode mode,
            String payload) {
        this.expression = expression;
        this.variables = variables;
        this.parameters = parameters;
        this.mode = mode;
        this.payload = payload;
    }

    /**
     * {@return {@code e} over {@code variables} with {@code parameters} as data, compiled by reverse mode}
     *
     * @param e the function of one record
     * @param variables the differentiated variables, in the order points list their values
     * @param parameters the data, in the order records list their values
     * @throws IllegalArgumentException as {@link #of} does
     */
    public static RecordFunction reverse(Expr e, List<Variable> variables, List<Variable> parameters) {
        return of(e, variables, parameters, Mode.REVERSE);
    }

    /**
     * {@return {@code e} over {@code variables} with {@code parameters} as data, compiled by forward mode}
     *
     * @param e the function of one record
     * @param variables the differentiated variables, in the order points list their values
     * @param parameters the data, in the order records list their values
     * @throws IllegalArgumentException as {@link #of} does
     */
    public static RecordFunction forward(Expr e, List<Variable> variables, List<Variable> parameters) {
        return of(e, variables, parameters, Mode.FORWARD);
    }

    /**
     * {@return {@code e} over {@code variables} with {@code parameters} as data, compiled by {@code mode}}
     *
     * @param e the function of one record
     * @param variables the differentiated variables, in the order points list their values
     * @param parameters the data, in the order records list their values
     * @param mode forward or reverse
     * @throws IllegalArgumentException when {@code e} does not print and parse back to itself (it
     *     calls a custom operation), or as {@code Reverse.of(e, variables, parameters)} does: naming a
     *     name given twice or as both a variable and a parameter, or one {@code e} uses but neither lists
     */
    public static RecordFunction of(Expr e, List<Variable> variables, List<Variable> parameters, Mode mode) {
        Objects.requireNonNull(e, "expected an expression, got null");
        Objects.requireNonNull(variables, "expected a list of variables, got null");
        Objects.requireNonNull(parameters, "expected a list of parameters, got null");
        Objects.requireNonNull(mode, "expected a mode, got null");
        String text = e.toString();
        Expr parsed;
        try {
            parsed = Expr.parse(text);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("the expression's text does not parse back, so it cannot travel to "
                    + "executors (custom operations cannot): " + ex.getMessage(), ex);
        }
        if (!parsed.equals(e)) {
            throw new IllegalArgumentException("the expression's text parses to another expression, so executors would "
                    + "compile another function: " + text);
        }
        List<Variable> vs = List.copyOf(variables);
        List<Variable> ps = List.copyOf(parameters);
        String payload = new Payload(mode == Mode.REVERSE, names(vs), names(ps), text).encode();
        KernelCache.get(payload);
        return new RecordFunction(e, vs, ps, mode, payload);
    }

    private static List<String> names(List<Variable> vs) {
        return vs.stream().map(Variable::name).toList();
    }

    /**
     * {@return the record function {@code payload} describes}, as an executor compiles it
     *
     * @param payload the text of {@link #payload()}
     * @throws IllegalArgumentException naming where a malformed payload departs from the form, or
     *     saying why its expression does not parse or compile
     */
    public static RecordFunction fromPayload(String payload) {
        Payload p = Payload.decode(payload);
        Expr e;
        try {
            e = Expr.parse(p.expression());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("malformed record-function payload: its expression does not parse: "
                    + ex.getMessage(), ex);
        }
        Set<String> seen = new HashSet<>();
        List<Variable> vs = variables(p.variables(), seen);
        List<Variable> ps = variables(p.parameters(), seen);
        return of(e, vs, ps, p.reverse() ? Mode.REVERSE : Mode.FORWARD);
    }

    private static List<Variable> variables(List<String> names, Set<String> seen) {
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("malformed record-function payload: the name " + name
                        + " is listed twice");
            }
        }
        try {
            return names.stream().map(Expr::variable).toList();
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("malformed record-function payload: " + ex.getMessage(), ex);
        }
    }

    /** {@return the text an executor compiles this function from: the mode, the names and the expression's text} */
    public String payload() {
        return payload;
    }

    /** {@return the function of one record} */
    public Expr expression() {
        return expression;
    }

    /** {@return how the function is compiled} */
    public Mode mode() {
        return mode;
    }

    /** {@return the function compiled in this JVM, from the payload, once per JVM} */
    public ParametricDifferentiable compiled() {
        return KernelCache.get(payload);
    }

    @Override
    public List<Variable> variables() {
        return variables;
    }

    @Override
    public List<Variable> parameters() {
        return parameters;
    }

    @Override
    public Differentiable at(double... parameterValues) {
        return compiled().at(parameterValues);
    }

    @Override
    public Differentiable sumOver(double[][] rows) {
        return compiled().sumOver(rows);
    }

    @Override
    public Differentiable sumOverBlocks(Iterable<double[][]> blocks) {
        return compiled().sumOverBlocks(blocks);
    }

    /** {@return whether {@code o} is a record function with the same payload} */
    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof RecordFunction r && r.payload.equals(payload);
    }

    @Override
    public int hashCode() {
        return payload.hashCode();
    }

    @Override
    public String toString() {
        return "RecordFunction." + (mode == Mode.REVERSE ? "reverse" : "forward") + "(" + expression + ") over "
                + names(variables) + " with parameters " + names(parameters);
    }
}
