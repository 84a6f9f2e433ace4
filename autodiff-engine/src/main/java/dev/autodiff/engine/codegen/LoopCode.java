package dev.autodiff.engine.codegen;

import static org.objectweb.asm.Opcodes.*;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.PartialForms;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rule;
import dev.autodiff.core.internal.rules.Rules;
import dev.autodiff.engine.loops.LoopShape;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The forward half of a loop kernel's code, shared by every sweep {@link LoopWriter} writes: the
 * local-variable layout of a sweep method, the loads and stores of operands, and each position's
 * value, partials and tangent. Code generation state, so not thread-safe; one instance per kernel.
 */
public abstract class LoopCode {
    static final String BASE = Type.getInternalName(LoopKernel.class);
    static final String BLOCK_BASE = Type.getInternalName(LoopBlockKernel.class);
    static final String PARTIALS = Type.getInternalName(Partials.class);
    static final String SCALE_FIELD = "scale";
    // argument slots of every sweep method
    static final int V = 1;
    static final int T = 2;
    static final int ADJ = 3;
    static final int TADJ = 4;
    static final int PARAM = 5;
    static final int START = 6;
    static final int REPS = 7;
    static final int BASES = 8;
    /** The caller's scratch for rule applications (the workspace's), so a kernel allocates nothing. */
    static final int SCRATCH = 9;
    static final int FIRST_FREE = 10;
    /** The caller's point and direction, two more arguments of the sweeps that {@linkplain Sweep#streams stream} variables. */
    static final int POINT = 10;
    static final int DIRECTION = 11;


    /**
     * The sweeps a kernel has. All multiply by partials plainly, without the zero-factor test, and
     * skip no node whose adjoint is zero: see {@link LoopKernel} for when their results are used, and
     * the interpreter for the exact sweeps.
     */
    enum Sweep {
        VALUES(false, false, false, false),
        TANGENTS(true, true, false, false),
        ADJOINTS(true, false, true, false),
        SECOND(true, true, true, false),
        DIRECTIONAL(true, true, false, false),
        BLOCK_TANGENTS(true, true, false, true),
        BLOCK_SECOND(true, true, true, true),
        /** {@link #SECOND} that also returns a bound on the loop's tangents: see {@link BoundedKernel#secondOrderAdjointsBounded}. */
        SECOND_BOUNDED(true, true, true, false),
        /** A whole program's value: see {@link WholeKernel}. */
        WHOLE_VALUE(false, false, false, false),
        /** A whole program's value and gradient, in one method: see {@link WholeKernel}. */
        WHOLE_GRADIENT(true, false, true, false),
        /** A whole program's outputs summed over records of parameters: see {@link RecordKernel}. */
        RECORD_VALUES(false, false, false, false),
        /** A whole program's value and gradient summed over records of parameters: see {@link RecordKernel}. */
        RECORD_GRADIENT(true, false, true, false),
        /**
         * Values and adjoints in one forward pass ({@link FusedKernel}): a forward sweep whose
         * repetitions also sum adjoints.
         */
        FUSED_GRADIENT(true, false, false, false),
        /**
         * A straight-line segment's values and partials ({@link SegmentKernel#values}): the values
         * sweep, which also writes the partials that are not constants to the tape.
         */
        TAPE_VALUES(true, false, false, false),
        /**
         * A straight-line segment's adjoints from the tape ({@link SegmentKernel#adjoints}): the
         * adjoint sweep, with partials read rather than recomputed.
         */
        TAPE_ADJOINTS(true, false, true, false);

        final boolean partials;
        final boolean tangents;
        final boolean backward;
        /**
         * Whether the sweep carries {@link LoopBlockKernel#LANES} directions: tangents and adjoints
         * in lane-major arrays, the values shared, and (second order) the tangent adjoints read from
         * a finished gradient instead of accumulated.
         */
        final boolean block;

        Sweep(boolean partials, boolean tangents, boolean backward, boolean block) {
            this.partials = partials;
            this.tangents = tangents;
            this.backward = backward;
            this.block = block;
        }

        /** {@return whether a forward sweep writes the stored positions' values} (block sweeps find them there) */
        boolean storesValues() {
            return !block;
        }

        boolean second() {
            return this == SECOND || this == BLOCK_SECOND || this == SECOND_BOUNDED;
        }

        /**
         * {@return whether the sweep takes the caller's point and direction ({@link LoopCode#POINT},
         * {@link LoopCode#DIRECTION}) and reads the variables an external operand walks from there}: see
         * {@link LoopKernel#streamsPoint}
         */
        boolean streams() {
            return this == DIRECTIONAL || this == SECOND_BOUNDED;
        }

        /** {@return whether the sweep sums adjoints}: a backward sweep, or the fused one */
        boolean adjoints() {
            return backward || this == FUSED_GRADIENT;
        }

