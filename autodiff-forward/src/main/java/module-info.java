/** Forward mode: {@code Forward}, Taylor-mode derivatives, and the {@code Dual} number type. */
module dev.autodiff.forward {
    requires static org.jspecify;
    requires transitive dev.autodiff.core;
    requires dev.autodiff.engine;

    exports dev.autodiff.forward;
}
