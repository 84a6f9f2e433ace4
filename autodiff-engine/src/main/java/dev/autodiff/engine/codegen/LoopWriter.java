package dev.autodiff.engine.codegen;

import static org.objectweb.asm.Opcodes.*;

import dev.autodiff.core.internal.rules.Rules;
import dev.autodiff.engine.loops.LoopShape;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;

/**
 * Writes the {@link LoopKernel} of a {@link LoopShape} as a hidden class (ASM; JDK 17 has no public
 * class-file API).
 *
 * <p>Each sweep is one method holding one loop over the repetitions; its body is the shape's nodes
 * written out in order, every value, partial, tangent and adjoint in a local variable of its own,
 * so the JIT keeps them in registers. The code mirrors the interpreting sweeps operation for
 * operation (the same products and sums, in the same order, multiplied plainly), which is what makes
 * the results identical to the bit wherever they are finite. Every primitive's value and partials
 * come from the rule table (each primitive's {@link Rules#rule rule}, called directly, and {@link
 * dev.autodiff.core.internal.rules.PartialForms}), as the interpreter's do.
 *
 * <p>The class is defined without {@code STRONG}, so it is unloaded once no plan holds its kernel.
 */
public final class LoopWriter extends FusedCode {
    private static final String SELF = "dev/autodiff/engine/codegen/GeneratedLoop";
    private static final String WHOLE_BASE = org.objectweb.asm.Type.getInternalName(WholeKernel.class);
    private static final String RECORD_BASE = org.objectweb.asm.Type.getInternalName(RecordKernel.class);
    private static final String SEGMENT_BASE = org.objectweb.asm.Type.getInternalName(SegmentKernel.class);
    private static final String FUSED_BASE = org.objectweb.asm.Type.getInternalName(FusedKernel.class);
    private static final String BOUNDED_BASE = org.objectweb.asm.Type.getInternalName(BoundedKernel.class);
    private static final String RECORD_DESCRIPTOR = "([D[D[D[D[DII[IL" + PARTIALS + ";[[D)V";
    /** A record sweep's rows ({@code double[][]}), after the arguments every kernel method has. */
    private static final int ROWS = FIRST_FREE;
    private static final String DESCRIPTOR = "([D[D[D[D[DII[IL" + PARTIALS + ";)V";
    private static final String BOUNDED_DESCRIPTOR = "([D[D[D[D[DII[IL" + PARTIALS + ";)D";
    /** The descriptors of the sweeps that stream variables ({@code Sweep#streams}): two arrays more. */
    private static final String STREAM_DESCRIPTOR = "([D[D[D[D[DII[IL" + PARTIALS + ";[D[D)V";
    private static final String STREAM_BOUNDED_DESCRIPTOR = "([D[D[D[D[DII[IL" + PARTIALS + ";[D[D)D";

    private LoopWriter(LoopShape shape) {
        super(shape);
    }

    /**
     * The most bytecode a generated method may have: HotSpot does not compile methods over 8000
     * bytes ({@code -XX:-DontCompileHugeMethods}), and a kernel left to the bytecode interpreter is
     * far slower than the interpreting sweeps.
     */
    public static final int MAX_METHOD_BYTES = 7999;

    /** {@return a new instance of the generated kernel of {@code shape}}, or null when a method would be too large */
    public static @Nullable LoopKernel generate(LoopShape shape) {
        return (LoopKernel) define(bytes(shape), shape);
    }

    /** {@return a new instance of the generated block kernel of {@code shape}}, or null when a method would be too large */
    public static @Nullable LoopBlockKernel generateBlock(LoopShape shape) {
        return (LoopBlockKernel) define(blockBytes(shape), shape);
    }

    private static @Nullable Object define(byte[] bytes, LoopShape shape) {
        if (MethodSizes.largestMethod(bytes) > MAX_METHOD_BYTES) {
            return null;
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup().defineHiddenClass(bytes, true);
            return lookup.findConstructor(lookup.lookupClass(), MethodType.methodType(void.class)).invoke();
        } catch (Throwable e) {
            throw new IllegalStateException("could not define the loop kernel of shape " + shape, e);
        }
    }

