package dev.autodiff.engine.codegen;

import static org.objectweb.asm.Opcodes.*;

import dev.autodiff.engine.loops.LoopShape;
import org.objectweb.asm.Label;

/**
 * The backward half of a loop kernel's code, for the sweeps {@link LoopWriter} writes: one
 * repetition's adjoints (and tangent adjoints, second order) from its last position to its first,
 * as reverse mode's interpreting sweeps compute them, term for term; and the bound on a loop's
 * tangents of {@link BoundedKernel#secondOrderAdjointsBounded}.
 */
public abstract class BackwardCode extends LoopCode {
    BackwardCode(LoopShape shape) {
        super(shape);
    }

    /** {@return whether this backward sweep carries position k's adjoints from one repetition to the previous} */
    boolean laneCarried(int k) {
        return carriedG[k] >= 0;
    }

    /**
     * One repetition of a backward sweep, its values and partials already recomputed: the adjoints
     * start from the array (for positions read outside the repetition) or from the carried locals,
     * then positions are visited last to first, as the interpreter visits nodes.
     */
    void backward() {
        zeroAdjoints.clear();
        boolean second = sweep.second();
        for (int j = 0; j < ext.length; j++) {
            for (int l = 0; l < lanes; l++) {
                lane(l);
                if (handG[j] >= 0) {
                    copy(handG[j], extG[j]);
                    if (handH[j] >= 0) {
                        copy(handH[j], extH[j]);
                    }
                } else if (extG[j] >= 0 && sweep.record()) {
                    continue; // summed over the records: set to +0 once, before the first
                } else if (extG[j] >= 0 && sweep.whole()) {
                    // an input's adjoint sum starts at +0 and is added to, never stored over: it is
                    // the gradient itself, where +0 + (-0) must give the interpreter's +0
                    constant(0, extG[j]);
                } else if (extG[j] >= 0) {
                    loadElement(ADJ, ext[j]);
                    mv.visitVarInsn(DSTORE, extG[j]);
                    if (extH[j] >= 0) {
                        loadElement(TADJ, ext[j]);
                        mv.visitVarInsn(DSTORE, extH[j]);
                    }
                }
            }
        }
        for (int k = 0; k < period; k++) {
            for (int l = 0; l < lanes; l++) {
                lane(l);
                initAdjoint(k, g[k], carriedG[k], ADJ);
                if (second && l == 0) {
                    initAdjoint(k, h[k], carriedH[k], TADJ);
                }
                if (previousG[k] >= 0 && addedAfterLoop(k)) {
                    // no test of the repetition: the node before the loop gets its adjoint after it
                    constant(0, previousG[k]);
                    if (!sweep.block) {
                        zeroAdjoints.add(previousG[k]); // measured slower in block kernels, the same bits
                    }
                } else if (previousG[k] >= 0 && lastOnly(k)) {
                    // only the node before the loop (read in repetition 0) has an adjoint in the array
                    firstRepetitionOrZero(ADJ, k, previousG[k]);
                } else if (previousG[k] >= 0) {
                    loadAt(ADJ, k - period);
                    mv.visitVarInsn(DSTORE, previousG[k]);
                }
                if (second && l == 0 && previousH[k] >= 0) {
                    // a block sweep's tangent adjoints come from a gradient, cleared as for one
                    if (sweep.block && s.lastOnly[k]) {
                        // what repetition 0 sums here is never stored, so the first repetition need not be told apart
                        constant(0, previousH[k]);
                    } else if (addedAfterLoop(k)) {
                        constant(0, previousH[k]);
                        zeroAdjoints.add(previousH[k]);
                    } else if (lastOnly(k)) {
                        firstRepetitionOrZero(TADJ, k, previousH[k]);
                    } else {
                        loadAt(TADJ, k - period);
                        mv.visitVarInsn(DSTORE, previousH[k]);
                    }
                }
            }
        }
        for (int k = period - 1; k >= 0; k--) {
            if (s.isOperation(k)) {
                if (second) {
                    secondOrderStep(k);
                } else {
                    adjointStep(k);
                }
            }
        }
        if (bound >= 0) {
            boundRepetition();
        }
        for (int j = 0; j < ext.length && sweep.whole() && !sweep.record(); j++) {
            if (extG[j] >= 0 && wholeBases[j] < wholeVariables) {
                // the gradient: variable wholeBases[j]'s adjoint, at a constant index
                mv.visitVarInsn(ALOAD, ADJ);
                push(wholeBases[j]);
                mv.visitVarInsn(DLOAD, extG[j]);
                mv.visitInsn(DASTORE);
            }
        }
        for (int j = 0; j < ext.length && !sweep.whole(); j++) {
            for (int l = 0; l < lanes && extG[j] >= 0 && handedFrom(j) < 0; l++) {
                lane(l);
                storeElement(ADJ, ext[j], extG[j]);
                if (extH[j] >= 0) {
                    storeElement(TADJ, ext[j], extH[j]);
                }
            }
        }
        for (int j = 0; j < ext.length; j++) {
            for (int l = 0; l < lanes && handG[j] >= 0; l++) {
                lane(l);
                copy(extG[s.handoff[j]], handG[j]);
                if (handH[j] >= 0) {
                    copy(extH[s.handoff[j]], handH[j]);
                }
            }
        }
        for (int k = 0; k < period; k++) {
            for (int l = 0; l < lanes && previousG[k] >= 0; l++) {
                lane(l);
                copy(previousG[k], carriedG[k]);
                if (second && l == 0) {
                    copy(previousH[k], carriedH[k]);
                }
            }
        }
        lane(0);
    }

