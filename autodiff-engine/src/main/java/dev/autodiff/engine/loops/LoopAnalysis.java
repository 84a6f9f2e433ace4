package dev.autodiff.engine.loops;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Structure;
import dev.autodiff.engine.codegen.LoopKernel;
import java.util.List;

/**
 * What a {@link LoopPlan} derives from a program's loops once, when it is made: which positions
 * must be stored and which values the sweeps need, which loops a gradient can leave out of its
 * forward sweep, and which loop a Hessian-vector product can leave out of its tangent sweep. Each
 * is one pass over the program or over a loop's shape.
 */
public final class LoopAnalysis {
    private LoopAnalysis() {}

    /**
     * {@return the loop a Hessian-vector product may leave out of its tangent sweep, or -1}: the
     * last loop, when its {@linkplain LoopShape#dirty dirty} positions are sum chains and the nodes
     * after it (the tail) only add up its last repetition's positions, so that no partial anywhere
     * depends on a value the forward sweep would have computed (see {@link dev.autodiff.engine.codegen.BoundedKernel}).
     * For the bound to hold, the tail reads each of the loop's clean positions at most as often as
     * their weight allows beyond the reads inside the last repetition, and every dirty node (dirty
     * positions of the last repetition, tail nodes) is read at most once, the output counting as a
     * read. One pass over the tail.
     */
    public static int sumLoop(Program p, LoopRegion[] loops) {
        // the last loop (segments, run once, carry nothing); the nodes after it are the tail, whether
        // segments or interpreted
        int q = loops.length - 1;
        while (q >= 0 && loops[q].reps() == 1) {
            q--;
        }
        if (q < 0 || p.outputs.length != 1) {
            return -1;
        }
        LoopRegion r = loops[q];
        LoopShape shape = r.shape();
        if (shape.dirty == null) {
            return -1;
        }
        int last = r.end() - shape.period;
        int[] reads = new int[p.size - last]; // of the last repetition and the tail, by the tail and the output
        int out = p.outputs[0];
        if (out < last) {
            return -1;
        }
        reads[out - last]++;
        for (int i = r.end(); i < p.size; i++) {
            int c = p.code[i];
            if (c != Program.CONSTANT && !hasConstantPartials(c)) {
                return -1;
            }
            for (int operand : new int[] {p.left[i], p.right[i]}) {
                if (operand >= 0 && p.code[operand] != Program.CONSTANT) {
                    if (operand < last) {
                        return -1; // the tail reads an earlier node: its tangent is not in the bound
                    }
                    reads[operand - last]++;
                }
            }
        }
        for (int k = 0; k < shape.period; k++) {
            int allowed = shape.dirty[k] ? 1 - shape.reads(LoopShape.LOCAL, k) : tailAllowance(shape, k);
            if (reads[k] > allowed) {
                return -1;
            }
        }
        for (int i = r.end(); i < p.size; i++) {
            if (reads[i - last] > 1) {
                return -1;
            }
        }
        boolean outDirty = out >= r.end() || shape.dirty[out - last];
        return outDirty ? q : -1;
    }

    /**
     * {@return how often the tail may read clean position k of the last repetition}: its weight
     * counts the next repetition's reads (there are none after the last) and one for being stored
     */
    private static int tailAllowance(LoopShape shape, int k) {
        int n = shape.stored[k] ? 1 : 0;
        for (int at = 0; at < shape.kind.length; at++) {
            n += shape.kind[at] == LoopShape.CARRY && shape.ref[at] == k && shape.dirty[at / 2] ? 1 : 0;
        }
        return n;
    }