        /**
         * Whether the sweep is a whole program's ({@link WholeKernel}): external operands are the
         * inputs, read from the point ({@link #V}) or the parameters ({@link #T}) with constant
         * indices; constants are written into the code; the gradient goes to {@link #ADJ}.
         */
        boolean whole() {
            return this == WHOLE_VALUE || this == WHOLE_GRADIENT || record();
        }

        /**
         * Whether the sweep runs a whole program once per record ({@link RecordKernel}): repetitions
         * count up over rows, parameters are read from each row, and outputs and the variables'
         * adjoints are summed over the rows in locals.
         */
        boolean record() {
            return this == RECORD_VALUES || this == RECORD_GRADIENT;
        }
    }

    final LoopShape s;
    final int period;
    /** For a whole program's sweeps ({@link Sweep#whole}): each external operand's input, the number of variables, the output position. */
    int[] wholeBases = new int[0];
    int wholeVariables;
    int wholeOutput = -1;
    /** For a record sweep: the positions whose values are summed over the rows (the outputs). */
    int[] recordOutputs = new int[0];
    MethodVisitor mv;
    Sweep sweep;
    int nextSlot;
    // local variable slots of the method being written
    int node;
    /** The repetition counter. */
    int reps;
    int partials;
    int a;
    int b;
    /** The value of the condition of the position being written, its rule's third argument, where it has one. */
    int condition;
    int ta;
    int tb;
    int tmp;
    /** The bound of {@link Sweep#SECOND_BOUNDED}, or -1. */
    int bound;
    /** The terms one repetition adds to {@link #bound}, summed apart from it, or -1. */
    int repetitionBound;
    int[] ext;
    int[] base;
    /**
     * A {@linkplain Sweep#streams streaming} sweep's local slots, per external operand, of the arrays
     * its values and tangents are read from (the caller's point and direction when it reads
     * variables only, see {@link LoopKernel#streamsPoint}, else the value and tangent arrays); -1 in
     * other sweeps and for loop invariants.
     */
    int[] streamV;
    int[] streamT;
    int[] inv;
    int[] invT;
    int[] x;
    int[] da;
    int[] db;
    int[] scale;
    int[] daa;
    int[] dab;
    int[] dbb;
    int[] tx;
    /** Partials known when the code is written (arithmetic): their value, or NaN when computed at run time. */
    double[] knownScale;
    double[] knownDa;
    double[] knownDb;
    double[] knownDaa;
    double[] knownDab;
    double[] knownDbb;
    /**
     * Per external operand, whether it reads inputs only, whose tangent adjoints no sweep reads: a
     * {@link BoundedKernel}'s code then adds none to them ({@link BoundedKernel#of}); empty
     * in the other kernels.
     */
    boolean[] inputOperands = new boolean[0];
    /** Per external operand, the local that sums a repetition's contributions to its adjoint (or -1). */
    int[] extG;
    /** The same for its tangent adjoint, in a second-order sweep that sums them (or -1). */
    int[] extH;
    /** Per external operand with a handoff, the sum handed over from the previous repetition (or -1). */
    int[] handG;
    int[] handH;
    int[] carriedValue;
    int[] carriedTangent;
    int[] g;
    int[] h;
    int[] carriedG;
    int[] carriedH;
    int[] previousG;
    int[] previousH;
    /**
     * The adjoint slots that hold the +0 they were set to at the start of the repetition being
     * written (the code of a repetition is straight-line, but for the exact sweeps' skips, whose
     * first contribution is right whether it runs or not).
     */
    final java.util.Set<Integer> zeroAdjoints = new java.util.HashSet<>();
    /** Directions carried by the sweep being written (1 unless it is a block sweep), and the one being written. */
    int lanes;
    int lane;
    /**
     * A block sweep's lane-major indices: the node counter and each external index times
     * {@link #lanes}, each set from the repetition counter as {@code invariant + reps·constant}
     * (see {@link #indices}); -1 in other sweeps.
     */
    int laneNode = -1;
    int[] laneExt = new int[0];
    /** Per lane, the slots of {@link #invT}, {@link #tx}, {@link #carriedTangent}, {@link #g}, {@link #extG}, {@link #handG}, {@link #carriedG}, {@link #previousG}. */
    private int[][] laneInvT;
    private int[][] laneTx;
    private int[][] laneCarriedTangent;
    private int[][] laneG;
    private int[][] laneExtG;
    private int[][] laneHandG;
    private int[][] laneCarriedG;
    private int[][] lanePreviousG;

    /** Per position, whether the sweep being written computes its tangents ({@link #tangentsRead}). */
    boolean[] tangentRead = new boolean[0];
    /** Whether the code written so far reads the caller's scratch {@code Partials} (a rule applied at run time). */
    boolean usesScratch;

    LoopCode(LoopShape shape) {
        this.s = shape;
        this.period = shape.period;
    }

