package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.internal.program.Program;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link ValueWalk}, which evaluates the nodes it finds in order of serial, against
 * {@link Program#valueOnce}, which builds a program first (folding constants) and evaluates it
 * after: the same bits on random DAGs with shared nodes, folded exponents and conditions, NaN
 * conditions and polygamma orders, at ordinary and edge points; and the cases it leaves to
 * {@code valueOnce}.
 */
class ValueWalkTest {
    private static final List<Variable> VARS = Expr.variables("v", 3);
    private static final double[] EDGES = {0.0, -0.0, 1.0, -1.0, 2.0, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 4.9e-324, 1e300, -800};

    private static Expr randomExpr(Random random, int size) {
        List<Expr> pool = new ArrayList<>(VARS);
        pool.add(Expr.variable("v[2]")); // equal to VARS.get(2) by name, another node
        pool.add(Expr.constant(0.5));
        pool.add(Expr.constant(3));
        pool.add(Expr.constant(Double.NaN));
        for (int i = 0; i < size; i++) {
            Expr a = pool.get(pool.size() - 1 - random.nextInt(Math.min(pool.size(), 5)));
            Expr b = pool.get(random.nextInt(pool.size()));
            Expr c = pool.get(random.nextInt(pool.size()));
            pool.add(switch (random.nextInt(12)) {
                case 0 -> a.plus(b);
                case 1 -> a.times(b).minus(c);
                case 2 -> a.div(b);
                case 3 -> a.pow(b); // folded to a constant exponent when b comes from constants alone
                case 4 -> a.pow(Expr.constant(2)); // the square's special case
                case 5 -> Expr.ifElse(a.lessThan(b), b, c); // a condition constant or not
                case 6 -> Expr.ifElse(c, a, b); // NaN or other constants as conditions, directly
                case 7 -> a.sin().plus(b.exp());
                case 8 -> a.polygamma(random.nextInt(3)); // the order is the rule's parameter
                case 9 -> a.atan2(b).max(c);
                case 10 -> a.unaryMinus().sqrt().log1p();
                default -> a.tanh().times(b.abs());
            });
        }
        return pool.get(pool.size() - 1 - random.nextInt(3));
    }

    @Test
    void valueIsValueOncesToTheBit() {
        Random random = new Random(7);
        int walked = 0;
        for (int trial = 0; trial < 2000; trial++) {
            Expr e = randomExpr(random, random.nextInt(40));
            double[] point = new double[VARS.size()];
            Map<String, Double> bindings = new HashMap<>();
            for (int k = 0; k < point.length; k++) {
                point[k] = random.nextBoolean() ? random.nextGaussian() * 3 : EDGES[random.nextInt(EDGES.length)];
                bindings.put(VARS.get(k).name(), point[k]);
            }
            double expected = Program.valueOnce(e, vars -> vars.stream().mapToDouble(v -> bindings.get(v.name())).toArray());
            double[] out = new double[1];
            assertTrue(ValueWalk.value(e, bindings, out), e::toString);
            // bits, with every NaN one: a NaN's sign and payload depend on whether the code that
            // made it runs interpreted or compiled (x86 gives -NaN for sqrt(-3)), not on the path
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(out[0]), e::toString);
            walked++;
        }
        assertEquals(2000, walked);
    }

    @Test
    void aLeafAloneIsItsValue() {
        double[] out = new double[1];
        assertTrue(ValueWalk.value(Expr.constant(-0.0), Map.of(), out));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(out[0]));
        assertTrue(ValueWalk.value(Expr.variable("y"), Map.of("y", 4.5), out));
        assertEquals(4.5, out[0]);
    }

    @Test
    void aCustomOperationOrAMissingBindingIsLeftToValueOnce() {
        CustomOperation twice = CustomOperation.of("twice", x -> 2 * x, (x, g) -> 2 * g);
        Variable x = Expr.variable("x");
        double[] out = new double[1];
        assertFalse(ValueWalk.value(twice.invoke(x).plus(1), Map.of("x", 1.0), out));
        assertFalse(ValueWalk.value(x.plus(Expr.variable("y")), Map.of("x", 1.0), out));
        // and Expr.value gives valueOnce's value and error there
        assertEquals(3.0, twice.invoke(x).plus(1).value(Map.of("x", 1.0)));
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> x.plus(Expr.variable("y")).value(Map.of("x", 1.0)));
        assertTrue(thrown.getMessage().contains("no value for variable y"), thrown.getMessage());
    }

    @Test
    void aChainOfAMillionNodesEvaluatesAtTheDefaultStackSize() {
        Variable x = Expr.variable("x");
        Expr e = x;
        double expected = 0.5;
        for (int i = 0; i < 1_000_000; i++) {
            e = e.times(0.5).plus(x); // x shared by every level
            expected = expected * 0.5 + 0.5;
        }
        double[] out = new double[1];
        assertTrue(ValueWalk.value(e, Map.of("x", 0.5), out));
        assertEquals(expected, out[0]); // the same operations in the same order: equal, not close
    }

    @Test
    void nodesFarApartInSerialsAreFoundAndSharedAcrossPages() {
        Variable x = Expr.variable("x");
        Variable y = Expr.variable("y");
        Expr e = x.times(y);
        double expected = 0.5 * -3.0;
        for (int i = 0; i < 40; i++) {
            for (int k = 0; k < ValueWalk.PAGE; k++) {
                Expr.constant(k); // serials spent on nodes of no graph here: each level on a page of its own
            }
            e = e.times(x).plus(y.sin()); // x and y, on the first page, shared by every level
            expected = expected * 0.5 + Math.sin(-3.0);
        }
        Map<String, Double> at = Map.of("x", 0.5, "y", -3.0);
        double[] out = new double[1];
        assertTrue(ValueWalk.value(e, at, out));
        assertEquals(expected, out[0]); // the same operations in the same order
    }

    @Test
    void variablesAmongOperationsAreBoundWhereverTheyFall() {
        // variables made first (whole pages of them), among the operations (sharing pages with
        // them), and last: the walk binds them in a sweep of its own before the operations
        Map<String, Double> bindings = new HashMap<>();
        Expr e = Expr.constant(0.25);
        for (int i = 0; i < 3 * ValueWalk.PAGE; i++) {
            bindings.put("first" + i, 1.0 / (i + 1));
        }
        List<Variable> first = new ArrayList<>();
        for (int i = 0; i < 3 * ValueWalk.PAGE; i++) {
            first.add(Expr.variable("first" + i));
        }
        for (int i = 0; i < first.size(); i++) {
            Variable among = Expr.variable("among" + i);
            bindings.put(among.name(), i % 7 - 3.0);
            e = e.times(first.get(i)).plus(among.sin());
        }
        Variable last = Expr.variable("last");
        bindings.put("last", -1.5);
        e = e.times(last);
        double expected = Program.valueOnce(e, vars -> vars.stream().mapToDouble(v -> bindings.get(v.name())).toArray());
        double[] out = new double[1];
        assertTrue(ValueWalk.value(e, bindings, out));
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(out[0]));
        bindings.remove("among" + (first.size() - 1)); // one binding missing, the last variable among
        assertFalse(ValueWalk.value(e, bindings, out));
    }

    @Test
    void nodesSpreadTooThinlyForPagesAreLeftToValueOnce() {
        Variable x = Expr.variable("x");
        Expr e = x;
        int levels = 2 * ValueWalk.FREE_PAGES; // a node or two per page: past the pages any walk may make
        for (int i = 0; i < levels; i++) {
            for (int k = 0; k < ValueWalk.PAGE; k++) {
                Expr.constant(k);
            }
            e = e.plus(1);
        }
        Map<String, Double> at = Map.of("x", 0.5);
        double[] out = new double[1];
        assertFalse(ValueWalk.value(e, at, out));
        assertEquals(levels + 0.5, e.value(at)); // by valueOnce, exactly: halves and integers below 2^52
    }
}
