package dev.autodiff.core.internal.program;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Call;
import dev.autodiff.core.Constant;
import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Expr;
import dev.autodiff.core.IfElse;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Unary;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.calls.Arguments;
import dev.autodiff.core.internal.graph.Traversal;
import dev.autodiff.core.internal.graph.VariableIndex;
import dev.autodiff.core.internal.rules.Partials;
import dev.autodiff.core.internal.rules.Rules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * A linearized expression DAG: a flat program of primitive arrays that the modes execute with loops.
 *
 * <p>Node {@code i} has op {@code code[i]} (a {@link Primitive} ordinal, or {@link #INPUT},
 * {@link #CONSTANT}, {@link #CUSTOM}), operands {@code left[i]} and {@code right[i]} (node indices
 * below {@code i}, or -1) and a constant {@code param[i]} (a constant's value, or the exponent of
 * {@link Primitive#POW_CONST}). An {@link Primitive#IF_ELSE} node has its branches as left and right
 * operands and its condition as {@code third[i]} (-1 for every other node): the condition's value
 * is the rule's third argument, in place of a parameter, and no derivative flows to it, so every
 * derivative sweep sees at most two operands per node. Nodes {@code 0 … inputCount-1} are the inputs in order. Every
 * operand precedes its users, so one forward loop computes values and one backward loop propagates
 * adjoints. Structurally equal nodes are merged (common-subexpression elimination), operations on
 * constants alone are folded, and only the inputs and the nodes the outputs depend on are kept.
 *
 * <p>Immutable after construction; the arrays are exposed for speed and must not be modified.
 */
public final class Program {
    /** Op code of an input node. */
    public static final int INPUT = -1;
    /** Op code of a constant node; its value is in {@code param}. */
    public static final int CONSTANT = -2;
    /** Op code of a custom operation; the operation is in {@code custom}. */
    public static final int CUSTOM = -3;

    public final List<Variable> inputs;
    public final int inputCount;
    public final int size;
    public final int[] code;
    public final int[] left;
    public final int[] right;
    /** The condition of an {@link Primitive#IF_ELSE} node, or -1. */
    public final int[] third;
    public final double[] param;
    public final CustomOperation[] custom;
    public final int[] outputs;

    private Program(List<Variable> inputs, Builder b, int[] outputs) {
        this.inputs = List.copyOf(inputs);
        this.inputCount = inputs.size();
        this.size = b.size;
        this.code = Arrays.copyOf(b.code, size);
        this.left = Arrays.copyOf(b.left, size);
        this.right = Arrays.copyOf(b.right, size);
        this.third = Arrays.copyOf(b.third, size);
        this.param = Arrays.copyOf(b.param, size);
        this.custom = Arrays.copyOf(b.custom, size);
        this.outputs = outputs;
    }

    private Program(Program p, int[] code, int[] left, int[] right, int[] third, double[] param,
            CustomOperation[] custom, int[] outputs) {
        this.inputs = p.inputs;
        this.inputCount = p.inputCount;
        this.size = p.size;
        this.code = code;
        this.left = left;
        this.right = right;
        this.third = third;
        this.param = param;
        this.custom = custom;
        this.outputs = outputs;
    }

    /**
     * {@return this program with its nodes in another order}: node {@code order[k]} becomes node
     * {@code k}, operands and outputs renumbered. Every node keeps its operation and its operands, so
     * every value is computed by the same arithmetic; only where a node's adjoint is summed from
     * several users may the sum's order change (see {@link Levels} for an order that keeps it).
     *
     * @throws IllegalArgumentException unless {@code order} is a permutation of the nodes that keeps
     *     the inputs in place and lists every operand before its users
     */
    public Program reordered(int[] order) {
        if (order.length != size) {
            throw new IllegalArgumentException("expected an order of " + size + " nodes, got " + order.length);
        }
        int[] position = new int[size];
        Arrays.fill(position, -1);
        for (int k = 0; k < size; k++) {
            int old = order[k];
            if (old < 0 || old >= size || position[old] >= 0) {
                throw new IllegalArgumentException("expected a permutation of 0 … " + (size - 1) + ", got node " + old
                        + " at position " + k);
            }
            if (k < inputCount && old != k) {
                throw new IllegalArgumentException("expected input " + k + " to stay at position " + k + ", got node " + old);
            }
            position[old] = k;
        }
        int[] c = new int[size];
        int[] l = new int[size];
        int[] r = new int[size];
        int[] t = new int[size];
        double[] pa = new double[size];
        CustomOperation[] cu = new CustomOperation[size];
        for (int k = 0; k < size; k++) {
            int old = order[k];
            c[k] = code[old];
            l[k] = renumbered(left[old], position, k);
            r[k] = renumbered(right[old], position, k);
            t[k] = renumbered(third[old], position, k);
            pa[k] = param[old];
            cu[k] = custom[old];
        }
        int[] out = new int[outputs.length];
        for (int o = 0; o < out.length; o++) {
            out[o] = position[outputs[o]];
        }
        return new Program(this, c, l, r, t, pa, cu, out);
    }

    private static int renumbered(int operand, int[] position, int user) {
        if (operand < 0) {
            return -1;
        }
        int k = position[operand];
        if (k >= user) {
            throw new IllegalArgumentException("expected every operand before its users, got node " + k
                    + " read by node " + user);
        }
        return k;
    }

    /**
     * Linearizes {@code outputs} over {@code inputs}: an iterative topological order visiting each
     * distinct node once.
     *
     * @throws IllegalArgumentException naming a variable used but not among the inputs, or an input
     *     named twice
     */
    public static Program compile(List<? extends Expr> outputs, List<Variable> inputs) {
        Arguments.requireNoNulls(outputs, "expressions");
        Arguments.requireNoNulls(inputs, "variables");
        return build(outputs, inputs, Traversal.order(outputs), true);
    }

    /**
     * {@return the value of {@code e} with its variables given the values {@code bind} returns for
     * them}: the nodes are built and folded as {@link #compile} builds them, not merged (which pays
     * only when a program runs many times), and the nodes the output depends on evaluated in the
     * order a program would evaluate them, with no program made. Variables are not told apart by
     * name: each variable node is an input of its own, in its place, so that none is looked up in a
     * table of the others.
     *
     * @param bind the values of the variable nodes it is given, distinct by identity (a name may come
     *     more than once), in order of first appearance; called before any node is evaluated but
     *     those folded, operations on constants alone, which are computed as they are built
     */
    public static double valueOnce(Expr e, Function<List<Variable>, double[]> bind) {
        Traversal.Order order = Traversal.order(List.of(e));
        Builder b = new Builder(false, order.size());
        int[] index = new int[order.size()]; // builder node of each position in the order
        List<Variable> vars = new ArrayList<>();
        int[] inputAt = new int[16]; // builder node of each of vars
        for (int k = 0; k < index.length; k++) {
            Expr node = order.node(k);
            if (node instanceof Variable v) {
                if (vars.size() == inputAt.length) {
                    inputAt = Arrays.copyOf(inputAt, 2 * inputAt.length);
                }
                index[k] = b.add(INPUT, -1, -1, -1, 0, null);
                inputAt[vars.size()] = index[k];
                vars.add(v);
            } else {
                index[k] = b.node(node, k, order, index);
            }
        }
        double[] point = bind.apply(Collections.unmodifiableList(vars));
        int out = index[order.positionOf(e)];
        boolean[] live = b.live(0, new int[] {out});
        double[] values = new double[b.size];
        for (int j = 0; j < vars.size(); j++) {
            values[inputAt[j]] = point[j];
        }
        for (int i = 0; i < b.size; i++) {
            if (live[i] && b.code[i] != INPUT) {
                values[i] = valueOf(b.code[i], b.left[i], b.right[i], b.third[i], b.param[i], b.custom[i], values);
            }
        }
        return values[out];
    }

    private static Program build(List<? extends Expr> outputs, List<Variable> inputs, Traversal.Order order, boolean merge) {
        VariableIndex inputIndex = new VariableIndex(inputs.size());
        Builder b = new Builder(merge, inputs.size() + order.size());
        for (Variable v : inputs) {
            if (inputIndex.putIfAbsent(v) >= 0) {
                throw new IllegalArgumentException("variable " + v.name() + " is named twice among the inputs " + names(inputs));
            }
            b.add(INPUT, -1, -1, -1, 0, null);
        }
        int[] index = new int[order.size()]; // program node of each position in the order
        for (int k = 0; k < index.length; k++) {
            Expr node = order.node(k);
            if (node instanceof Variable v) {
                int i = inputIndex.get(v);
                if (i < 0) {
                    throw new IllegalArgumentException("the expression uses variable " + v.name()
                            + ", which is not among the inputs " + names(inputs));
                }
                index[k] = i;
            } else {
                index[k] = b.node(node, k, order, index);
            }
        }
        int[] out = new int[outputs.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = index[order.positionOf(outputs.get(k))];
        }
        b.removeDead(inputs.size(), out);
        return new Program(inputs, b, out);
    }

    /** {@return whether node {@code i} is an operation whose value depends on its operands} */
    public boolean isOperation(int i) {
        return code[i] >= 0 || code[i] == CUSTOM;
    }

    /**
     * Applies node {@code i}'s rule to the operand values in {@code values}, writing value and local
     * partials to {@code out}. With {@code second} false no second partial is asked for: a custom
     * operation's may be absent, and a primitive's may be left NaN ({@link Rules#applyFirst}).
     */
    public void local(int i, double[] values, Partials out, boolean second) {
        int c = code[i];
        if (c >= 0) {
            int r = right[i];
            if (second) {
                Rules.apply(c, values[left[i]], r >= 0 ? values[r] : 0, third(i, values), out);
            } else {
                Rules.applyFirst(c, values[left[i]], r >= 0 ? values[r] : 0, third(i, values), out);
            }
        } else {
            CustomOperation op = custom[i];
            double a = values[left[i]];
            out.set(op.value(a), op.derivative(a), second ? op.secondDerivative(a) : 0);
        }
    }

    /** Fills {@code values} with every node's value at {@code point}, whose length has been checked. */
    public void evaluate(double[] point, double[] values) {
        System.arraycopy(point, 0, values, 0, inputCount);
        for (int i = inputCount; i < size; i++) {
            values[i] = valueOf(i, values);
        }
    }

    /** {@return node {@code i}'s value given its operands' values} */
    public double valueOf(int i, double[] values) {
        return valueOf(code[i], left[i], right[i], third[i], param[i], custom[i], values);
    }

    /** {@return the value of a node of op code {@code c}, operands {@code l r t}, parameter {@code p} and custom operation {@code op}} */
    private static double valueOf(int c, int l, int r, int t, double p, CustomOperation op, double[] values) {
        if (c >= 0) {
            return Rules.value(c, values[l], r >= 0 ? values[r] : 0, t >= 0 ? values[t] : p);
        }
        return c == CONSTANT ? p : op.value(values[l]);
    }

    /**
     * {@return the third argument of node {@code i}'s rule}: the condition's value for
     * {@link Primitive#IF_ELSE}, otherwise the constant parameter
     */
    public double third(int i, double[] values) {
        int t = third[i];
        return t >= 0 ? values[t] : param[i];
    }

    /** {@return the names of the inputs, as error messages show them} */
    public String inputNames() {
        return names(inputs);
    }

    private static String names(List<Variable> vars) {
        List<String> names = new ArrayList<>();
        for (Variable v : vars) {
            names.add(v.name());
        }
        return "(" + String.join(", ", names) + ")";
    }

    /** Growable arrays and the table that merges structurally equal nodes. */
    private static final class Builder {
        int size;
        int[] code;
        int[] left;
        int[] right;
        int[] third;
        double[] param;
        CustomOperation[] custom;
        /**
         * Open-addressing table of the nodes, hashed by op, operands and parameter ({@link #hash}):
         * per slot the hash's high half in the high half and the node index + 1 in the low half, 0
         * for an empty slot. The hash's low half picks the slot.
         */
        long[] merged;
        int mergedCount;
        /**
         * Per node, when merging, 0 while no node uses it, its one user + 1 once one does, -1 once
         * more do. A node one of whose operands has no user yet equals no node built before it, and
         * while it is the one user of an operand it is put in the table only when that operand gets
         * another user or a node with that operand is looked up: most nodes of a large graph are the
         * one user of the node built just before them, and are never put in the table, each of whose
         * look-ups is a cache miss.
         */
        int[] users;
        /** Per node, when merging, whether it is in the merge table. */
        boolean[] tabled;
        /** Whether structurally equal nodes are merged: not for a program run once. */
        final boolean merge;

        /** A builder for at most {@code nodes} nodes: sized once, so that no array is copied as it grows. */
        Builder(boolean merge, int nodes) {
            this.merge = merge;
            int n = Math.max(16, nodes);
            code = new int[n];
            left = new int[n];
            right = new int[n];
            third = new int[n];
            param = new double[n];
            custom = new CustomOperation[n];
            // at most half full: no rehash
            merged = new long[merge ? Integer.highestOneBit(n * 2 - 1) << 1 : 0];
            users = new int[merge ? n : 0];
            tabled = new boolean[merge ? n : 0];
        }

        /** {@return the program node of {@code e}, at position {@code k} of {@code order}, which is not a variable} */
        int node(Expr e, int k, Traversal.Order order, int[] index) {
            // each kind only gathers its node's code, operands and parameter, for one call of intern
            // at the end: the JIT then compiles one copy of intern into this method, where with a
            // call for each kind it compiled two, for twice as long, while the build of a large
            // program ran in slower code
            int c;
            int l = -1;
            int r = -1;
            int t = -1;
            double p = 0;
            CustomOperation op = null;
            if (e instanceof Constant constant) {
                c = CONSTANT;
                p = constant.value();
            } else if (e instanceof Unary u) {
                c = u.op().ordinal();
                l = index[order.operand(k, 0)];
            } else if (e instanceof Call call) {
                c = CUSTOM;
                l = index[order.operand(k, 0)];
                op = call.operation();
            } else {
                // as Lowering decides: a rule on some of the operands, or one operand, or NaN
                int o0 = index[order.operand(k, 0)];
                int o1 = index[order.operand(k, 1)];
                int o2 = -1;
                Primitive primitive;
                if (e instanceof IfElse) {
                    primitive = Primitive.IF_ELSE;
                    o2 = index[order.operand(k, 2)];
                } else {
                    primitive = ((Binary) e).op();
                }
                Lowering form = Lowering.of(primitive, code[o0] == CONSTANT, param[o0], code[o1] == CONSTANT);
                if (!form.rule) {
                    if (form.selected != Lowering.NONE) {
                        return Lowering.operand(form.selected, o0, o1, o2, -1);
                    }
                    c = CONSTANT;
                    p = Double.NaN;
                } else {
                    int parameter = Lowering.operand(form.parameter, o0, o1, o2, -1);
                    c = form.code(primitive);
                    l = Lowering.operand(form.argument, o0, o1, o2, -1);
                    r = Lowering.operand(form.second, o0, o1, o2, -1);
                    t = Lowering.operand(form.third, o0, o1, o2, -1);
                    p = parameter >= 0 ? param[parameter] : 0;
                }
            }
            if (l >= 0 && code[l] == CONSTANT && (r < 0 || code[r] == CONSTANT) && (t < 0 || code[t] == CONSTANT)) {
                // an operation on constants alone is folded into its constant
                double a = param[l];
                double third = t >= 0 ? param[t] : p;
                p = c == CUSTOM ? op.value(a) : Rules.value(c, a, r >= 0 ? param[r] : 0, third);
                c = CONSTANT;
                l = -1;
                r = -1;
                t = -1;
                op = null;
            }
            return intern(c, l, r, t, p, op);
        }

        private int intern(int c, int l, int r, int t, double p, CustomOperation op) {
            if (!merge) {
                return add(c, l, r, t, p, op);
            }
            long bits = Double.doubleToLongBits(p);
            long h = hash(c, l, r, t, bits);
            boolean unused = l >= 0 && (users[l] == 0 || r >= 0 && users[r] == 0 || t >= 0 && users[t] == 0);
            if (!unused) {
                // an equal node has these operands: if it is not in the table, it is the one user of each
                if (l >= 0) {
                    tableOneUser(l);
                    if (r >= 0) {
                        tableOneUser(r);
                    }
                    if (t >= 0) {
                        tableOneUser(t);
                    }
                }
                int found = find(c, l, r, t, bits, op, h);
                if (found >= 0) {
                    return found;
                }
            }
            int node = add(c, l, r, t, p, op);
            boolean findable = false; // as the one user of an operand
            if (l >= 0) {
                findable = use(l, node);
                if (r >= 0 && r != l) {
                    findable |= use(r, node);
                }
                if (t >= 0 && t != l && t != r) {
                    findable |= use(t, node);
                }
            }
            if (!findable) {
                table(node, h);
            }
            return node;
        }

        /** {@return whether {@code node} is now the one user of {@code operand}}, tabling the one it had before */
        private boolean use(int operand, int node) {
            int u = users[operand];
            if (u == 0) {
                users[operand] = node + 1;
                return true;
            }
            if (u > 0) {
                tableNode(u - 1);
                users[operand] = -1;
            }
            return false;
        }

        /** Puts the one user of {@code operand}, if it has one, in the table. */
        private void tableOneUser(int operand) {
            if (users[operand] > 0) {
                tableNode(users[operand] - 1);
            }
        }

        private void tableNode(int j) {
            if (!tabled[j]) {
                table(j, hash(code[j], left[j], right[j], third[j], Double.doubleToLongBits(param[j])));
            }
        }

        /** {@return the node in the table equal to the one described, or -1} */
        private int find(int c, int l, int r, int t, long bits, CustomOperation op, long h) {
            int mask = merged.length - 1;
            int check = (int) (h >>> 32);
            long found;
            for (int i = (int) h & mask; (found = merged[i]) != 0; i = (i + 1) & mask) {
                // the hashes first: a probe past other nodes reads none of their arrays (a cache miss each)
                int j = (int) found - 1;
                if ((int) (found >>> 32) == check && code[j] == c && left[j] == l && right[j] == r && third[j] == t
                        && custom[j] == op && Double.doubleToLongBits(param[j]) == bits) {
                    return j;
                }
            }
            return -1;
        }

        /** Puts node {@code j}, of hash {@code h}, in the table. */
        private void table(int j, long h) {
            int mask = merged.length - 1;
            int i = (int) h & mask;
            while (merged[i] != 0) {
                i = (i + 1) & mask;
            }
            merged[i] = (h & 0xFFFF_FFFF_0000_0000L) | (j + 1);
            tabled[j] = true;
            if (++mergedCount * 2 > merged.length) {
                rehash();
            }
        }

        /**
         * {@return the hash of a node}: its low half picks the slot, its high half is kept in the slot
         * and compared first. Halves apart, nodes whose slots start alike still differ in all 32 bits
         * compared, and two different nodes with equal hashes are as rare as 64-bit collisions: when
         * the table kept the one 32-bit hash that also picked the slot, they came about once in 2¹¹
         * probes past a full slot, and the first of them in a large program made the JIT throw away
         * the code it had compiled for the build (an "unstable if" at that comparison, never taken
         * until then), which the build of 10⁶ nodes then ran without for a hundred milliseconds.
         */
        private static long hash(int c, int l, int r, int t, long paramBits) {
            // every bit of every field reaches the low bits, which pick the slot: a polynomial of
            // small multipliers maps the neighbouring operands of a large program onto a few long runs
            long h = ((((long) c * 0x9E3779B97F4A7C15L + l) * 0x9E3779B97F4A7C15L + r) * 0x9E3779B97F4A7C15L + t)
                    * 0x9E3779B97F4A7C15L + paramBits;
            h = (h ^ (h >>> 32)) * 0xD6E8FEB86659FD93L;
            return h ^ (h >>> 32);
        }

        private void rehash() {
            long[] old = merged;
            merged = new long[old.length * 2];
            int mask = merged.length - 1;
            for (long found : old) {
                if (found != 0) {
                    int j = (int) found - 1;
                    int i = (int) hash(code[j], left[j], right[j], third[j], Double.doubleToLongBits(param[j])) & mask;
                    while (merged[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    merged[i] = found;
                }
            }
        }

        /**
         * Keeps the inputs and the nodes the outputs reach, renumbering operands and {@code out}:
         * folding leaves behind the constants it consumed, which no sweep should visit.
         */
        void removeDead(int inputCount, int[] out) {
            boolean[] live = live(inputCount, out);
            int[] renumbered = new int[size];
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (live[i]) {
                    renumbered[i] = n;
                    code[n] = code[i];
                    left[n] = left[i] >= 0 ? renumbered[left[i]] : -1;
                    right[n] = right[i] >= 0 ? renumbered[right[i]] : -1;
                    third[n] = third[i] >= 0 ? renumbered[third[i]] : -1;
                    param[n] = param[i];
                    custom[n] = custom[i];
                    n++;
                }
            }
            size = n;
            for (int k = 0; k < out.length; k++) {
                out[k] = renumbered[out[k]];
            }
        }

        /** {@return which nodes are live: the inputs, the nodes {@code out} and the nodes they depend on} */
        boolean[] live(int inputCount, int[] out) {
            boolean[] live = new boolean[size];
            Arrays.fill(live, 0, inputCount, true);
            for (int o : out) {
                live[o] = true;
            }
            for (int i = size - 1; i >= inputCount; i--) { // operands precede users: one backward pass
                if (live[i]) {
                    if (left[i] >= 0) {
                        live[left[i]] = true;
                    }
                    if (right[i] >= 0) {
                        live[right[i]] = true;
                    }
                    if (third[i] >= 0) {
                        live[third[i]] = true;
                    }
                }
            }
            return live;
        }

        int add(int c, int l, int r, int t, double p, CustomOperation op) {
            if (size == code.length) {
                int n = size * 2;
                code = Arrays.copyOf(code, n);
                left = Arrays.copyOf(left, n);
                right = Arrays.copyOf(right, n);
                third = Arrays.copyOf(third, n);
                param = Arrays.copyOf(param, n);
                custom = Arrays.copyOf(custom, n);
                if (merge) {
                    users = Arrays.copyOf(users, n);
                    tabled = Arrays.copyOf(tabled, n);
                }
            }
            code[size] = c;
            left[size] = l;
            right[size] = r;
            third[size] = t;
            param[size] = p;
            custom[size] = op;
            return size++;
        }
    }
}