    /**
     * {@return whether this forward sweep stores position k for the last repetition only} (after the
     * loop, from its carried register)
     */
    boolean lastOnly(int k) {
        return sweep == Sweep.DIRECTIONAL ? s.lastOnlyForward[k] : s.lastOnly[k];
    }

    /**
     * {@return whether this forward sweep keeps position k's value past its repetition} (carries it
     * to the next, stores it): a directional sweep keeps only the values that some tangent reads
     * ({@link LoopShape#valueReadForward}). The others are still computed, as the rule table writes
     * them, but nothing reads them after the repetition, so the JIT drops their arithmetic.
     */
    boolean keepsValue(int k) {
        return sweep != Sweep.DIRECTIONAL || s.valueReadForward[k];
    }

    /** Stores {@code slot} at position k of the last repetition: {@code array[start + (reps-1)·period + k]}. */
    void storeLast(int array, int k, int slot) {
        mv.visitVarInsn(ALOAD, array);
        mv.visitVarInsn(ILOAD, START);
        mv.visitVarInsn(ILOAD, REPS);
        mv.visitInsn(ICONST_1);
        mv.visitInsn(ISUB);
        push(period);
        mv.visitInsn(IMUL);
        mv.visitInsn(IADD);
        push(k);
        mv.visitInsn(IADD);
        laned(array);
        mv.visitVarInsn(DLOAD, slot);
        mv.visitInsn(DASTORE);
    }

    void allocate() {
        lanes = sweep.block ? LoopBlockKernel.LANES : 1;
        node = nextSlot++;
        reps = nextSlot++;
        partials = SCRATCH;
        a = doubleSlot();
        b = doubleSlot();
        condition = doubleSlot();
        ta = doubleSlot();
        tb = doubleSlot();
        tmp = doubleSlot();
        bound = sweep == Sweep.SECOND_BOUNDED ? doubleSlot() : -1;
        repetitionBound = sweep == Sweep.SECOND_BOUNDED ? doubleSlot() : -1;
        int e = s.stride.length;
        ext = new int[e];
        base = new int[e];
        inv = new int[e];
        laneInvT = new int[lanes][e];
        for (int j = 0; j < e; j++) {
            ext[j] = nextSlot++;
            base[j] = nextSlot++;
            inv[j] = s.stride[j] == 0 ? doubleSlot() : -1;
            for (int l = 0; l < lanes; l++) {
                laneInvT[l][j] = s.stride[j] == 0 && sweep.tangents ? doubleSlot() : -1;
            }
        }
        streamV = new int[e];
        streamT = new int[e];
        for (int j = 0; j < e; j++) {
            boolean streamed = sweep.streams() && s.stride[j] != 0;
            streamV[j] = streamed ? nextSlot++ : -1;
            streamT[j] = streamed ? nextSlot++ : -1;
        }
        laneNode = lanes > 1 ? nextSlot++ : -1;
        laneExt = new int[e];
        for (int j = 0; j < e; j++) {
            laneExt[j] = lanes > 1 ? nextSlot++ : -1;
        }
        x = doubleSlots(true);
        da = doubleSlots(sweep.partials);
        db = doubleSlots(sweep.partials);
        scale = doubleSlots(sweep.second());
        daa = doubleSlots(sweep.second());
        dab = doubleSlots(sweep.second());
        dbb = doubleSlots(sweep.second());
        laneTx = new int[lanes][];
        for (int l = 0; l < lanes; l++) {
            laneTx[l] = doubleSlots(sweep.tangents);
        }
        tangentRead = tangentsRead();
        knownScale = unknown();
        knownDa = unknown();
        knownDb = unknown();
        knownDaa = unknown();
        knownDab = unknown();
        knownDbb = unknown();
        // a block sweep reads the tangent adjoints and writes none outside the repetition
        boolean sumsH = sweep.second() && !sweep.block;
        laneExtG = new int[lanes][e];
        extH = new int[e];
        for (int j = 0; j < e; j++) {
            boolean summed = sweep.adjoints() && s.externalsDistinct && !s.externalConstant[j];
            for (int l = 0; l < lanes; l++) {
                laneExtG[l][j] = summed ? doubleSlot() : -1;
            }
            extH[j] = summed && sumsH && !tangentAdjointLeftOut(j) ? doubleSlot() : -1;
        }
        laneHandG = new int[lanes][e];
        handH = new int[e];
        for (int j = 0; j < e; j++) {
            int from = s.handoff[j];
            boolean handed = sweep.backward && laneExtG[0][j] >= 0 && from >= 0 && laneExtG[0][from] >= 0;
            for (int l = 0; l < lanes; l++) {
                laneHandG[l][j] = handed ? doubleSlot() : -1;
            }
            handH[j] = handed && sumsH && !tangentAdjointLeftOut(j) ? doubleSlot() : -1;
        }
        laneG = new int[lanes][];
        for (int l = 0; l < lanes; l++) {
            laneG[l] = doubleSlots(sweep.adjoints());
        }
        h = doubleSlots(sweep.second());
        carriedValue = new int[period];
        laneCarriedTangent = new int[lanes][period];
        laneCarriedG = new int[lanes][period];
        lanePreviousG = new int[lanes][period];
        carriedH = new int[period];
        previousH = new int[period];
        for (int k = 0; k < period; k++) {
            boolean carried = s.isCarried(k);
            carriedValue[k] = carried && !sweep.backward ? doubleSlot() : -1;
            for (int l = 0; l < lanes; l++) {
                laneCarriedTangent[l][k] = carried && !sweep.backward && sweep.tangents ? doubleSlot() : -1;
                laneCarriedG[l][k] = carried && sweep.backward ? doubleSlot() : -1;
                lanePreviousG[l][k] = carried && sweep.backward ? doubleSlot() : -1;
            }
            carriedH[k] = carried && sweep.second() ? doubleSlot() : -1;
            previousH[k] = carried && sweep.second() ? doubleSlot() : -1;
        }
        lane(0);
    }