    /**
     * {@return per loop, whether a gradient's forward sweep must run it}: a gradient needs a node's
     * value only where a partial depends on it (products, functions; not sums and differences), or
     * where a needed value is computed from it. The backward kernels recompute their loops'
     * values from the external operands, which are therefore always needed, and read back carried
     * positions stored every repetition; a loop whose values nothing needs (a running sum of terms,
     * say, whose total the gradient does not return) is left out of the forward sweep. One backward
     * pass over the program.
     */
    public static boolean[] gradientNeedsValues(Program p, LoopRegion[] loops) {
        boolean[] needed = new boolean[p.size];
        boolean[] loopNeeded = new boolean[loops.length];
        int q = loops.length - 1;
        int i = p.size - 1;
        while (i >= p.inputCount) {
            if (q >= 0 && i == loops[q].end() - 1) {
                LoopRegion r = loops[q];
                LoopShape shape = r.shape();
                for (int j = r.start(); j <= i && !loopNeeded[q]; j++) {
                    loopNeeded[q] = needed[j];
                }
                for (int k = 0; k < shape.period && !loopNeeded[q]; k++) {
                    // a carried position stored every repetition is read back by the backward kernel
                    loopNeeded[q] = shape.isCarried(k) && !shape.lastOnly[k];
                }
                for (int e = 0; e < shape.stride.length; e++) {
                    for (int rep = 0; rep < r.reps(); rep++) {
                        needed[r.bases()[e] + rep * shape.stride[e]] = true;
                    }
                }
                i = r.start() - 1;
                q--;
                continue;
            }
            markOperandValues(p, i, needed);
            i--;
        }
        return loopNeeded;
    }

    /**
     * Marks in {@code needed} the operands of node {@code i} whose values its derivatives read: both
     * operands when its own value is needed or its partials depend on its operands' values (products,
     * functions; not sums and differences), and its condition always, on which a branch's partials
     * depend. The one rule of {@link #gradientNeedsValues} and {@link #valuesReadByTangents}.
     */
    private static void markOperandValues(Program p, int i, boolean[] needed) {
        if (needed[i] || !hasConstantPartials(p.code[i])) {
            if (p.left[i] >= 0) {
                needed[p.left[i]] = true;
            }
            if (p.right[i] >= 0) {
                needed[p.right[i]] = true;
            }
        }
        if (p.third[i] >= 0) {
            needed[p.third[i]] = true;
        }
    }

    /**
     * {@return per loop of {@code found} and position, whether a directional derivative reads the
     * position's value in some repetition}: through the partials of a later node, or of a node whose
     * value is read in turn ({@link #markOperandValues}), in the loop, after it or in a later loop.
     * A directional derivative returns the output's tangent alone, so the value of a running sum of
     * terms, which nothing but the output reads, is not read, nor are the terms'. The directional
     * kernel computes such values but keeps none of them past its repetition ({@link
     * LoopShape#valueReadForward}), so the JIT drops their arithmetic. One backward pass over the
     * program.
     */
    static boolean[][] valuesReadByTangents(Program p, List<LoopFinder.Found> found) {
        boolean[] needed = new boolean[p.size];
        for (int i = p.size - 1; i >= p.inputCount; i--) {
            markOperandValues(p, i, needed);
        }
        boolean[][] read = new boolean[found.size()][];
        for (int q = 0; q < found.size(); q++) {
            LoopFinder.Found f = found.get(q);
            read[q] = new boolean[f.period()];
            for (int node = f.start(), k = 0; node < f.start() + f.reps() * f.period(); node++) {
                read[q][k] |= needed[node];
                k = k + 1 == f.period() ? 0 : k + 1;
            }
        }
        return read;
    }

    /**
     * {@return whether a node with op {@code code} has partials that do not depend on its operands'
     * values}: sums, differences and negations (linear by their rule entries' declared
     * structure) and constants (which have none)
     */
    private static boolean hasConstantPartials(int code) {
        return code == Program.CONSTANT || Structure.isLinear(code);
    }

