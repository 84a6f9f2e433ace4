package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.engine.Scratch;
import org.jspecify.annotations.Nullable;

/**
 * The working arrays of one thread's sweeps over one program: the tape (values and local partials
 * per node) and the adjoints, indexed by node number.
 *
 * <p>A workspace is confined to one thread and reused by every call that thread makes (see
 * {@link dev.autodiff.engine.Scratch}), so a call allocates only its result. The arrays for second order (tangents, second partials, tangent
 * adjoints) are allocated on the first Hessian call and kept. Sizes are fixed by the program and
 * never grow with reuse.
 */
public final class Workspace {
    public final int size;
    /** Node values from the forward sweep. */
    public final double[] value;
    /** Local partials ∂node/∂left and ∂node/∂right, stored by the forward sweep for the backward one. */
    public final double[] da;
    public final double[] db;
    /** Adjoints: ∂(seeded output)/∂node, accumulated by the backward sweep. */
    public final double[] adjoint;
    /** Second order, allocated on first use. */
    public double @Nullable [] daa;
    public double @Nullable [] dab;
    public double @Nullable [] dbb;
    public double @Nullable [] tangent;
    public double @Nullable [] tangentAdjoint;
    /** Tangents and adjoints of a block of Hessian columns, node-major; allocated on first use. */
    public double @Nullable [] blockTangent;
    public double @Nullable [] blockAdjoint;
    /** Scratch for one rule application. */
    public final Partials partials = new Partials();

    public Workspace(Program program) {
        size = program.size;
        value = new double[size];
        da = new double[size];
        db = new double[size];
        adjoint = new double[size];
    }

    /** Allocates the tangent arrays (for directional derivatives and products) if not yet there. */
    public void ensureTangents() {
        if (tangent == null) {
            tangent = new double[size];
        }
    }

    /** Allocates the second-order arrays if not yet there. */
    public void ensureSecondOrder() {
        ensureTangents();
        if (daa == null) {
            daa = new double[size];
            dab = new double[size];
            dbb = new double[size];
            tangentAdjoint = new double[size];
        }
    }

    /** Allocates the arrays for {@code block} Hessian columns per sweep if not yet there. */
    public void ensureBlocks(int block) {
        if (blockTangent == null) {
            blockTangent = new double[size * block];
            blockAdjoint = new double[size * block];
        }
    }

    /** {@return the number of doubles this workspace holds}, to show that reuse does not grow it. */
    public long footprint() {
        long n = 4L * size;
        if (tangent != null) {
            n += size;
        }
        if (daa != null) {
            n += 4L * size;
        }
        if (blockTangent != null) {
            n += 2L * blockTangent.length;
        }
        return n;
    }
}