    /**
     * {@return a new instance of the generated whole-program kernel of {@code shape}} (see
     * {@link WholeKernel}), or null when a method would be too large. Not cached: the inputs and the
     * constants are written into its code.
     */
    static @Nullable WholeKernel generateWhole(LoopShape shape, int[] bases, int variables, int output) {
        ClassWriter cw = newClass(WHOLE_BASE);
        LoopWriter w = new LoopWriter(shape);
        w.wholeBases = bases;
        w.wholeVariables = variables;
        w.wholeOutput = output;
        w.method(cw, "valueAndGradient", Sweep.WHOLE_GRADIENT);
        w.method(cw, "value", Sweep.WHOLE_VALUE);
        cw.visitEnd();
        WholeKernel k = (WholeKernel) define(cw.toByteArray(), shape);
        if (k != null) {
            k.scratchFree = !w.usesScratch;
        }
        return k;
    }

    /**
     * {@return a new instance of the generated record kernel of {@code shape}} (see
     * {@link RecordKernel}): with {@code gradient}, the sum of output {@code outputs[0]} and of its
     * gradient; otherwise the sums of the {@code outputs}; or null when a method would be too large
     */
    static @Nullable RecordKernel generateRecord(LoopShape shape, int[] bases, int variables, int[] outputs, boolean gradient) {
        ClassWriter cw = newClass(RECORD_BASE);
        LoopWriter w = new LoopWriter(shape);
        w.wholeBases = bases;
        w.wholeVariables = variables;
        w.wholeOutput = outputs[0];
        w.recordOutputs = outputs;
        w.method(cw, "sum", gradient ? Sweep.RECORD_GRADIENT : Sweep.RECORD_VALUES);
        cw.visitEnd();
        return (RecordKernel) define(cw.toByteArray(), shape);
    }

    /**
     * {@return a new instance of the fused kernel of {@code key}'s shape and seeds} (see
     * {@link FusedKernel}), or null when its method would be too large
     */
    static @Nullable FusedKernel generateFused(ShapeKey<double[]> key) {
        return (FusedKernel) generateOne(FUSED_BASE, key.shape(), w -> w.seeds = key.data(), "gradient", Sweep.FUSED_GRADIENT);
    }

    /**
     * {@return a new instance of the bounded kernel of {@code key}'s shape, leaving out the tangent
     * adjoints of the operands it marks as reading inputs} (see {@link BoundedKernel}), or null when
     * its method would be too large
     */
    static @Nullable BoundedKernel generateBounded(ShapeKey<boolean[]> key) {
        return (BoundedKernel) generateOne(BOUNDED_BASE, key.shape(), w -> w.inputOperands = key.data(),
                "secondOrderAdjointsBounded", Sweep.SECOND_BOUNDED);
    }

    /** {@return a new instance of a kernel of one method, {@code name}: {@code sweep} by a writer {@code setup} prepared}, or null when too large */
    private static @Nullable Object generateOne(String base, LoopShape shape, java.util.function.Consumer<LoopWriter> setup,
            String name, Sweep sweep) {
        ClassWriter cw = newClass(base);
        LoopWriter w = new LoopWriter(shape);
        setup.accept(w);
        w.method(cw, name, sweep);
        cw.visitEnd();
        return define(cw.toByteArray(), shape);
    }

    /** {@return a new instance of the segment kernel of {@code shape}} (see {@link SegmentKernel}), or null when a method would be too large */
    static @Nullable SegmentKernel generateSegment(LoopShape shape) {
        ClassWriter cw = newClass(SEGMENT_BASE);
        LoopWriter w = new LoopWriter(shape);
        w.method(cw, "values", Sweep.TAPE_VALUES);
        w.method(cw, "adjoints", Sweep.TAPE_ADJOINTS);
        cw.visitEnd();
        return (SegmentKernel) define(cw.toByteArray(), shape);
    }

    /** {@return a class extending {@code superclass}, with its constructor} */
    private static ClassWriter newClass(String superclass) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
        cw.visit(V17, ACC_FINAL | ACC_SUPER, SELF, null, superclass, null);
        MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(ALOAD, 0);
        init.visitMethodInsn(INVOKESPECIAL, superclass, "<init>", "()V", false);
        init.visitInsn(RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        return cw;
    }

