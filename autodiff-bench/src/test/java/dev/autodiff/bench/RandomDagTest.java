package dev.autodiff.bench;

import static dev.autodiff.bench.WorkloadTest.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * The random DAG is what its benchmark says (about 10⁴ nodes, every kind of node, shared, nothing
 * dead), its generated Java is the same function in methods HotSpot compiles, and every
 * {@link RandomDagBench} method returns what its name says.
 */
class RandomDagTest {
    private static RandomDag dag = RandomDag.standard();
    private static ToDoubleFunction<double[]> plain = x -> Double.NaN;
    private static InMemoryJavac.Compiled compiled = InMemoryJavac.compile("Empty", "public class Empty {}");

    @BeforeAll
    static void compile() {
        dag = RandomDag.standard();
        compiled = dag.compile();
        plain = dag.plainJava();
    }

    @Test
    void theDagHasAboutTenThousandNodesOfEveryKindSharedAndNoneDead() {
        assertTrue(dag.size() >= 9_000 && dag.size() <= 12_000, "expected about 10^4 nodes, got " + dag.size());
        int[] kinds = dag.histogram();
        for (RandomDag.Op op : RandomDag.Op.values()) {
            assertTrue(kinds[op.ordinal()] > 0, "expected some nodes of kind " + op);
        }
        assertEquals(RandomDag.VARIABLES, kinds[RandomDag.Op.VARIABLE.ordinal()]);
        // every node but the output is read by another (the output sums the sinks), and many by several
        int[] readers = dag.readers();
        int shared = 0;
        for (int k = RandomDag.VARIABLES; k < dag.size() - 1; k++) {
            assertTrue(readers[k] >= 1, "node " + k + " is dead");
            shared += readers[k] >= 2 ? 1 : 0;
        }
        assertEquals(0, readers[dag.size() - 1], "the output");
        assertTrue(shared > dag.size() / 10, "expected many shared subexpressions, got " + shared);
    }

    @Test
    void generatedJavaComputesTheDagNodeByNode() {
        double[] x = dag.point();
        // the same operations in the same order in Java: bit for bit
        assertEquals(dag.value(x), plain.applyAsDouble(x), 0.0);
        double[] y = Seeded.uniform(x.length, -1, 1, 99);
        double expected = dag.value(y);
        double got = plain.applyAsDouble(y);
        assertTrue(Double.compare(expected, got) == 0, "at another point: " + expected + " vs " + got);
        // and the expression built from the same nodes evaluates to it (the library's own rules)
        List<Variable> vars = dag.variableList();
        Map<String, Double> bindings = new HashMap<>();
        for (int i = 0; i < x.length; i++) {
            bindings.put(vars.get(i).name(), x[i]);
        }
        assertClose(dag.value(x), dag.expr(vars).value(bindings), 1e-13, "Expr.value");
    }

    @Test
    void everyGeneratedMethodIsUnderHotSpotsLimitForCompilingIt() throws Exception {
        Map<String, Integer> lengths = ClassFileCode.codeLengths(compiled.classFiles().get("RandomDagPlain"));
        int methods = 0;
        for (Map.Entry<String, Integer> m : lengths.entrySet()) {
            // HugeMethodLimit: HotSpot never compiles a method of more than 8000 bytes of bytecode
            assertTrue(m.getValue() < 8000, m.getKey() + " has " + m.getValue() + " bytes of bytecode");
            methods += m.getKey().startsWith("m") ? 1 : 0;
        }
        assertTrue(methods > 10, "expected the nodes split over many methods, got " + lengths.keySet());
    }

    static List<Object[]> benchmarks() {
        List<Object[]> out = new ArrayList<>();
        for (Method m : RandomDagBench.class.getMethods()) {
            if (m.isAnnotationPresent(Benchmark.class)) {
                out.add(new Object[] {m.getName(), m});
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benchmarks")
    void randomDagBenchmarkReturnsWhatItsNameSays(String name, Method method) throws Exception {
        RandomDagBench b = new RandomDagBench();
        b.setUp(name);
        Object result = method.invoke(b);
        double[] x = dag.point();
        // Oracle: central differences of the generated Java f, independent of the library. This DAG
        // is strongly curved (divisions by values down to 0.25, exponentials): their error was
        // measured at 36 and 8.9 (of a largest entry 1.1e4) for h = 1e-5 and 5e-6, falling as h²,
        // i.e. truncation; FiniteDifference's h ≈ 6e-6 leaves ~1e-3 of the largest entry.
        double[] differences = FiniteDifference.gradient(plain, x);
        double tolerance = 1e-2;
        switch (Measurement.measureOf(name)) {
            case "value" -> assertEquals(dag.value(x), (double) result, 1e-12 * Math.abs(dag.value(x)), name);
            case "gradient" -> assertClose(differences, (double[]) result, tolerance, name);
            case "valueAndGradient" -> {
                assertEquals(dag.value(x), (double) result, 1e-12 * Math.abs(dag.value(x)), name);
                assertClose(differences, b.g, tolerance, name + " gradient");
            }
            default -> throw new AssertionError(name + " names no known measure");
        }
    }

    @Test
    void bothModesGiveTheSameGradientToRounding() {
        RandomDagBench reverse = new RandomDagBench();
        reverse.setUp("gradientReverse");
        RandomDagBench forward = new RandomDagBench();
        forward.setUp("gradientForward");
        // the same partials multiplied along the same paths, summed in another order
        assertClose(reverse.gradientReverse(), forward.gradientForward(), 1e-12, "reverse against forward");
        assertTrue(reverse.compiled.toString().startsWith("Reverse"), reverse.compiled.toString());
        assertTrue(forward.compiled.toString().startsWith("Forward"), forward.compiled.toString());
    }

    @Test
    void theExpressionSharesItsNodes() {
        Expr e = dag.expr(dag.variableList());
        // one node per DAG node plus at most one constant per scaling, shift and square (x² is x^2):
        // a tree, repeating shared subexpressions, would be many times larger
        int[] h = dag.histogram();
        int constants = h[RandomDag.Op.SCALE.ordinal()] + h[RandomDag.Op.SHIFT.ordinal()] + h[RandomDag.Op.SQUARE.ordinal()];
        assertTrue(e.nodeCount() >= dag.size() && e.nodeCount() <= dag.size() + constants,
                "expected " + dag.size() + " to " + (dag.size() + constants) + " nodes, got " + e.nodeCount());
    }
}