    /** Makes the lane-dependent slots ({@link #tx}, {@link #g}, …) those of direction {@code l}. */
    void lane(int l) {
        lane = l;
        invT = laneInvT[l];
        tx = laneTx[l];
        carriedTangent = laneCarriedTangent[l];
        g = laneG[l];
        extG = laneExtG[l];
        handG = laneHandG[l];
        carriedG = laneCarriedG[l];
        previousG = lanePreviousG[l];
    }

    /**
     * After an index into {@code array} on the stack, turns it into the current lane's: the
     * tangent and adjoint arrays of a block sweep hold {@code lanes} directions per node.
     */
    void laned(int array) {
        if (lanedArray(array)) {
            push(lanes);
            mv.visitInsn(IMUL);
            if (lane != 0) {
                push(lane);
                mv.visitInsn(IADD);
            }
        }
    }

    /** {@return whether {@code array} holds {@link #lanes} directions per node in this sweep} */
    boolean lanedArray(int array) {
        return lanes > 1 && (array == T || array == ADJ);
    }

    double[] unknown() {
        double[] known = new double[period];
        java.util.Arrays.fill(known, Double.NaN);
        return known;
    }

    int doubleSlot() {
        int slot = nextSlot;
        nextSlot += 2;
        return slot;
    }

    int[] doubleSlots(boolean needed) {
        int[] slots = new int[period];
        for (int k = 0; k < period; k++) {
            slots[k] = needed ? doubleSlot() : -1;
        }
        return slots;
    }

    /**
     * Sets the node counter and the external indices from the repetition counter: every index is
     * then an affine function of the loop's counter, so the JIT can drop the array bounds checks.
     */
    void indices() {
        mv.visitVarInsn(ILOAD, START);
        mv.visitVarInsn(ILOAD, reps);
        push(period);
        mv.visitInsn(IMUL);
        mv.visitInsn(IADD);
        mv.visitVarInsn(ISTORE, node);
        for (int j = 0; j < ext.length; j++) {
            if (s.stride[j] != 0) {
                mv.visitVarInsn(ILOAD, base[j]);
                mv.visitVarInsn(ILOAD, reps);
                push(s.stride[j]);
                mv.visitInsn(IMUL);
                mv.visitInsn(IADD);
                mv.visitVarInsn(ISTORE, ext[j]);
            }
        }
        if (laneNode >= 0) {
            // (start + reps·period)·lanes would hide the affine form from the JIT, which then
            // checks every lane's bounds in every repetition: the counter's multiple is kept apart
            laneIndex(START, period);
            mv.visitVarInsn(ISTORE, laneNode);
            for (int j = 0; j < ext.length; j++) {
                laneIndex(base[j], s.stride[j]);
                mv.visitVarInsn(ISTORE, laneExt[j]);
            }
        }
    }

    /** Pushes {@code slot·lanes + reps·(stride·lanes)}, the repetition's lane-major index of an index {@code slot + reps·stride}. */
    private void laneIndex(int slot, int stride) {
        mv.visitVarInsn(ILOAD, slot);
        push(lanes);
        mv.visitInsn(IMUL);
        if (stride != 0) {
            mv.visitVarInsn(ILOAD, reps);
            push(stride * lanes);
            mv.visitInsn(IMUL);
            mv.visitInsn(IADD);
        }
    }

    /** Moves to the next repetition: forward sweeps (and records) up, backward sweeps down. */
    void advance() {
        mv.visitIincInsn(reps, sweep.backward && !sweep.record() ? -1 : 1);
    }

