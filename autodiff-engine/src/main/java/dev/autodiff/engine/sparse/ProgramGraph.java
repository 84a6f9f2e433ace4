package dev.autodiff.engine.sparse;

import dev.autodiff.core.internal.program.Program;

/**
 * What the sparsity analysis reads of a compiled program: its nodes in topological order (every
 * operand precedes its users), their operands, and for each operation whether a derivative may flow
 * through an operand and which operand pairs may have a non-zero second partial. Nodes
 * {@code 0 … inputCount()-1} are the inputs.
 *
 * <p>Everything the analysis knows about programs goes through this interface, and
 * {@link #of(Program)} is its one adapter: a change of how {@link Program} stores nodes, or a new
 * kind of node, is a change there. For a ternary {@code ifElse(c, a, b)} the adapter answers
 * {@code flows} false for the condition and true for both branches, and {@code interacts} false
 * everywhere: it is linear in each branch, and the pattern is the union of both branches' patterns,
 * which holds at every point whichever branch is taken. Comparisons ({@code a < b}: 1 or 0) have a
 * zero derivative, so nothing flows through them.
 */
public interface ProgramGraph {

    /** {@return the number of nodes} */
    int size();

    /** {@return the number of inputs, which are nodes {@code 0 … inputCount()-1}} */
    int inputCount();

    /** {@return the number of outputs} */
    int outputCount();

    /** {@return the node of output {@code k}} */
    int output(int k);

    /** {@return the number of operands of {@code node}: 0 for inputs and constants} */
    int arity(int node);

    /** {@return operand {@code slot} of {@code node}, a node below it} */
    int operand(int node, int slot);

    /**
     * {@return whether the first partial derivative of {@code node} with respect to operand
     * {@code slot} may be non-zero}: false for a comparison's operands, ifElse's condition, and
     * a power with exponent 0
     */
    boolean flows(int node, int slot);

    /**
     * {@return whether the second partial derivative of {@code node} with respect to operands
     * {@code slot} and {@code other} may be non-zero}: false everywhere for linear and piecewise
     * linear operations, only across the two operands of a product
     */
    boolean interacts(int node, int slot, int other);

    /** {@return the graph of a compiled program}, every input independent */
    static ProgramGraph of(Program program) {
        return new CompiledProgramGraph(program, program.inputCount);
    }

    /**
     * {@return the graph of a compiled program whose first {@code variables} inputs are independent}:
     * the others are parameters, data that no derivative is taken with respect to
     */
    static ProgramGraph of(Program program, int variables) {
        return new CompiledProgramGraph(program, variables);
    }
}
