package dev.autodiff.core;

/**
 * The primitive operations an expression is built from: their names and arities.
 *
 * <p>The rules of each primitive (value, first and second partial derivatives, Taylor recurrence)
 * live in one entry of the rule table ({@code dev.autodiff.core.internal.rules}), which evaluation,
 * forward mode, reverse mode, the Hessian code and Taylor mode all read. Conventions at points where
 * a primitive is not differentiable are stated on each constant here and hold in every mode.
 *
 * <p>Binary primitives take operands {@code a} and {@code b}; unary ones take {@code a};
 * {@link #IF_ELSE} takes its branches {@code a}, {@code b} and the condition {@code c}.
 */
public enum Primitive {
    /** {@code a + b}. */
    ADD("+", 2),
    /** {@code a - b}. */
    SUB("-", 2),
    /** {@code a * b}. */
    MUL("*", 2),
    /** {@code a / b}; IEEE at {@code b = 0}. */
    DIV("/", 2),
    /**
     * {@code a ^ b} with a variable exponent: {@code ∂a = b·a^(b-1)}, {@code ∂b = a^b·ln a}.
     * Conventions: where {@code a = 0} the terms with {@code ln a} (∂b, ∂a∂b, ∂b∂b) are 0: the limit
     * from the right of ∂b and ∂b∂b when {@code b > 0}, and of ∂a∂b when {@code b > 1} (for
     * {@code 0 < b ≤ 1} that limit is {@code -∞}); {@code ∂a = 0} where {@code b = 0} and
     * {@code ∂a∂a = 0} where {@code b} is 0 or 1, at every base. For {@code a < 0} the exponent
     * partial is NaN: the function is not real-valued near non-integer exponents. An exponent that
     * is a {@link Constant} compiles to {@link #POW_CONST}, which never takes a logarithm.
     */
    POW("^", 2),
    /**
     * {@code a ^ p} for a constant exponent {@code p}: {@code ∂a = p·a^(p-1)}. Never takes the
     * logarithm of the base, so {@code (-2)^3} differentiates. Conventions: the derivative is 0 when
     * {@code p = 0} and 1 when {@code p = 1}, at every base including 0.
     */
    POW_CONST("^", 1),
    /** {@code atan2(a, b)}, the angle of the point {@code (b, a)}; both partials are 0 at the origin. */
    ATAN2("atan2", 2),
    /** {@code max(a, b)}; at a tie each operand receives half the derivative. */
    MAX("max", 2),
    /** {@code min(a, b)}; at a tie each operand receives half the derivative. */
    MIN("min", 2),
    /** {@code hypot(a, b) = sqrt(a² + b²)} without overflow; both partials are 0 at the origin. */
    HYPOT("hypot", 2),
    /** {@code -a}. */
    NEG("-", 1),
    /** {@code e^a}. */
    EXP("exp", 1),
    /** Natural logarithm; derivative {@code 1/a}, IEEE at 0 and below. */
    LOG("log", 1),
    /** Base-10 logarithm. */
    LOG10("log10", 1),
    /** {@code ln(1 + a)}, accurate near 0. */
    LOG1P("log1p", 1),
    /** {@code e^a - 1}, accurate near 0. */
    EXPM1("expm1", 1),
    /** Square root; the derivative at 0 is {@code +∞}, as IEEE division gives. */
    SQRT("sqrt", 1),
    /** Cube root; the derivative at 0 is {@code +∞}. */
    CBRT("cbrt", 1),
    /** Sine. */
    SIN("sin", 1),
    /** Cosine. */
    COS("cos", 1),
    /** Tangent. */
    TAN("tan", 1),
    /** Arc sine; derivative {@code +∞} at ±1. */
    ASIN("asin", 1),
    /** Arc cosine; derivative {@code -∞} at ±1. */
    ACOS("acos", 1),
    /** Arc tangent. */
    ATAN("atan", 1),
    /** Hyperbolic sine. */
    SINH("sinh", 1),
    /** Hyperbolic cosine. */
    COSH("cosh", 1),
    /** Hyperbolic tangent. */
    TANH("tanh", 1),
    /** Inverse hyperbolic sine. */
    ASINH("asinh", 1),
    /** Inverse hyperbolic cosine; derivative {@code +∞} at 1. */
    ACOSH("acosh", 1),
    /** Inverse hyperbolic tangent. */
    ATANH("atanh", 1),
    /** Absolute value; the derivative at 0 is 0 (the subgradient {@code sign(0)}). */
    ABS("abs", 1),
    /** {@code a < b}: 1 or 0 (0 when either is NaN); derivative 0. */
    LESS("<", 2),
    /** {@code a <= b}: 1 or 0 (0 when either is NaN); derivative 0. */
    LESS_OR_EQUAL("<=", 2),
    /** {@code a > b}: 1 or 0 (0 when either is NaN); derivative 0. */
    GREATER(">", 2),
    /** {@code a >= b}: 1 or 0 (0 when either is NaN); derivative 0. */
    GREATER_OR_EQUAL(">=", 2),
    /**
     * The logistic sigmoid {@code 1/(1 + e^-a)}: derivative {@code σ(a)σ(-a)}, computed without
     * cancellation; finite value and derivatives everywhere (0 where they underflow, never NaN).
     */
    SIGMOID("sigmoid", 1),
    /** {@code softplus(a) = log(1 + e^a)}, without overflow: derivative {@code sigmoid(a)}. */
    SOFTPLUS("softplus", 1),
    /** The error function; derivative {@code 2/√π·e^(-a²)}. */
    ERF("erf", 1),
    /** The complementary error function {@code 1 - erf(a)}, accurate in the tail; derivative {@code -2/√π·e^(-a²)}. */
    ERFC("erfc", 1),
    /**
     * {@code log|Γ(a)|}; derivative the digamma function ψ. +∞ at 0 and the negative integers, where
     * Γ has its poles.
     */
    LGAMMA("lgamma", 1),
    /**
     * The polygamma function {@code ψ⁽ⁿ⁾(a)}, the n-th derivative of the digamma function, for a
     * constant order {@code n} from 0 to {@value #POLYGAMMA_ORDERS}: {@code polygamma(0, a)} prints and
     * parses as {@code digamma(a)}, {@code polygamma(1, a)} as {@code trigamma(a)}. Its derivative is
     * {@code polygamma(n + 1, a)}. At the poles (0 and the negative integers) NaN for even n, whose
     * two sides diverge with opposite signs, and +∞ for odd n.
     */
    POLYGAMMA("polygamma", 2),
    /**
     * {@code ifElse(c, a, b)}: {@code a} where the condition {@code c} is non-zero, {@code b} where it
     * is zero, NaN where it is NaN. Partials: 1 with respect to the branch taken, 0 (a strong zero)
     * to the other and to the condition; see {@link IfElse}.
     */
    IF_ELSE("ifElse", 3);

