/**
 * The engine that runs compiled programs for both modes: workspaces, the interpreter's sweeps, the
 * generated kernels and the fall back from kernels to the interpreter. Internal: its packages are
 * exported only to the modules of this project that build the public API on it.
 */
module dev.autodiff.engine {
    requires static org.jspecify;
    requires transitive dev.autodiff.core;
    requires org.objectweb.asm;
    requires io.vavr;

    exports dev.autodiff.engine to dev.autodiff.forward, dev.autodiff.reverse;
    exports dev.autodiff.engine.sweeps to dev.autodiff.forward, dev.autodiff.reverse;
}