    /**
     * {@return the external operand whose sum takes over operand j's in the previous repetition
     * (a handoff), or -1}: j's sum is then stored once, after the loop ({@link #storeHandedOver}),
     * not in every repetition only to be stored over in the next
     */
    int handedFrom(int j) {
        for (int i = 0; i < ext.length; i++) {
            if (handG[i] >= 0 && s.handoff[i] == j) {
                return i;
            }
        }
        return -1;
    }

    /** After a backward loop: the sums handed over by repetition 0, which no repetition before it takes, stored. */
    void storeHandedOver() {
        for (int j = 0; j < ext.length && !sweep.whole(); j++) {
            int i = handedFrom(j);
            for (int l = 0; l < lanes && extG[j] >= 0 && i >= 0; l++) {
                lane(l);
                storeElement(ADJ, ext[j], handG[i]);
                if (l == 0 && handH[i] >= 0) {
                    storeElement(TADJ, ext[j], handH[i]);
                }
            }
            lane(0);
        }
    }

    /**
     * Starts the bound of {@link Sweep#SECOND_BOUNDED} with the tangents that enter the dirty
     * positions of repetition 0 from before the loop: one |ṫ| per read of the previous repetition.
     */
    void boundBeforeLoop() {
        constant(0, bound);
        for (int k = 0; k < period; k++) {
            for (int o = 0; o < 2 && s.dirty[k]; o++) {
                int at = 2 * k + o;
                if (s.kind[at] == LoopShape.CARRY) {
                    int j = s.ref[at];
                    accumulate(bound, () -> {
                        loadBefore(T, j);
                        absolute(1);
                    });
                }
            }
        }
    }

    /**
     * Adds to the bound the tangents of a repetition that enter dirty positions: each clean
     * position's |ṫ| times its {@linkplain LoopShape#boundWeight weight}, and one |ṫ| per external
     * operand of a dirty position. Only tangents computed in this repetition are read, never the
     * previous repetition's (left out of the forward sweep, so not in the array). The terms are
     * summed apart and added to the bound once: a chain of additions through every repetition, one
     * per term, would take longer than the rest of the repetition (a sum is a bound whatever its
     * order, up to the rounding the bound allows for).
     */
    private void boundRepetition() {
        constant(0, repetitionBound);
        zeroAdjoints.add(repetitionBound);
        for (int k = 0; k < period; k++) {
            int weight = s.boundWeight[k];
            int tangent = tx[k];
            if (weight > 0 && !s.dirty[k]) {
                accumulate(repetitionBound, () -> {
                    mv.visitVarInsn(DLOAD, tangent);
                    absolute(weight);
                });
            }
            for (int o = 0; o < 2 && s.dirty[k]; o++) {
                int at = 2 * k + o;
                if (s.kind[at] == LoopShape.EXTERNAL && !s.externalConstant[s.ref[at]]) {
                    accumulate(repetitionBound, () -> {
                        loadTangent(at);
                        absolute(1);
                    });
                }
            }
        }
        if (!zeroAdjoints.remove(repetitionBound)) {
            accumulate(bound, () -> mv.visitVarInsn(DLOAD, repetitionBound));
        }
    }

