package dev.autodiff.core;

import dev.autodiff.core.internal.symbolic.Differentiator;
import dev.autodiff.core.internal.symbolic.Rebuild;
import dev.autodiff.core.internal.text.ExprParser;
import io.vavr.control.Try;
import java.util.List;
import java.util.Map;

/**
 * An immutable mathematical expression: a node of a directed acyclic graph whose shared
 * subexpressions are shared objects.
 *
 * <p>Build expressions from {@link #variable(String)}, {@link #constant(double)} and
 * {@link #parse(String)}, then combine them with the operator-named methods, which Kotlin reads as
 * operators:
 *
 * <pre>{@code
 * Variable x = Expr.variable("x"), y = Expr.variable("y");
 * Expr f = x.times(y).plus(x.sin());          // Kotlin: x * y + sin(x)
 * double v = f.value(Map.of("x", 1.0, "y", 2.0));
 * }</pre>
 *
 * <p>The operators and functions are those of {@link Scalar}, which dual numbers and tape scalars
 * share, so a generic function builds expressions as readily as it computes numbers. Differentiate
 * with {@code Forward.of(f, x, y)} or {@code Reverse.of(f, x, y)}, or symbolically: {@link
 * #derivative(Variable)} and {@link #gradient(List)} give derivatives as expressions, of any order.
 *
 * <p>Equality is structural and {@code hashCode} agrees with it; both, like {@code toString},
 * take time linear in the number of distinct nodes and never recurse on depth, so a chain of a
 * million operations prints, compares and hashes at the default thread stack size.
 * {@code toString} prints infix with minimal parentheses and names each shared subexpression once,
 * {@code $1 = x * y; $1 + sin($1)}; {@link #parse(String)} reads it back to an equal expression.
 */
public sealed interface Expr extends Scalar<Expr> permits Constant, Variable, Unary, Binary, Call, IfElse {

    /**
     * {@return the variable named {@code name}}; variables are equal when their names are.
     *
     * @param name the variable's name
     */
    static Variable variable(String name) {
        return new Variable(name);
    }

    /**
     * {@return {@code n} variables named {@code name[0]} … {@code name[n-1]}}, an array of variables
     * for models with many parameters; {@code Expr.parse("x[1]")} reads the second of
     * {@code variables("x", n)}
     *
     * @param name the array's name
     * @param n the number of variables, at least 0
     * @throws IllegalArgumentException for a negative {@code n} or an empty name
     */
    static java.util.List<Variable> variables(String name, int n) {
        java.util.Objects.requireNonNull(name, "expected a name, got null");
        if (n < 0) {
            throw new IllegalArgumentException("expected a non-negative number of variables, got " + n);
        }
        Variable[] vs = new Variable[n];
        for (int i = 0; i < n; i++) {
            vs[i] = new Variable(name + "[" + i + "]");
        }
        return java.util.List.of(vs);
    }

    /**
     * {@return the constant {@code value}}; NaN and infinities are allowed.
     *
     * @param value the number
     */
    static Constant constant(double value) {
        return new Constant(value);
    }

    /**
     * Parses infix text: numbers ({@code 2}, {@code 1.5e-3}), variables, {@code + - * / ^}, unary
     * minus, parentheses, calls of every function in {@link Primitive} and {@code pow(a, b)},
     * the constants {@code pi}, {@code e}, {@code inf}, {@code nan}, back-quoted variable names
     * ({@code `my var`}) and the shared-subexpression definitions that {@code toString} prints.
     * {@code ^} binds tighter than unary minus and associates to the right: {@code -x^2} is
     * {@code -(x^2)}.
     *
     * @param text the text to parse
     * @return the expression the text spells
     * @throws ParseException with the 1-based column and the offending text, on bad input
     */
    static Expr parse(String text) {
        return ExprParser.parse(text, List.of());
    }

    /**
     * Parses like {@link #parse(String)}, also accepting calls of the given custom operations by
     * their names.
     *
     * @param text the text to parse
     * @param operations the custom operations the text may call, by their names
     * @return the expression the text spells
     */
    static Expr parse(String text, List<CustomOperation> operations) {
        return ExprParser.parse(text, operations);
    }

    /**
     * {@return the parsed expression, or the {@link ParseException} as a failure}
     *
     * @param text the text to parse
     */
    static Try<Expr> tryParse(String text) {
        return Try.of(() -> parse(text));
    }

    /**
     * {@return the parsed expression, calls of {@code operations} included, or the
     * {@link ParseException} as a failure}
     *
     * @param text the expression text
     * @param operations the custom operations the text may call by name
     */
    static Try<Expr> tryParse(String text, List<CustomOperation> operations) {
        return Try.of(() -> parse(text, operations));
    }

