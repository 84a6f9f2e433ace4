package dev.autodiff.core.internal.program;

import dev.autodiff.core.Primitive;
import dev.autodiff.core.internal.rules.Rules;

/**
 * What a binary or if-else node of an expression becomes in a program: the one lowering that
 * {@link Program}'s compile step and the walk behind {@link dev.autodiff.core.Expr#value(java.util.Map)}
 * both follow, each with its own storage. Public for that walk, which lives beside the nodes; the
 * package is not exported outside this project.
 *
 * <p>A node's operands are numbered in the expression's order: 0 and 1 for a {@link
 * dev.autodiff.core.Binary}'s left and right, 0, 1 and 2 for an {@link dev.autodiff.core.IfElse}'s
 * condition, branch when true and branch when false. Each form says, by those numbers, which operand
 * is the rule's argument, its second argument, its third argument (an if-else's condition), or the
 * operand whose constant value is the rule's parameter ({@link #NONE} where there is none); or which
 * operand the node is ({@link #selected}); or that it is the constant NaN. Each caller acts on the
 * form with its own handles for the operands, which {@link #operand} maps the numbers to: a program's
 * node numbers, or the walk's places in its arrays ({@link #value}, {@link #constant}). The forms are
 * constants, so deciding allocates nothing, which the cold {@code Expr.value(Map)} at 10⁶ nodes
 * relies on.
 *
 * <p>A node whose rule arguments are all constant is itself a constant: the program folds it (where
 * it builds the operation), the walk knows its value comes from constants alone ({@link #constant}).
 */
public enum Lowering {
    /** The node's primitive applied to its two operands as they come. */
    OPERANDS(0, 1, Lowering.NONE, Lowering.NONE, Lowering.NONE),
    /**
     * An order-taking primitive ({@link Primitive#hasConstantOrder()}): the order, operand 0 and a
     * constant, is the rule's parameter, and operand 1 is its one argument.
     */
    ORDER(1, Lowering.NONE, Lowering.NONE, 0, Lowering.NONE),
    /**
     * {@link Primitive#POW} with a constant exponent: {@link Primitive#POW_CONST} of the base with the
     * exponent as parameter, which never takes the logarithm of the base, so (-2)^3 differentiates.
     */
    CONSTANT_EXPONENT(0, Lowering.NONE, Lowering.NONE, 1, Lowering.NONE),
    /**
     * An if-else whose condition is not constant: the branches are the rule's arguments and the
     * condition its third argument, to which no derivative flows.
     */
    BRANCHES(1, 2, 0, Lowering.NONE, Lowering.NONE),
    /** An if-else whose condition is a constant that selects the branch when true: the node is that branch. */
    WHEN_TRUE(Lowering.NONE, Lowering.NONE, Lowering.NONE, Lowering.NONE, 1),
    /** An if-else whose condition is a constant that selects the branch when false: the node is that branch. */
    WHEN_FALSE(Lowering.NONE, Lowering.NONE, Lowering.NONE, Lowering.NONE, 2),
    /** An if-else whose condition is a constant NaN: the node is the constant NaN. */
    NOT_A_NUMBER(Lowering.NONE, Lowering.NONE, Lowering.NONE, Lowering.NONE, Lowering.NONE);

    /**
     * The number of no operand: one past the last, so that a caller may keep there what an absent
     * operand reads as, 0 as a value (what a program passes for it) and true as constancy (neutral
     * in {@link #constant}).
     */
    public static final int NONE = 3;

    private static final int IF_ELSE = Primitive.IF_ELSE.ordinal();

