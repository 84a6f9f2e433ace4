package dev.autodiff.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.autodiff.core.internal.program.Program;
import dev.autodiff.core.internal.rules.Partials;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Linearization: errors, common-subexpression merging, constant folding, pow with constant exponents. */
class ProgramTest {
    private static final Variable X = Expr.variable("x");
    private static final Variable Y = Expr.variable("y");

    private static Program compile(Expr e, Variable... vars) {
        return Program.compile(List.of(e), List.of(vars));
    }

    private static double evaluate(Program p, double... point) {
        double[] values = new double[p.size];
        p.evaluate(point, values);
        return values[p.outputs[0]];
    }

    @Test
    void missingVariableIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> compile(X.plus(Expr.variable("velocity")), X));
        assertTrue(e.getMessage().contains("velocity"), e.getMessage());
    }

    @Test
    void duplicateVariableIsNamed() {
        Variable w = Expr.variable("weight");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> compile(X.plus(w), X, w, w));
        assertTrue(e.getMessage().contains("weight"), e.getMessage());
    }

    @Test
    void nullsAreRejectedWithAMessage() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Program.compile(List.of(X), java.util.Arrays.asList(X, null)));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
    }

    @Test
    void structurallyEqualSubexpressionsAreMerged() {
        // x·y built three times: one node
        Expr e = X.times(Y).plus(X.times(Y).sin()).minus(X.times(Y));
        Program p = compile(e, X, Y);
        assertEquals(2 + 1 + 1 + 1 + 1, p.size, "x, y, x·y, sin, +, -");
        double v = 0.3 * 1.7;
        assertEquals(v + Math.sin(v) - v, evaluate(p, 0.3, 1.7));
    }

    @Test
    void equalConstantsAreMergedAndDistinctBitsAreNot() {
        Program p = compile(X.times(2).plus(Y.times(2)).plus(X.times(0.0)).plus(X.times(-0.0)), X, Y);
        // x, y, 2, x·2, y·2, +, 0.0, x·0, +, -0.0, x·-0, +
        assertEquals(12, p.size);
    }

    @Test
    void operationsOnConstantsAreFolded() {
        Program p = compile(Expr.constant(2).plus(3).times(Expr.constant(0.5).sin()).times(X), X);
        assertEquals(3, p.size, "x, one folded constant, one product");
        assertEquals(Program.CONSTANT, p.code[1]);
        assertEquals((2 + 3) * Math.sin(0.5), p.param[1]);
        assertEquals(5 * Math.sin(0.5) * 4, evaluate(p, 4));
    }

    @Test
    void constantOnlyExpressionFoldsToOneConstant() {
        Program p = compile(Expr.parse("exp(1) + pi * 2"), X);
        assertEquals(2, p.size);
        assertEquals(Math.exp(1) + Math.PI * 2, evaluate(p, 0));
    }

    @Test
    void powWithAConstantExponentCompilesToPowConst() {
        Program p = compile(X.pow(Expr.constant(1).plus(2)), X);
        int out = p.outputs[0];
        assertEquals(Primitive.POW_CONST.ordinal(), p.code[out]);
        assertEquals(3.0, p.param[out]);
        // so a negative base differentiates without a logarithm
        Partials d = new Partials();
        double[] values = new double[p.size];
        p.evaluate(new double[] {-2}, values);
        p.local(out, values, d, true);
        assertEquals(-8.0, d.value);
        assertEquals(12.0, d.da);
        assertEquals(-12.0, d.secondAA());
        assertEquals(Primitive.POW.ordinal(), compile(X.pow(Y), X, Y).code[2]);
    }

    @Test
    void outputsShareNodes() {
        Expr s = X.times(Y);
        Program p = Program.compile(List.of(s.sin(), s.cos(), s), List.of(X, Y));
        assertEquals(2 + 1 + 2, p.size, "x, y, x·y, sin, cos");
        assertEquals(2, p.outputs[2], "the third output is the shared product itself");
        assertNotEquals(p.outputs[0], p.outputs[1], "sin and cos are distinct nodes");
    }

    @Test
    void constantsConsumedByFoldingAreNotKept() {
        // the folded (2 + 3)² feeds a product; 2, 3 and 2 + 3 are left behind by folding
        Program p = compile(Expr.constant(2).plus(3).pow(2).times(X).plus(Expr.constant(7).sin()), X);
        assertEquals(5, p.size, "x, 25, 25·x, sin 7, sum");
        assertEquals(25 * 1.5 + Math.sin(7), evaluate(p, 1.5));
    }

    @Test
    void everyOperandPrecedesItsUser() {
        Expr e = PrintParseRoundTripTest.randomExpression(new java.util.Random(7));
        Program p = Program.compile(List.of(e), e.variables());
        for (int i = p.inputCount; i < p.size; i++) {
            assertTrue(p.left[i] < i && p.right[i] < i, "node " + i);
        }
    }
}
