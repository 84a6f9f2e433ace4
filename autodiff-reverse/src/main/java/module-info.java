/** Reverse mode: {@code Reverse} (gradients and Hessians through the engine) and the numeric {@code Tape}. */
module dev.autodiff.reverse {
    requires static org.jspecify;
    requires transitive dev.autodiff.core;
    requires dev.autodiff.engine;

    exports dev.autodiff.reverse;
}