    /** {@return the class file of the block kernel of {@code shape}} */
    public static byte[] blockBytes(LoopShape shape) {
        ClassWriter cw = newClass(BLOCK_BASE);
        LoopWriter w = new LoopWriter(shape);
        w.method(cw, "tangents", Sweep.BLOCK_TANGENTS);
        w.method(cw, "secondOrderAdjoints", Sweep.BLOCK_SECOND);
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** {@return the class file of the kernel of {@code shape}} */
    public static byte[] bytes(LoopShape shape) {
        ClassWriter cw = newClass(BASE);
        LoopWriter w = new LoopWriter(shape);
        w.method(cw, "values", Sweep.VALUES);
        w.method(cw, "tangents", Sweep.TANGENTS);
        w.method(cw, "adjoints", Sweep.ADJOINTS);
        w.method(cw, "secondOrderAdjoints", Sweep.SECOND);
        w.method(cw, "directional", Sweep.DIRECTIONAL);
        cw.visitEnd();
        return cw.toByteArray();
    }

    private void method(ClassWriter cw, String name, Sweep sw) {
        mv = cw.visitMethod(ACC_PUBLIC | ACC_FINAL, name, descriptor(sw), null, null);
        sweep = sw;
        nextSlot = sw.record() ? ROWS + 1 : sw.streams() ? DIRECTION + 1 : FIRST_FREE;
        allocate();
        mv.visitCode();
        prologue();
        if (sw == Sweep.FUSED_GRADIENT) {
            fusedPrologue();
        }
        Label loop = new Label();
        Label end = new Label();
        // a segment's or a whole program's body runs once, with no loop around it (LoopShape#once);
        // a record sweep loops over its rows
        boolean repeats = !s.once || sw.record();
        mv.visitLabel(loop);
        if (repeats) {
            mv.visitVarInsn(ILOAD, reps);
            if (sw.backward && !sw.record()) {
                mv.visitJumpInsn(IFLT, end);
            } else {
                mv.visitVarInsn(ILOAD, REPS);
                mv.visitJumpInsn(IF_ICMPGE, end);
            }
        }
        indices();
        if (sw.record()) {
            loadRecord();
        }
        for (int k = 0; k < period; k++) {
            forward(k);
        }
        if (sw.backward) {
            backward();
        } else if (sw == Sweep.FUSED_GRADIENT) {
            fusedAdjoints();
        }
        if (sw.record()) {
            for (int o = 0; o < recordOutputs.length; o++) {
                int out = recordOutputs[o];
                accumulate(recordSums[o], () -> mv.visitVarInsn(DLOAD, x[out]));
            }
        } else if (!sw.backward) {
            for (int k = 0; k < period; k++) {
                if (carriedValue[k] >= 0) {
                    if (keepsValue(k)) {
                        copy(x[k], carriedValue[k]);
                    }
                    for (int l = 0; l < lanes && sw.tangents; l++) {
                        lane(l);
                        copy(tx[k], carriedTangent[k]);
                    }
                }
            }
        }
        if (repeats) {
            advance();
            mv.visitJumpInsn(GOTO, loop);
        }
        mv.visitLabel(end);
        for (int k = 0; k < period && !sw.backward; k++) {
            if (lastOnly(k)) {
                if (sw.storesValues() && keepsValue(k)) {
                    storeLast(V, k, carriedValue[k]);
                }
                for (int l = 0; l < lanes && sw.tangents; l++) {
                    lane(l);
                    storeLast(T, k, carriedTangent[k]);
                }
            }
        }
        if (sw.backward) {
            storeHandedOver();
            for (int k = 0; k < period; k++) {
                for (int l = 0; l < lanes && laneCarried(k); l++) {
                    lane(l);
                    storeOrAddBefore(ADJ, k, carriedG[k]);
                }
                lane(0);
                if (laneCarried(k) && sw.second() && !sw.block) {
                    storeOrAddBefore(TADJ, k, carriedH[k]);
                }
            }
        }
        if (sw == Sweep.FUSED_GRADIENT) {
            fusedAfterLoop();
        }
        if (sw.record()) {
            storeRecordSums();
            mv.visitInsn(RETURN);
        } else if (bound >= 0) {
            mv.visitVarInsn(DLOAD, bound);
            mv.visitInsn(DRETURN);
        } else if (sw.whole()) {
            mv.visitVarInsn(DLOAD, x[wholeOutput]);
            mv.visitInsn(DRETURN);
        } else {
            mv.visitInsn(RETURN);
        }
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** {@return the descriptor of sweep {@code sw}'s method}: a record sweep's, a streaming sweep's (two arrays more), or the common one, returning a double for a bound or a whole program's value */
    private static String descriptor(Sweep sw) {
        if (sw.record()) {
            return RECORD_DESCRIPTOR;
        }
        if (sw.streams()) {
            return sw == Sweep.SECOND_BOUNDED ? STREAM_BOUNDED_DESCRIPTOR : STREAM_DESCRIPTOR;
        }
        return sw.whole() ? BOUNDED_DESCRIPTOR : DESCRIPTOR;
    }

    /**
     * Sets external operand {@code j}'s stream slots: the caller's point and direction
     * ({@link LoopCode#POINT}, {@link LoopCode#DIRECTION}) when it reads variables only
     * ({@link LoopKernel#streamsPoint}), else the value and tangent arrays.
     */
    private void chooseStream(int j) {
        Label own = new Label();
        Label chosen = new Label();
        mv.visitVarInsn(ALOAD, POINT);
        mv.visitVarInsn(ILOAD, base[j]);
        push(s.stride[j]);
        mv.visitVarInsn(ILOAD, REPS);
        mv.visitMethodInsn(INVOKESTATIC, BASE, "streamsPoint", "([DIII)Z", false);
        mv.visitJumpInsn(IFEQ, own);
        mv.visitVarInsn(ALOAD, POINT);
        mv.visitVarInsn(ASTORE, streamV[j]);
        mv.visitVarInsn(ALOAD, DIRECTION);
        mv.visitVarInsn(ASTORE, streamT[j]);
        mv.visitJumpInsn(GOTO, chosen);
        mv.visitLabel(own);
        mv.visitVarInsn(ALOAD, V);
        mv.visitVarInsn(ASTORE, streamV[j]);
        mv.visitVarInsn(ALOAD, T);
        mv.visitVarInsn(ASTORE, streamT[j]);
        mv.visitLabel(chosen);
    }

    /**
     * Sets the external indices (at the first repetition the sweep visits), loads the loop
     * invariants, the carried values or adjoints, and the node counter.
     */
    private void prologue() {
        boolean back = sweep.backward;
        if (sweep.whole()) {
            wholePrologue();
        }
        for (int j = 0; j < ext.length && !sweep.whole(); j++) {
            mv.visitVarInsn(ALOAD, BASES);
            push(j);
            mv.visitInsn(IALOAD);
            mv.visitVarInsn(ISTORE, base[j]);
            if (inv[j] >= 0 && sweep != Sweep.TAPE_ADJOINTS) { // which reads no value
                loadElement(V, base[j]);
                mv.visitVarInsn(DSTORE, inv[j]);
                for (int l = 0; l < lanes && invT[j] >= 0; l++) {
                    lane(l);
                    loadElement(T, base[j]);
                    mv.visitVarInsn(DSTORE, invT[j]);
                }
                lane(0);
            }
            mv.visitVarInsn(ILOAD, base[j]);
            mv.visitVarInsn(ISTORE, ext[j]);
            if (streamV[j] >= 0) {
                chooseStream(j);
            }
        }
        if (bound >= 0) {
            boundBeforeLoop();
        }
        // the repetition counter counts up in forward sweeps and down in backward ones; a record
        // sweep's counts up from the first row
        if (sweep.record()) {
            mv.visitVarInsn(ILOAD, START);
        } else if (back) {
            mv.visitVarInsn(ILOAD, REPS);
            mv.visitInsn(ICONST_1);
            mv.visitInsn(ISUB);
        } else {
            mv.visitInsn(ICONST_0);
        }
        mv.visitVarInsn(ISTORE, reps);
        indices();
        for (int j = 0; j < ext.length && !sweep.whole(); j++) {
            for (int l = 0; l < lanes && handG[j] >= 0; l++) {
                lane(l);
                loadElement(ADJ, ext[j]);
                mv.visitVarInsn(DSTORE, handG[j]);
            }
            lane(0);
            if (handH[j] >= 0) {
                loadElement(TADJ, ext[j]);
                mv.visitVarInsn(DSTORE, handH[j]);
            }
        }
        for (int k = 0; k < period; k++) {
            if (carriedValue[k] >= 0) {
                loadBefore(V, k);
                mv.visitVarInsn(DSTORE, carriedValue[k]);
                for (int l = 0; l < lanes && carriedTangent[k] >= 0; l++) {
                    lane(l);
                    loadBefore(T, k);
                    mv.visitVarInsn(DSTORE, carriedTangent[k]);
                }
                lane(0);
            }
            for (int l = 0; l < lanes && laneCarried(k); l++) {
                lane(l);
                loadAt(ADJ, k);
                mv.visitVarInsn(DSTORE, carriedG[k]);
            }
            lane(0);
            if (carriedH[k] >= 0) {
                loadAt(TADJ, k);
                mv.visitVarInsn(DSTORE, carriedH[k]);
            }
        }
    }

    /**
     * A whole program's prologue: each input it reads into a local, from the point (a variable) or
     * the parameters at a constant index; the gradient of every variable it does not read set to 0;
     * and the output's local given a value, so the code after the one repetition may read it.
     */
    private void wholePrologue() {
        java.util.Set<Integer> read = new java.util.HashSet<>();
        if (sweep.record()) {
            recordPrologue();
            return;
        }
        for (int j = 0; j < ext.length; j++) {
            int b = wholeBases[j];
            read.add(b);
            mv.visitVarInsn(ALOAD, b < wholeVariables ? V : T);
            push(b < wholeVariables ? b : b - wholeVariables);
            mv.visitInsn(DALOAD);
            mv.visitVarInsn(DSTORE, inv[j]);
            push(b);
            mv.visitVarInsn(ISTORE, ext[j]);
            push(b);
            mv.visitVarInsn(ISTORE, base[j]);
        }
        for (int i = 0; i < wholeVariables && sweep == Sweep.WHOLE_GRADIENT; i++) {
            if (!read.contains(i)) {
                mv.visitVarInsn(ALOAD, ADJ);
                push(i);
                mv.visitInsn(DCONST_0);
                mv.visitInsn(DASTORE);
            }
        }
        constant(Double.NaN, x[wholeOutput]);
    }

    /** The sums of a record sweep's outputs over the rows, in locals. */
    private int[] recordSums = new int[0];
    /** The local holding the current row. */
    private int row = -1;

    /**
     * A record sweep's prologue: the variables it reads into locals from the point, their adjoint
     * sums and the outputs' sums set to +0, and the repetition counter set to the first row.
     */
    private void recordPrologue() {
        for (int j = 0; j < ext.length; j++) {
            int b = wholeBases[j];
            if (b < wholeVariables) {
                mv.visitVarInsn(ALOAD, V);
                push(b);
                mv.visitInsn(DALOAD);
                mv.visitVarInsn(DSTORE, inv[j]);
            }
            if (extG[j] >= 0) {
                constant(0, extG[j]); // summed over every row, never stored over (+0 + (-0) is +0)
            }
            push(b);
            mv.visitVarInsn(ISTORE, ext[j]);
            push(b);
            mv.visitVarInsn(ISTORE, base[j]);
        }
        recordSums = new int[recordOutputs.length];
        for (int o = 0; o < recordSums.length; o++) {
            recordSums[o] = doubleSlot();
            constant(0, recordSums[o]);
        }
        row = nextSlot++;
        mv.visitInsn(ACONST_NULL);
        mv.visitVarInsn(ASTORE, row);
        for (int k = 0; k < period; k++) {
            constant(Double.NaN, x[k]); // every position's local has a value before the loop
        }
    }

    /** Reads this repetition's row and the parameters the program uses from it. */
    private void loadRecord() {
        mv.visitVarInsn(ALOAD, ROWS);
        mv.visitVarInsn(ILOAD, reps);
        mv.visitInsn(AALOAD);
        mv.visitVarInsn(ASTORE, row);
        for (int j = 0; j < ext.length; j++) {
            int b = wholeBases[j];
            if (b >= wholeVariables) {
                mv.visitVarInsn(ALOAD, row);
                push(b - wholeVariables);
                mv.visitInsn(DALOAD);
                mv.visitVarInsn(DSTORE, inv[j]);
            }
        }
    }

    /** Writes the sums: each output's, then (a gradient sweep) each variable's adjoint, 0 for one not read. */
    private void storeRecordSums() {
        for (int o = 0; o < recordSums.length; o++) {
            mv.visitVarInsn(ALOAD, ADJ);
            push(o);
            mv.visitVarInsn(DLOAD, recordSums[o]);
            mv.visitInsn(DASTORE);
        }
        if (sweep != Sweep.RECORD_GRADIENT) {
            return;
        }
        for (int i = 0; i < wholeVariables; i++) {
            mv.visitVarInsn(ALOAD, ADJ);
            push(recordSums.length + i);
            int j = externalOf(i);
            if (j >= 0 && extG[j] >= 0) {
                mv.visitVarInsn(DLOAD, extG[j]);
            } else {
                mv.visitInsn(DCONST_0);
            }
            mv.visitInsn(DASTORE);
        }
    }

    /** {@return the external operand reading input {@code input}, or -1} */
    private int externalOf(int input) {
        for (int j = 0; j < wholeBases.length; j++) {
            if (wholeBases[j] == input) {
                return j;
            }
        }
        return -1;
    }
}
