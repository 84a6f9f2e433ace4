package dev.autodiff.spark.internal;

import dev.autodiff.core.Expr;
import dev.autodiff.core.ParametricDifferentiable;
import dev.autodiff.core.Variable;
import dev.autodiff.forward.Forward;
import dev.autodiff.reverse.Reverse;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The record functions compiled in this JVM, by payload: each executor parses and compiles a
 * payload once and every task that runs there afterwards reuses it (a compiled function is
 * thread-safe). Bounded: past {@link #CAPACITY} payloads an arbitrary one is dropped, to be
 * compiled again if it comes back.
 */
public final class KernelCache {
    /** How many compiled functions one JVM keeps. */
    public static final int CAPACITY = 64;
    private static final ConcurrentHashMap<String, ParametricDifferentiable> COMPILED = new ConcurrentHashMap<>();
    private static final AtomicLong COMPILATIONS = new AtomicLong();

    private KernelCache() {}

    /**
     * {@return the function {@code payload} describes, compiled at its first request in this JVM}
     *
     * @param payload the text of a {@link Payload}
     * @throws IllegalArgumentException when the payload is malformed, its expression does not
     *     parse, or it does not compile over its names
     */
    public static ParametricDifferentiable get(String payload) {
        ParametricDifferentiable f = COMPILED.get(payload);
        if (f != null) {
            return f;
        }
        if (COMPILED.size() >= CAPACITY) {
            Iterator<String> it = COMPILED.keySet().iterator();
            if (it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        return COMPILED.computeIfAbsent(payload, text -> {
            ParametricDifferentiable compiled = compile(text);
            COMPILATIONS.incrementAndGet();
            return compiled;
        });
    }

    /** {@return how many payloads this JVM's cache has compiled so far} */
    public static long compilations() {
        return COMPILATIONS.get();
    }

    /**
     * {@return the function {@code payload} describes, compiled now and not cached}
     *
     * @param payload the text of a {@link Payload}
     * @throws IllegalArgumentException as {@link #get} does
     */
    public static ParametricDifferentiable compile(String payload) {
        Payload p = Payload.decode(payload);
        Expr e;
        try {
            e = Expr.parse(p.expression());
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("malformed record-function payload: its expression does not parse: "
                    + ex.getMessage(), ex);
        }
        try {
            List<Variable> variables = p.variables().stream().map(Expr::variable).toList();
            List<Variable> parameters = p.parameters().stream().map(Expr::variable).toList();
            return p.reverse() ? Reverse.of(e, variables, parameters) : Forward.of(e, variables, parameters);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("record-function payload does not compile: " + ex.getMessage(), ex);
        }
    }
}