    /**
     * {@return {@code whenTrue} where {@code condition} is non-zero, {@code whenFalse} where it is zero}
     *
     * <pre>{@code
     * Expr huber = Expr.ifElse(r.abs().lessThan(1), r.times(r).times(0.5), r.abs().minus(0.5));
     * }</pre>
     *
     * Text: {@code ifElse(abs(r) < 1, 0.5 * r^2, abs(r) - 0.5)}. Only the branch taken is evaluated
     * into the result and differentiated; see {@link IfElse} for the conventions.
     *
     * @param condition the condition: non-zero for true, zero for false
     * @param whenTrue the value where the condition holds
     * @param whenFalse the value where it does not
     */
    static Expr ifElse(Expr condition, Expr whenTrue, Expr whenFalse) {
        return new IfElse(condition, whenTrue, whenFalse);
    }

    /**
     * {@return the sum of {@code terms}, or the constant 0 when there are none}
     *
     * @param terms the terms, none null
     */
    static Expr sum(Iterable<? extends Expr> terms) {
        java.util.Objects.requireNonNull(terms, "expected terms to sum, got null");
        Expr total = null;
        int index = 0;
        for (Expr t : terms) {
            if (t == null) {
                throw new NullPointerException("expected terms without nulls, got null at index " + index);
            }
            total = total == null ? t : total.plus(t);
            index++;
        }
        return total == null ? constant(0) : total;
    }

    /**
     * {@return Σ_{i = from}^{to - 1} term(i)}, left to right as {@link #sum(Iterable)} adds, or the
     * constant 0 for an empty range: the sums over index ranges of array models.
     *
     * <pre>{@code
     * List<Variable> x = Expr.variables("x", n);
     * Expr rosenbrock = Expr.sum(0, n - 1, i ->
     *         x.get(i + 1).minus(x.get(i).square()).square().times(100).plus(x.get(i).minus(1).square()));
     * }</pre>
     *
     * Identical terms over a range compile to one loop that generated code runs; the left-to-right
     * order is also the order in which the terms are rounded.
     *
     * @param from the first index
     * @param to the index after the last
     * @param term the term at each index
     * @throws IllegalArgumentException when {@code to < from}
     * @throws NullPointerException when {@code term} is null or returns null (naming the index)
     */
    static Expr sum(int from, int to, java.util.function.IntFunction<? extends Expr> term) {
        java.util.Objects.requireNonNull(term, "expected a term for each index, got null");
        if (to < from) {
            throw new IllegalArgumentException("expected a range from ≤ to, got from " + from + " to " + to);
        }
        Expr total = null;
        for (int i = from; i < to; i++) {
            Expr t = term.apply(i);
            if (t == null) {
                throw new NullPointerException("expected a term at every index, got null at index " + i);
            }
            total = total == null ? t : total.plus(t);
        }
        return total == null ? constant(0) : total;
    }

