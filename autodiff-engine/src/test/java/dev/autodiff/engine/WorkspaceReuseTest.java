package dev.autodiff.engine;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.sweeps.Workspace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Repeated calls reuse one workspace per thread and do not grow memory. Shown from outside, two ways:
 * the bytes the calling thread allocates per call are about the result array (a workspace made per
 * call would be several arrays the size of the program), and the used heap after a full collection
 * is within a bound far below what a per-call leak would keep.
 */
class WorkspaceReuseTest {
    private static final int CALLS = 1_000_000;

    private static ScalarFunction compile() {
        Variable x = Expr.variable("x");
        Variable y = Expr.variable("y");
        Expr e = x.times(y).sin().plus(x.exp().times(y.square())).div(x.hypot(y));
        return ScalarFunction.of(e, List.of(x, y), Mode.REVERSE);
    }

    @Test
    void millionGradientCallsReuseOneWorkspaceAndDoNotGrowTheHeap() {
        ScalarFunction f = compile();
        double[] p = {0.7, -1.3};
        double[] v = {1, 2};
        f.hessianVector(p, v); // allocates the second-order arrays once
        long heapBefore = usedHeapAfterGc();
        long allocatedBefore = allocatedBytes();
        double sink = 0;
        for (int call = 0; call < CALLS; call++) {
            p[0] = 0.7 + call * 1e-9;
            sink += f.gradient(p)[0];
            if (call % 100 == 0) {
                sink += f.hessianVector(p, v)[1];
            }
        }
        long allocated = allocatedBytes() - allocatedBefore;
        long heapAfter = usedHeapAfterGc();
        assertTrue(Double.isFinite(sink));
        // a gradient's result is a 2-double array, 32 bytes with its header; a workspace is seven or
        // more arrays of the program's size (over 600 bytes here): 128 bytes a call tells them apart
        assertTrue(allocated < 128L * CALLS, "allocated " + allocated / CALLS + " bytes per call");
        long growth = heapAfter - heapBefore;
        System.out.printf("heap after GC: before %d KiB, after %d KiB, growth %d KiB over %d gradient calls%n",
                heapBefore / 1024, heapAfter / 1024, growth / 1024, CALLS);
        // keeping even one 16-byte object per call would hold 16 MB; allow 4 MB of GC noise
        assertTrue(growth < 4L << 20, "heap grew by " + growth + " bytes over " + CALLS + " calls");
    }

    @Test
    void valueAndGradientAllocatesNothingAfterWarmUpInEitherMode() {
        // 30 variables: forward mode takes three chunks of tangents; reverse mode's sum is a loop
        List<Variable> x = Expr.variables("x", 30);
        Expr e = Expr.sum(0, 29, i -> x.get(i + 1).minus(x.get(i).square()).square().plus(x.get(i).sin()));
        for (Mode mode : Mode.values()) {
            ScalarFunction f = ScalarFunction.of(e, x, mode);
            double[] p = new double[30];
            double[] g = new double[30];
            double sink = 0;
            for (int call = 0; call < 20_000; call++) { // past the compilation threshold and the JIT's
                p[call % 30] = call * 1e-4;
                sink += f.valueAndGradient(p, g);
            }
            int calls = 100_000;
            long before = allocatedBytes();
            for (int call = 0; call < calls; call++) {
                p[call % 30] = call * 1e-4;
                sink += f.valueAndGradient(p, g) + g[call % 30];
            }
            long allocated = allocatedBytes() - before;
            assertTrue(Double.isFinite(sink));
            // an array or a workspace per call would be 16 bytes or more a call; a stray allocation
            // or two (a class loaded, a compiled method installed) stays far below one byte a call
            assertTrue(allocated < calls, mode + ": " + allocated + " bytes over " + calls + " calls");
        }
    }

    @Test
    void reentrantCallOnTheSameThreadUsesAFreshWorkspace() {
        ScalarFunction f = compile();
        Program program = Program.compile(List.of(Expr.variable("x")), List.of(Expr.variable("x")));
        Scratch<Workspace> w = new Scratch<>(program.size, () -> new Workspace(program));
        Workspace first = w.acquire();
        Workspace second = w.acquire();
        assertTrue(first != second, "a busy workspace is not shared");
        w.release(second);
        w.release(first);
        assertSame(first, w.acquire());
        assertTrue(Double.isFinite(f.gradient(1, 2)[0]));
    }

    @Test
    void aLargeProgramKeepsOneSpareWorkspaceInTheFunction() {
        Variable x = Expr.variable("x");
        Expr e = x;
        for (int i = 0; i < Scratch.CACHED_NODES; i++) { // a chain longer than the per-thread limit
            e = e.times(1.0000001).plus(i % 7);
        }
        Program program = Program.compile(List.of(e), List.of(x));
        Scratch<Workspace> w = new Scratch<>(program.size, () -> new Workspace(program));
        Workspace first = w.acquire();
        Workspace concurrent = w.acquire();
        assertTrue(first != concurrent, "a call holding the spare does not share it");
        w.release(first);
        assertSame(first, w.acquire(), "the next call takes the spare rather than allocating");
    }

    @Test
    void valueAndGradientAllocatesNothingOnceWarm() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        Variable x = Expr.variable("x");
        Variable y = Expr.variable("y");
        for (Expr e : List.of(x.times(y).sin().plus(x.exp().times(y.square())), rosenbrock(40))) {
            List<Variable> vars = e.variables();
            ScalarFunction f = ScalarFunction.of(e, vars, Mode.REVERSE);
            double[] point = new double[vars.size()];
            java.util.Arrays.fill(point, 0.5);
            double[] g = new double[vars.size()];
            double sink = 0;
            for (int call = 0; call < 20_000; call++) { // warm: the JIT's escape analysis, the workspace
                sink += f.valueAndGradient(point, g);
            }
            long id = Thread.currentThread().getId();
            long before = threads.getThreadAllocatedBytes(id);
            for (int call = 0; call < 100_000; call++) {
                point[0] = 0.5 + call * 1e-9;
                sink += f.valueAndGradient(point, g);
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            assertTrue(Double.isFinite(sink));
            // one 16-byte object per call would be 1.6 MB; a stray allocation by the JVM itself is allowed
            assertTrue(allocated < 64 * 1024, e.variables().size() + " variables: " + allocated + " bytes over 100000 calls");
        }
    }

    private static Expr rosenbrock(int n) {
        List<Variable> x = Expr.variables("x", n);
        Expr sum = null;
        for (int i = 0; i + 1 < n; i++) {
            Expr a = x.get(i + 1).minus(x.get(i).square());
            Expr term = a.square().times(100).plus(Expr.constant(1).minus(x.get(i)).square());
            sum = sum == null ? term : sum.plus(term);
        }
        return sum;
    }

    /** {@return the bytes the calling thread has allocated so far (HotSpot's ThreadMXBean)} */
    private static long allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.getCurrentThreadAllocatedBytes();
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        // several collections: the first may leave garbage promoted during the loop
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