    /**
     * Position {@code k}'s value, partials and tangent (one per lane); forward sweeps store it if it
     * is stored. Block sweeps store tangents only: the values are in the array already.
     */
    void forward(int k) {
        int c = s.code[k];
        if (sweep == Sweep.TAPE_ADJOINTS) {
            tape(k, false);
            return;
        }
        if (c == Program.CONSTANT) {
            if (sweep.whole()) {
                dconst(s.param[k]); // a whole program's constants are its own: written into the code
            } else {
                mv.visitVarInsn(ALOAD, PARAM);
                nodeIndex(k);
                mv.visitInsn(DALOAD);
            }
            mv.visitVarInsn(DSTORE, x[k]);
            for (int l = 0; l < lanes && sweep.tangents; l++) {
                lane(l);
                mv.visitInsn(DCONST_0);
                mv.visitVarInsn(DSTORE, tx[k]);
            }
        } else {
            boolean binary = s.kind[2 * k + 1] != LoopShape.NONE;
            loadValue(2 * k);
            mv.visitVarInsn(DSTORE, a);
            if (binary) {
                loadValue(2 * k + 1);
            } else {
                mv.visitInsn(DCONST_0); // as the interpreter passes a unary rule b = 0
            }
            mv.visitVarInsn(DSTORE, b);
            if (s.conditionKind[k] != LoopShape.NONE) {
                load(s.conditionKind[k], s.conditionRef[k], V, x, carriedValue, inv);
                mv.visitVarInsn(DSTORE, condition);
            }
            rule(k, c);
            if (sweep == Sweep.TAPE_VALUES) {
                tape(k, true);
            }
            for (int l = 0; l < lanes && sweep.tangents && tangentRead[k]; l++) {
                lane(l);
                fastTangent(k, binary);
            }
        }
        if (!sweep.backward && !sweep.whole() && s.stored[k] && !lastOnly(k)) {
            if (sweep.storesValues() && keepsValue(k)) {
                storeAt(V, k, x[k]);
            }
            for (int l = 0; l < lanes && sweep.tangents; l++) {
                lane(l);
                storeAt(T, k, tx[k]);
            }
        }
        lane(0);
    }

    /**
     * Writes position k's partials to the tape ({@code t} holds ∂/∂a, {@code tadj} ∂/∂b, indexed by
     * node, as the interpreter's), or reads them from it: those not known when the code is written,
     * which the adjoint step then multiplies by, as it would have the recomputed ones.
     */
    private void tape(int k, boolean write) {
        if (!s.isOperation(k)) {
            return;
        }
        if (!write) {
            knownDa[k] = knownPartial(k, 0);
            knownDb[k] = knownPartial(k, 1);
        }
        boolean binary = s.kind[2 * k + 1] != LoopShape.NONE;
        for (int o = 0; o < (binary ? 2 : 1); o++) {
            int slot = o == 0 ? da[k] : db[k];
            int array = o == 0 ? T : TADJ;
            if (!Double.isNaN(o == 0 ? knownDa[k] : knownDb[k])) {
                continue;
            }
            if (write) {
                storeAt(array, k, slot);
            } else {
                loadAt(array, k);
                mv.visitVarInsn(DSTORE, slot);
            }
        }
    }

    /**
     * The fast tangent: plain products, and no term for a constant operand, whose tangent is 0 (as
     * the strong zero makes its term, up to the sign of a zero sum).
     */
    void fastTangent(int k, boolean binary) {
        boolean any = false;
        for (int o = 0; o < (binary ? 2 : 1); o++) {
            if (!constantOperand(2 * k + o)) {
                loadTangent(2 * k + o);
                double known = o == 0 ? knownDa[k] : knownDb[k];
                if (any && known == -1) {
                    mv.visitInsn(DSUB); // a + (−b) is a − b, to the bit
                } else {
                    times(o == 0 ? da[k] : db[k], known);
                    if (any) {
                        mv.visitInsn(DADD);
                    }
                }
                any = true;
            }
        }
        if (!any) {
            mv.visitInsn(DCONST_0);
        }
        mv.visitVarInsn(DSTORE, tx[k]);
    }

    /** {@return whether operand {@code at} is a constant: a constant position, or a shared constant node} */
    boolean constantOperand(int at) {
        int j = s.ref[at];
        return switch (s.kind[at]) {
            case LoopShape.LOCAL -> s.code[j] == Program.CONSTANT;
            case LoopShape.EXTERNAL -> s.externalConstant[j];
            default -> false;
        };
    }

