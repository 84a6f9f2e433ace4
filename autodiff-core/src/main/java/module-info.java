/**
 * Expressions, the table of primitive rules, linearization into flat programs, and the
 * {@code Differentiable} interfaces. Only {@code dev.autodiff.core} is API; the internal packages
 * are read by the other modules of this project alone.
 */
module dev.autodiff.core {
    requires static org.jspecify;
    requires transitive io.vavr;

    exports dev.autodiff.core;
    exports dev.autodiff.core.internal.rules to dev.autodiff.engine, dev.autodiff.forward, dev.autodiff.reverse;
    exports dev.autodiff.core.internal.program to dev.autodiff.engine, dev.autodiff.reverse;
    exports dev.autodiff.core.internal.calls to dev.autodiff.engine, dev.autodiff.forward, dev.autodiff.reverse;
}