    /** Replaces the number on the stack by its absolute value times {@code weight}. */
    private void absolute(int weight) {
        mv.visitMethodInsn(INVOKESTATIC, "java/lang/Math", "abs", "(D)D", false);
        if (weight != 1) {
            dconst(weight);
            mv.visitInsn(DMUL);
        }
    }

    /**
     * {@return whether the adjoint (and tangent adjoint) that position k of the previous repetition
     * gets in this one starts at +0 in every repetition, the node before the loop's own being added
     * after the loop} rather than read in repetition 0 behind a test that every repetition pays for.
     * That is the interpreter's sum when the next repetition reads position k once (a
     * {@linkplain LoopShape#lastOnly last-only} position): the node gets {@code a + (0 + c)}, or
     * {@code a + c} where the first term is stored, the same bits as its adjoint {@code a} is a sum
     * from +0, never −0. Read twice, the terms would be added in another order.
     */
    boolean addedAfterLoop(int k) {
        return lastOnly(k) && s.reads(LoopShape.CARRY, k) == 1;
    }

    /**
     * After the loop, hands position k's carried adjoint (tangent adjoint) in {@code slot} to the
     * node before the loop: adds it to that node's own where {@link #addedAfterLoop}, else stores it
     * (it then started from that node's own).
     */
    void storeOrAddBefore(int array, int k, int slot) {
        if (addedAfterLoop(k)) {
            addBefore(array, k, slot);
        } else {
            storeBefore(array, k, slot);
        }
    }

    /**
     * {@return whether a term for external operand j's adjoint was held back for a later repetition}
     * (the fused sweep's, {@link FusedCode}); here never
     */
    boolean holdBack(int j, Runnable amount, boolean subtract) {
        return false;
    }

    /** {@code slot = repetition == 0 ? array[node - period + k] : 0}. */
    private void firstRepetitionOrZero(int array, int k, int slot) {
        Label zero = new Label();
        Label done = new Label();
        mv.visitVarInsn(ILOAD, reps);
        mv.visitJumpInsn(IFNE, zero);
        loadAt(array, k - period);
        mv.visitJumpInsn(GOTO, done);
        mv.visitLabel(zero);
        mv.visitInsn(DCONST_0);
        mv.visitLabel(done);
        mv.visitVarInsn(DSTORE, slot);
    }

    private void initAdjoint(int k, int slot, int carried, int array) {
        if (sweep.whole()) {
            // the output is seeded with 1; nothing outside the program reads another position
            constant(k == wholeOutput ? 1 : 0, slot);
            if (k != wholeOutput) {
                zeroAdjoints.add(slot);
            }
        } else if (carried >= 0) {
            copy(carried, slot);
        } else if (s.stored[k]) {
            loadAt(array, k);
            mv.visitVarInsn(DSTORE, slot);
        } else {
            constant(0, slot);
            zeroAdjoints.add(slot);
        }
    }

    /** {@code operand adjoints += g · ∂}, as the interpreter's adjoint sweep, multiplied plainly. */
    void adjointStep(int k) {
        boolean binary = s.kind[2 * k + 1] != LoopShape.NONE;
        contributePlain(2 * k, false, g[k], knownDa[k], () -> scaled(g[k], da[k], knownDa[k]));
        if (binary) {
            contributePlain(2 * k + 1, false, g[k], knownDb[k], () -> scaled(g[k], db[k], knownDb[k]));
        }
    }

    /**
     * One node of the interpreter's second-order sweep, term for term, products plain; a block sweep
     * writes each lane's adjoint terms, then the tangent adjoints' once (the two never share a sum,
     * so the order between them changes nothing). The interpreter skips a node whose two adjoints
     * are 0; the test is left out, as it only matters where a plain product would make NaN of 0·∞,
     * which the caller then sees.
     */
    private void secondOrderStep(int k) {
        boolean binary = s.kind[2 * k + 1] != LoopShape.NONE;
        for (int l = 0; l < lanes; l++) {
            lane(l);
            fastSecondOrderStep(k, binary);
        }
        lane(0);
        if (sweep.block) {
            if (!constantOperand(2 * k)) {
                tangentAdjointStep(2 * k, h[k], da[k], knownDa[k]);
            }
            if (binary && !constantOperand(2 * k + 1)) {
                tangentAdjointStep(2 * k + 1, h[k], db[k], knownDb[k]);
            }
        }
    }