    /**
     * Position {@code k}'s value (and partials, when the sweep needs them) from locals a and b, by the
     * rule table: the primitive's own {@link Rule} ({@link Rules#rule}), its {@code value} or
     * {@code apply} called on its final class ({@link RuleReference}), which the JIT inlines, and
     * partials that the table always gives as a constant or
     * an operand ({@link PartialForms}) copied instead of computed, so arithmetic costs what it would
     * in hand-written code. No rule is written here.
     */
    void rule(int k, int c) {
        double p = s.param[k];
        PartialForms forms = PartialForms.of(c, p);
        boolean second = sweep.second();
        boolean compute = computesPartials(forms);
        if (!compute) {
            value(forms.valueForm(), k, c, p);
            mv.visitVarInsn(DSTORE, x[k]);
            if (sweep.partials) {
                knownDa[k] = form(forms, 0, da[k]);
                knownDb[k] = form(forms, 1, db[k]);
                if (second) {
                    knownScale[k] = form(forms, 2, scale[k]);
                    knownDaa[k] = form(forms, 3, daa[k]);
                    knownDab[k] = form(forms, 4, dab[k]);
                    knownDbb[k] = form(forms, 5, dbb[k]);
                }
            }
            return;
        }
        // the primitive's own rule, called on its final class so that the JIT inlines it; a
        // first-order sweep does not pay for second partials it never reads
        RuleReference rule = RuleReference.of(c);
        mv.visitFieldInsn(GETSTATIC, rule.holder(), rule.field(), rule.descriptor());
        mv.visitVarInsn(DLOAD, a);
        mv.visitVarInsn(DLOAD, b);
        third(k, p);
        mv.visitVarInsn(ALOAD, partials);
        mv.visitInsn(second ? ICONST_1 : ICONST_0);
        mv.visitMethodInsn(INVOKEVIRTUAL, rule.type(), "apply", "(DDDL" + PARTIALS + ";Z)V", false);
        usesScratch = true;
        field("value", x[k]);
        field("da", da[k]);
        field("db", db[k]);
        if (second) {
            field(SCALE_FIELD, scale[k]);
            field("daa", daa[k]);
            field("dab", dab[k]);
            field("dbb", dbb[k]);
            knownScale[k] = forms.form(2) == PartialForms.CONSTANT ? forms.constant(2) : Double.NaN;
        }
    }

    /**
     * Pushes the value of primitive {@code c} from locals a and b: the one instruction its
     * {@linkplain PartialForms#valueForm form} names, or a call of the primitive's
     * {@link Rule#value}
     */
    private void value(int form, int k, int c, double p) {
        switch (form) {
            case PartialForms.VALUE_SUM, PartialForms.VALUE_DIFFERENCE, PartialForms.VALUE_PRODUCT -> {
                mv.visitVarInsn(DLOAD, a);
                mv.visitVarInsn(DLOAD, b);
                mv.visitInsn(form == PartialForms.VALUE_SUM ? DADD : form == PartialForms.VALUE_DIFFERENCE ? DSUB : DMUL);
            }
            case PartialForms.VALUE_NEGATION -> {
                mv.visitVarInsn(DLOAD, a);
                mv.visitInsn(DNEG);
            }
            case PartialForms.VALUE_SQUARE -> {
                mv.visitVarInsn(DLOAD, a);
                mv.visitVarInsn(DLOAD, a);
                mv.visitInsn(DMUL);
            }
            default -> {
                RuleReference rule = RuleReference.of(c);
                mv.visitFieldInsn(GETSTATIC, rule.holder(), rule.field(), rule.descriptor());
                mv.visitVarInsn(DLOAD, a);
                mv.visitVarInsn(DLOAD, b);
                third(k, p);
                mv.visitMethodInsn(INVOKEVIRTUAL, rule.type(), "value", "(DDD)D", false);
            }
        }
    }

    /**
     * Pushes position {@code k}'s rule's third argument: its condition's value, loaded by
     * {@link #forward}, where it has one (as {@code Program.third} gives the interpreter), else its
     * constant parameter {@code p}
     */
    private void third(int k, double p) {
        if (s.conditionKind[k] != LoopShape.NONE) {
            mv.visitVarInsn(DLOAD, condition);
        } else {
            dconst(p);
        }
    }

    /**
     * {@return whether this sweep computes a position of {@code forms} by calling its rule}: some
     * partial it needs is not a constant or an operand, so none is known when the code is written
     */
    private boolean computesPartials(PartialForms forms) {
        return sweep.partials && (!known(forms, 0) || !known(forms, 1)
                || (sweep.second() && (!known(forms, 2) || !known(forms, 3) || !known(forms, 4) || !known(forms, 5))));
    }

    /**
     * {@return position k's partial {@code slot} (a {@link PartialForms} slot) as {@link #rule} knows
     * it when writing this sweep: its constant, or NaN when only known at run time}
     */
    double knownPartial(int k, int slot) {
        PartialForms forms = PartialForms.of(s.code[k], s.param[k]);
        return !computesPartials(forms) && forms.form(slot) == PartialForms.CONSTANT ? forms.constant(slot) : Double.NaN;
    }

    /** {@return per position, whether the sweep being written reads its tangent}: all of them, but in a block second-order sweep */
    boolean[] tangentsRead() {
        boolean[] read = new boolean[period];
        java.util.Arrays.fill(read, true);
        return read;
    }

    private static boolean known(PartialForms forms, int slot) {
        return forms.form(slot) != PartialForms.COMPUTED;
    }

