/** Reverse mode: {@code Reverse}, Hessians by reverse over forward, and the numeric {@code Tape}. */
module dev.autodiff.reverse {
    requires static org.jspecify;
    requires transitive dev.autodiff.core;
    requires dev.autodiff.engine;
    requires dev.autodiff.forward;

    exports dev.autodiff.reverse;
}
