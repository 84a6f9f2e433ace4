package dev.autodiff.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.loops.LoopPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Sums over records ({@link RecordSum}) equal the sums of the record's derivatives computed row by
 * row by the interpreter, added in the documented order (rows in order within chunks of
 * {@value RecordSum#CHUNK}, chunks in order): to the bit for values and gradients, whether the record
 * kernel ran, fell back for a chunk where its plain products met 0·∞, or the rows were summed in
 * parallel; to rounding for the Hessian, whose record kernel sums symbolic second derivatives.
 */
class RecordSumTest {
    private static final List<Variable> W = Expr.variables("w", 3);
    private static final Variable X1 = Expr.variable("x1");
    private static final Variable X2 = Expr.variable("x2");
    private static final Variable Y = Expr.variable("y");
    private static final List<Variable> DATA = List.of(X1, X2, Y);

    /** The negative log-likelihood of one record of a logistic regression. */
    private static Expr logisticRecord() {
        Expr z = W.get(0).times(X1).plus(W.get(1).times(X2)).plus(W.get(2));
        return z.softplus().minus(Y.times(z));
    }

    private static double[][] rows(int count, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[count][];
        for (int r = 0; r < count; r++) {
            rows[r] = new double[] {random.nextGaussian(), random.nextGaussian(), random.nextBoolean() ? 1 : 0};
        }
        return rows;
    }

    private static Engine interpreter(Expr record) {
        List<Variable> inputs = new ArrayList<>(W);
        inputs.addAll(DATA);
        Program p = Program.compile(List.of(record), inputs);
        return new Engine(p, LoopPlan.none(), W.size());
    }

    /** {@return the sums over rows of what {@code row} writes, added in chunks as the contract says} */
    private static double[] chunkedSums(double[][] rows, int width, BiConsumer<double[], double[]> row) {
        double[] total = new double[width];
        double[] part = new double[width];
        double[] one = new double[width];
        for (int from = 0; from < rows.length; from += RecordSum.CHUNK) {
            java.util.Arrays.fill(part, 0);
            for (int r = from; r < Math.min(rows.length, from + RecordSum.CHUNK); r++) {
                row.accept(rows[r], one);
                for (int i = 0; i < width; i++) {
                    part[i] += one[i];
                }
            }
            for (int i = 0; i < width; i++) {
                total[i] += part[i];
            }
        }
        return total;
    }

    /** {@return the value then the gradient, summed row by row by the interpreter} */
    private static double[] interpretedValueAndGradient(Expr record, double[][] rows, double[] point) {
        Engine e = interpreter(record);
        return chunkedSums(rows, 1 + W.size(), (row, out) -> {
            double[] g = new double[W.size()];
            out[0] = e.gradient(point, row, g, true);
            System.arraycopy(g, 0, out, 1, g.length);
        });
    }

    private static void assertSameBits(double[] expected, double[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            int at = i;
            assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(actual[i]),
                    () -> what + "[" + at + "]: expected " + expected[at] + ", got " + actual[at]);
        }
    }

    private static double[] valueAndGradient(Differentiable f, double[] point) {
        double[] g = new double[point.length];
        double v = f.valueAndGradient(point, g);
        double[] out = new double[1 + g.length];
        out[0] = v;
        System.arraycopy(g, 0, out, 1, g.length);
        return out;
    }

    private static void assertSumsAgree(Expr record, double[][] rows, double[] point, String what) {
        for (Mode mode : Mode.values()) {
            Differentiable sum = ParametricFunction.of(List.of(record), W, DATA, mode).sumOver(rows);
            double[] expected = interpretedValueAndGradient(record, rows, point);
            assertSameBits(expected, valueAndGradient(sum, point), what + " " + mode + " value and gradient");
            assertSameBits(new double[] {expected[0]}, new double[] {sum.value(point)}, what + " " + mode + " value");
            assertSameBits(java.util.Arrays.copyOfRange(expected, 1, expected.length), sum.gradient(point),
                    what + " " + mode + " gradient");
        }
    }

    @Test
    void theRecordKernelSumsLikeTheInterpreterRowByRow() {
        Expr record = logisticRecord();
        assertNotNull(interpreterFree(record).recordKernel(true), "the logistic record is plain: a record kernel runs it");
        assertSumsAgree(record, rows(3000, 1), new double[] {0.3, -0.7, 0.1}, "3000 rows");
        assertSumsAgree(record, rows(100, 2), new double[] {1.5, 2.5, -4}, "100 rows");
    }

    @Test
    void fewRowsAreSummedThroughTheEngineAndAgreeAlike() {
        Expr record = logisticRecord();
        double[][] rows = rows(RecordSum.KERNEL_ROWS - 1, 3);
        Differentiable sum = ParametricFunction.of(List.of(record), W, DATA, Mode.REVERSE).sumOver(rows);
        double[] point = {0.3, -0.7, 0.1};
        double[] expected = interpretedValueAndGradient(record, rows, point);
        // the first calls run row by row, later ones the record kernel: the same bits throughout
        for (int call = 0; call < 2 * Engine.COMPILE_AFTER_CALLS; call++) {
            assertSameBits(expected, valueAndGradient(sum, point), "call " + call);
        }
    }

    @Test
    void manyRowsSummedInParallelGiveTheSameBitsAsInOrder() {
        Expr record = logisticRecord();
        double[][] rows = rows(3 * RecordSum.PARALLEL_ROWS + 17, 4);
        double[] point = {0.3, -0.7, 0.1};
        assertSumsAgree(record, rows, point, "parallel");
        Differentiable sum = ParametricFunction.of(List.of(record), W, DATA, Mode.REVERSE).sumOver(rows);
        double[] first = valueAndGradient(sum, point);
        for (int repeat = 0; repeat < 5; repeat++) {
            assertSameBits(first, valueAndGradient(sum, point), "repeat " + repeat);
        }
    }

    @Test
    void aChunkWhosePlainProductsMeetZeroTimesInfinityIsSummedAgainExactly() {
        // √(w0·x1) at x1 = 0: ∂√u/∂u = ∞ times ∂u/∂w0 = 0, a NaN for plain products, 0 by the zero-factor rule
        Expr record = W.get(0).times(X1).sqrt().plus(W.get(1).times(X2)).plus(W.get(2).times(Y));
        double[][] rows = rows(2500, 5);
        for (int r = 0; r < rows.length; r += 3) {
            rows[r][0] = Math.abs(rows[r][0]);
        }
        for (int r = 1; r < rows.length; r += 3) {
            rows[r][0] = 0;
        }
        for (int r = 2; r < rows.length; r += 3) {
            rows[r][0] = 2;
        }
        double[] point = {0, 1, 2};
        assertSumsAgree(record, rows, point, "zeros");
        double[] g = ParametricFunction.of(List.of(record), W, DATA, Mode.REVERSE).sumOver(rows).gradient(point);
        assertTrue(Double.isInfinite(g[0]), "√ at 0 has an infinite slope where x1 > 0: " + g[0]);
    }

    @Test
    void aRecordWithBranchesRunsInARecordKernelAndAgreesRowByRow() {
        Expr z = W.get(0).times(X1).plus(W.get(1).times(X2)).plus(W.get(2));
        Expr record = Expr.ifElse(z.greaterThan(Y), z.square(), z.times(Y));
        assertNotNull(interpreterFree(record).recordKernel(true), "a branch's condition is read like an operand: a record kernel runs it");
        assertSumsAgree(record, rows(1500, 6), new double[] {0.3, -0.7, 0.1}, "branches");
        // the branch not taken is log of a negative number or of 0 in many rows: its partial is NaN or
        // infinite, and the interpreter's exact zero towards it must survive the kernel's plain products
        Expr untaken = Expr.ifElse(z.greaterThan(0), z.log(), z.times(Y));
        assertNotNull(interpreterFree(untaken).recordKernel(true), "the same with a logarithm in a branch");
        double[][] rows = rows(1500, 8);
        for (int r = 0; r < rows.length; r += 4) {
            rows[r][0] = 0; // x1 = 0, x2 = 0: z is w2 alone, 0 at w2 = 0, where log(z) = -inf is the branch not taken
            rows[r][1] = 0;
        }
        assertSumsAgree(untaken, rows, new double[] {0.3, -0.7, 0}, "a NaN or infinite branch not taken");
    }

    @Test
    void theHessianSumsTheRecordsSymbolicSecondDerivatives() {
        Expr record = logisticRecord().plus(W.get(0).times(W.get(1)).times(X1).sin());
        double[][] rows = rows(5000, 7);
        double[] point = {0.3, -0.7, 0.1};
        Engine interpreter = interpreter(record);
        int n = W.size();
        // the sums of |h_ij| bound the rounding of the summed entries
        double[] expected = chunkedSums(rows, 2 * n * n, (row, out) -> {
            double[][] h = new double[n][n];
            interpreter.hessian(point, row, h);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    out[i * n + j] = h[i][j];
                    out[n * n + i * n + j] = Math.abs(h[i][j]);
                }
            }
        });
        for (Mode mode : Mode.values()) {
            ParametricFunction f = ParametricFunction.of(List.of(record), W, DATA, mode);
            Differentiable sum = f.sumOver(rows);
            double[][] h = sum.hessian(point);
            assertNotNull(f.recordHessianKernel(), "the record's Hessian is compiled");
            double[] v = {0.5, -1, 2};
            double[] hv = sum.hessianVector(point, v);
            for (int i = 0; i < n; i++) {
                double hvExpected = 0;
                double hvScale = 0;
                for (int j = 0; j < n; j++) {
                    // rows·(a few ulps) of rounding per summed entry; 1e-13 is 450 ulps
                    double scale = expected[n * n + i * n + j];
                    assertEquals(expected[i * n + j], h[i][j], 1e-13 * scale, mode + " h" + i + j);
                    assertEquals(h[i][j], h[j][i], 0.0, "symmetric");
                    hvExpected += expected[i * n + j] * v[j];
                    hvScale += scale * Math.abs(v[j]);
                }
                assertEquals(hvExpected, hv[i], 1e-13 * hvScale, mode + " hv" + i);
            }
        }
    }

    @Test
    void blocksAreSummedInOrderAndReadAnewAtEveryCall() {
        Expr record = logisticRecord();
        double[][] rows = rows(5 * RecordSum.CHUNK + 100, 9);
        double[] point = {0.3, -0.7, 0.1};
        ParametricFunction f = ParametricFunction.of(List.of(record), W, DATA, Mode.REVERSE);
        // blocks of exactly one chunk: the same additions, in the same order, as one array
        List<double[][]> chunks = new ArrayList<>();
        for (int from = 0; from < rows.length; from += RecordSum.CHUNK) {
            chunks.add(java.util.Arrays.copyOfRange(rows, from, Math.min(rows.length, from + RecordSum.CHUNK)));
        }
        int[] iterations = {0};
        Iterable<double[][]> source = () -> {
            iterations[0]++;
            return chunks.iterator();
        };
        Differentiable blocks = f.sumOverBlocks(source);
        assertSameBits(valueAndGradient(f.sumOver(rows), point), valueAndGradient(blocks, point), "blocks of one chunk");
        assertEquals(1, iterations[0], "one pass over the source per call");
        blocks.gradient(point);
        assertEquals(2, iterations[0], "read anew at every call");
        // uneven blocks: each block summed as sumOver sums it, the blocks' sums added in order
        double[][] first = java.util.Arrays.copyOfRange(rows, 0, 1500);
        double[][] second = java.util.Arrays.copyOfRange(rows, 1500, rows.length);
        double[] a = valueAndGradient(f.sumOver(first), point);
        double[] b = valueAndGradient(f.sumOver(second), point);
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = a[i] + b[i];
        }
        assertSameBits(expected, valueAndGradient(f.sumOverBlocks(List.of(first, second)), point), "uneven blocks");
        // a row of the wrong length is named at the call that reads it
        double[][] bad = {{1, 2, 3}, {1, 2}};
        Differentiable withBadRow = f.sumOverBlocks(List.<double[][]>of(bad));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withBadRow.value(point));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
        assertEquals(0.0, f.sumOverBlocks(List.of()).value(point), 0.0, "no rows: the empty sum");
    }

    @Test
    void aSumIsOfOneOutput() {
        ParametricFunction two = ParametricFunction.of(List.of(logisticRecord(), W.get(0)), W, DATA, Mode.REVERSE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> two.sumOver(rows(3, 8)));
        assertTrue(e.getMessage().contains("2"), e.getMessage());
    }

    /** {@return the engine of the record as {@code ParametricFunction} compiles it} */
    private static Engine interpreterFree(Expr record) {
        List<Variable> inputs = new ArrayList<>(W);
        inputs.addAll(DATA);
        return Engine.of(Program.compile(List.of(record), inputs), W.size());
    }
}