    /**
     * {@return whether a second-order sweep's curvature terms of position k read the tangent of its
     * operand {@code o}}: terms whose second partial is known to be 0 are left out, and so (a block
     * sweep's) are the rows of constant operands, whose adjoints nothing reads
     */
    private boolean curvatureReads(int k, int o) {
        boolean binary = s.kind[2 * k + 1] != LoopShape.NONE;
        boolean rowA = !sweep.block || !constantOperand(2 * k);
        boolean rowB = binary && (!sweep.block || !constantOperand(2 * k + 1));
        // row a weighs ṫa by ∂aa and ṫb by ∂ab; row b weighs ṫa by ∂ab and ṫb by ∂bb
        double daaKnown = knownPartial(k, 3);
        double dabKnown = knownPartial(k, 4);
        double dbbKnown = knownPartial(k, 5);
        return o == 0 ? (rowA && daaKnown != 0) || (rowB && dabKnown != 0)
                : (rowA && dabKnown != 0) || (rowB && dbbKnown != 0);
    }

    /**
     * In a second-order sweep, only the tangents that curvature terms (or the bound of
     * {@link Sweep#SECOND_BOUNDED}) read are computed, and those of the positions they are computed
     * from: a backward sweep's tangents are read nowhere else (its values and tangents are
     * recomputed from the arrays, and nothing is stored), and a tangent computed but not read would
     * still cost its loads, which the JIT keeps for deoptimization.
     */
    @Override
    boolean[] tangentsRead() {
        if (!sweep.second()) {
            return super.tangentsRead();
        }
        boolean[] read = new boolean[period];
        for (int k = 0; k < period && bound >= 0; k++) {
            read[k] = s.boundWeight[k] > 0 && !s.dirty[k];
        }
        // operands are earlier positions of the repetition: one pass from the last position back
        for (int k = period - 1; k >= 0; k--) {
            if (!s.isOperation(k)) {
                continue;
            }
            for (int o = 0; o < 2; o++) {
                int at = 2 * k + o;
                if (s.kind[at] == LoopShape.LOCAL && !constantOperand(at) && (read[k] || curvatureReads(k, o))) {
                    read[s.ref[at]] = true;
                }
            }
        }
        return read;
    }

    /**
     * The second-order step: plain products, and terms whose partial is known to be 0 left out
     * (sums and differences have no second partials, a product only ∂ab = 1). Leaving out
     * {@code w·0} is the zero-factor rule. A non-finite tangent anywhere makes the output's tangent
     * non-finite (plain products and sums keep it so, and every node of a compiled program reaches
     * the output); a non-finite tangent adjoint makes some input's tangent adjoint non-finite, unless
     * only constants lie below it, whose adjoints reach no result. The caller checks both before it
     * trusts the result, and otherwise runs the interpreter.
     */
    private void fastSecondOrderStep(int k, boolean binary) {
        // a constant operand's tangent is 0: its products are left out like those of zero partials
        boolean constantA = constantOperand(2 * k);
        boolean constantB = !binary || constantOperand(2 * k + 1);
        if (!constantA && curvatureReads(k, 0)) {
            loadTangent(2 * k);
            mv.visitVarInsn(DSTORE, ta);
        }
        if (!constantB && curvatureReads(k, 1)) {
            loadTangent(2 * k + 1);
            mv.visitVarInsn(DSTORE, tb);
        }
        if (!sweep.block || !constantA) {
            boolean ca = curvature(k, new int[] {daa[k], dab[k]},
                    new double[] {constantA ? 0 : knownDaa[k], constantB ? 0 : knownDab[k]});
            contributeFast(2 * k, k, da[k], knownDa[k], ca);
        }
        if (binary && (!sweep.block || !constantB)) {
            boolean cb = curvature(k, new int[] {dab[k], dbb[k]},
                    new double[] {constantA ? 0 : knownDab[k], constantB ? 0 : knownDbb[k]});
            contributeFast(2 * k + 1, k, db[k], knownDb[k], cb);
        }
    }