    /** The number of the operand that is the rule's first argument, or {@link #NONE}. */
    final int argument;
    /** The number of the operand that is the rule's second argument, or {@link #NONE}. */
    final int second;
    /** The number of the operand that is the rule's third argument (a condition), or {@link #NONE}. */
    final int third;
    /** The number of the constant operand whose value is the rule's parameter, or {@link #NONE}. */
    final int parameter;
    /** The number of the operand the node is, with no rule applied, or {@link #NONE}. */
    final int selected;
    /**
     * The number of the operand whose value is the rule's third argument, or {@link #NONE}: the
     * condition, or else the operand whose constant value is the parameter (a program passes the
     * parameter there, see {@link Program#third}).
     */
    final int thirdArgument;
    /** Whether the node applies its rule, rather than being an operand or NaN. */
    final boolean rule;

    Lowering(int argument, int second, int third, int parameter, int selected) {
        this.argument = argument;
        this.second = second;
        this.third = third;
        this.parameter = parameter;
        this.selected = selected;
        this.thirdArgument = third != NONE ? third : parameter;
        this.rule = argument != NONE;
    }

    /**
     * {@return what a node of primitive {@code op} becomes}, given whether its operands 0 and 1 are
     * constant and, where operand 0 is, its value
     *
     * @param op a primitive of two operands, or {@link Primitive#IF_ELSE}
     * @param firstConstant whether operand 0 (an if-else's condition) comes from constants alone
     * @param first operand 0's value where it does; read only for a constant condition
     * @param secondConstant whether operand 1 comes from constants alone
     */
    public static Lowering of(Primitive op, boolean firstConstant, double first, boolean secondConstant) {
        if (op == Primitive.IF_ELSE) {
            if (!firstConstant) {
                return BRANCHES;
            }
            // the branch the rule itself takes at this condition: what a condition means (non-zero,
            // zero, NaN) is said once, in the rule, and a constant condition only decides it early
            double taken = Rules.value(IF_ELSE, 1, 2, first);
            return taken == 1 ? WHEN_TRUE : taken == 2 ? WHEN_FALSE : NOT_A_NUMBER;
        }
        if (op.hasConstantOrder()) {
            return ORDER;
        }
        return op == Primitive.POW && secondConstant ? CONSTANT_EXPONENT : OPERANDS;
    }

    /** {@return the op code of the rule a node of primitive {@code op} applies in this form} */
    int code(Primitive op) {
        return this == CONSTANT_EXPONENT ? Primitive.POW_CONST.ordinal() : op.ordinal();
    }

    /**
     * {@return the node's value}, given its operands' values at handles {@code h0 h1 h2} of {@code
     * values} and 0 at {@code none}, which stands for {@link #NONE}: the rule applied to its
     * arguments, the selected operand's value, or NaN
     *
     * @param op the node's primitive, as given to {@link #of}
     */
    public double value(Primitive op, double[] values, int h0, int h1, int h2, int none) {
        if (rule) {
            return Rules.value(code(op), values[operand(argument, h0, h1, h2, none)],
                    values[operand(second, h0, h1, h2, none)], values[operand(thirdArgument, h0, h1, h2, none)]);
        }
        return selected != NONE ? values[operand(selected, h0, h1, h2, none)] : Double.NaN;
    }

    /**
     * {@return whether the node is a constant}, given whether each of its operands is, at handles
     * {@code h0 h1 h2} of {@code constant}, and true at {@code none}, which stands for {@link #NONE}:
     * a selected operand's constancy, NaN's, or that of all the rule's arguments (what {@link Program}
     * folds)
     */
    public boolean constant(boolean[] constant, int h0, int h1, int h2, int none) {
        if (rule) {
            return constant[operand(argument, h0, h1, h2, none)] & constant[operand(second, h0, h1, h2, none)]
                    & constant[operand(third, h0, h1, h2, none)];
        }
        return selected == NONE || constant[operand(selected, h0, h1, h2, none)];
    }

    /** {@return the handle of operand {@code number} among {@code h0 h1 h2}, or {@code none} for {@link #NONE}} */
    static int operand(int number, int h0, int h1, int h2, int none) {
        return number == 0 ? h0 : number == 1 ? h1 : number == 2 ? h2 : none;
    }
}
