package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** toString prints minimal parentheses, and parse(toString(e)) equals e. */
class PrintParseRoundTripTest {
    private static final Variable X = Expr.variable("x");
    private static final Variable Y = Expr.variable("y");
    private static final Variable Z = Expr.variable("z");

    private static void prints(String expected, Expr e) {
        assertEquals(expected, e.toString());
        assertEquals(e, Expr.parse(expected), () -> "parse of " + expected);
    }

    @Test
    void printsMinimalParentheses() {
        prints("(x + y) * z", X.plus(Y).times(Z));
        prints("x + y * z", X.plus(Y.times(Z)));
        prints("x - (y - z)", X.minus(Y.minus(Z)));
        prints("x - y - z", X.minus(Y).minus(Z));
        prints("x / (y * z)", X.div(Y.times(Z)));
        prints("x * y / z", X.times(Y).div(Z));
        prints("x * (y / z)", X.times(Y.div(Z)));
        prints("-x^y", X.pow(Y).unaryMinus());
        prints("(-x)^y", X.unaryMinus().pow(Y));
        prints("x^-y", X.pow(Y.unaryMinus()));
        prints("-x * y", X.unaryMinus().times(Y));
        prints("-(x * y)", X.times(Y).unaryMinus());
        prints("x - -y", X.minus(Y.unaryMinus()));
        prints("--x", X.unaryMinus().unaryMinus());
        prints("2^3^4", Expr.constant(2).pow(Expr.constant(3).pow(4)));
        prints("(2^3)^4", Expr.constant(2).pow(3).pow(4));
        prints("x^2", X.square());
        prints("-x^2", X.square().unaryMinus());
        prints("(-x)^2", X.unaryMinus().square());
        prints("sin(x)^2", X.sin().square());
        prints("(-2) * x", Expr.constant(-2).times(X));
        prints("-(2) * x", Expr.constant(2).unaryMinus().times(X));
        prints("(-2)^x", Expr.constant(-2).pow(X));
        prints("atan2(x + y, -z)", X.plus(Y).atan2(Z.unaryMinus()));
        prints("max(x, y) - min(x, hypot(y, z))", X.max(Y).minus(X.min(Y.hypot(Z))));
    }

    @Test
    void constantsPrintShortAndExact() {
        prints("2", Expr.constant(2));
        prints("(-3)", Expr.constant(-3));
        prints("9007199254740991", Expr.constant(9007199254740991.0));   // 2^53 - 1, the last whole number printed whole
        prints("9.007199254740992E15", Expr.constant(9007199254740992.0));
        prints("e", Expr.constant(Math.E));
        prints("pi", Expr.constant(Math.PI));
        prints("(-pi)", Expr.constant(-Math.PI));
        prints("3.1415926535897936", Expr.constant(Math.nextUp(Math.PI)));
        prints("e^x", Expr.constant(Math.E).pow(X));
        prints("x^2 + x^0.5", X.pow(2).plus(X.pow(0.5)));
        prints("(-0.0)", Expr.constant(-0.0));
        prints("0", Expr.constant(0.0));
    }

    @Test
    void arraysOfVariablesPrintAndParseByIndex() {
        List<Variable> xs = Expr.variables("x", 3);
        Expr e = xs.get(0).plus(xs.get(1).times(xs.get(2)));
        prints("x[0] + x[1] * x[2]", e);
        assertEquals(xs.get(1), Expr.parse("x[1]"));
        assertEquals(Expr.variable("x[1]"), Expr.parse("`x[1]`"), "back-quoted names still read");
        assertEquals(Expr.variables("w[2]", 2).get(1), Expr.parse("w[2][1]"));
    }

