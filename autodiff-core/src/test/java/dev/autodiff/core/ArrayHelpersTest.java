package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sums over index ranges and dot products build the left chains one would write by hand. */
class ArrayHelpersTest {
    private final List<Variable> x = Expr.variables("x", 4);
    private final List<Variable> y = Expr.variables("y", 4);

    @Test
    void aRangeSumIsTheLeftChainOfItsTerms() {
        Expr byHand = x.get(1).square().plus(x.get(2).square()).plus(x.get(3).square());
        assertEquals(byHand, Expr.sum(1, 4, i -> x.get(i).square()));
        assertEquals(Expr.constant(0), Expr.sum(2, 2, i -> x.get(i)));
        assertEquals(x.get(3), Expr.sum(3, 4, i -> x.get(i)));
    }

    @Test
    void dotProductsMultiplyPairwiseAndAddLeftToRight() {
        Expr byHand = x.get(0).times(y.get(0)).plus(x.get(1).times(y.get(1))).plus(x.get(2).times(y.get(2)))
                .plus(x.get(3).times(y.get(3)));
        assertEquals(byHand, Expr.dot(x, y));
        double[] c = {1.5, -2, 0, 4};
        Expr withConstants = Expr.dot(x, c);
        Map<String, Double> at = Map.of("x[0]", 1.0, "x[1]", 2.0, "x[2]", 3.0, "x[3]", 4.0);
        assertEquals(1.5 * 1 - 2 * 2 + 0 * 3 + 4 * 4, withConstants.value(at), 0.0);
        // a zero coefficient is a product like any other: ∞·0 is NaN, as IEEE has it
        Map<String, Double> infinite = Map.of("x[0]", 1.0, "x[1]", 2.0, "x[2]", Double.POSITIVE_INFINITY, "x[3]", 4.0);
        assertTrue(Double.isNaN(withConstants.value(infinite)));
        assertEquals(Expr.constant(0), Expr.dot(List.of(), new double[0]));
    }

    @Test
    void misuseIsRefusedWithMessages() {
        IllegalArgumentException lengths = assertThrows(IllegalArgumentException.class, () -> Expr.dot(x, y.subList(0, 3)));
        assertTrue(lengths.getMessage().contains("4") && lengths.getMessage().contains("3"), lengths.getMessage());
        IllegalArgumentException coefficients = assertThrows(IllegalArgumentException.class, () -> Expr.dot(x, new double[2]));
        assertTrue(coefficients.getMessage().contains("2") && coefficients.getMessage().contains("4"),
                coefficients.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> Expr.sum(3, 1, i -> x.get(i)));
        assertTrue(range.getMessage().contains("from 3 to 1"), range.getMessage());
        NullPointerException term = assertThrows(NullPointerException.class, () -> Expr.sum(0, 3, i -> i == 2 ? null : x.get(i)));
        assertTrue(term.getMessage().contains("index 2"), term.getMessage());
    }
}
