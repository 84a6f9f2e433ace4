package dev.autodiff.engine;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.SparseMatrix;
import dev.autodiff.core.SparsityPattern;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.calls.Arguments;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.engine.codegen.RecordKernel;
import dev.autodiff.engine.sparse.SeedProducts;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import org.jspecify.annotations.Nullable;

/**
 * f(θ) = Σ_r e(θ; rows[r]): a parametric function summed over records of data, each row binding the
 * parameters. The rows are read, not copied, and nothing held grows with their number: from one
 * array ({@code sumOver}), or from blocks an {@code Iterable} gives anew at every call
 * ({@code sumOverBlocks}), one block in memory at a time when the source streams them.
 *
 * <p>The record's program runs as one generated loop over the rows ({@link RecordKernel}): the value
 * and gradient of every record in registers, their sums accumulated across rows, no per-row call.
 * The Hessian sums the record's Hessian entries as expressions (symbolic second derivatives of the
 * record, compiled into a record kernel of their own). A program the kernels cannot run (custom
 * operations, branches) is summed row by row through the engine.
 *
 * <p><b>Determinism.</b> Rows are summed in chunks of {@value #CHUNK} consecutive rows of a block,
 * each in order, the chunks' sums added in order, and the blocks' sums added in order: the result
 * is the same to the bit whatever the number of threads. Chunks run in parallel on the common fork-join pool when there are at least
 * {@value #PARALLEL_ROWS} rows; a chunk whose sums are not finite (a kernel's plain product met 0·∞)
 * is summed again through the interpreter.
 */
final class RecordSum implements Differentiable {
    /** Rows per chunk: enough to amortize a kernel call, few enough to balance threads. */
    static final int CHUNK = 1024;
    /** Fewest rows summed in parallel: below, a fork costs more than it saves. */
    static final int PARALLEL_ROWS = 8 * CHUNK;
    /** Fewest rows for which the record kernels are generated on the first call. */
    static final int KERNEL_ROWS = 64;

    private final ParametricFunction function;
    private final Engine engine;
    private final Mode mode;
    /** The rows, block by block: the array of {@code sumOver}, or the blocks of {@code sumOverBlocks}, read at every call. */
    private final Iterable<double[][]> blocks;
    /** The number of rows when known (one array), else -1. */
    private final int rowCount;
    private final List<Variable> variables;
    private final String names;
    /** Calls so far, until the kernels are used (a benign race: an exact count does not matter). */
    private int calls;

    RecordSum(ParametricFunction function, Engine engine, Mode mode, Iterable<double[][]> blocks, int rowCount) {
        this.function = function;
        this.engine = engine;
        this.mode = mode;
        this.blocks = blocks;
        this.rowCount = rowCount;
        this.variables = engine.program().inputs.subList(0, engine.variables());
        this.names = Arguments.names(variables);
    }

    @Override
    public List<Variable> variables() {
        return variables;
    }

    private double[] point(double[] point) {
        return Arguments.check(point, variables.size(), names, "point");
    }

    /**
     * {@return whether this call runs the record kernels}: from the first call for
     * {@value #KERNEL_ROWS} rows or more, else once the sum has been called
     * {@value Engine#COMPILE_AFTER_CALLS} times (a few calls over a few rows never pay for code
     * generation)
     */
    private boolean kernels() {
        return rowCount < 0 || rowCount >= KERNEL_ROWS || calls >= Engine.COMPILE_AFTER_CALLS
                || ++calls >= Engine.COMPILE_AFTER_CALLS;
    }

    /** What one chunk of rows contributes: into {@code out}, which the chunk owns. */
    @FunctionalInterface
    private interface ChunkSum {
        void sum(double[][] rows, int from, int to, double[] out, Partials scratch);
    }

    /**
     * {@return the sums of {@code width} quantities over every row}: block by block in order (one
     * block, the array, for {@code sumOver}), the first block's sums taken as they are (adding them
     * to zeros would turn a −0 into +0) and each later block's added
     */
    private double[] sum(int width, ChunkSum chunk) {
        double[] total = null;
        for (double[][] block : blocks) {
            if (block == null) {
                throw new NullPointerException("expected blocks of rows, got a null block");
            }
            function.checkRows(block);
            double[] sums = sumBlock(block, width, chunk);
            if (total == null) {
                total = sums;
            } else {
                add(total, sums);
            }
        }
        return total != null ? total : new double[width];
    }