    /**
     * Sets {@code slot} from a partial's known form: a constant, or a copy of operand a or b.
     * {@return the constant, or NaN when the value is only known at run time}
     */
    private double form(PartialForms forms, int which, int slot) {
        switch (forms.form(which)) {
            case PartialForms.CONSTANT -> {
                constant(forms.constant(which), slot);
                return forms.constant(which);
            }
            case PartialForms.OPERAND_A -> copy(a, slot);
            case PartialForms.OPERAND_B -> copy(b, slot);
            case PartialForms.SCALED_A -> {
                dconst(forms.constant(which));
                mv.visitVarInsn(DLOAD, a);
                mv.visitInsn(DMUL);
                mv.visitVarInsn(DSTORE, slot);
            }
            default -> throw new AssertionError("a computed partial is read from the rule's result");
        }
        return Double.NaN;
    }

    void field(String name, int slot) {
        mv.visitVarInsn(ALOAD, partials);
        mv.visitFieldInsn(GETFIELD, PARTIALS, name, "D");
        mv.visitVarInsn(DSTORE, slot);
    }

    /** Pushes {@code times(weight, partial)} of two locals; see {@link #times(int, double)}. */
    void product(int weight, int partial, double known) {
        mv.visitVarInsn(DLOAD, weight);
        times(partial, known);
    }

    /**
     * Replaces the weight on the stack by {@code weight · partial}, multiplied plainly: a partial
     * known to be 0 gives 0 (the zero-factor rule, which plain arithmetic would miss for an infinite
     * weight), one known to be ±1 gives the weight or its negation, and no multiplication is written.
     */
    void times(int partial, double known) {
        if (known == 0) {
            mv.visitInsn(POP2);
            mv.visitInsn(DCONST_0);
        } else if (Double.isNaN(known)) {
            mv.visitVarInsn(DLOAD, partial);
            mv.visitInsn(DMUL);
        } else if (known == -1) {
            mv.visitInsn(DNEG);
        } else if (known != 1) {
            dconst(known);
            mv.visitInsn(DMUL);
        }
    }

    /** Pushes {@code g · partial}, as the first-order backward sweep multiplies: {@code g·1} is g, {@code g·(−1)} is −g. */
    void scaled(int g, int partial, double known) {
        if (known == 0) {
            mv.visitInsn(DCONST_0);
            return;
        }
        mv.visitVarInsn(DLOAD, g);
        if (known == -1) {
            mv.visitInsn(DNEG);
        } else if (known != 1) {
            mv.visitVarInsn(DLOAD, partial);
            mv.visitInsn(DMUL);
        }
    }

    /**
     * {@code slot += amount}, or {@code slot = amount} for the first contribution to an adjoint that
     * was set to +0 in this repetition ({@link #zeroAdjoints}): {@code +0 + c} is c except for
     * c = −0, and an adjoint of −0 instead of +0 changes no result. It is only ever a weight or an
     * addend: a weight of ±0 gives products of ±0, or NaN when the partial is not finite, either
     * way, and the strong zero treats both as 0; every sum that reaches an array starts from the
     * array's +0, which adding ±0 leaves as it is.
     */
    void accumulate(int slot, Runnable amount) {
        accumulate(slot, amount, false);
    }

    /** {@code slot += amount}, or {@code slot -= amount} when {@code subtract}; see {@link #accumulate(int, Runnable)}. */
    void accumulate(int slot, Runnable amount, boolean subtract) {
        if (zeroAdjoints.remove(slot)) {
            amount.run();
            if (subtract) {
                mv.visitInsn(DNEG);
            }
            mv.visitVarInsn(DSTORE, slot);
            return;
        }
        mv.visitVarInsn(DLOAD, slot);
        amount.run();
        mv.visitInsn(subtract ? DSUB : DADD);
        mv.visitVarInsn(DSTORE, slot);
    }

    void loadValue(int at) {
        load(at, V, x, carriedValue, inv);
    }

    void loadTangent(int at) {
        load(at, T, tx, carriedTangent, invT);
    }

    /** Pushes operand {@code at}'s value or tangent: a local, a carried local (or array, backward), an array element. */
    void load(int at, int array, int[] locals, int[] carried, int[] invariant) {
        load(s.kind[at], s.ref[at], array, locals, carried, invariant);
    }

    /** Pushes the value or tangent of an operand of {@code kind} and reference {@code j}, as {@link #load(int, int, int[], int[], int[])}. */
    void load(int kind, int j, int array, int[] locals, int[] carried, int[] invariant) {
        switch (kind) {
            case LoopShape.LOCAL -> mv.visitVarInsn(DLOAD, locals[j]);
            case LoopShape.CARRY -> {
                if (sweep.backward) {
                    loadAt(array, j - period); // the previous repetition's stored value
                } else {
                    mv.visitVarInsn(DLOAD, carried[j]);
                }
            }
            case LoopShape.EXTERNAL -> {
                int stream = array == V ? streamV[j] : array == T ? streamT[j] : -1;
                if (invariant[j] >= 0) {
                    mv.visitVarInsn(DLOAD, invariant[j]);
                } else if (stream >= 0) {
                    mv.visitVarInsn(ALOAD, stream);
                    mv.visitVarInsn(ILOAD, ext[j]);
                    mv.visitInsn(DALOAD);
                } else {
                    loadElement(array, ext[j]);
                }
            }
            default -> throw new AssertionError("an absent operand (" + j + ") is read");
        }
    }

