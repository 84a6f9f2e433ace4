package dev.autodiff.core.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.autodiff.core.Primitive;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.IntConsumer;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * Writes the {@link LoopKernel} of a {@link LoopShape} as a hidden class (ASM; JDK 17 has no public
 * class-file API).
 *
 * <p>Each sweep is one method holding one loop over the repetitions; its body is the shape's nodes
 * written out in order, every value, partial, tangent and adjoint in a local variable of its own,
 * so the JIT keeps them in registers. The code mirrors the interpreting sweeps operation for
 * operation (the same products, sums and strong-zero tests, in the same order), which is what makes
 * the results identical to the bit. Arithmetic is written inline; every other primitive calls the
 * rule table ({@link Rules#apply}, {@link Rules#value}), as the interpreter does.
 *
 * <p>The class is defined without {@code STRONG}, so it is unloaded once no plan holds its kernel.
 */
final class LoopWriter {
    private static final String SELF = "dev/autodiff/core/internal/GeneratedLoop";
    private static final String BASE = Type.getInternalName(LoopKernel.class);
    private static final String RULES = Type.getInternalName(Rules.class);
    private static final String PARTIALS = Type.getInternalName(Partials.class);
    private static final String DESCRIPTOR = "([D[D[D[D[DII[I)V";
    // argument slots of every sweep method
    private static final int V = 1;
    private static final int T = 2;
    private static final int ADJ = 3;
    private static final int TADJ = 4;
    private static final int PARAM = 5;
    private static final int START = 6;
    private static final int REPS = 7;
    private static final int BASES = 8;
    private static final int FIRST_FREE = 9;

    private static final int ADD = Primitive.ADD.ordinal();
    private static final int SUB = Primitive.SUB.ordinal();
    private static final int MUL = Primitive.MUL.ordinal();
    private static final int NEG = Primitive.NEG.ordinal();
    private static final int POW_CONST = Primitive.POW_CONST.ordinal();

    /**
     * The sweeps. The fast ones multiply by partials plainly, without the strong-zero test, and
     * skip no node whose adjoint is zero: see {@link LoopKernel} for when their results are used.
     */
    private enum Sweep {
        VALUES(false, false, false, false),
        TANGENTS(true, true, false, false),
        ADJOINTS(true, false, true, false),
        SECOND(true, true, true, false),
        FAST_TANGENTS(true, true, false, true),
        FAST_ADJOINTS(true, false, true, true),
        FAST_SECOND(true, true, true, true),
        FAST_DIRECTIONAL(true, true, false, true);

        final boolean partials;
        final boolean tangents;
        final boolean backward;
        final boolean fast;

        Sweep(boolean partials, boolean tangents, boolean backward, boolean fast) {
            this.partials = partials;
            this.tangents = tangents;
            this.backward = backward;
            this.fast = fast;
        }

        boolean second() {
            return this == SECOND || this == FAST_SECOND;
        }
    }

    private final LoopShape s;
    private final int period;
    private MethodVisitor mv;
    private Sweep sweep;
    private int nextSlot;
    // local variable slots of the method being written
    private int node;
    /** The repetition counter. */
    private int reps;
    private int partials;
    private int a;
    private int b;
    private int ta;
    private int tb;
    private int tmp;
    private int[] ext;
    private int[] base;
    private int[] inv;
    private int[] invT;
    private int[] x;
    private int[] da;
    private int[] db;
    private int[] daa;
    private int[] dab;
    private int[] dbb;
    private int[] tx;
    /** Partials known when the code is written (arithmetic): their value, or NaN when computed at run time. */
    private double[] knownDa;
    private double[] knownDb;
    private double[] knownDaa;
    private double[] knownDab;
    private double[] knownDbb;
    /** Per external operand, the local that sums a repetition's contributions to its adjoint (or -1). */
    private int[] extG;
    private int[] extH;
    /** Per external operand with a handoff, the sum handed over from the previous repetition (or -1). */
    private int[] handG;
    private int[] handH;
    private int[] carriedValue;
    private int[] carriedTangent;
    private int[] g;
    private int[] h;
    private int[] carriedG;
    private int[] carriedH;
    private int[] previousG;
    private int[] previousH;

    private LoopWriter(LoopShape shape) {
        this.s = shape;
        this.period = shape.period;
    }

    /**
     * The most bytecode a generated method may have: HotSpot does not compile methods over 8000
     * bytes ({@code -XX:-DontCompileHugeMethods}), and a kernel left to the bytecode interpreter is
     * far slower than the interpreting sweeps.
     */
    static final int MAX_METHOD_BYTES = 7999;

    /** {@return a new instance of the generated kernel of {@code shape}}, or null when a method would be too large */
    static LoopKernel generate(LoopShape shape) {
        byte[] bytes = bytes(shape);
        if (largestMethod(bytes) > MAX_METHOD_BYTES) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return (LoopKernel) lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("could not define the loop kernel of shape " + shape, e);
        }
    }

    /**
     * {@return the longest method code in {@code classFile}}, read from the class file format (JVMS
     * §4): the fields and methods after the constant pool, and each method's Code attribute
     */
    static int largestMethod(byte[] classFile) {
        org.objectweb.asm.ClassReader r = new org.objectweb.asm.ClassReader(classFile);
        int at = r.header + 6; // access, this, super
        at += 2 + 2 * r.readUnsignedShort(at); // interfaces
        for (int pass = 0; pass < 2; pass++) { // fields, then methods
            int count = r.readUnsignedShort(at);
            at += 2;
            int largest = 0;
            for (int m = 0; m < count; m++) {
                int attributes = r.readUnsignedShort(at + 6);
                at += 8;
                for (int a = 0; a < attributes; a++) {
                    String name = r.readUTF8(at, new char[r.getMaxStringLength()]);
                    int length = r.readInt(at + 2);
                    if (pass == 1 && "Code".equals(name)) {
                        largest = Math.max(largest, r.readInt(at + 10)); // after max_stack, max_locals
                    }
                    at += 6 + length;
                }
            }
            if (pass == 1) {
                return largest;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** {@return the class file of the kernel of {@code shape}} */
    static byte[] bytes(LoopShape shape) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        cw.visit(V17, ACC_FINAL | ACC_SUPER, SELF, null, BASE, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, BASE, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        LoopWriter w = new LoopWriter(shape);
        w.method(cw, "values", Sweep.VALUES);
        w.method(cw, "tangents", Sweep.TANGENTS);
        w.method(cw, "adjoints", Sweep.ADJOINTS);
        w.method(cw, "secondOrderAdjoints", Sweep.SECOND);
        w.method(cw, "fastTangents", Sweep.FAST_TANGENTS);
        w.method(cw, "fastAdjoints", Sweep.FAST_ADJOINTS);
        w.method(cw, "fastSecondOrderAdjoints", Sweep.FAST_SECOND);
        w.method(cw, "fastDirectional", Sweep.FAST_DIRECTIONAL);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private void method(ClassWriter cw, String name, Sweep sw) {
        mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, name, DESCRIPTOR, null, null);
        sweep = sw;
        nextSlot = FIRST_FREE;
        allocate();
        mv.visitCode();
        prologue();
        Label loop = new Label();
        Label end = new Label();
        mv.visitLabel(loop);
        mv.visitVarInsn(ILOAD, reps);
        if (sw.backward) {
            mv.visitJumpInsn(IFLT, end);
        } else {
            mv.visitVarInsn(ILOAD, REPS);
            mv.visitJumpInsn(IF_ICMPGE, end);
        }
        indices();
        for (int k = 0; k < period; k++) {
            forward(k);
        }
        if (sw.backward) {
            backward();
        } else {
            for (int k = 0; k < period; k++) {
                if (carriedValue[k] >= 0) {
                    copy(x[k], carriedValue[k]);
                    if (sw.tangents) {
                        copy(tx[k], carriedTangent[k]);
                    }
                }
            }
        }
        advance();
        mv.visitJumpInsn(GOTO, loop);
        mv.visitLabel(end);
        for (int k = 0; k < period && !sw.backward; k++) {
            if (lastOnly(k)) {
                storeLast(V, k, carriedValue[k]);
                if (sw.tangents) {
                    storeLast(T, k, carriedTangent[k]);
                }
            }
        }
        if (sw.backward) {
            for (int k = 0; k < period; k++) {
                if (carriedG[k] >= 0) {
                    storeBefore(ADJ, k, carriedG[k]);
                    if (sw.second()) {
                        storeBefore(TADJ, k, carriedH[k]);
                    }
                }
            }
        }
        mv.visitInsn(RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * {@return whether this forward sweep stores position k for the last repetition only} (after the
     * loop, from its carried register)
     */
    private boolean lastOnly(int k) {
        return switch (sweep) {
            // the exact second-order sweeps multiply every tangent, even by a zero partial: they
            // keep every repetition's values and tangents, and are used with everything cleared
            case TANGENTS, SECOND -> false;
            case FAST_DIRECTIONAL -> s.lastOnlyForward[k];
            default -> s.lastOnly[k];
        };
    }

    /** Stores {@code slot} at position k of the last repetition: {@code array[start + (reps-1)·period + k]}. */
    private void storeLast(int array, int k, int slot) {
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
        mv.visitVarInsn(DLOAD, slot);
        mv.visitInsn(DASTORE);
    }

    private void allocate() {
        node = nextSlot++;
        reps = nextSlot++;
        partials = nextSlot++;
        a = doubleSlot();
        b = doubleSlot();
        ta = doubleSlot();
        tb = doubleSlot();
        tmp = doubleSlot();
        int e = s.stride.length;
        ext = new int[e];
        base = new int[e];
        inv = new int[e];
        invT = new int[e];
        for (int j = 0; j < e; j++) {
            ext[j] = nextSlot++;
            base[j] = nextSlot++;
            inv[j] = s.stride[j] == 0 ? doubleSlot() : -1;
            invT[j] = s.stride[j] == 0 && sweep.tangents ? doubleSlot() : -1;
        }
        x = doubleSlots(true);
        da = doubleSlots(sweep.partials);
        db = doubleSlots(sweep.partials);
        daa = doubleSlots(sweep.second());
        dab = doubleSlots(sweep.second());
        dbb = doubleSlots(sweep.second());
        tx = doubleSlots(sweep.tangents);
        knownDa = unknown();
        knownDb = unknown();
        knownDaa = unknown();
        knownDab = unknown();
        knownDbb = unknown();
        extG = new int[e];
        extH = new int[e];
        for (int j = 0; j < e; j++) {
            boolean summed = sweep.backward && s.externalsDistinct && !s.externalConstant[j];
            extG[j] = summed ? doubleSlot() : -1;
            extH[j] = summed && sweep.second() ? doubleSlot() : -1;
        }
        handG = new int[e];
        handH = new int[e];
        for (int j = 0; j < e; j++) {
            int from = s.handoff[j];
            boolean handed = extG[j] >= 0 && from >= 0 && extG[from] >= 0;
            handG[j] = handed ? doubleSlot() : -1;
            handH[j] = handed && sweep.second() ? doubleSlot() : -1;
        }
        g = doubleSlots(sweep.backward);
        h = doubleSlots(sweep.second());
        carriedValue = new int[period];
        carriedTangent = new int[period];
        carriedG = new int[period];
        carriedH = new int[period];
        previousG = new int[period];
        previousH = new int[period];
        for (int k = 0; k < period; k++) {
            boolean carried = s.isCarried(k);
            carriedValue[k] = carried && !sweep.backward ? doubleSlot() : -1;
            carriedTangent[k] = carried && !sweep.backward && sweep.tangents ? doubleSlot() : -1;
            carriedG[k] = carried && sweep.backward ? doubleSlot() : -1;
            previousG[k] = carried && sweep.backward ? doubleSlot() : -1;
            carriedH[k] = carried && sweep.second() ? doubleSlot() : -1;
            previousH[k] = carried && sweep.second() ? doubleSlot() : -1;
        }
    }

    private double[] unknown() {
        double[] known = new double[period];
        java.util.Arrays.fill(known, Double.NaN);
        return known;
    }

    private int doubleSlot() {
        int slot = nextSlot;
        nextSlot += 2;
        return slot;
    }

    private int[] doubleSlots(boolean needed) {
        int[] slots = new int[period];
        for (int k = 0; k < period; k++) {
            slots[k] = needed ? doubleSlot() : -1;
        }
        return slots;
    }

    /**
     * Sets the external indices (at the first repetition the sweep visits), loads the loop
     * invariants, the carried values or adjoints, and the node counter.
     */
    private void prologue() {
        boolean back = sweep.backward;
        if (sweep.partials) {
            mv.visitTypeInsn(NEW, PARTIALS);
            mv.visitInsn(DUP);
            mv.visitMethodInsn(INVOKESPECIAL, PARTIALS, "<init>", "()V", false);
            mv.visitVarInsn(ASTORE, partials);
        }
        for (int j = 0; j < ext.length; j++) {
            mv.visitVarInsn(ALOAD, BASES);
            push(j);
            mv.visitInsn(IALOAD);
            mv.visitVarInsn(ISTORE, base[j]);
            if (inv[j] >= 0) {
                loadElement(V, base[j]);
                mv.visitVarInsn(DSTORE, inv[j]);
                if (invT[j] >= 0) {
                    loadElement(T, base[j]);
                    mv.visitVarInsn(DSTORE, invT[j]);
                }
            }
            mv.visitVarInsn(ILOAD, base[j]);
            mv.visitVarInsn(ISTORE, ext[j]);
        }
        // the repetition counter counts up in forward sweeps and down in backward ones
        if (back) {
            mv.visitVarInsn(ILOAD, REPS);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(ISUB);
        } else {
            mv.visitInsn(ICONST_0);
        }
        mv.visitVarInsn(ISTORE, reps);
        indices();
        for (int j = 0; j < ext.length; j++) {
            if (handG[j] >= 0) {
                loadElement(ADJ, ext[j]);
                mv.visitVarInsn(DSTORE, handG[j]);
                if (handH[j] >= 0) {
                    loadElement(TADJ, ext[j]);
                    mv.visitVarInsn(DSTORE, handH[j]);
                }
            }
        }
        for (int k = 0; k < period; k++) {
            if (carriedValue[k] >= 0) {
                loadBefore(V, k);
                mv.visitVarInsn(DSTORE, carriedValue[k]);
                if (carriedTangent[k] >= 0) {
                    loadBefore(T, k);
                    mv.visitVarInsn(DSTORE, carriedTangent[k]);
                }
            }
            if (carriedG[k] >= 0) {
                loadAt(ADJ, k);
                mv.visitVarInsn(DSTORE, carriedG[k]);
                if (carriedH[k] >= 0) {
                    loadAt(TADJ, k);
                    mv.visitVarInsn(DSTORE, carriedH[k]);
                }
            }
        }
    }

    /**
     * Sets the node counter and the external indices from the repetition counter: every index is
     * then an affine function of the loop's counter, so the JIT can drop the array bounds checks.
     */
    private void indices() {
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
    }

    /** Moves to the next repetition: forward sweeps up, backward sweeps down. */
    private void advance() {
        mv.visitIincInsn(reps, sweep.backward ? -1 : 1);
    }

    /** Position {@code k}'s value, partials and tangent; forward sweeps store it if it is stored. */
    private void forward(int k) {
        int c = s.code[k];
        if (c == Program.CONSTANT) {
            mv.visitVarInsn(ALOAD, PARAM);
            nodeIndex(k);
            mv.visitInsn(DALOAD);
            mv.visitVarInsn(DSTORE, x[k]);
            if (sweep.tangents) {
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
            rule(k, c);
            if (sweep.tangents && sweep.fast) {
                fastTangent(k, binary);
            } else if (sweep.tangents) {
                // ṫ = times(ṫa, ∂a) [+ times(ṫb, ∂b)], as both modes' tangent sweeps write it
                loadTangent(2 * k);
                times(da[k], knownDa[k]);
                if (binary) {
                    loadTangent(2 * k + 1);
                    times(db[k], knownDb[k]);
                    mv.visitInsn(DADD);
                }
                mv.visitVarInsn(DSTORE, tx[k]);
            }
        }
        if (!sweep.backward && s.stored[k] && !lastOnly(k)) {
            storeAt(V, k, x[k]);
            if (sweep.tangents) {
                storeAt(T, k, tx[k]);
            }
        }
    }

    /**
     * The fast tangent: plain products, and no term for a constant operand, whose tangent is 0 (as
     * the strong zero makes its term, up to the sign of a zero sum).
     */
    private void fastTangent(int k, boolean binary) {
        boolean any = false;
        for (int o = 0; o < (binary ? 2 : 1); o++) {
            if (!constantOperand(2 * k + o)) {
                loadTangent(2 * k + o);
                times(o == 0 ? da[k] : db[k], o == 0 ? knownDa[k] : knownDb[k]);
                if (any) {
                    mv.visitInsn(DADD);
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
    private boolean constantOperand(int at) {
        int j = s.ref[at];
        return switch (s.kind[at]) {
            case LoopShape.LOCAL -> s.code[j] == Program.CONSTANT;
            case LoopShape.EXTERNAL -> s.externalConstant[j];
            default -> false;
        };
    }

    /** Position {@code k}'s value (and partials, when the sweep needs them) from locals a and b. */
    private void rule(int k, int c) {
        double p = s.param[k];
        boolean arithmetic = c == ADD || c == SUB || c == MUL || c == NEG || (c == POW_CONST && p == 2);
        if (!arithmetic) {
            push(c);
            mv.visitVarInsn(DLOAD, a);
            mv.visitVarInsn(DLOAD, b);
            dconst(p);
            if (!sweep.partials) {
                mv.visitMethodInsn(INVOKESTATIC, RULES, "value", "(IDDD)D", false);
                mv.visitVarInsn(DSTORE, x[k]);
                return;
            }
            mv.visitVarInsn(ALOAD, partials);
            mv.visitMethodInsn(INVOKESTATIC, RULES, "apply", "(IDDDL" + PARTIALS + ";)V", false);
            field("value", x[k]);
            field("da", da[k]);
            field("db", db[k]);
            if (sweep.second()) {
                field("daa", daa[k]);
                field("dab", dab[k]);
                field("dbb", dbb[k]);
            }
            return;
        }
        // the arithmetic cases of Rules.apply, written out: value, ∂a, ∂b, ∂aa, ∂ab, ∂bb
        mv.visitVarInsn(DLOAD, a);
        if (c == NEG) {
            mv.visitInsn(DNEG);
        } else if (c == POW_CONST) {
            mv.visitVarInsn(DLOAD, a);
            mv.visitInsn(DMUL);
        } else {
            mv.visitVarInsn(DLOAD, b);
            mv.visitInsn(c == ADD ? DADD : c == SUB ? DSUB : DMUL);
        }
        mv.visitVarInsn(DSTORE, x[k]);
        if (!sweep.partials) {
            return;
        }
        if (c == MUL) {
            copy(b, da[k]);
            copy(a, db[k]);
        } else if (c == POW_CONST) {
            dconst(2);
            mv.visitVarInsn(DLOAD, a);
            mv.visitInsn(DMUL);
            mv.visitVarInsn(DSTORE, da[k]);
            knownDb[k] = 0;
            constant(0, db[k]);
        } else {
            knownDa[k] = c == NEG ? -1 : 1;
            knownDb[k] = c == ADD ? 1 : c == SUB ? -1 : 0;
            constant(knownDa[k], da[k]);
            constant(knownDb[k], db[k]);
        }
        if (sweep.second()) {
            knownDaa[k] = c == POW_CONST ? 2 : 0;
            knownDab[k] = c == MUL ? 1 : 0;
            knownDbb[k] = 0;
            constant(knownDaa[k], daa[k]);
            constant(knownDab[k], dab[k]);
            constant(knownDbb[k], dbb[k]);
        }
    }

    private void field(String name, int slot) {
        mv.visitVarInsn(ALOAD, partials);
        mv.visitFieldInsn(GETFIELD, PARTIALS, name, "D");
        mv.visitVarInsn(DSTORE, slot);
    }

    /**
     * One repetition of a backward sweep, its values and partials already recomputed: the adjoints
     * start from the array (for positions read outside the repetition) or from the carried locals,
     * then positions are visited last to first, as the interpreter visits nodes.
     */
    private void backward() {
        boolean second = sweep.second();
        for (int j = 0; j < ext.length; j++) {
            if (handG[j] >= 0) {
                copy(handG[j], extG[j]);
                if (second) {
                    copy(handH[j], extH[j]);
                }
            } else if (extG[j] >= 0) {
                loadElement(ADJ, ext[j]);
                mv.visitVarInsn(DSTORE, extG[j]);
                if (second) {
                    loadElement(TADJ, ext[j]);
                    mv.visitVarInsn(DSTORE, extH[j]);
                }
            }
        }
        for (int k = 0; k < period; k++) {
            initAdjoint(k, g[k], carriedG[k], ADJ);
            if (second) {
                initAdjoint(k, h[k], carriedH[k], TADJ);
            }
            if (previousG[k] >= 0 && lastOnly(k)) {
                // only the node before the loop (read in repetition 0) has an adjoint in the array
                firstRepetitionOrZero(ADJ, k, previousG[k]);
                if (second) {
                    firstRepetitionOrZero(TADJ, k, previousH[k]);
                }
            } else if (previousG[k] >= 0) {
                loadAt(ADJ, k - period);
                mv.visitVarInsn(DSTORE, previousG[k]);
                if (second) {
                    loadAt(TADJ, k - period);
                    mv.visitVarInsn(DSTORE, previousH[k]);
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
        for (int j = 0; j < ext.length; j++) {
            if (extG[j] >= 0) {
                storeElement(ADJ, ext[j], extG[j]);
                if (second) {
                    storeElement(TADJ, ext[j], extH[j]);
                }
            }
        }
        for (int j = 0; j < ext.length; j++) {
            if (handG[j] >= 0) {
                copy(extG[s.handoff[j]], handG[j]);
                if (second) {
                    copy(extH[s.handoff[j]], handH[j]);
                }
            }
        }
        for (int k = 0; k < period; k++) {
            if (previousG[k] >= 0) {
                copy(previousG[k], carriedG[k]);
                if (second) {
                    copy(previousH[k], carriedH[k]);
                }
            }
        }
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
        if (carried >= 0) {
            copy(carried, slot);
        } else if (s.stored[k]) {
            loadAt(array, k);
            mv.visitVarInsn(DSTORE, slot);
        } else {
            constant(0, slot);
        }
    }

    /** {@code if (g != 0) { operand adjoints += g · ∂ }}, as {@code Sweeps.backward} of reverse mode. */
    private void adjointStep(int k) {
        // Skipping a zero adjoint only matters when a partial may be infinite or NaN: otherwise the
        // products are ±0, and adding ±0 leaves every adjoint sum as it is (a sum that starts at +0
        // is never −0). The fast sweep never skips.
        boolean binary = s.kind[2 * k + 1] != LoopShape.NONE;
        boolean finite = !Double.isNaN(knownDa[k]) && (!binary || !Double.isNaN(knownDb[k]));
        Label skip = new Label();
        if (!sweep.fast && !finite) {
            mv.visitVarInsn(DLOAD, g[k]);
            mv.visitInsn(DCONST_0);
            mv.visitInsn(DCMPL);
            mv.visitJumpInsn(IFEQ, skip);
        }
        contribute(2 * k, false, () -> scaled(g[k], da[k], knownDa[k]));
        if (binary) {
            contribute(2 * k + 1, false, () -> scaled(g[k], db[k], knownDb[k]));
        }
        mv.visitLabel(skip);
    }

    /** One node of reverse mode's {@code secondOrderBackward}, term for term. */
    private void secondOrderStep(int k) {
        // The interpreter skips a node whose two adjoints are 0; here that test is left out, as it
        // changes nothing: every term is a strong-zero product, so with g = h = 0 each contribution
        // is +0, and adding +0 leaves an adjoint sum (never −0) as it is.
        boolean binary = s.kind[2 * k + 1] != LoopShape.NONE;
        if (sweep.fast) {
            fastSecondOrderStep(k, binary);
            return;
        }
        loadTangent(2 * k);
        mv.visitVarInsn(DSTORE, ta);
        if (binary) {
            loadTangent(2 * k + 1);
        } else {
            mv.visitInsn(DCONST_0);
        }
        mv.visitVarInsn(DSTORE, tb);
        // ca = times(ta, ∂aa) + times(tb, ∂ab)
        product(ta, daa[k], knownDaa[k]);
        product(tb, dab[k], knownDab[k]);
        mv.visitInsn(DADD);
        mv.visitVarInsn(DSTORE, tmp);
        contribute(2 * k, false, () -> {
            product(g[k], da[k], knownDa[k]);
            product(h[k], tmp, Double.NaN);
            mv.visitInsn(DADD);
        });
        contribute(2 * k, true, () -> product(h[k], da[k], knownDa[k]));
        if (binary) {
            // cb = times(ta, ∂ab) + times(tb, ∂bb)
            product(ta, dab[k], knownDab[k]);
            product(tb, dbb[k], knownDbb[k]);
            mv.visitInsn(DADD);
            mv.visitVarInsn(DSTORE, tmp);
            contribute(2 * k + 1, false, () -> {
                product(g[k], db[k], knownDb[k]);
                product(h[k], tmp, Double.NaN);
                mv.visitInsn(DADD);
            });
            contribute(2 * k + 1, true, () -> product(h[k], db[k], knownDb[k]));
        }
    }

    /**
     * The fast second-order step: plain products, and terms whose partial is known to be 0 left out
     * (sums and differences have no second partials, a product only ∂ab = 1). Leaving out
     * {@code w·0} differs from the strong zero only when w is infinite or NaN, and a non-finite
     * tangent or tangent adjoint anywhere makes the output's tangent or some input's tangent adjoint
     * non-finite, which the caller checks before it trusts a fast result.
     */
    private void fastSecondOrderStep(int k, boolean binary) {
        // a constant operand's tangent is 0: its products are left out like those of zero partials
        boolean constantA = constantOperand(2 * k);
        boolean constantB = !binary || constantOperand(2 * k + 1);
        if (!constantA) {
            loadTangent(2 * k);
            mv.visitVarInsn(DSTORE, ta);
        }
        if (!constantB) {
            loadTangent(2 * k + 1);
            mv.visitVarInsn(DSTORE, tb);
        }
        boolean ca = sumOfProducts(new int[] {ta, tb}, new int[] {daa[k], dab[k]},
                new double[] {constantA ? 0 : knownDaa[k], constantB ? 0 : knownDab[k]});
        contributeFast(2 * k, k, da[k], knownDa[k], ca);
        if (binary) {
            boolean cb = sumOfProducts(new int[] {ta, tb}, new int[] {dab[k], dbb[k]},
                    new double[] {constantA ? 0 : knownDab[k], constantB ? 0 : knownDbb[k]});
            contributeFast(2 * k + 1, k, db[k], knownDb[k], cb);
        }
    }

    /** Stores {@code Σ weight·partial} over the terms not known to be 0 in {@code tmp}; {@return whether any was} */
    private boolean sumOfProducts(int[] weights, int[] partials, double[] known) {
        boolean any = false;
        for (int i = 0; i < weights.length; i++) {
            if (known[i] != 0) {
                product(weights[i], partials[i], known[i]);
                if (any) {
                    mv.visitInsn(DADD);
                }
                any = true;
            }
        }
        if (any) {
            mv.visitVarInsn(DSTORE, tmp);
        }
        return any;
    }

    /** Operand {@code at}: adjoint += g·∂ [+ h·c], tangent adjoint += h·∂. */
    private void contributeFast(int at, int k, int partial, double known, boolean hasCurvature) {
        contribute(at, false, () -> {
            product(g[k], partial, known);
            if (hasCurvature) {
                product(h[k], tmp, Double.NaN);
                mv.visitInsn(DADD);
            }
        });
        contribute(at, true, () -> product(h[k], partial, known));
    }

    /** Pushes {@code times(weight, partial)} of two locals; see {@link #times(int, double)}. */
    private void product(int weight, int partial, double known) {
        mv.visitVarInsn(DLOAD, weight);
        times(partial, known);
    }

    /**
     * Replaces the weight on the stack by {@code times(weight, partial)}. A partial known to be a
     * finite constant c needs no test: {@code (w + 0.0)·c} for c ≥ 0 and {@code (−w + 0.0)·(−c)} for
     * c < 0 equal {@code times(w, c)} to the bit (a zero weight of either sign gives +0, any other
     * weight is unchanged by adding +0), and the multiplication is left out when it is by 1.
     */
    private void times(int partial, double known) {
        if (sweep.fast) {
            if (Double.isNaN(known)) {
                mv.visitVarInsn(DLOAD, partial);
                mv.visitInsn(DMUL);
            } else if (known == -1) {
                mv.visitInsn(DNEG);
            } else if (known != 1) {
                dconst(known);
                mv.visitInsn(DMUL);
            }
            return;
        }
        if (Double.isNaN(known)) {
            mv.visitVarInsn(DLOAD, partial);
            mv.visitMethodInsn(INVOKESTATIC, BASE, "times", "(DD)D", false);
            return;
        }
        if (known < 0) {
            mv.visitInsn(DNEG);
        }
        mv.visitInsn(DCONST_0);
        mv.visitInsn(DADD);
        if (Math.abs(known) != 1) {
            dconst(Math.abs(known));
            mv.visitInsn(DMUL);
        }
    }

    /** Pushes {@code g · partial}, as the first-order backward sweep multiplies: {@code g·1} is g, {@code g·(−1)} is −g. */
    private void scaled(int g, int partial, double known) {
        mv.visitVarInsn(DLOAD, g);
        if (known == -1) {
            mv.visitInsn(DNEG);
        } else if (known != 1) {
            mv.visitVarInsn(DLOAD, partial);
            mv.visitInsn(DMUL);
        }
    }

    /** Adds the value {@code amount} pushes to the adjoint (or tangent adjoint) of operand {@code at}. */
    private void contribute(int at, boolean tangentLane, Runnable amount) {
        int j = s.ref[at];
        switch (s.kind[at]) {
            case LoopShape.LOCAL -> accumulate(tangentLane ? h[j] : g[j], amount);
            case LoopShape.CARRY -> accumulate(tangentLane ? previousH[j] : previousG[j], amount);
            case LoopShape.EXTERNAL -> {
                if (s.externalConstant[j]) {
                    return; // a constant's adjoint is never read
                }
                int sum = tangentLane ? extH[j] : extG[j];
                if (sum >= 0) {
                    accumulate(sum, amount);
                    return;
                }
                mv.visitVarInsn(ALOAD, tangentLane ? TADJ : ADJ);
                mv.visitVarInsn(ILOAD, ext[j]);
                mv.visitInsn(DUP2);
                mv.visitInsn(DALOAD);
                amount.run();
                mv.visitInsn(DADD);
                mv.visitInsn(DASTORE);
            }
            default -> throw new AssertionError("operand " + at + " is absent");
        }
    }

    private void accumulate(int slot, Runnable amount) {
        mv.visitVarInsn(DLOAD, slot);
        amount.run();
        mv.visitInsn(DADD);
        mv.visitVarInsn(DSTORE, slot);
    }

    private void loadValue(int at) {
        load(at, V, x, carriedValue, inv);
    }

    private void loadTangent(int at) {
        load(at, T, tx, carriedTangent, invT);
    }

    /** Pushes operand {@code at}'s value or tangent: a local, a carried local (or array, backward), an array element. */
    private void load(int at, int array, int[] locals, int[] carried, int[] invariant) {
        int j = s.ref[at];
        switch (s.kind[at]) {
            case LoopShape.LOCAL -> mv.visitVarInsn(DLOAD, locals[j]);
            case LoopShape.CARRY -> {
                if (sweep.backward) {
                    loadAt(array, j - period); // the previous repetition's stored value
                } else {
                    mv.visitVarInsn(DLOAD, carried[j]);
                }
            }
            case LoopShape.EXTERNAL -> {
                if (invariant[j] >= 0) {
                    mv.visitVarInsn(DLOAD, invariant[j]);
                } else {
                    loadElement(array, ext[j]);
                }
            }
            default -> throw new AssertionError("operand " + at + " is absent");
        }
    }

    /** Pushes {@code array[node + offset]}. */
    private void loadAt(int array, int offset) {
        mv.visitVarInsn(ALOAD, array);
        nodeIndex(offset);
        mv.visitInsn(DALOAD);
    }

    private void storeAt(int array, int offset, int slot) {
        mv.visitVarInsn(ALOAD, array);
        nodeIndex(offset);
        mv.visitVarInsn(DLOAD, slot);
        mv.visitInsn(DASTORE);
    }

    /** Pushes {@code array[start - period + k]}, the node a carried position reads in the first repetition. */
    private void loadBefore(int array, int k) {
        mv.visitVarInsn(ALOAD, array);
        beforeIndex(k);
        mv.visitInsn(DALOAD);
    }

    private void storeBefore(int array, int k, int slot) {
        mv.visitVarInsn(ALOAD, array);
        beforeIndex(k);
        mv.visitVarInsn(DLOAD, slot);
        mv.visitInsn(DASTORE);
    }

    private void beforeIndex(int k) {
        mv.visitVarInsn(ILOAD, START);
        push(k - period);
        mv.visitInsn(IADD);
    }

    private void nodeIndex(int offset) {
        mv.visitVarInsn(ILOAD, node);
        if (offset != 0) {
            push(offset);
            mv.visitInsn(IADD);
        }
    }

    private void loadElement(int array, int indexSlot) {
        mv.visitVarInsn(ALOAD, array);
        mv.visitVarInsn(ILOAD, indexSlot);
        mv.visitInsn(DALOAD);
    }

    private void storeElement(int array, int indexSlot, int slot) {
        mv.visitVarInsn(ALOAD, array);
        mv.visitVarInsn(ILOAD, indexSlot);
        mv.visitVarInsn(DLOAD, slot);
        mv.visitInsn(DASTORE);
    }

    private void copy(int from, int to) {
        mv.visitVarInsn(DLOAD, from);
        mv.visitVarInsn(DSTORE, to);
    }

    private void constant(double value, int slot) {
        dconst(value);
        mv.visitVarInsn(DSTORE, slot);
    }

    private void dconst(double value) {
        if (Double.doubleToRawLongBits(value) == 0) {
            mv.visitInsn(DCONST_0);
        } else if (value == 1) {
            mv.visitInsn(DCONST_1);
        } else {
            mv.visitLdcInsn(value);
        }
    }

    private void push(int value) {
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
}
