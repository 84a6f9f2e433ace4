package dev.autodiff.core.internal.program;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link Expr#value(Map)}, which evaluates once with no program made ({@link Program#valueOnce}),
 * against a compiled program's evaluation (merged, folded and pruned) to the bit, and the conventions
 * it keeps: variables bound by name whatever object stands for them, bindings checked before any
 * operation on variables is evaluated, and nodes no output depends on never evaluated.
 */
class ValueOnceTest {
    private static final List<Variable> VARS = Expr.variables("w", 4);

    private static Expr randomExpr(Random random, int size) {
        List<Expr> pool = new ArrayList<>(VARS);
        pool.add(Expr.variable("w[1]")); // equal to VARS.get(1) by name, another object
        pool.add(Expr.constant(0.5));
        pool.add(Expr.constant(0.5)); // merged with the first by a compiled program, not by value(Map)
        for (int i = 0; i < size; i++) {
            Expr a = pool.get(pool.size() - 1 - random.nextInt(Math.min(pool.size(), 6)));
            Expr b = pool.get(random.nextInt(pool.size()));
            pool.add(switch (random.nextInt(7)) {
                case 0 -> a.plus(b);
                case 1 -> a.times(b);
                case 2 -> a.sin().plus(Expr.constant(2).log()); // a constant to fold
                case 3 -> Expr.ifElse(a.lessThan(b), a, b.minus(1));
                case 4 -> a.pow(Expr.constant(3).minus(1)); // a folded exponent: pow of a constant exponent
                case 5 -> Expr.ifElse(Expr.constant(0).greaterThan(1), a.log(), b); // a constant condition
                default -> b.div(a.times(a).plus(1));
            });
        }
        return pool.get(pool.size() - 1);
    }

    @Test
    void valueIsACompiledProgramsToTheBit() {
        Random random = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            Expr e = randomExpr(random, 1 + random.nextInt(60));
            double[] point = new double[VARS.size()];
            Map<String, Double> bindings = new HashMap<>();
            for (int k = 0; k < point.length; k++) {
                point[k] = random.nextGaussian() * 2;
                bindings.put(VARS.get(k).name(), point[k]);
            }
            Program p = Program.compile(List.of(e), VARS);
            double[] values = new double[p.size];
            p.evaluate(point, values);
            double expected = values[p.outputs[0]];
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(e.value(bindings)), e::toString);
        }
    }

    @Test
    void variablesOfOneNameShareTheirBindingWhateverObjectStandsForThem() {
        Variable a = Expr.variable("a");
        Variable other = Expr.variable("a");
        assertEquals(3.0 * 3.0 + 3.0, a.times(other).plus(a).value(Map.of("a", 3.0)));
    }

    @Test
    void aMissingBindingIsReportedBeforeAnyOperationOnVariablesIsEvaluated() {
        AtomicInteger calls = new AtomicInteger();
        CustomOperation counted = CustomOperation.of("counted", x -> {
            calls.incrementAndGet();
            return x;
        }, (x, g) -> g);
        Expr e = counted.invoke(Expr.variable("second")).plus(Expr.variable("first"));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> e.value(Map.of("second", 1.0)));
        assertTrue(thrown.getMessage().contains("first"), thrown.getMessage());
        assertEquals(0, calls.get());
    }

    @Test
    void theBranchAConstantConditionDoesNotTakeIsNeverEvaluated() {
        CustomOperation refusing = CustomOperation.of("refusing", x -> {
            throw new AssertionError("evaluated a branch not taken at " + x);
        }, (x, g) -> g);
        Variable x = Expr.variable("x");
        Expr e = Expr.ifElse(Expr.constant(2).lessThan(1), refusing.invoke(x), x.times(2));
        assertEquals(5.0, e.value(Map.of("x", 2.5)));
    }
}
