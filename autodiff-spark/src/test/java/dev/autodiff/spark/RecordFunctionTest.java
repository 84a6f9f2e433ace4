package dev.autodiff.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.reverse.Reverse;
import dev.autodiff.spark.internal.KernelCache;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The payload that carries a record function to executors: round trips, and every malformation refused. */
class RecordFunctionTest {
    private static final RecordFunction NLL = RecordFunction.reverse(Logistic.NLL, Logistic.W, Logistic.DATA);
    private static final double[] THETA = {0.7, -1.1, 0.2};
    private static final double[] ROW = {0.4, -1.3, 1};

    @Test
    void payloadRoundTripsToTheSameFunction() {
        RecordFunction back = RecordFunction.fromPayload(NLL.payload());
        assertEquals(NLL, back);
        assertEquals(NLL.payload(), back.payload());
        assertEquals(NLL.expression(), back.expression());
        assertEquals(NLL.variables(), back.variables());
        assertEquals(NLL.parameters(), back.parameters());
        assertEquals(NLL.mode(), back.mode());
        // the oracle: the expression compiled directly, never through text
        Differentiable direct = Reverse.of(Logistic.NLL, Logistic.W, Logistic.DATA).at(ROW);
        assertEquals(direct.value(THETA), back.at(ROW).value(THETA), 0.0);
        assertArrayEquals(direct.gradient(THETA), back.at(ROW).gradient(THETA), 0.0);
    }

    @Test
    void awkwardNamesAndSharedSubexpressionsSurviveTheTrip() {
        // names with spaces, colons and digits; a subexpression used twice, printed once as $1
        Variable a = Expr.variable("a weight: 1");
        Variable b = Expr.variable("b[0]");
        Variable data = Expr.variable("x 2");
        Expr shared = a.times(data).sin();
        Expr e = shared.times(shared).plus(b.exp()).plus(shared);
        RecordFunction f = RecordFunction.forward(e, List.of(a, b), List.of(data, Expr.variable("unused")));
        RecordFunction back = RecordFunction.fromPayload(f.payload());
        assertEquals(f.payload(), back.payload());
        assertEquals(e, back.expression());
        assertEquals(RecordFunction.Mode.FORWARD, back.mode());
        assertEquals(List.of("x 2", "unused"), back.parameters().stream().map(Variable::name).toList());
        assertTrue(f.payload().length() < 200, f.payload());
    }

    @Test
    void theModeIsPartOfThePayload() {
        RecordFunction forward = RecordFunction.forward(Logistic.NLL, Logistic.W, Logistic.DATA);
        assertNotEquals(NLL, forward);
        assertNotEquals(NLL.payload(), forward.payload());
    }

    @Test
    void sameFunctionCompilesOncePerJvm() {
        Variable w = Expr.variable("w");
        Variable x = Expr.variable("x");
        Expr unique = w.times(x).minus(Expr.constant(System.nanoTime() % 1000 + 0.5)).pow(2);
        long before = KernelCache.compilations();
        RecordFunction f = RecordFunction.reverse(unique, List.of(w), List.of(x));
        RecordFunction.fromPayload(f.payload()).compiled();
        f.at(1.0).value(2.0);
        RecordFunction.reverse(unique, List.of(w), List.of(x)).compiled();
        assertEquals(before + 1, KernelCache.compilations());
        assertTrue(f.compiled() == RecordFunction.fromPayload(f.payload()).compiled());
    }

    private static String malformed(String payload) {
        return assertThrows(IllegalArgumentException.class, () -> RecordFunction.fromPayload(payload)).getMessage();
    }

    @Test
    void malformedPayloadsAreRefusedWithWhereAndWhat() {
        String good = NLL.payload();
        assertEquals("malformed record-function payload at character 1: expected the header autodiff-record/1, "
                + "got 'something else'", malformed("something else"));
        assertEquals("malformed record-function payload at character 19: expected the mode REVERSE or FORWARD, "
                + "got 'SIDEWAYS 3 4:w[0] 4:…'", malformed(good.replace("REVERSE", "SIDEWAYS")));
        // cut short: the expression's length promises more than remains
        String cut = good.substring(0, good.length() - 5);
        assertTrue(malformed(cut).matches("malformed record-function payload at character \\d+: expected the "
                + "expression of \\d+ characters, but only \\d+ remain, got '.*"), malformed(cut));
        assertTrue(malformed(good + " extra").contains("expected the end of the payload, got ' extra'"));
        assertTrue(malformed(good.replace(" 3 4:w[0]", " x 4:w[0]")).contains("expected the number of variables"));
        assertTrue(malformed(good.replace("4:w[0]", "4;w[0]")).contains("expected ':' after the length of the name of "
                + "variables 0"));
        assertTrue(malformed(good.replace("4:w[0]", "99999999999:w[0]")).contains("below 2^31"));
    }

    @Test
    void payloadsWhoseExpressionIsWrongAreRefused() {
        String bad = "autodiff-record/1 REVERSE 1 1:w 1 1:x 9:w * (x + ";
        assertTrue(malformed(bad).startsWith("malformed record-function payload: its expression does not parse: "
                + "column"), malformed(bad));
        String missing = "autodiff-record/1 REVERSE 1 1:w 1 1:x 5:w * z";
        assertTrue(malformed(missing).contains("z"), malformed(missing));
        String twice = "autodiff-record/1 REVERSE 1 1:w 1 1:w 5:w * w";
        assertEquals("malformed record-function payload: the name w is listed twice", malformed(twice));
        assertTrue(malformed(null).contains("expected text, got null"));
    }

    @Test
    void customOperationsCannotTravel() {
        Variable x = Expr.variable("x");
        CustomOperation square = CustomOperation.of("mySquare", a -> a * a, (a, g) -> g * 2 * a);
        Expr e = square.invoke(x);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> RecordFunction.reverse(e, List.of(x), List.of()));
        assertTrue(ex.getMessage().startsWith("the expression's text does not parse back, so it cannot travel"),
                ex.getMessage());
    }

    @Test
    void namesThatDoNotCompileAreRefusedOnTheDriver() {
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> RecordFunction.reverse(Logistic.NLL, Logistic.W, List.of(Logistic.X1, Logistic.Y)));
        assertTrue(ex.getMessage().contains("x2"), ex.getMessage());
    }
}
