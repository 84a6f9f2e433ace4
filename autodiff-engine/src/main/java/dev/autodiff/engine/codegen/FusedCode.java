package dev.autodiff.engine.codegen;

import static org.objectweb.asm.Opcodes.*;

import dev.autodiff.engine.loops.FusedGradient;
import dev.autodiff.engine.loops.LoopShape;

/**
 * The adjoint half of the fused sweep ({@link FusedKernel}): after a repetition's values and
 * partials, its adjoints from last position to first, as the backward sweep computes them, term for
 * term, but starting from seeds known before the loop runs, and with the terms for a node that the
 * next repetition reads too held back until that repetition has added its own.
 */
abstract class FusedCode extends BackwardCode {
    /** Per position, the adjoint a repetition starts from ({@link FusedGradient#seeds}). */
    double[] seeds = new double[0];
    /** Per external operand whose node the next repetition reads (a handoff), the slots of the terms held back in this repetition. */
    private int[][] holding = new int[0][];
    /** The same, for the terms the previous repetition held back. */
    private int[][] held = new int[0][];
    private int[] holdingCount = new int[0];

    FusedCode(LoopShape shape) {
        super(shape);
    }

    /** {@return whether external operand j's terms are held back for the next repetition} */
    private boolean holds(int j) {
        return extG[j] >= 0 && s.handoff[j] >= 0;
    }

    /** Allocates the slots of held-back terms: +0 for repetition 0, which no repetition before it hands terms to. */
    void fusedPrologue() {
        int e = ext.length;
        holding = new int[e][];
        held = new int[e][];
        holdingCount = new int[e];
        for (int j = 0; j < e; j++) {
            if (!holds(j)) {
                continue;
            }
            int terms = s.reads(LoopShape.EXTERNAL, j);
            holding[j] = new int[terms];
            held[j] = new int[terms];
            for (int t = 0; t < terms; t++) {
                holding[j][t] = doubleSlot();
                held[j][t] = doubleSlot();
                // added to an adjoint sum that starts at the array's +0, so never −0: adding +0 changes nothing
                constant(0, held[j][t]);
            }
        }
    }

    @Override
    boolean holdBack(int j, Runnable amount, boolean subtract) {
        if (sweep != Sweep.FUSED_GRADIENT || !holds(j)) {
            return false;
        }
        amount.run();
        if (subtract) {
            mv.visitInsn(DNEG); // a + (−w) is a − w, to the bit
        }
        mv.visitVarInsn(DSTORE, holding[j][holdingCount[j]++]);
        return true;
    }

    /**
     * One repetition's adjoints, its values and partials computed: positions from last to first;
     * then the terms the previous repetition held back added to the sums of the nodes it shares with
     * this one, after this repetition's own (the backward sweep meets this repetition first); then
     * the sums stored.
     */
    void fusedAdjoints() {
        zeroAdjoints.clear();
        java.util.Arrays.fill(holdingCount, 0);
        for (int j = 0; j < ext.length; j++) {
            if (extG[j] >= 0 && !holds(j)) {
                loadElement(ADJ, ext[j]);
                mv.visitVarInsn(DSTORE, extG[j]);
            }
        }
        for (int k = 0; k < period; k++) {
            if (s.isCarried(k)) {
                constant(seeds[k], g[k]);
            } else {
                constant(0, g[k]);
                zeroAdjoints.add(g[k]);
            }
        }
        for (int k = period - 1; k >= 0; k--) {
            if (s.isOperation(k)) {
                adjointStep(k);
            }
        }
        for (int j = 0; j < ext.length; j++) {
            if (holds(j)) {
                int sum = extG[s.handoff[j]];
                for (int slot : held[j]) {
                    accumulate(sum, () -> mv.visitVarInsn(DLOAD, slot));
                }
            }
        }
        for (int j = 0; j < ext.length; j++) {
            if (extG[j] >= 0 && !holds(j)) {
                storeElement(ADJ, ext[j], extG[j]);
            }
        }
        for (int j = 0; j < ext.length; j++) {
            for (int t = 0; holds(j) && t < held[j].length; t++) {
                copy(holding[j][t], held[j][t]);
            }
        }
    }

    /**
     * After the loop: the last repetition's held-back terms added to the nodes no later repetition
     * reads, and repetition 0's known terms to the nodes before the loop it reads as carried
     * positions, in the backward sweep's order.
     */
    void fusedAfterLoop() {
        for (int j = 0; j < ext.length; j++) {
            if (holds(j)) {
                mv.visitVarInsn(ALOAD, ADJ);
                mv.visitVarInsn(ILOAD, ext[j]); // the last repetition's node
                mv.visitInsn(DUP2);
                mv.visitInsn(DALOAD);
                for (int slot : held[j]) {
                    mv.visitVarInsn(DLOAD, slot);
                    mv.visitInsn(DADD);
                }
                mv.visitInsn(DASTORE);
            }
        }
        double[][] terms = FusedGradient.carryInTerms(s, seeds);
        for (int k = 0; k < period; k++) {
            if (s.isCarried(k)) {
                mv.visitVarInsn(ALOAD, ADJ);
                beforeIndex(k);
                mv.visitInsn(DUP2);
                mv.visitInsn(DALOAD);
                for (double t : terms[k]) {
                    dconst(t);
                    mv.visitInsn(DADD);
                }
                mv.visitInsn(DASTORE);
            }
        }
    }
}