    /**
     * {@return per position, whether a backward sweep's partials depend on its value}: directly (an
     * operand of a product or a function, whose partials are operand values) or through a node whose
     * value they depend on. Sums and differences have constant partials, so a running sum's values
     * are not needed going backward, and need not be stored for every repetition. An if-else's
     * partials follow its condition's value, so a condition read in the loop is always needed.
     */
    public static boolean[] valuesNeededByPartials(int[] code, int[] kind, int[] ref, int[] conditionKind, int[] conditionRef) {
        int period = code.length;
        boolean[] needed = new boolean[period];
        for (int m = 0; m < period; m++) {
            if (conditionKind[m] == LoopShape.LOCAL || conditionKind[m] == LoopShape.CARRY) {
                needed[conditionRef[m]] = true;
            }
        }
        boolean changed = true;
        while (changed) { // a fixpoint: carried operands make the dependence cyclic
            changed = false;
            for (int m = 0; m < period; m++) {
                if (!hasConstantPartials(code[m]) || needed[m]) {
                    for (int o = 0; o < 2; o++) {
                        int at = 2 * m + o;
                        if ((kind[at] == LoopShape.LOCAL || kind[at] == LoopShape.CARRY) && !needed[ref[at]]) {
                            needed[ref[at]] = true;
                            changed = true;
                        }
                    }
                }
            }
        }
        return needed;
    }

    /**
     * Marks, per loop and position, whether a node outside the loop (or an output) reads it in a
     * repetition before the last ({@code earlier}) or in the last ({@code last}).
     */
    public static void readsFromOutside(Program p, List<LoopFinder.Found> found, boolean[][] earlier, boolean[][] last) {
        int[] loopOf = new int[p.size];
        java.util.Arrays.fill(loopOf, -1);
        for (int q = 0; q < found.size(); q++) {
            LoopFinder.Found f = found.get(q);
            earlier[q] = new boolean[f.period()];
            last[q] = new boolean[f.period()];
            java.util.Arrays.fill(loopOf, f.start(), f.start() + f.reps() * f.period(), q);
        }
        for (int i = p.inputCount; i < p.size; i++) {
            markRead(p.left[i], i, loopOf, found, earlier, last);
            markRead(p.right[i], i, loopOf, found, earlier, last);
            markRead(p.third[i], i, loopOf, found, earlier, last);
        }
        for (int out : p.outputs) {
            markRead(out, -1, loopOf, found, earlier, last);
        }
    }

    private static void markRead(int operand, int reader, int[] loopOf, List<LoopFinder.Found> found,
            boolean[][] earlier, boolean[][] last) {
        if (operand < 0 || loopOf[operand] < 0) {
            return;
        }
        int q = loopOf[operand];
        if (reader >= 0 && loopOf[reader] == q) {
            return; // the same repetition (local) or the next (carried): the shape knows these
        }
        LoopFinder.Found f = found.get(q);
        int rep = (operand - f.start()) / f.period();
        int k = (operand - f.start()) % f.period();
        if (rep == f.reps() - 1) {
            last[q][k] = true;
        } else {
            earlier[q][k] = true;
        }
    }

    /**
     * {@return per external operand of {@code r}, whether every node it reads is one of the
     * program's {@code inputs}}: leaves, whose tangent adjoints a {@link dev.autodiff.engine.codegen.BoundedKernel}
     * leaves out. An operand and its {@linkplain LoopShape#handoff handoff}, which share sums, are
     * marked only together (their ranges differ by a node at either end).
     */
    static boolean[] inputOperands(int inputs, LoopRegion r) {
        LoopShape s = r.shape();
        int e = s.stride.length;
        boolean[] marked = new boolean[e];
        for (int j = 0; j < e; j++) {
            marked[j] = !s.externalConstant[j] && LoopKernel.streamsVariables(inputs, r.bases()[j], s.stride[j], r.reps());
        }
        for (boolean changed = true; changed; ) {
            changed = false;
            for (int j = 0; j < e; j++) {
                int h = s.handoff[j];
                if (h >= 0 && marked[j] != marked[h]) {
                    marked[j] = false;
                    marked[h] = false;
                    changed = true;
                }
            }
        }
        return marked;
    }
}
