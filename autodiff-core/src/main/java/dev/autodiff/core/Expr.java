package dev.autodiff.core;

import dev.autodiff.core.internal.graph.Traversal;
import dev.autodiff.core.internal.program.Evaluator;
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
 * <p>Differentiate with {@code Forward.of(f, x, y)} or {@code Reverse.of(f, x, y)}.
 *
 * <p>Equality is structural and {@code hashCode} agrees with it; both, like {@code toString},
 * take time linear in the number of distinct nodes and never recurse on depth, so a chain of a
 * million operations prints, compares and hashes at the default thread stack size.
 * {@code toString} prints infix with minimal parentheses and names each shared subexpression once,
 * {@code $1 = x * y; $1 + sin($1)}; {@link #parse(String)} reads it back to an equal expression.
 */
public sealed interface Expr permits Constant, Variable, Unary, Binary, Call, IfElse {

    /**
     * {@return the variable named {@code name}}; variables are equal when their names are.
     *
     * @param name any non-empty name without a back-quote
     */
    static Variable variable(String name) {
        return new Variable(name);
    }

    /**
     * {@return {@code n} variables named {@code name[0]} … {@code name[n-1]}}, an array of variables
     * for models with many parameters; {@code Expr.parse("x[1]")} reads the second of
     * {@code variables("x", n)}
     *
     * @param name any non-empty name without a back-quote
     * @param n how many variables, at least 0
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
     * @param value any double, NaN and infinities included
     */
    static Constant constant(double value) {
        return new Constant(value);
    }

    /**
     * Parses infix text: numbers ({@code 2}, {@code 1.5e-3}), variables, indexed variables
     * ({@code x[1]}, the names {@link #variables(String, int)} gives), {@code + - * / ^}, the
     * comparisons {@code < <= > >=}, prefix minus and plus, parentheses, calls of every function in
     * {@link Primitive} and {@code pow(a, b)}, the constants {@code pi}, {@code e}, {@code inf},
     * {@code nan}, back-quoted variable names ({@code `my var`}) and the shared-subexpression
     * definitions that {@code toString} prints. {@code ^} binds tighter than unary minus and
     * associates to the right: {@code -x^2} is {@code -(x^2)}.
     *
     * @param text the expression text
     * @return the expression {@code text} denotes
     * @throws ParseException with the 1-based column and the offending text, on bad input: among
     *     others a call of an unknown function (the message suggests the closest known one and lists
     *     them all) and a number a double cannot hold ({@code 1e400})
     */
    static Expr parse(String text) {
        return ExprParser.parse(text, List.of());
    }

    /**
     * Parses like {@link #parse(String)}, also accepting calls of the given custom operations by
     * their names.
     *
     * @param text the expression text
     * @param operations the custom operations the text may call by name
     * @return the expression {@code text} denotes
     * @throws ParseException as {@link #parse(String)} does
     */
    static Expr parse(String text, List<CustomOperation> operations) {
        return ExprParser.parse(text, operations);
    }

    /**
     * {@return the parsed expression, or the {@link ParseException} as a failure}
     *
     * @param text the expression text
     */
    static Try<Expr> tryParse(String text) {
        return Try.of(() -> parse(text));
    }

    /**
     * {@return the parsed expression, or the {@link ParseException} as a failure}
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
     * @param condition selects {@code whenTrue} where non-zero
     * @param whenTrue the value where the condition is non-zero
     * @param whenFalse the value where the condition is zero
     */
    static Expr ifElse(Expr condition, Expr whenTrue, Expr whenFalse) {
        return new IfElse(condition, whenTrue, whenFalse);
    }

    /**
     * {@return the sum of {@code terms}, or the constant 0 when there are none}
     *
     * @param terms the terms, none of them null
     * @throws NullPointerException naming the index of a null term
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
     * {@return the value of this expression with each variable bound by name}
     *
     * @param bindings a value for each variable of this expression, by name
     * @throws IllegalArgumentException naming a variable that {@code bindings} lacks
     */
    default double value(Map<String, ? extends Number> bindings) {
        return Evaluator.value(this, bindings);
    }

    /** {@return the distinct variables of this expression, in order of first appearance} */
    default List<Variable> variables() {
        return Traversal.variables(this);
    }

    /** {@return the number of distinct nodes (by identity) of this expression's graph} */
    default int nodeCount() {
        return Traversal.nodeCount(this);
    }

    // ---- arithmetic ----

    /**
     * {@return {@code this + other}}
     *
     * @param other the right operand
     */
    default Expr plus(Expr other) {
        return new Binary(Primitive.ADD, this, other);
    }

    /**
     * {@return {@code this + c}}
     *
     * @param c the constant right operand
     */
    default Expr plus(double c) {
        return plus(constant(c));
    }

    /**
     * {@return {@code this - other}}
     *
     * @param other the right operand
     */
    default Expr minus(Expr other) {
        return new Binary(Primitive.SUB, this, other);
    }

    /**
     * {@return {@code this - c}}
     *
     * @param c the constant right operand
     */
    default Expr minus(double c) {
        return minus(constant(c));
    }

    /**
     * {@return {@code this * other}}
     *
     * @param other the right operand
     */
    default Expr times(Expr other) {
        return new Binary(Primitive.MUL, this, other);
    }

    /**
     * {@return {@code this * c}}
     *
     * @param c the constant right operand
     */
    default Expr times(double c) {
        return times(constant(c));
    }

    /**
     * {@return {@code this / other}}
     *
     * @param other the right operand
     */
    default Expr div(Expr other) {
        return new Binary(Primitive.DIV, this, other);
    }

    /**
     * {@return {@code this / c}}
     *
     * @param c the constant right operand
     */
    default Expr div(double c) {
        return div(constant(c));
    }

    /** {@return {@code -this}} */
    default Expr unaryMinus() {
        return new Unary(Primitive.NEG, this);
    }

    /**
     * {@return {@code this ^ exponent}}; a constant exponent never takes the logarithm of the base,
     * so negative bases differentiate ({@link Primitive#POW_CONST}).
     *
     * @param exponent the exponent
     */
    default Expr pow(double exponent) {
        return pow(constant(exponent));
    }

    /**
     * {@return {@code this ^ exponent}}; see {@link Primitive#POW} for the conventions.
     *
     * @param exponent the exponent
     */
    default Expr pow(Expr exponent) {
        return new Binary(Primitive.POW, this, exponent);
    }

    /**
     * {@return {@code max(this, other)}}; at a tie each side gets half the derivative.
     *
     * @param other the right operand
     */
    default Expr max(Expr other) {
        return new Binary(Primitive.MAX, this, other);
    }

    /**
     * {@return {@code max(this, c)}}
     *
     * @param c the constant right operand
     */
    default Expr max(double c) {
        return max(constant(c));
    }

    /**
     * {@return {@code min(this, other)}}; at a tie each side gets half the derivative.
     *
     * @param other the right operand
     */
    default Expr min(Expr other) {
        return new Binary(Primitive.MIN, this, other);
    }

    /**
     * {@return {@code min(this, c)}}
     *
     * @param c the constant right operand
     */
    default Expr min(double c) {
        return min(constant(c));
    }

    /**
     * {@return {@code atan2(this, x)}}, the angle of the point {@code (x, this)}
     *
     * @param x the abscissa
     */
    default Expr atan2(Expr x) {
        return new Binary(Primitive.ATAN2, this, x);
    }

    /**
     * {@return {@code atan2(this, x)}}
     *
     * @param x the abscissa
     */
    default Expr atan2(double x) {
        return atan2(constant(x));
    }

    /**
     * {@return {@code sqrt(this² + other²)}} computed without overflow
     *
     * @param other the right operand
     */
    default Expr hypot(Expr other) {
        return new Binary(Primitive.HYPOT, this, other);
    }

    // ---- comparisons: 1 where true, 0 where false (and for NaN), derivative 0 ----

    /**
     * {@return {@code this < other}: 1 or 0, with derivative 0}
     *
     * @param other the right operand
     */
    default Expr lessThan(Expr other) {
        return new Binary(Primitive.LESS, this, other);
    }

    /**
     * {@return {@code this < c}: 1 or 0, with derivative 0}
     *
     * @param c the constant right operand
     */
    default Expr lessThan(double c) {
        return lessThan(constant(c));
    }

    /**
     * {@return {@code this <= other}: 1 or 0, with derivative 0}
     *
     * @param other the right operand
     */
    default Expr lessOrEqual(Expr other) {
        return new Binary(Primitive.LESS_OR_EQUAL, this, other);
    }

    /**
     * {@return {@code this <= c}: 1 or 0, with derivative 0}
     *
     * @param c the constant right operand
     */
    default Expr lessOrEqual(double c) {
        return lessOrEqual(constant(c));
    }

    /**
     * {@return {@code this > other}: 1 or 0, with derivative 0}
     *
     * @param other the right operand
     */
    default Expr greaterThan(Expr other) {
        return new Binary(Primitive.GREATER, this, other);
    }

    /**
     * {@return {@code this > c}: 1 or 0, with derivative 0}
     *
     * @param c the constant right operand
     */
    default Expr greaterThan(double c) {
        return greaterThan(constant(c));
    }

    /**
     * {@return {@code this >= other}: 1 or 0, with derivative 0}
     *
     * @param other the right operand
     */
    default Expr greaterOrEqual(Expr other) {
        return new Binary(Primitive.GREATER_OR_EQUAL, this, other);
    }

    /**
     * {@return {@code this >= c}: 1 or 0, with derivative 0}
     *
     * @param c the constant right operand
     */
    default Expr greaterOrEqual(double c) {
        return greaterOrEqual(constant(c));
    }

    // ---- functions ----

    /** {@return {@code e^this}} */
    default Expr exp() {
        return new Unary(Primitive.EXP, this);
    }

    /** {@return the natural logarithm} */
    default Expr log() {
        return new Unary(Primitive.LOG, this);
    }

    /** {@return the base-10 logarithm} */
    default Expr log10() {
        return new Unary(Primitive.LOG10, this);
    }

    /** {@return {@code ln(1 + this)}} */
    default Expr log1p() {
        return new Unary(Primitive.LOG1P, this);
    }

    /** {@return {@code e^this - 1}} */
    default Expr expm1() {
        return new Unary(Primitive.EXPM1, this);
    }

    /** {@return the square root}; its derivative at 0 is {@code +∞} */
    default Expr sqrt() {
        return new Unary(Primitive.SQRT, this);
    }

    /** {@return the cube root} */
    default Expr cbrt() {
        return new Unary(Primitive.CBRT, this);
    }

    /** {@return the sine} */
    default Expr sin() {
        return new Unary(Primitive.SIN, this);
    }

    /** {@return the cosine} */
    default Expr cos() {
        return new Unary(Primitive.COS, this);
    }

    /** {@return the tangent} */
    default Expr tan() {
        return new Unary(Primitive.TAN, this);
    }

    /** {@return the arc sine} */
    default Expr asin() {
        return new Unary(Primitive.ASIN, this);
    }

    /** {@return the arc cosine} */
    default Expr acos() {
        return new Unary(Primitive.ACOS, this);
    }

    /** {@return the arc tangent} */
    default Expr atan() {
        return new Unary(Primitive.ATAN, this);
    }

    /** {@return the hyperbolic sine} */
    default Expr sinh() {
        return new Unary(Primitive.SINH, this);
    }

    /** {@return the hyperbolic cosine} */
    default Expr cosh() {
        return new Unary(Primitive.COSH, this);
    }

    /** {@return the hyperbolic tangent} */
    default Expr tanh() {
        return new Unary(Primitive.TANH, this);
    }

    /** {@return the inverse hyperbolic sine} */
    default Expr asinh() {
        return new Unary(Primitive.ASINH, this);
    }

    /** {@return the inverse hyperbolic cosine} */
    default Expr acosh() {
        return new Unary(Primitive.ACOSH, this);
    }

    /** {@return the inverse hyperbolic tangent} */
    default Expr atanh() {
        return new Unary(Primitive.ATANH, this);
    }

    /** {@return the absolute value}; its derivative at 0 is 0 */
    default Expr abs() {
        return new Unary(Primitive.ABS, this);
    }

    /** {@return {@code this²}}, as {@code this ^ 2} */
    default Expr square() {
        return pow(2);
    }

    /**
     * {@return the logistic sigmoid {@code 1 / (1 + e^-this)}}, a primitive: finite value and
     * derivatives of every order at every point, ±800 included
     */
    default Expr sigmoid() {
        return new Unary(Primitive.SIGMOID, this);
    }

    /** {@return {@code log(1 + e^this)}}, without overflow; its derivative is the sigmoid */
    default Expr softplus() {
        return new Unary(Primitive.SOFTPLUS, this);
    }

    /** {@return the error function {@code erf(this)}} */
    default Expr erf() {
        return new Unary(Primitive.ERF, this);
    }

    /** {@return the complementary error function {@code 1 - erf(this)}}, accurate in its tail */
    default Expr erfc() {
        return new Unary(Primitive.ERFC, this);
    }

    /** {@return {@code log|Γ(this)|}}; its derivative is {@link #digamma()} */
    default Expr lgamma() {
        return new Unary(Primitive.LGAMMA, this);
    }

    /** {@return the digamma function ψ(this) = Γ'/Γ}, as {@code polygamma(0, this)} */
    default Expr digamma() {
        return polygamma(0);
    }

    /** {@return the trigamma function ψ'(this)}, as {@code polygamma(1, this)} */
    default Expr trigamma() {
        return polygamma(1);
    }

    /**
     * {@return the polygamma function ψ⁽ⁿ⁾(this)}, the n-th derivative of the digamma function
     *
     * @throws IllegalArgumentException for an order outside 0 … {@value Primitive#POLYGAMMA_ORDERS}
     */
    default Expr polygamma(int n) {
        return new Binary(Primitive.POLYGAMMA, constant(n), this);
    }
}
