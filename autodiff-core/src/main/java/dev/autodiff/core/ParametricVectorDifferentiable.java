package dev.autodiff.core;

import java.util.List;

/**
 * A vector function of variables and data parameters, compiled once; {@link #at} binds the
 * parameters without recompiling. The vector counterpart of {@link ParametricDifferentiable}.
 */
public interface ParametricVectorDifferentiable {

    /** {@return the variables, in the order points list their values} */
    List<Variable> variables();

    /** {@return the parameters, in the order {@link #at} lists their values} */
    List<Variable> parameters();

    /** {@return the number of outputs} */
    int outputCount();

    /**
     * {@return the vector function of the variables with the parameters bound to {@code parameterValues}}
     *
     * @param parameterValues one value per parameter, in the order the parameters were given
     * @throws IllegalArgumentException when there is not one value per parameter
     */
    VectorDifferentiable at(double... parameterValues);
}
