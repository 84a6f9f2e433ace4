package dev.autodiff.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The java.util.List overloads compile the same functions as the varargs ones. */
class ListOverloadsTest {
    private final Variable x = Expr.variable("x");
    private final Variable y = Expr.variable("y");

    @Test
    void listAndVarargsGiveTheSameDerivatives() {
        Expr e = x.times(y.sin()).plus(x.exp());
        double[] p = {0.3, -1.1};
        assertArrayEquals(Forward.of(e, x, y).gradient(p), Forward.of(e, List.of(x, y)).gradient(p), 0.0);
        assertArrayEquals(Forward.of(List.of(e, y.cos()), x, y).jacobian(p)[1],
                Forward.of(List.of(e, y.cos()), List.of(x, y)).jacobian(p)[1], 0.0);
    }

    @Test
    void tryOfGivesTheFunctionOrTheReasonAsAFailure() {
        Expr e = x.times(y.sin());
        io.vavr.control.Try<dev.autodiff.core.Differentiable> ok = Forward.tryOf(e, x, y);
        assertArrayEquals(Forward.of(e, x, y).gradient(1, 2), ok.get().gradient(1, 2), 0.0);
        io.vavr.control.Try<dev.autodiff.core.Differentiable> missing = Forward.tryOf(e, x);
        org.junit.jupiter.api.Assertions.assertTrue(missing.isFailure());
        org.junit.jupiter.api.Assertions.assertInstanceOf(IllegalArgumentException.class, missing.getCause());
        org.junit.jupiter.api.Assertions.assertTrue(missing.getCause().getMessage().contains("y"), missing.getCause().getMessage());
        io.vavr.control.Try<dev.autodiff.core.Differentiable> parsed = Expr.tryParse("x * sin(y)").flatMap(p -> Forward.tryOf(p, x, y));
        assertArrayEquals(Forward.of(e, x, y).gradient(1, 2), parsed.get().gradient(1, 2), 0.0);
        org.junit.jupiter.api.Assertions.assertTrue(Expr.tryParse("x *").flatMap(p -> Forward.tryOf(p, x, y)).isFailure());
    }

    @Test
    void nullVariableListIsRejectedWithAMessage() {
        assertThrows(NullPointerException.class, () -> Forward.of(x, (List<Variable>) null));
    }
}
