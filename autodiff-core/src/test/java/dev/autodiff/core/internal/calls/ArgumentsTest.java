package dev.autodiff.core.internal.calls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages name the variables, in full for short lists and by their ends for long ones. */
class ArgumentsTest {
    @Test
    void shortListsAreNamedInFull() {
        assertEquals("(x, y)", Arguments.names(List.of(Expr.variable("x"), Expr.variable("y"))));
        List<Variable> sixteen = Expr.variables("x", Arguments.LISTED_NAMES);
        String all = Arguments.names(sixteen);
        for (Variable v : sixteen) {
            assertTrue(all.contains(v.name() + ",") || all.endsWith(v.name() + ")"), all);
        }
    }

    @Test
    void longListsShowTheirEndsAndTheirLength() {
        String s = Arguments.names(Expr.variables("x", 100_000));
        assertTrue(s.startsWith("(x[0], x[1], "), s);
        assertTrue(s.contains("x[11], …, x[99998], x[99999]: 100000 names)"), s);
        assertTrue(s.length() < 200, s);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Arguments.check(new double[3], 100_000, s, "point"));
        assertTrue(e.getMessage().contains("100000 values") && e.getMessage().contains("got 3"), e.getMessage());
    }
}