    /**
     * Stores in {@code tmp} a row of position k's second partials applied to its operands' tangents,
     * {@code σ·((ṫa·σ)·first + (ṫb·σ)·second)} as {@code Partials.curvature} orders it, leaving out
     * the terms known to be 0 and the scale where it is known to be 1; {@return whether any term was
     * left}
     */
    private boolean curvature(int k, int[] partials, double[] known) {
        boolean unit = knownScale[k] == 1;
        boolean any = false;
        int[] weights = {ta, tb};
        for (int i = 0; i < 2; i++) {
            if (known[i] != 0) {
                mv.visitVarInsn(DLOAD, weights[i]);
                if (!unit) {
                    mv.visitVarInsn(DLOAD, scale[k]);
                    mv.visitInsn(DMUL);
                }
                times(partials[i], known[i]);
                if (any) {
                    mv.visitInsn(DADD);
                }
                any = true;
            }
        }
        if (any) {
            if (!unit) {
                mv.visitVarInsn(DLOAD, scale[k]);
                mv.visitInsn(DMUL);
            }
            mv.visitVarInsn(DSTORE, tmp);
        }
        return any;
    }

    /** Operand {@code at}: adjoint += g·∂ [+ h·c], tangent adjoint += h·∂. */
    private void contributeFast(int at, int k, int partial, double known, boolean hasCurvature) {
        if (hasCurvature) {
            contribute(at, false, () -> {
                product(g[k], partial, known);
                product(h[k], tmp, Double.NaN);
                mv.visitInsn(DADD);
            });
        } else {
            contributePlain(at, false, g[k], known, () -> product(g[k], partial, known));
        }
        if (!sweep.block) {
            contributePlain(at, true, h[k], known, () -> product(h[k], partial, known));
        }
    }

    /** A block sweep's {@code t̄ += h·∂} for operand {@code at}, once for all lanes, multiplied plainly. */
    private void tangentAdjointStep(int at, int weight, int partial, double known) {
        contributePlain(at, true, weight, known, () -> product(weight, partial, known));
    }

    /**
     * Adds {@code weight·∂}, which {@code product} pushes multiplied plainly, to operand {@code at}'s
     * adjoint (tangent adjoint); a partial known to be −1 subtracts the weight instead, as
     * {@code a + (−w)} is {@code a − w} to the bit and the JIT does not fold the negation.
     */
    private void contributePlain(int at, boolean tangentLane, int weight, double known, Runnable product) {
        if (known == -1) {
            contribute(at, tangentLane, () -> mv.visitVarInsn(DLOAD, weight), true);
        } else {
            contribute(at, tangentLane, product, false);
        }
    }

    /** Adds the value {@code amount} pushes to the adjoint (or tangent adjoint) of operand {@code at}. */
    private void contribute(int at, boolean tangentLane, Runnable amount) {
        contribute(at, tangentLane, amount, false);
    }

    /** {@link #contribute(int, boolean, Runnable)}, subtracting the amount when {@code subtract}. */
    private void contribute(int at, boolean tangentLane, Runnable amount, boolean subtract) {
        int j = s.ref[at];
        switch (s.kind[at]) {
            case LoopShape.LOCAL -> accumulate(tangentLane ? h[j] : g[j], amount, subtract);
            case LoopShape.CARRY -> {
                if (sweep != Sweep.FUSED_GRADIENT) { // which knows these terms before it runs
                    accumulate(tangentLane ? previousH[j] : previousG[j], amount, subtract);
                }
            }
            case LoopShape.EXTERNAL -> {
                if (s.externalConstant[j] || (tangentLane && (sweep.block || tangentAdjointLeftOut(j)))) {
                    // a constant's adjoint is never read, nor an input's tangent adjoint; a block
                    // sweep reads tangent adjoints only
                    return;
                }
                if (holdBack(j, amount, subtract)) {
                    return;
                }
                int sum = tangentLane ? extH[j] : extG[j];
                if (sum >= 0) {
                    accumulate(sum, amount, subtract);
                    return;
                }
                int array = tangentLane ? TADJ : ADJ;
                mv.visitVarInsn(ALOAD, array);
                index(array, ext[j]);
                mv.visitInsn(DUP2);
                mv.visitInsn(DALOAD);
                amount.run();
                mv.visitInsn(subtract ? DSUB : DADD);
                mv.visitInsn(DASTORE);
            }
            default -> throw new AssertionError("operand " + at + " is absent");
        }
    }
}