    @Test
    void sharedSubexpressionsAreNamedOnce() {
        Expr s = X.times(Y);
        prints("$1 = x * y; $1 + sin($1)", s.plus(s.sin()));
        Expr parsed = Expr.parse("$1 = x * y; $1 + sin($1)");
        Binary sum = (Binary) parsed;
        assertEquals(3 + 1 + 1, parsed.nodeCount(), "x, y, x*y once, sin, +");
        assertEquals(sum.left(), ((Unary) sum.right()).operand());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "x^2 * sin(y) + exp(-x/2) | x^2 * sin(y) + exp(-x / 2)",
        "-x^2                     | -x^2",
        "2^-3                     | 2^(-3)",
        "- 2 * x                  | (-2) * x",
        "-2^2                     | -2^2",
        "pow(x, y)                | x^y",
        "`my var` + `e` + e       | `my var` + `e` + e",
        "-inf + nan * pi          | (-inf) + nan * pi",
        "1.5e-3 + .5 + 2E2        | 0.0015 + 0.5 + 200",
        "+x * +y - +2             | x * y - 2",
        "x*+y                     | x * y",
        "e^x + -e + -pi - -(pi)   | e^x + (-e) + (-pi) - -(pi)",
        "2.5 + 1e15 + 1e16 + 1e20 | 2.5 + 1000000000000000 + 1.0E16 + 1.0E20",
        "-0.0 + 0 + -0            | (-0.0) + 0 + (-0.0)",
        "x[1] * `x[2]` + y[10][3] | x[1] * x[2] + y[10][3]",
        "`x [1]` + `x[]` + `[1]`  | `x [1]` + `x[]` + `[1]`",
        "sin[0] + e[1]            | sin[0] + e[1]"})
    void parsesToTheExpectedExpression(String text, String printed) {
        Expr e = Expr.parse(text);
        assertEquals(printed, e.toString(), text);
        assertEquals(e, Expr.parse(printed));
    }

    // ---- random round trips ----

    private static final double[] CONSTANTS = {0.0, -0.0, 1, -1, 2, -2.5, 0.1, Double.NaN,
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL,
        Double.MAX_VALUE, -Double.MAX_VALUE, 1e-300, 1e300, -1e22, Math.PI, Math.E, 123456789.125, 1e7, 1e-3};

    private static final String[] NAMES = {"x", "y", "e", "pi", "sin", "inf", "nan", "pow", "log10", "my var",
        "x1", "_a", "A_b9", "1x", "$1", "a-b", "x;y", "é", "  ", "(", "sigmoid", "digamma"};

    private static final CustomOperation SIGMOID = CustomOperation.of("logistic",
            t -> 1 / (1 + Math.exp(-t)), (t, g) -> g * Math.exp(-t) / Math.pow(1 + Math.exp(-t), 2));
    private static final CustomOperation SOFTPLUS = CustomOperation.of("smoothRelu",
            t -> Math.log1p(Math.exp(t)), (t, g) -> g / (1 + Math.exp(-t)));

    /** A random DAG: each node's operands are drawn from all earlier nodes, so subexpressions are shared. */
    static Expr randomExpression(Random rnd) {
        Primitive[] prims = Primitive.values();
        List<Expr> pool = new ArrayList<>();
        int leaves = 1 + rnd.nextInt(4);
        for (int i = 0; i < leaves; i++) {
            pool.add(randomLeaf(rnd));
        }
        int nodes = 1 + rnd.nextInt(25);
        for (int i = 0; i < nodes; i++) {
            Expr a = rnd.nextInt(5) == 0 ? randomLeaf(rnd) : pool.get(rnd.nextInt(pool.size()));
            Expr b = rnd.nextInt(5) == 0 ? randomLeaf(rnd) : pool.get(rnd.nextInt(pool.size()));
            int k = rnd.nextInt(prims.length + 2);
            Expr e;
            if (k == prims.length) {
                e = SIGMOID.invoke(a);
            } else if (k == prims.length + 1) {
                e = SOFTPLUS.invoke(a);
            } else if (prims[k] == Primitive.POW_CONST) {
                e = a.pow(randomConstant(rnd));
            } else if (prims[k] == Primitive.POLYGAMMA) {
                e = b.polygamma(rnd.nextInt(4));
            } else if (prims[k] == Primitive.IF_ELSE) {
                e = Expr.ifElse(pool.get(rnd.nextInt(pool.size())), a, b);
            } else if (prims[k].arity() == 2) {
                e = Binary.of(prims[k], a, b);
            } else {
                e = Unary.of(prims[k], a);
            }
            pool.add(e);
        }
        return pool.get(pool.size() - 1);
    }

    private static Expr randomLeaf(Random rnd) {
        return rnd.nextBoolean() ? Expr.constant(randomConstant(rnd)) : Expr.variable(NAMES[rnd.nextInt(NAMES.length)]);
    }

    private static double randomConstant(Random rnd) {
        return switch (rnd.nextInt(3)) {
            case 0 -> CONSTANTS[rnd.nextInt(CONSTANTS.length)];
            case 1 -> Math.scalb(rnd.nextDouble() - 0.5, rnd.nextInt(2000) - 1000);
            default -> Double.longBitsToDouble(rnd.nextLong()); // any bit pattern, NaNs included
        };
    }

    @Test
    void parseOfToStringEqualsTheExpression() {
        Random rnd = new Random(20240611);
        List<CustomOperation> ops = List.of(SIGMOID, SOFTPLUS);
        for (int i = 0; i < 5000; i++) {
            Expr e = randomExpression(rnd);
            String text = e.toString();
            Expr back = parse(text, ops, i);
            String where = "case " + i + ", expression: " + text;
            assertEquals(e, back, where);
            assertEquals(e.hashCode(), back.hashCode(), where);
            // same text again: shared (non-leaf) subexpressions came back shared, named as before
            assertEquals(text, back.toString(), where);
        }
    }

    private static Expr parse(String text, List<CustomOperation> ops, int i) {
        try {
            return Expr.parse(text, ops);
        } catch (ParseException e) {
            throw new AssertionError("case " + i + ": " + e.getMessage() + " in: " + text, e);
        }
    }
}
