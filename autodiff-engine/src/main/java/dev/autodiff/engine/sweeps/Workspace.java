package dev.autodiff.engine.sweeps;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Partials;
import org.jspecify.annotations.Nullable;

/**
 * The working arrays of one thread's sweeps over one program, indexed by node number: values and
 * local partials (the tape), tangents and adjoints, and the lane-major arrays of sweeps that carry
 * several directions at once (node i's lane c at {@code i·lanes + c}).
 *
 * <p>A workspace is confined to one thread and reused by every call that thread makes (see
 * {@link dev.autodiff.engine.Scratch}), so a call allocates only its result. The arrays beyond the
 * first-order tape are allocated on first use and kept; sizes are fixed by the program and the
 * number of lanes, and never grow with reuse.
 */
public final class Workspace {
    /** Nodes in the program. */
    public final int size;
    /** Node values. */
    public final double[] value;
    /** Local partials ∂node/∂left and ∂node/∂right. */
    public final double[] da;
    public final double[] db;
    /** Adjoints ∂(seeded output)/∂node. */
    public final double[] adjoint;
    /** One direction's tangents; allocated on first use. */
    public double[] tangent = new double[0];
    /** Second partials, scaled by {@link #scale} (see {@link Partials}); allocated on first use. */
    public double[] scale = new double[0];
    public double[] daa = new double[0];
    public double[] dab = new double[0];
    public double[] dbb = new double[0];
    /** Adjoints of the tangents (the gradient, in a second-order sweep); allocated on first use. */
    public double[] tangentAdjoint = new double[0];
    /** Lane-major tangents and adjoints of several directions; allocated on first use. */
    public double[] laneTangent = new double[0];
    public double[] laneAdjoint = new double[0];
    /** Forward over forward: second-order tangents, lane-major; allocated on first use. */
    public double[] laneSecond = new double[0];
    /** The bound a kernel Hessian-vector product's sum loop returned (see {@code LoopPlan#sumLoop}), for the call that set it. */
    public double bound;
    /**
     * The caller's point and direction during a directional derivative or a Hessian-vector product
     * whose kernels read the variables they walk from there rather than from copies in
     * {@link #value} and {@link #tangent} ({@code LoopKernel#streamsPoint}); null otherwise, so that
     * no caller's array outlives its call.
     */
    public double @Nullable [] point;
    public double @Nullable [] direction;
    /** Scratch for one rule application. */
    public final Partials partials = new Partials();

    /** A workspace for {@code program}, with the first-order tape. */
    public Workspace(Program program) {
        size = program.size;
        value = new double[size];
        da = new double[size];
        db = new double[size];
        adjoint = new double[size];
    }

    /** Allocates the one-direction tangents if not yet there. */
    public void ensureTangents() {
        if (tangent.length == 0) {
            tangent = new double[size];
        }
    }

    /** Allocates the second partials, tangents and tangent adjoints if not yet there. */
    public void ensureSecondOrder() {
        ensureTangents();
        if (daa.length == 0) {
            scale = new double[size];
            daa = new double[size];
            dab = new double[size];
            dbb = new double[size];
            tangentAdjoint = new double[size];
        }
    }

    /** Allocates lane-major tangents and adjoints of at least {@code lanes} lanes. */
    public void ensureLanes(int lanes) {
        if (laneTangent.length < size * lanes) {
            laneTangent = new double[size * lanes];
            laneAdjoint = new double[size * lanes];
        }
    }

    /** Allocates lane-major second-order tangents of at least {@code lanes} lanes. */
    public void ensureLaneSecond(int lanes) {
        ensureLanes(lanes);
        if (laneSecond.length < size * lanes) {
            laneSecond = new double[size * lanes];
        }
    }

    /** {@return the number of doubles this workspace holds}, to show that reuse does not grow it */
    public long footprint() {
        return 4L * size + tangent.length + scale.length + daa.length + dab.length + dbb.length
                + tangentAdjoint.length + laneTangent.length + laneAdjoint.length + laneSecond.length;
    }
}
