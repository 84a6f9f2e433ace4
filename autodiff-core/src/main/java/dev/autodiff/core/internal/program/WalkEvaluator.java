package dev.autodiff.core.internal.program;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Constant;
import dev.autodiff.core.Expr;
import dev.autodiff.core.IfElse;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Unary;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.graph.NodeIntMap;
import dev.autodiff.core.internal.rules.Rules;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Evaluates an expression at named values in the one walk that finds its nodes: each node's value
 * is computed when its operands are done, with no order recorded and no program built. It gives
 * what {@link Program#valueOnce} gives, to the bit: each node is lowered by the same decision
 * ({@link Lowering}: a power's constant exponent, an order, an if-else's constant condition) and
 * evaluated by the same rule call on the same arguments, as the walk knows which values come from
 * constants alone.
 *
 * <p>It declines, and {@link Evaluator} falls back on {@code valueOnce}, where the order of
 * evaluation could be seen: at a custom operation (user code, which {@code valueOnce} calls on
 * variables only once every binding is checked, and never in a branch a constant condition drops)
 * and at a missing binding (so that the error is the one {@code valueOnce} reports). Rules are pure,
 * so evaluating a dropped branch's built-in operations, as this walk does, shows nowhere.
 */
final class WalkEvaluator {
    // per node, numbered in order of first visit: its value, and whether it comes from constants alone
    private double[] values = new double[256];
    private boolean[] constant = new boolean[256];
    // the values of the operands of the nodes being walked, in the order they were done (a node's
    // last operand first), and whether each is constant
    private double[] operandValues = new double[64];
    private boolean[] operandConstant = new boolean[64];
    private int operands;

    private WalkEvaluator() {}

    /**
     * {@return whether {@code e} was evaluated with variables bound by name in {@code bindings}},
     * its value put in {@code out[0]}; false, with nothing evaluated that could be seen, where
     * {@link Program#valueOnce} must decide
     */
    static boolean value(Expr e, Map<String, ? extends Number> bindings, double[] out) {
        return new WalkEvaluator().run(e, bindings, out);
    }

    private boolean run(Expr e, Map<String, ? extends Number> bindings, double[] out) {
        NodeIntMap seen = NodeIntMap.under(List.of(e));
        int count = 0;
        // the nodes to visit, and per entry the number + 1 of a node whose operands are done, or 0
        Expr[] stack = new Expr[64];
        int[] finish = new int[64];
        int top = 0;
        stack[top++] = e;
        while (top > 0) {
            Expr node = stack[--top];
            int k = finish[top] - 1;
            if (k >= 0) {
                finish(node, k);
                continue;
            }
            if (node instanceof Constant x) {
                // a constant's value is at hand: no need to find it in the map, shared or not
                push(x.value(), true);
                continue;
            }
            int old = seen.putIfAbsent(node, count);
            if (old != NodeIntMap.ABSENT) {
                // a node done before: an operand of the node beneath it
                push(values[old], constant[old]);
                continue;
            }
            if (count == values.length) {
                values = Arrays.copyOf(values, 2 * count);
                constant = Arrays.copyOf(constant, 2 * count);
            }
            if (node instanceof Variable x) {
                Number n = bindings.get(x.name());
                if (n == null) {
                    return false;
                }
                double v = n.doubleValue();
                values[count++] = v;
                push(v, false);
            } else {
                if (top + 1 + 3 > stack.length) {
                    stack = Arrays.copyOf(stack, 2 * stack.length);
                    finish = Arrays.copyOf(finish, stack.length);
                }
                stack[top] = node;
                finish[top++] = ++count;
                // the last operand first: a sum accumulated in a loop is deep on the left, and
                // going down its left spine first would run a hundred thousand nodes of one kind
                // before any other, which the JIT, compiling this loop meanwhile, then takes for
                // all there is (its compile was thrown away where the spine ended, seen with
                // -XX:+PrintCompilation); last first, each term is done on the way down
                if (node instanceof Binary b) {
                    stack[top] = b.left();
                    finish[top++] = 0;
                    stack[top] = b.right();
                    finish[top++] = 0;
                } else if (node instanceof Unary u) {
                    stack[top] = u.operand();
                    finish[top++] = 0;
                } else if (node instanceof IfElse b) {
                    stack[top] = b.condition();
                    finish[top++] = 0;
                    stack[top] = b.whenTrue();
                    finish[top++] = 0;
                    stack[top] = b.whenFalse();
                    finish[top++] = 0;
                } else {
                    return false; // a custom operation
                }
            }
        }
        out[0] = operandValues[0];
        return true;
    }

    private void push(double v, boolean c) {
        if (operands == operandValues.length) {
            operandValues = Arrays.copyOf(operandValues, 2 * operands);
            operandConstant = Arrays.copyOf(operandConstant, 2 * operands);
        }
        operandValues[operands] = v;
        operandConstant[operands++] = c;
    }

    /** Swaps operands {@code i} and {@code j} on the operand stack, values and whether constant. */
    private void swap(int i, int j) {
        double v = operandValues[i];
        operandValues[i] = operandValues[j];
        operandValues[j] = v;
        boolean c = operandConstant[i];
        operandConstant[i] = operandConstant[j];
        operandConstant[j] = c;
    }

    /** Computes node {@code k}, {@code node}, from its operands' values on top of the operand stack, which it replaces. */
    private void finish(Expr node, int k) {
        double v;
        boolean c;
        if (node instanceof Unary u) {
            v = Rules.value(u.op().ordinal(), operandValues[operands - 1], 0, 0);
            c = operandConstant[--operands];
        } else {
            Primitive op = node instanceof Binary b ? b.op() : Primitive.IF_ELSE;
            // the node's operands are on the stack by their numbers in the lowering, which stand for a
            // program's nodes, and the slot past them holds what an absent operand reads as (Lowering.NONE)
            operands -= op == Primitive.IF_ELSE ? 3 : 2;
            int base = operands;
            // done last operand first (run), they are on the stack in reverse: put them in order
            swap(base, op == Primitive.IF_ELSE ? base + 2 : base + 1);
            if (base + Lowering.NONE >= operandValues.length) {
                operandValues = Arrays.copyOf(operandValues, 2 * operandValues.length);
                operandConstant = Arrays.copyOf(operandConstant, operandValues.length);
            }
            operandValues[base + Lowering.NONE] = 0;
            operandConstant[base + Lowering.NONE] = true;
            Lowering form = Lowering.of(op, operandConstant[base], operandValues[base], operandConstant[base + 1]);
            c = form.constant(operandConstant, base);
            if (form.rule) {
                v = Rules.value(form.code(op), operandValues[base + form.argument], operandValues[base + form.second],
                        operandValues[base + form.thirdArgument]);
            } else {
                v = form.selected != Lowering.NONE ? operandValues[base + form.selected] : Double.NaN;
            }
        }
        values[k] = v;
        constant[k] = c;
        push(v, c);
    }
}
