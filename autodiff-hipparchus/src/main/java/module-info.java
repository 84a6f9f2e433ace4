/**
 * Adapters from compiled functions to Hipparchus' differentiable functions, least-squares models
 * and optimizer objectives. Hipparchus 4 ships no module descriptors: it is read as the automatic
 * modules its jar names give.
 */
module dev.autodiff.hipparchus {
    requires static org.jspecify;
    requires transitive dev.autodiff.core;
    requires transitive hipparchus.core;
    requires transitive hipparchus.optim;

    exports dev.autodiff.hipparchus;
}