    /**
     * {@return the sums over the rows of one block}: chunk by chunk, each chunk's sum added to the
     * block's in chunk order (in parallel for many rows: waves of chunks, each wave's sums added in
     * order), the first chunk's taken as it is
     */
    private static double[] sumBlock(double[][] rows, int width, ChunkSum chunk) {
        double[] total = new double[width];
        int chunks = (rows.length + CHUNK - 1) / CHUNK;
        if (rows.length < PARALLEL_ROWS) {
            double[] part = new double[width];
            Partials scratch = new Partials();
            for (int c = 0; c < chunks; c++) {
                chunk.sum(rows, c * CHUNK, Math.min(rows.length, (c + 1) * CHUNK), part, scratch);
                accumulate(total, part, c == 0);
            }
            return total;
        }
        int wave = Math.max(2, 4 * ForkJoinPool.getCommonPoolParallelism());
        double[][] parts = new double[wave][width];
        for (int first = 0; first < chunks; first += wave) {
            int count = Math.min(wave, chunks - first);
            int base = first;
            ForkJoinPool.commonPool().invoke(new RecursiveAction() {
                @Override
                protected void compute() {
                    RecursiveAction[] tasks = new RecursiveAction[count];
                    for (int k = 0; k < count; k++) {
                        int c = base + k;
                        double[] part = parts[k];
                        tasks[k] = new RecursiveAction() {
                            @Override
                            protected void compute() {
                                chunk.sum(rows, c * CHUNK, Math.min(rows.length, (c + 1) * CHUNK), part, new Partials());
                            }
                        };
                    }
                    invokeAll(tasks);
                }
            });
            for (int k = 0; k < count; k++) {
                accumulate(total, parts[k], base + k == 0); // in chunk order, whichever thread computed each
            }
        }
        return total;
    }

    private static void accumulate(double[] total, double[] part, boolean first) {
        if (first) {
            System.arraycopy(part, 0, total, 0, total.length);
        } else {
            add(total, part);
        }
    }

    private static void add(double[] total, double[] part) {
        for (int i = 0; i < total.length; i++) {
            total[i] += part[i];
        }
    }

    @Override
    public double value(double... point) {
        point(point);
        RecordKernel k = kernels() ? engine.recordKernel(false) : null;
        double[] v = sum(1, (rows, from, to, out, scratch) -> {
            if (k != null) {
                k.sum(point, null, out, null, null, from, to, null, scratch, rows);
                return; // a value has no products to check: the kernel computes the interpreter's values
            }
            double s = 0;
            for (int r = from; r < to; r++) {
                s += engine.value(point, rows[r]);
            }
            out[0] = s;
        });
        return v[0];
    }

    @Override
    public double[] gradient(double... point) {
        double[] g = new double[variables.size()];
        valueAndGradient(point, g);
        return g;
    }

    @Override
    public double valueAndGradient(double[] point, double[] gradientOut) {
        point(point);
        Arguments.check(gradientOut, variables.size(), names, "gradient array");
        int n = variables.size();
        RecordKernel k = kernels() ? engine.recordKernel(true) : null;
        double[] total = sum(1 + n, (rows, from, to, out, scratch) -> {
            if (k != null) {
                k.sum(point, null, out, null, null, from, to, null, scratch, rows);
                if (Engine.finite(out, 0, out.length)) {
                    return;
                }
            }
            // row by row through the engine: exact products where the kernel's plain ones met 0·∞
            java.util.Arrays.fill(out, 0.0);
            double[] g = new double[n];
            for (int r = from; r < to; r++) {
                if (mode == Mode.REVERSE) {
                    out[0] += engine.gradient(point, rows[r], g, true);
                } else {
                    engine.jacobianByTangents(point, rows[r], new double[][] {g});
                    out[0] += engine.value(point, rows[r]);
                }
                for (int i = 0; i < n; i++) {
                    out[1 + i] += g[i];
                }
            }
        });
        System.arraycopy(total, 1, gradientOut, 0, n);
        return total[0];
    }

