package dev.autodiff.engine.loops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.codegen.LoopWriter;
import dev.autodiff.engine.codegen.MethodSizes;
import dev.autodiff.testkit.RepeatedPrograms;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** What {@link LoopFinder} finds, and that loop values equal interpreted values to the bit. */
class LoopPlanTest {
    private static List<Variable> variables(int n) {
        List<Variable> x = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            x.add(Expr.variable("x" + i));
        }
        return x;
    }

    /** Chained Rosenbrock over {@code x}, its terms added one after another. */
    static Expr rosenbrock(List<Variable> x) {
        Expr sum = null;
        for (int i = 0; i + 1 < x.size(); i++) {
            Expr a = x.get(i + 1).minus(x.get(i).times(x.get(i)));
            Expr b = Expr.constant(1).minus(x.get(i));
            Expr term = a.times(a).times(100).plus(b.times(b));
            sum = sum == null ? term : sum.plus(term);
        }
        return sum;
    }

    @Test
    void chainedRosenbrockIsOneLoopOfItsTermsPlusTheRunningSum() {
        int n = 1000;
        List<Variable> x = variables(n);
        Program p = Program.compile(List.of(rosenbrock(x)), x);
        LoopPlan plan = LoopPlan.withLoops(p);
        assertEquals(1, plan.loops());
        // the first term holds the constants 100 and 1, so the loop starts at the second: n - 2 terms of 8 nodes
        assertEquals(8 * (n - 2), plan.loopNodes());
        assertEquals(p.size, plan.loopEnd(0), "the loop runs to the output");
    }

    @Test
    void loopsOfTheSameShapeShareOneKernel() {
        List<Variable> x = variables(300);
        Program a = Program.compile(List.of(rosenbrock(x)), x);
        Program b = Program.compile(List.of(rosenbrock(x.subList(0, 200))), x.subList(0, 200));
        LoopRegion first = LoopPlan.withLoops(a).region(0);
        LoopRegion second = LoopPlan.withLoops(b).region(0);
        assertEquals(first.shape(), second.shape());
        assertSame(first.kernel(), second.kernel());
    }

    @Test
    void customOperationsAndShortRunsStayWithTheInterpreter() {
        CustomOperation twice = CustomOperation.of("twice", a -> 2 * a, (a, g) -> 2 * g);
        List<Variable> x = variables(200);
        Expr sum = null;
        for (int i = 0; i < 200; i++) {
            Expr term = twice.invoke(x.get(i)).times(x.get(i));
            sum = sum == null ? term : sum.plus(term);
        }
        Program custom = Program.compile(List.of(sum), x);
        LoopPlan plan = LoopPlan.withLoops(custom);
        for (int q = 0; q < plan.loops(); q++) {
            for (int i = plan.loopStart(q); i < plan.loopEnd(q); i++) {
                assertTrue(custom.code[i] != Program.CUSTOM, "node " + i + " is a custom operation inside a loop");
            }
        }
        List<Variable> few = variables(3);
        Program small = Program.compile(List.of(rosenbrock(few)), few);
        assertEquals(0, LoopPlan.withLoops(small).loops(), "two terms are not worth a loop");
    }

    @Test
    void loopValuesEqualInterpretedValuesToTheBit() {
        Random r = new Random(7);
        int found = 0;
        for (int seed = 0; seed < 200; seed++) {
            RepeatedPrograms programs = new RepeatedPrograms(seed, 1 + seed % 9);
            int reps = 8 + seed % 40;
            List<Variable> x = variables(RepeatedPrograms.inputCount(reps));
            Program p = Program.compile(List.of(programs.expression(x, reps)), x);
            LoopPlan plan = LoopPlan.withLoops(p);
            found += plan.loops();
            double[] point = r.doubles(x.size(), -2, 2).toArray();
            double[] interpreted = new double[p.size];
            p.evaluate(point, interpreted);
            double[] looped = new double[p.size];
            plan.evaluate(p, point, looped);
            int out = p.outputs[0];
            assertEquals(Double.doubleToLongBits(interpreted[out]), Double.doubleToLongBits(looped[out]), "seed " + seed);
        }
        assertTrue(found >= 150, "the random repeated programs should mostly compile to loops; found " + found);
    }

    @Test
    void onlyASumOfTermsLetsAHessianVectorProductLeaveOutItsTangentSweep() {
        List<Variable> x = variables(50);
        Program sum = Program.compile(List.of(rosenbrock(x)), x);
        assertEquals(0, LoopPlan.withLoops(sum).sumLoop(), "a sum of terms, its last term after the loop");
        // the tail reads an earlier node: its tangent would not be in the bound
        Program readsInput = Program.compile(List.of(rosenbrock(x).times(x.get(3))), x);
        assertEquals(-1, LoopPlan.withLoops(readsInput).sumLoop(), "a product after the loop");
        Program plusInput = Program.compile(List.of(rosenbrock(x).plus(x.get(3))), x);
        assertEquals(-1, LoopPlan.withLoops(plusInput).sumLoop(), "an input added after the loop");
        // a running product is not a sum chain: its partials depend on the previous repetition
        Expr product = x.get(0);
        for (int i = 1; i < x.size(); i++) {
            product = product.times(x.get(i).sin());
        }
        Program products = Program.compile(List.of(product), x);
        assertTrue(LoopPlan.withLoops(products).loops() > 0);
        assertEquals(-1, LoopPlan.withLoops(products).sumLoop(), "a running product");
        // the carried random programs read an early repetition after the loop
        int summed = 0;
        for (int seed = 0; seed < 60; seed++) {
            List<Variable> y = variables(RepeatedPrograms.inputCount(20));
            Program p = Program.compile(List.of(new RepeatedPrograms(seed, 1 + seed % 9).expression(y, 20)), y);
            summed += LoopPlan.withLoops(p).sumLoop() >= 0 ? 1 : 0;
        }
        assertEquals(0, summed, "programs that read an early repetition after the loop");
    }

    private static final int ATAN2_REPS = 40;

    /**
     * {@return a sum of 40 repetitions of 32 chained atan2, each with an external operand of its
     * own}: the exact second-order method of its loop passes 8000 bytes of bytecode
     */
    private static Program atan2Chains() {
        int period = 32;
        List<Variable> x = variables(ATAN2_REPS + period);
        Expr sum = null;
        for (int r = 0; r < ATAN2_REPS; r++) {
            Expr e = x.get(r);
            for (int k = 1; k < period; k++) {
                e = e.atan2(x.get(r + k));
            }
            sum = sum == null ? e : sum.plus(e);
        }
        return Program.compile(List.of(sum), x);
    }

    @Test
    void aLoopWhoseKernelIsTooLargeForTheJitIsInterpreted() {
        Program big = atan2Chains();
        List<LoopFinder.Found> found = LoopFinder.find(big);
        assertEquals(1, found.size(), "the finder sees the loop");
        assertEquals(0, LoopPlan.withLoops(big).loops(), "but the plan interprets it");
        // and the kernels it does keep are small enough
        List<Variable> y = variables(200);
        LoopPlan rosenbrock = LoopPlan.withLoops(Program.compile(List.of(rosenbrock(y)), y));
        int size = MethodSizes.largestMethod(LoopWriter.bytes(rosenbrock.region(0).shape()));
        assertTrue(size > 100 && size <= LoopWriter.MAX_METHOD_BYTES, "largest method " + size);
    }

    @Test
    void aLoopTooLargeForOneMethodIsCompiledAsSegmentsOfItsRepetitions() {
        // the program of the test above: its loop has no kernel, so the whole-program compilation
        // must cut its repetitions into segments (it once retried the plan forever)
        Program big = atan2Chains();
        LoopPlan compiled = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> LoopPlan.withSegments(big));
        assertEquals(0, compiled.loops() - compiled.segments(), "no loop of several repetitions is left");
        assertTrue(compiled.loopNodes() > big.size - big.inputCount - 2 * ATAN2_REPS,
                "the repetitions' nodes run in segments: " + compiled.loopNodes() + " of " + (big.size - big.inputCount));
        double[] point = new double[big.inputCount];
        for (int i = 0; i < point.length; i++) {
            point[i] = 0.1 + 0.01 * i;
        }
        double[] interpreted = new double[point.length];
        double[] segmented = new double[point.length];
        double[] none = {};
        double v = new dev.autodiff.engine.Engine(big, LoopPlan.none(), point.length).gradient(point, none, interpreted, true);
        double w = new dev.autodiff.engine.Engine(big, compiled, point.length).gradient(point, none, segmented, true);
        assertEquals(v, w, 0.0, "the value to the bit");
        assertArrayEquals(interpreted, segmented, "the gradient to the bit");
    }

    @Test
    void aSegmentRunsOnceWithNoLoopAroundItsBody() {
        LoopPlan segmented = LoopPlan.withSegments(atan2Chains());
        assertTrue(segmented.segments() > 0, "the program has segments");
        for (int q = 0; q < segmented.loops(); q++) {
            LoopShape shape = segmented.region(q).shape();
            assertTrue(shape.once, "a region of one repetition runs once");
            assertEquals(0, backwardJumps(LoopWriter.bytes(shape)), "a segment's kernel has no loop");
        }
        // a loop of several repetitions keeps its loop: one backward jump per sweep
        List<Variable> y = variables(200);
        LoopShape loop = LoopPlan.withLoops(Program.compile(List.of(rosenbrock(y)), y)).region(0).shape();
        assertTrue(!loop.once && backwardJumps(LoopWriter.bytes(loop)) > 0, "a loop's kernel loops");
        LoopRegion once = segmented.region(0);
        assertThrows(IllegalArgumentException.class,
                () -> new LoopRegion(once.shape(), once.kernel(), once.start(), 2, once.bases()),
                "a segment's shape is not run twice");
    }

    /** {@return how many jumps in {@code classFile} go back to an earlier instruction} */
    private static int backwardJumps(byte[] classFile) {
        int[] count = {0};
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                java.util.Set<Label> seen = new java.util.HashSet<>();
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitLabel(Label label) {
                        seen.add(label);
                    }

                    @Override
                    public void visitJumpInsn(int opcode, Label label) {
                        if (seen.contains(label)) {
                            count[0]++;
                        }
                    }
                };
            }
        }, 0);
        return count[0];
    }

    @Test
    void loopsCanBeTurnedOffByTheSystemProperty() {
        List<Variable> x = variables(100);
        Program p = Program.compile(List.of(rosenbrock(x)), x);
        String before = System.getProperty(LoopPlan.PROPERTY);
        try {
            System.setProperty(LoopPlan.PROPERTY, "false");
            assertEquals(0, LoopPlan.of(p).loops());
            System.setProperty(LoopPlan.PROPERTY, "true");
            assertEquals(1, LoopPlan.of(p).loops());
        } finally {
            if (before == null) {
                System.clearProperty(LoopPlan.PROPERTY);
            } else {
                System.setProperty(LoopPlan.PROPERTY, before);
            }
        }
    }

    @Test
    void clearingZeroesEveryElementASweepReads() {
        List<Variable> x = variables(50);
        Program p = Program.compile(List.of(rosenbrock(x)), x);
        LoopPlan plan = LoopPlan.withLoops(p);
        double[] a = new double[p.size];
        java.util.Arrays.fill(a, 1);
        plan.clear(p, a);
        double[] expected = new double[p.size];
        LoopShape shape = plan.region(0).shape();
        int last = plan.loopEnd(0) - shape.period;
        for (int i = plan.loopStart(0); i < plan.loopEnd(0); i++) {
            int k = (i - plan.loopStart(0)) % shape.period;
            // a last-only position (a running sum) is read from its last repetition alone
            boolean read = shape.stored[k] && (!shape.lastOnly[k] || i >= last);
            expected[i] = read ? 0 : 1;
        }
        assertArrayEquals(expected, a);
    }
}