    private static final Primitive[] VALUES = values();

    /**
     * The largest order of {@link #POLYGAMMA} accepted: its derivatives of the orders Hessians and
     * Taylor series need stay within what the scaled series represent (2000).
     */
    public static final int POLYGAMMA_ORDERS = 1000;

    private final String symbol;
    private final int arity;

    Primitive(String symbol, int arity) {
        this.symbol = symbol;
        this.arity = arity;
    }

    /** {@return the operator or function name used when printing and parsing} */
    public String symbol() {
        return symbol;
    }

    /** {@return the number of expression operands: 1, 2, or 3 for {@link #IF_ELSE}} */
    public int arity() {
        return arity;
    }

    /** {@return whether this primitive prints as an infix operator ({@code + - * / ^})} */
    public boolean isInfix() {
        return this == ADD || this == SUB || this == MUL || this == DIV || this == POW || isComparison();
    }

    /** {@return whether this primitive is a comparison ({@code < <= > >=}), whose value is 1 or 0} */
    public boolean isComparison() {
        return this == LESS || this == LESS_OR_EQUAL || this == GREATER || this == GREATER_OR_EQUAL;
    }

    /** {@return whether this primitive prints and parses as a function call {@code name(args)}} */
    public boolean isFunction() {
        return !isInfix() && this != NEG && this != POW_CONST;
    }

    /**
     * {@return whether this primitive's first expression operand is a constant parameter of the rule
     * rather than a differentiated operand}: the order of {@link #POLYGAMMA}
     */
    public boolean hasConstantOrder() {
        return this == POLYGAMMA;
    }

    /**
     * {@return the primitive with the given ordinal, used as an op code in compiled programs}
     *
     * @param code an ordinal of this enum
     */
    public static Primitive ofCode(int code) {
        return VALUES[code];
    }

    /**
     * {@return the function primitive printed as {@code name}, if there is one}
     *
     * @param name a function name as text writes it, such as {@code sin}
     */
    public static java.util.Optional<Primitive> function(String name) {
        for (Primitive p : VALUES) {
            if (p.isFunction() && p.symbol.equals(name)) {
                return java.util.Optional.of(p);
            }
        }
        return java.util.Optional.empty();
    }
}
