package dev.autodiff.engine;

/**
 * Which mode a compiled function's derivatives use. Both run on the same {@link Engine} and the same
 * rules; they differ in the sweeps that gradients, Hessians and Jacobians take.
 */
public enum Mode {
    /** Tangents: gradients and Jacobians by chunks of directions, Hessians forward over forward. */
    FORWARD,
    /** Adjoints: one backward sweep per gradient or Jacobian row, Hessians reverse over forward. */
    REVERSE
}
