package dev.autodiff.reverse.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.ReverseScalar;
import dev.autodiff.engine.Scratch;
import dev.autodiff.engine.sweeps.Workspace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Repeated calls reuse one workspace per thread and do not grow memory. Shown two ways: the
 * thread's workspace is the same object with the same footprint after 10^6 calls, and the used heap
 * after a full collection is within a bound far below what a per-call leak would keep.
 */
class WorkspaceReuseTest {
    private static final int CALLS = 1_000_000;

    private static ReverseScalar compile() {
        Variable x = Expr.variable("x");
        Variable y = Expr.variable("y");
        Expr e = x.times(y).sin().plus(x.exp().times(y.square())).div(x.hypot(y));
        return new ReverseScalar(Program.compile(List.of(e), List.of(x, y)));
    }

    @Test
    void millionGradientCallsReuseOneWorkspaceAndDoNotGrowTheHeap() {
        ReverseScalar f = compile();
        double[] p = {0.7, -1.3};
        double[] v = {1, 2};
        f.hessianVector(p, v); // allocates the second-order arrays once
        Workspace before = f.currentWorkspace();
        long footprint = before.footprint();
        long heapBefore = usedHeapAfterGc();
        double sink = 0;
        for (int call = 0; call < CALLS; call++) {
            p[0] = 0.7 + call * 1e-9;
            sink += f.gradient(p)[0];
            if (call % 100 == 0) {
                sink += f.hessianVector(p, v)[1];
            }
        }
        long heapAfter = usedHeapAfterGc();
        assertTrue(Double.isFinite(sink));
        assertSame(before, f.currentWorkspace(), "the thread's workspace is reused");
        assertEquals(footprint, f.currentWorkspace().footprint(), "and has not grown");
        long growth = heapAfter - heapBefore;
        System.out.printf("heap after GC: before %d KiB, after %d KiB, growth %d KiB over %d gradient calls%n",
                heapBefore / 1024, heapAfter / 1024, growth / 1024, CALLS);
        // keeping even one 16-byte object per call would hold 16 MB; allow 4 MB of GC noise
        assertTrue(growth < 4L << 20, "heap grew by " + growth + " bytes over " + CALLS + " calls");
    }

    @Test
    void reentrantCallOnTheSameThreadUsesAFreshWorkspace() {
        ReverseScalar f = compile();
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