    /** Pushes {@code array[node + offset]}. */
    void loadAt(int array, int offset) {
        mv.visitVarInsn(ALOAD, array);
        nodeIndex(array, offset);
        mv.visitInsn(DALOAD);
    }

    void storeAt(int array, int offset, int slot) {
        mv.visitVarInsn(ALOAD, array);
        nodeIndex(array, offset);
        mv.visitVarInsn(DLOAD, slot);
        mv.visitInsn(DASTORE);
    }

    /** Pushes the index of {@code array[node + offset]} in the current lane. */
    private void nodeIndex(int array, int offset) {
        if (laneNode >= 0 && lanedArray(array)) {
            mv.visitVarInsn(ILOAD, laneNode);
            addConstant(offset * lanes + lane);
        } else {
            nodeIndex(offset);
            laned(array);
        }
    }

    /**
     * Pushes the index of {@code array[slot's index]} in the current lane: from {@link #laneExt}
     * when the slot is an external index of a block sweep.
     */
    void index(int array, int indexSlot) {
        for (int j = 0; j < ext.length && laneNode >= 0 && lanedArray(array); j++) {
            if (ext[j] == indexSlot) {
                mv.visitVarInsn(ILOAD, laneExt[j]);
                addConstant(lane);
                return;
            }
        }
        mv.visitVarInsn(ILOAD, indexSlot);
        laned(array);
    }

    /** Adds {@code value} to the int on the stack (nothing for 0). */
    private void addConstant(int value) {
        if (value != 0) {
            push(value);
            mv.visitInsn(IADD);
        }
    }

    /** Pushes {@code array[start - period + k]}, the node a carried position reads in the first repetition. */
    void loadBefore(int array, int k) {
        mv.visitVarInsn(ALOAD, array);
        beforeIndex(k);
        laned(array);
        mv.visitInsn(DALOAD);
    }

    void storeBefore(int array, int k, int slot) {
        mv.visitVarInsn(ALOAD, array);
        beforeIndex(k);
        laned(array);
        mv.visitVarInsn(DLOAD, slot);
        mv.visitInsn(DASTORE);
    }

    /** {@code array[start - period + k] += slot}, in the current lane. */
    void addBefore(int array, int k, int slot) {
        mv.visitVarInsn(ALOAD, array);
        beforeIndex(k);
        laned(array);
        mv.visitInsn(DUP2);
        mv.visitInsn(DALOAD);
        mv.visitVarInsn(DLOAD, slot);
        mv.visitInsn(DADD);
        mv.visitInsn(DASTORE);
    }

    void beforeIndex(int k) {
        mv.visitVarInsn(ILOAD, START);
        push(k - period);
        mv.visitInsn(IADD);
    }

    void nodeIndex(int offset) {
        mv.visitVarInsn(ILOAD, node);
        if (offset != 0) {
            push(offset);
            mv.visitInsn(IADD);
        }
    }

    void loadElement(int array, int indexSlot) {
        mv.visitVarInsn(ALOAD, array);
        index(array, indexSlot);
        mv.visitInsn(DALOAD);
    }

    void storeElement(int array, int indexSlot, int slot) {
        mv.visitVarInsn(ALOAD, array);
        index(array, indexSlot);
        mv.visitVarInsn(DLOAD, slot);
        mv.visitInsn(DASTORE);
    }

    void copy(int from, int to) {
        mv.visitVarInsn(DLOAD, from);
        mv.visitVarInsn(DSTORE, to);
    }

    void constant(double value, int slot) {
        dconst(value);
        mv.visitVarInsn(DSTORE, slot);
    }

    void dconst(double value) {
        if (Double.doubleToRawLongBits(value) == 0) {
            mv.visitInsn(DCONST_0);
        } else if (value == 1) {
            mv.visitInsn(DCONST_1);
        } else {
            mv.visitLdcInsn(value);
        }
    }

    void push(int value) {
        if (value >= -1 && value <= 5) {
            mv.visitInsn(ICONST_0 + value);
        } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, value);
        } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, value);
        } else {
            mv.visitLdcInsn(value);
        }
    }

    /** {@return whether external operand j's tangent adjoint is left out}: it reads inputs only ({@link #inputOperands}) */
    boolean tangentAdjointLeftOut(int j) {
        return j < inputOperands.length && inputOperands[j];
    }
}
