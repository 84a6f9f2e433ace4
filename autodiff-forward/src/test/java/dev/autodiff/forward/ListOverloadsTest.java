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
    void nullVariableListIsRejectedWithAMessage() {
        assertThrows(NullPointerException.class, () -> Forward.of(x, (List<Variable>) null));
    }
}