    /**
     * {@return Σ a_i·b_i}, the dot product of two equally long lists, left to right (the constant 0
     * for empty lists)
     *
     * @param a the first list
     * @param b the second list, as long as the first
     * @throws IllegalArgumentException when the lengths differ (both named)
     */
    static Expr dot(List<? extends Expr> a, List<? extends Expr> b) {
        java.util.Objects.requireNonNull(a, "expected a list of expressions, got null");
        java.util.Objects.requireNonNull(b, "expected a list of expressions, got null");
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("expected lists of equal length for a dot product, got " + a.size()
                    + " and " + b.size());
        }
        return sum(0, a.size(), i -> java.util.Objects.requireNonNull(a.get(i), "expected no nulls, got null at index " + i)
                .times(java.util.Objects.requireNonNull(b.get(i), "expected no nulls, got null at index " + i)));
    }

    /**
     * {@return Σ a_i·c_i} with constant coefficients {@code c}, left to right (the constant 0 for
     * empty lists): every product is kept, a zero coefficient included, so an infinite a_i gives
     * NaN as IEEE arithmetic does
     *
     * @param a the list of expressions
     * @param c their coefficients, as many as expressions
     * @throws IllegalArgumentException when the lengths differ (both named)
     */
    static Expr dot(List<? extends Expr> a, double[] c) {
        java.util.Objects.requireNonNull(a, "expected a list of expressions, got null");
        java.util.Objects.requireNonNull(c, "expected an array of coefficients, got null");
        if (a.size() != c.length) {
            throw new IllegalArgumentException("expected as many coefficients as expressions for a dot product, got "
                    + c.length + " and " + a.size());
        }
        return sum(0, c.length, i -> java.util.Objects.requireNonNull(a.get(i), "expected no nulls, got null at index " + i)
                .times(c[i]));
    }

    /**
     * {@return the value of this expression with each variable bound by name}
     *
     * @param bindings the value of each variable, by name
     * @throws IllegalArgumentException naming a variable that {@code bindings} lacks
     */
    default double value(Map<String, ? extends Number> bindings) {
        return ValueWalk.value(this, bindings);
    }

    /** {@return the distinct variables of this expression, in order of first appearance} */
    default List<Variable> variables() {
        return NodeWalk.variables(this);
    }

    /** {@return the number of distinct nodes (by identity) of this expression's graph} */
    default int nodeCount() {
        return NodeWalk.nodeCount(this);
    }

    // ---- the scalar core: every operator and function of Scalar builds its node through these ----

    /** {@return the {@link Constant} {@code value}}, as {@link #constant(double)} */
    @Override
    default Expr newConstant(double value) {
        return new Constant(value);
    }

    /** {@return the {@link Unary} node of {@code op} over this} */
    @Override
    default Expr apply(Primitive op) {
        return new Unary(op, this);
    }

    /** {@return the {@link Binary} node of {@code op} over this and {@code other}} */
    @Override
    default Expr apply(Primitive op, Expr other) {
        return new Binary(op, this, other);
    }

    /**
     * {@return {@code this ^ exponent}} as a {@link Binary} power with a {@link Constant} exponent,
     * which compiles to {@link Primitive#POW_CONST} and never takes the logarithm of the base
     */
    @Override
    default Expr pow(double exponent) {
        return pow(new Constant(exponent));
    }

    /** {@return the {@link IfElse} node with this as its condition}, as {@link #ifElse(Expr, Expr, Expr)} */
    @Override
    default Expr ifElse(Expr whenTrue, Expr whenFalse) {
        return new IfElse(this, whenTrue, whenFalse);
    }

    /** {@return the {@link Call} of {@code op} on this}, as {@link CustomOperation#invoke} */
    @Override
    default Expr apply(CustomOperation op) {
        return op.invoke(this);
    }

    // ---- derivatives as expressions ----

    /**
     * {@return the derivative of this expression with respect to {@code x}, as an expression} that
     * prints, parses, compiles and differentiates again like any other
     *
     * <pre>{@code
     * Expr f = x.pow(3).times(y.sin());
     * Expr fx = f.derivative(x);                  // 3 * x^2 * sin(y)
     * Expr fxy = fx.derivative(y);                // 3 * x^2 * cos(y)
     * }</pre>
     *
     * <p>One backward pass over the graph (reverse mode on expressions), so the result shares
     * subexpressions with this one and has O(n) distinct nodes for n here. Only simplifications
     * exact in IEEE arithmetic are made: constants fold, {@code a·1}, {@code a/1}, {@code a - 0},
     * {@code a + (-0)}, {@code -(-a)} and {@code a^1} lose their identity element, and a term whose
     * partial is a constant 0 is never built; {@code a·0} and {@code a + 0} stay (they differ from
     * {@code 0} and {@code a} at NaN, infinities and {@code -0}). Branches ({@link IfElse}),
     * {@code max}, {@code min} and {@code abs} switch their parts of the derivative on and off with
     * {@code ifElse}, so a branch not taken contributes exactly 0, as in the compiled modes, even
     * where its own derivative is NaN. At the documented convention points the derivative has the
     * documented value; its derivatives there are those of the formula on the side selected.
     * Evaluated, the derivative is an expression like any other: its products follow IEEE
     * arithmetic, not the compiled modes' zero-factor rule, so where a chain-rule product meets a
     * zero factor and an infinite one it is NaN where they give 0 (see {@link Differentiable}).
     *
     * @param x the variable to differentiate by
     * @throws UnsupportedOperationException naming a custom operation without a derivative as an
     *     expression ({@link CustomOperation#withSymbolicDerivative})
     */
    default Expr derivative(Variable x) {
        java.util.Objects.requireNonNull(x, "expected a variable, got null");
        return Differentiator.gradient(this, List.of(x)).get(0);
    }

    /**
     * {@return the partial derivatives of this expression with respect to {@code variables}, in
     * their order}, by one backward pass shared by all of them; see {@link #derivative(Variable)}
     *
     * <pre>{@code
     * List<Expr> g = f.gradient(List.of(x, y));   // ∂f/∂x, ∂f/∂y, sharing their common parts
     * }</pre>
     *
     * @param variables the variables to differentiate by
     */
    default List<Expr> gradient(List<Variable> variables) {
        return Differentiator.gradient(this, variables);
    }

    /**
     * {@return this expression with each variable that {@code replacements} maps replaced by its
     * expression}: one rebuild of each node that depends on a replaced variable, the rest kept as
     * they are, so sharing is kept and the result has at most as many distinct nodes as this and
     * the replacements together
     *
     * <pre>{@code
     * Expr s = f.substitute(Map.of(x, y.times(y)));     // f(y², y)
     * }</pre>
     *
     * @param replacements the expression that replaces each variable it maps
     */
    default Expr substitute(Map<Variable, ? extends Expr> replacements) {
        return Rebuild.substitute(this, replacements);
    }

    /**
     * {@return the value of this expression over any scalar type, with each variable bound}: an
     * expression run on dual numbers, on a tape, or on other expressions
     *
     * <pre>{@code
     * Dual d = f.evaluate(Map.of(x, xDual, y, yDual));
     * }</pre>
     *
     * Each distinct node is evaluated once; constants become {@link Scalar#newConstant} of a bound
     * value.
     *
     * @param <T> the scalar type
     * @param bindings the value of each variable, as a scalar of that type
     * @throws IllegalArgumentException naming a variable that {@code bindings} lacks, or when
     *     {@code bindings} is empty
     */
    default <T extends Scalar<T>> T evaluate(Map<Variable, T> bindings) {
        return Rebuild.evaluate(this, bindings);
    }
}
