package dev.autodiff.cli;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import dev.autodiff.engine.sweeps.AdjointSweep;
import dev.autodiff.engine.sweeps.ForwardSweep;
import dev.autodiff.engine.sweeps.Workspace;
import java.util.List;

/**
 * One forward and one backward pass over an expression's flat program, kept whole for display:
 * every node's value, every node's adjoint ∂f/∂node, and every edge's local partial derivative.
 * This is what a backpropagation lecture draws; {@code Reverse} computes the same numbers without
 * keeping them (a test checks that the input adjoints here equal its gradient).
 */
final class Trace {
    final Program program;
    final double[] value;
    final double[] adjoint;
    /** Local partials ∂node/∂left and ∂node/∂right per node (0 where there is no operand). */
    final double[] dLeft;
    final double[] dRight;

    Trace(Expr expr, List<Variable> vars, double[] point) {
        program = Program.compile(List.of(expr), vars);
        // the engine's own sweeps, kept whole instead of swept away: values and partials, then adjoints
        Workspace w = new Workspace(program);
        System.arraycopy(point, 0, w.value, 0, program.inputCount);
        ForwardSweep.partials(program, w, program.inputCount, program.size, false);
        w.adjoint[program.outputs[0]] = 1;
        AdjointSweep.adjoints(program, w, program.inputCount, program.size);
        value = w.value;
        adjoint = w.adjoint;
        dLeft = w.da;
        dRight = w.db;
        for (int i = 0; i < program.size; i++) {
            if (!program.isOperation(i)) {
                dLeft[i] = 0; // leaves have no operands: the picture shows no partial for them
                dRight[i] = 0;
            }
        }
    }

    /** {@return a short name of node i's operation: a variable name, a number, or an operator} */
    String label(int i) {
        int c = program.code[i];
        if (c == Program.INPUT) {
            return program.inputs.get(i).name();
        } else if (c == Program.CONSTANT) {
            return Format.number(program.param[i]);
        } else if (c == Program.CUSTOM) {
            return program.custom[i].name();
        }
        Primitive op = Primitive.ofCode(c);
        return switch (op) {
            case POW_CONST -> "^" + Format.number(program.param[i]);
            case NEG -> "neg";
            default -> op.symbol();
        };
    }

    /** {@return node i's operation with operand names, e.g. {@code v3 * v5}} */
    String formula(int i) {
        int c = program.code[i];
        if (!program.isOperation(i)) {
            return label(i);
        }
        String a = "v" + program.left[i];
        if (program.right[i] < 0) {
            if (c >= 0 && Primitive.ofCode(c) == Primitive.POW_CONST) {
                return a + "^" + Format.number(program.param[i]);
            }
            return (c >= 0 && Primitive.ofCode(c) == Primitive.NEG ? "-" : label(i)) + "(" + a + ")";
        }
        String b = "v" + program.right[i];
        Primitive op = Primitive.ofCode(c);
        if (program.third[i] >= 0) {
            return op.symbol() + "(v" + program.third[i] + ", " + a + ", " + b + ")";
        }
        return op.isInfix() ? a + " " + op.symbol() + " " + b : op.symbol() + "(" + a + ", " + b + ")";
    }
}
