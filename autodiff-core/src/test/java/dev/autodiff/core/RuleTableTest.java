package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.RuleOracles.Point;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rule;
import dev.autodiff.core.internal.rules.Rules;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one table from primitives to rule objects ({@link Rules#rule}), against the static entry
 * points it replaces in generated code: for every {@link Primitive} (iterated from
 * {@code values()}), the rule's {@code value} and {@code apply} with and without second partials
 * give {@link Rules#value}, {@link Rules#apply} and {@link Rules#applyFirst} bit for bit (those take
 * the arithmetic fast path for + - · neg and squares, so the two paths are independent there), at
 * random points of the domain and at edges; and the shape the code generator relies on: each rule
 * is the {@code RULE} of a public final entry class of its own.
 */
class RuleTableTest {
    private static final int POINTS = 400;
    private static final String[] SLOTS = {"value", "∂a", "∂b", "scale", "∂a∂a", "∂a∂b", "∂b∂b"};

    static Stream<Primitive> primitives() {
        return Arrays.stream(Primitive.values());
    }

    /** Random points inside the domain, and the edges crossed with every kind of parameter the primitive takes. */
    private static List<Point> pointsAndEdges(Primitive op) {
        List<Point> all = new ArrayList<>(RuleOracles.points(op, new Random(4321 + op.ordinal()), POINTS));
        double[] edges = {0.0, -0.0, 1, -1, 2, 0.5, 1e-300, -1e-300, 4.9e-324, 27.3, -27.3, 745.2, -745.2, 1e8, 2e8,
            1e154, 1e300, -1e300, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        double[] params = switch (op) {
            case POW_CONST -> new double[] {0, 1, 2, 3, -1, 0.5, 1.0 / 3, -2.5};
            case POLYGAMMA -> new double[] {0, 1, 3};
            case IF_ELSE -> new double[] {0, -0.0, 1, -2, Double.NaN};
            default -> new double[] {0};
        };
        for (double a : edges) {
            for (double b : edges) {
                for (double p : params) {
                    all.add(new Point(a, b, p, 1));
                }
            }
        }
        return all;
    }

    @ParameterizedTest
    @MethodSource("primitives")
    void ruleObjectGivesTheStaticEntryPointsBitForBit(Primitive op) {
        int code = op.ordinal();
        Rule rule = Rules.rule(code);
        Partials viaTable = new Partials();
        Partials viaRule = new Partials();
        for (Point pt : pointsAndEdges(op)) {
            double a = pt.a();
            double b = pt.b();
            double p = pt.p();
            assertEquals(Double.doubleToLongBits(Rules.value(code, a, b, p)), Double.doubleToLongBits(rule.value(a, b, p)),
                    () -> op + " value at " + pt);
            Rules.apply(code, a, b, p, viaTable);
            rule.apply(a, b, p, viaRule, true);
            same(op + " apply(…, true) at " + pt, viaTable, viaRule);
            Rules.applyFirst(code, a, b, p, viaTable);
            rule.apply(a, b, p, viaRule, false);
            same(op + " apply(…, false) at " + pt, viaTable, viaRule);
        }
    }

    private static void same(String where, Partials expected, Partials actual) {
        double[] e = slots(expected);
        double[] x = slots(actual);
        for (int k = 0; k < e.length; k++) {
            // doubleToLongBits: every NaN is one NaN, whose sign the JIT and the interpreter may set apart
            int slot = k;
            assertEquals(Double.doubleToLongBits(e[k]), Double.doubleToLongBits(x[k]),
                    () -> where + ": " + SLOTS[slot] + " " + x[slot] + ", the static entry point gives " + e[slot]);
        }
    }

    private static double[] slots(Partials q) {
        return new double[] {q.value, q.da, q.db, q.scale, q.daa, q.dab, q.dbb};
    }

    @Test
    void everyPrimitiveHasARuleOfItsOwnInAPublicFinalEntryWithItsInstanceInRule() throws ReflectiveOperationException {
        Map<Rule, Primitive> seen = new IdentityHashMap<>();
        for (Primitive op : Primitive.values()) {
            Rule rule = Rules.rule(op.ordinal());
            Primitive before = seen.put(rule, op);
            assertTrue(before == null, () -> op + " shares its rule with " + before);
            Class<?> entry = rule.getClass();
            int modifiers = entry.getModifiers();
            assertTrue(Modifier.isPublic(modifiers) && Modifier.isFinal(modifiers) && Modifier.isStatic(modifiers),
                    () -> op + ": " + entry + " is not a public static final class");
            Class<?> family = entry.getEnclosingClass();
            assertTrue(family != null && Modifier.isPublic(family.getModifiers()) && Modifier.isFinal(family.getModifiers()),
                    () -> op + ": " + entry + " is not nested in a public final family");
            Field field = entry.getField("RULE");
            int fieldModifiers = field.getModifiers();
            assertTrue(Modifier.isPublic(fieldModifiers) && Modifier.isStatic(fieldModifiers)
                    && Modifier.isFinal(fieldModifiers), () -> op + ": RULE is not public static final");
            assertSame(entry, field.getType(), () -> op + ": RULE is not of the entry's own type");
            assertSame(rule, field.get(null), () -> op + ": the table holds another instance than RULE");
            for (Constructor<?> constructor : entry.getDeclaredConstructors()) {
                assertTrue(Modifier.isPrivate(constructor.getModifiers()), () -> op + ": a constructor that is not private");
            }
            for (Method method : new Method[] {
                entry.getMethod("value", double.class, double.class, double.class),
                entry.getMethod("apply", double.class, double.class, double.class, Partials.class, boolean.class)}) {
                assertTrue(Modifier.isPublic(method.getDeclaringClass().getModifiers()),
                        () -> op + ": " + method + " is declared in a class that is not public");
            }
        }
    }
}
