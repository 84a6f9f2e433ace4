package dev.autodiff.bench;

import dev.autodiff.core.Differentiable;
import dev.autodiff.core.Variable;
import java.util.List;

/**
 * Placeholder for a compiled function the measured method does not use, so set-up compiles only
 * what it measures; calling it is a harness bug.
 */
enum NotCompiled implements Differentiable {
    INSTANCE;

    private static IllegalStateException fail() {
        return new IllegalStateException("this benchmark's name does not end with Forward or Reverse, so no mode was compiled");
    }

    @Override
    public List<Variable> variables() {
        throw fail();
    }

    @Override
    public double value(double... point) {
        throw fail();
    }

    @Override
    public double[] gradient(double... point) {
        throw fail();
    }

    @Override
    public double directional(double[] point, double[] direction) {
        throw fail();
    }

    @Override
    public double[][] hessian(double... point) {
        throw fail();
    }

    @Override
    public double[] hessianVector(double[] point, double[] direction) {
        throw fail();
    }
}
