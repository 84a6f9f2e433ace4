package dev.autodiff.engine.loops;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Structure;
import dev.autodiff.engine.codegen.LoopKernel;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The body of a loop found in a {@link Program}: {@code period} consecutive nodes (positions
 * {@code 0 … period-1}) that repeat with the same ops and the same operand pattern, so one generated
 * loop body serves every repetition ({@link LoopKernel}). Two loops with equal shapes share a kernel
 * whatever their start and repetition count.
 *
 * <p>Operand {@code o} (0 left, 1 right) of position {@code k} is one of:
 * <ul>
 *   <li>{@link #NONE}: absent (a unary op or a constant);
 *   <li>{@link #LOCAL}: position {@code ref} of the same repetition;
 *   <li>{@link #CARRY}: position {@code ref} of the previous repetition (before the loop, for the
 *       first repetition: node {@code start - period + ref});
 *   <li>{@link #EXTERNAL}: a node before the loop, {@code bases[ref] + r·stride[ref]} in repetition
 *       {@code r}; stride 0 is a loop invariant (a shared constant), stride 1 walks the inputs. Operands
 *       reading the same node at the same stride share one external index.
 * </ul>
 * A position whose rule takes a third argument from the graph (an if-else's condition) reads it as
 * one more operand of the same kinds ({@link #conditionKind}, {@link #conditionRef}), for its value
 * alone: no tangent or adjoint flows to a condition.
 *
 * <p>A position is {@code stored} when some node outside its own repetition reads it (a later
 * repetition, later code, or an output): only those are written to the sweeps' arrays; the others
 * live in the generated code's local variables.
 */
public final class LoopShape {
    public static final int NONE = 0;
    public static final int LOCAL = 1;
    public static final int CARRY = 2;
    public static final int EXTERNAL = 3;

    public final int period;
    /** Op code per position: a {@link dev.autodiff.core.Primitive} ordinal or {@link Program#CONSTANT}. */
    public final int[] code;
    /** Parameter per position; for constants unused (each repetition's value is in the program). */
    public final double[] param;
    /** Operand kind of position k, operand o, at {@code 2k + o}. */
    public final int[] kind;
    /** Position or external index of position k, operand o, at {@code 2k + o}. */
    public final int[] ref;
    /** Kind of position k's condition, the third argument of its rule ({@link #NONE} for none), at {@code k}. */
    public final int[] conditionKind;
    /** Position or external index of position k's condition, at {@code k}. */
    public final int[] conditionRef;
    /** Index stride per repetition of each external operand. */
    public final int[] stride;
    /** Whether each external operand is a constant node (stride 0): its adjoint is never read, so not written. */
    public final boolean[] externalConstant;
    /** Whether no two external operands read the same node in one repetition. */
    public final boolean externalsDistinct;
    /** Per external operand, the one that read its node in the next repetition (see {@code LoopFinder}), or -1. */
    public final int[] handoff;
    public final boolean[] stored;
    /** Whether each position is read by the next repetition (derived from {@code kind} and {@code ref}). */
    private final boolean[] carried;
    /**
     * Stored positions that the first-order sweeps (values, adjoints) store for the last repetition
     * only: carried to the next repetition in a register, read from outside the loop only in the last
     * repetition, and with no partial depending on their value (a running sum).
     */
    public final boolean[] lastOnly;
    /** As {@link #lastOnly}, for a tangent sweep that no backward sweep follows (a directional derivative). */
    public final boolean[] lastOnlyForward;
    /**
     * Per position, whether a directional derivative reads its value in some repetition (see {@code
     * LoopAnalysis.valuesReadByTangents}): its kernel carries and stores the values of these
     * positions only, and leaves the others' arithmetic to the JIT to drop (a running sum of terms,
     * whose tangent alone is returned). The tangents are carried and stored as for every sweep.
     */
    public final boolean[] valueReadForward;
    /**
     * Per position, whether it reads the previous repetition, directly or through the positions it
     * reads: in a Hessian-vector product without this loop's forward sweep ({@code LoopPlan#sumLoop})
     * its value and tangent are not known in the backward sweep. Null when such a product cannot
     * leave the forward sweep out (see {@link #sumChains}).
     */
    public final boolean @Nullable [] dirty;
    /**
     * When {@link #dirty} is not null, per position, how many times its tangent enters the bound
     * that the bounded second-order sweep returns (see {@link #sumChains}).
     */
    public final int @Nullable [] boundWeight;
    /**
     * Whether the shape is a straight-line segment's, run once ({@code reps} is 1): its kernels have
     * no loop over repetitions. A one-pass loop would cost the JIT a counted loop's work (loop
     * predicates, pre- and post-loops) for nothing, and a limit check that fails on the first call
     * and recompiles the method.
     */
    public final boolean once;
    private final String key;

    public LoopShape(int period, int[] code, double[] param, int[] kind, int[] ref, int[] conditionKind,
            int[] conditionRef, int[] stride, boolean[] externalConstant, boolean externalsDistinct, int[] handoff,
            boolean[] stored, boolean[] lastOnly, boolean[] lastOnlyForward, boolean[] valueReadForward, boolean once) {
        this.period = period;
        this.code = code;
        this.param = param;
        this.kind = kind;
        this.ref = ref;
        this.conditionKind = conditionKind;
        this.conditionRef = conditionRef;
        this.stride = stride;
        this.externalConstant = externalConstant;
        this.externalsDistinct = externalsDistinct;
        this.handoff = handoff;
        this.stored = stored;
        this.carried = carriedPositions(kind, ref, conditionKind, conditionRef, period);
        this.lastOnly = lastOnly;
        this.lastOnlyForward = lastOnlyForward;
        this.valueReadForward = valueReadForward;
        this.dirty = sumChains(period, code, kind, ref, conditionKind, conditionRef);
        this.boundWeight = dirty == null ? null : boundWeights(period, code, kind, ref, stored, dirty);
        this.once = once;
        double[] params = param.clone();
        for (int k = 0; k < period; k++) {
            if (code[k] == Program.CONSTANT) {
                params[k] = 0; // each repetition reads its own constant
            }
        }
        this.key = period + Arrays.toString(code) + Arrays.toString(params) + Arrays.toString(kind)
                + Arrays.toString(ref) + Arrays.toString(conditionKind) + Arrays.toString(conditionRef)
                + Arrays.toString(stride) + Arrays.toString(externalConstant)
                + externalsDistinct + Arrays.toString(handoff) + Arrays.toString(stored)
                + Arrays.toString(lastOnly) + Arrays.toString(lastOnlyForward) + Arrays.toString(valueReadForward)
                + (once ? "once" : "");
    }

    /**
     * {@return the {@link #dirty} positions}, or null unless the loop is a set of sum chains: some
     * position reads the previous repetition, every dirty position is a sum, difference or negation
     * (so no partial depends on a dirty value, and a dirty tangent is a signed sum of clean ones),
     * and each dirty position is read at most once in the loop (so each clean tangent enters a
     * dirty one at most once per read, with coefficient ±1). A position whose condition is dirty is
     * dirty too, and no sum: its partials follow the condition's value.
     */
    public static boolean @Nullable [] sumChains(int period, int[] code, int[] kind, int[] ref, int[] conditionKind,
            int[] conditionRef) {
        boolean[] dirty = new boolean[period];
        int[] reads = new int[period];
        boolean any = false;
        for (int k = 0; k < period; k++) {
            int c = conditionKind[k];
            if (c == CARRY || (c == LOCAL && dirty[conditionRef[k]])) {
                dirty[k] = true;
            }
            for (int o = 0; o < 2; o++) {
                int at = 2 * k + o;
                if (kind[at] == CARRY || (kind[at] == LOCAL && dirty[ref[at]])) {
                    dirty[k] = true;
                }
                if (kind[at] == CARRY || kind[at] == LOCAL) {
                    reads[ref[at]]++;
                }
            }
            any |= dirty[k];
        }
        for (int k = 0; k < period; k++) {
            boolean linear = Structure.isLinear(code[k]);
            if (dirty[k] && (!linear || reads[k] > 1)) {
                return null;
            }
        }
        return any ? dirty : null;
    }

    /**
     * {@return per clean position, the reads of it by dirty positions (this repetition's or the
     * next's), plus one if it is stored (a read after the loop)}: the bounded sweep adds
     * {@code weight·|ṫ|} per repetition, which is at least the sum of |ṫ| over every edge by which a
     * clean tangent enters a dirty one
     */
    private static int[] boundWeights(int period, int[] code, int[] kind, int[] ref, boolean[] stored, boolean[] dirty) {
        int[] weight = new int[period];
        for (int k = 0; k < period; k++) {
            for (int o = 0; o < 2 && dirty[k]; o++) {
                int at = 2 * k + o;
                if ((kind[at] == CARRY || kind[at] == LOCAL) && !dirty[ref[at]]) {
                    weight[ref[at]]++;
                }
            }
        }
        for (int k = 0; k < period; k++) {
            if (stored[k] && !dirty[k]) {
                weight[k]++;
            }
            if (code[k] == Program.CONSTANT) {
                weight[k] = 0; // a constant's tangent is 0
            }
        }
        return weight;
    }

    /**
     * {@return how many operands of one repetition are of kind {@code kind} ({@link #LOCAL},
     * {@link #CARRY} or {@link #EXTERNAL}) with reference {@code ref}}: how often that position, or
     * that external operand, is read by an operand a derivative flows through (conditions, which
     * carry none, are not counted)
     */
    public int reads(int kind, int ref) {
        int n = 0;
        for (int at = 0; at < this.kind.length; at++) {
            n += this.kind[at] == kind && this.ref[at] == ref ? 1 : 0;
        }
        return n;
    }

    /** {@return whether position {@code k} is an operation (not a constant)} */
    public boolean isOperation(int k) {
        return code[k] >= 0;
    }

    /** {@return whether some position of the next repetition reads position {@code k}} */
    public boolean isCarried(int k) {
        return carried[k];
    }

    /** {@return per position, whether an operand or a condition of kind {@link #CARRY} reads it} */
    public static boolean[] carriedPositions(int[] kind, int[] ref, int[] conditionKind, int[] conditionRef, int period) {
        boolean[] carried = new boolean[period];
        for (int i = 0; i < kind.length; i++) {
            if (kind[i] == CARRY) {
                carried[ref[i]] = true;
            }
        }
        for (int k = 0; k < period; k++) {
            if (conditionKind[k] == CARRY) {
                carried[conditionRef[k]] = true;
            }
        }
        return carried;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LoopShape s && s.key.equals(key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return key;
    }
}
