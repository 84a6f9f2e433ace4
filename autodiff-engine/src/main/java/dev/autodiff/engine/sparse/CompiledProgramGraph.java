package dev.autodiff.engine.sparse;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Structure;

/**
 * The one adapter from {@link Program} to {@link ProgramGraph}: operands from {@code left} and
 * {@code right}, structure from {@link Structure} (declared on each primitive's rule entry); a custom operation is a nonlinear
 * function of its one operand.
 */
final class CompiledProgramGraph implements ProgramGraph {
    private final Program program;
    private final int variables;

    /** The graph of {@code program} whose first {@code variables} inputs are the independent ones; the rest (parameters) are leaves like constants. */
    CompiledProgramGraph(Program program, int variables) {
        this.program = program;
        this.variables = variables;
    }

    @Override
    public int size() {
        return program.size;
    }

    @Override
    public int inputCount() {
        return variables;
    }

    @Override
    public int outputCount() {
        return program.outputs.length;
    }

    @Override
    public int output(int k) {
        return program.outputs[k];
    }

    @Override
    public int arity(int node) {
        if (!program.isOperation(node)) {
            return 0;
        }
        return program.right[node] >= 0 ? 2 : 1;
    }

    @Override
    public int operand(int node, int slot) {
        return slot == 0 ? program.left[node] : program.right[node];
    }

    @Override
    public boolean flows(int node, int slot) {
        return structure(node).flows(slot);
    }

    @Override
    public boolean interacts(int node, int slot, int other) {
        return structure(node).interacts(slot, other);
    }

    private Structure structure(int node) {
        int code = program.code[node];
        return code == Program.CUSTOM ? Structure.NONLINEAR : Structure.of(code, program.param[node]);
    }
}