    /** {@inheritDoc} The gradient's sums dotted with the direction. */
    @Override
    public double directional(double[] point, double[] direction) {
        Arguments.check(direction, variables.size(), names, "direction");
        double[] g = gradient(point);
        double s = 0;
        for (int i = 0; i < g.length; i++) {
            s += g[i] * direction[i];
        }
        return s;
    }

    @Override
    public double[][] hessian(double... point) {
        point(point);
        int n = variables.size();
        RecordKernel k = kernels() ? function.recordHessianKernel() : null;
        int entries = n * (n + 1) / 2;
        double[] total = sum(k != null ? entries : n * n, (rows, from, to, out, scratch) -> {
            if (k != null) {
                k.sum(point, null, out, null, null, from, to, null, scratch, rows);
                if (Engine.finite(out, 0, out.length)) {
                    return;
                }
            }
            // row by row through the engine: the compiled Hessian, or where the kernel met 0·∞
            java.util.Arrays.fill(out, 0.0);
            double[][] h = new double[n][n];
            for (int r = from; r < to; r++) {
                if (mode == Mode.REVERSE) {
                    engine.hessian(point, rows[r], h);
                } else {
                    engine.forwardHessian(point, rows[r], h);
                }
                for (int i = 0, e = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        if (k == null) {
                            out[i * n + j] += h[i][j];
                        } else if (j <= i) {
                            out[e++] += h[i][j];
                        }
                    }
                }
            }
        });
        double[][] h = new double[n][n];
        for (int i = 0, e = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (k == null) {
                    h[i][j] = total[i * n + j];
                } else if (j <= i) {
                    h[i][j] = total[e];
                    h[j][i] = total[e++];
                }
            }
        }
        return h;
    }

    /** {@return the summed Hessian from the record Hessian kernel, or null when there is none} */
    private double @Nullable [][] kernelHessian(double[] point) {
        return kernels() && function.recordHessianKernel() != null ? hessian(point) : null;
    }

    private static double[] times(double[][] h, double[] direction) {
        double[] hv = new double[h.length];
        for (int i = 0; i < h.length; i++) {
            double s = 0;
            for (int j = 0; j < h.length; j++) {
                s += h[i][j] * direction[j];
            }
            hv[i] = s;
        }
        return hv;
    }

    /**
     * {@inheritDoc} The summed Hessian times the direction where the record's Hessian is compiled;
     * otherwise the record's Hessian-vector products, summed.
     */
    @Override
    public double[] hessianVector(double[] point, double[] direction) {
        Arguments.check(direction, variables.size(), names, "direction");
        int n = variables.size();
        double[][] h = kernelHessian(point);
        if (h != null) {
            return times(h, direction);
        }
        point(point);
        double[] total = sum(n, (rows, from, to, out, scratch) -> {
            java.util.Arrays.fill(out, 0.0);
            double[] hv = new double[n];
            for (int r = from; r < to; r++) {
                if (mode == Mode.REVERSE) {
                    engine.hessianVector(point, rows[r], direction, hv);
                } else {
                    engine.forwardHessianVector(point, rows[r], direction, hv);
                }
                for (int i = 0; i < n; i++) {
                    out[i] += hv[i];
                }
            }
        });
        return total;
    }

    /**
     * {@inheritDoc} One summed Hessian-vector product per colour of the record's pattern (products of
     * the summed Hessian, computed once, where the record's Hessian is compiled).
     */
    @Override
    public SparseMatrix sparseHessian(double... point) {
        point(point);
        double[][] h = kernelHessian(point);
        return engine.hessianPlan().hessian(SeedProducts.each(s -> h != null ? times(h, s) : hessianVector(point, s)));
    }

    @Override
    public SparsityPattern hessianSparsity() {
        return engine.hessianPlan().pattern();
    }

    @Override
    public String toString() {
        return "the sum over " + (rowCount >= 0 ? rowCount + " rows" : "blocks of rows") + " of " + (mode == Mode.REVERSE ? "Reverse" : "Forward") + ".of" + names
                + ": " + engine.describe();
    }
}
