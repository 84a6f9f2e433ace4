package dev.autodiff.bench;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A random irregular program: a DAG of mixed primitives over a few dozen variables, with shared
 * subexpressions and no repeated structure for a loop finder to use, drawn from a fixed seed. Its
 * output is the sum of every node no other node uses, so no node is dead.
 *
 * <p>Each node takes its operands mostly from the few dozen nodes before it and sometimes from
 * anywhere earlier (long-range sharing). An operation is kept only where it is finite and well
 * inside its domain at {@link #point()} (log, sqrt of at least 0.1, divisors of at least 0.25 in
 * magnitude, values within ±8), so the gradient there is finite and moderate.
 *
 * <p>Written twice from one node list: as an {@link Expr} and as Java source, straight-line code
 * with one local per node, compiled at run time by javac ({@link #plainJava()}): the plain Java f
 * that a ratio divides by.
 */
public final class RandomDag {
    /** Operations drawn before the sinks are summed: with the sum, about 10⁴ nodes. */
    public static final int OPERATIONS = 8000;
    /** Variables. */
    public static final int VARIABLES = 40;
    /** Nodes per generated method: at most about 30 bytes of bytecode each, so under HotSpot's 8000-byte limit. */
    static final int NODES_PER_METHOD = 200;
    /** Recent nodes an operand is usually drawn from. */
    private static final int WINDOW = 32;

    /** The node kinds; the variables come first. */
    enum Op {
        VARIABLE, ADD, SUB, MUL, DIV, SCALE, SHIFT, SQUARE, NEG, EXP, LOG, LOG1P, SQRT, SIN, COS, TANH, ATAN, SIGMOID, SOFTPLUS;

        boolean binary() {
            return this == ADD || this == SUB || this == MUL || this == DIV;
        }
    }

    /** Operations by weight: arithmetic as often as in real code, then elementary functions. */
    private static final Op[] DRAW = {
        Op.ADD, Op.ADD, Op.ADD, Op.SUB, Op.SUB, Op.MUL, Op.MUL, Op.MUL, Op.DIV, Op.SCALE, Op.SCALE, Op.SHIFT,
        Op.SQUARE, Op.NEG, Op.EXP, Op.LOG, Op.LOG1P, Op.SQRT, Op.SIN, Op.COS, Op.TANH, Op.ATAN, Op.SIGMOID, Op.SOFTPLUS};

    private final List<Op> ops = new ArrayList<>();
    private final List<int[]> operands = new ArrayList<>();
    private final List<Double> constants = new ArrayList<>();
    private final double[] point;

    /** Draws a DAG of {@code operations} operations over {@code variables} variables from {@code seed}. */
    public RandomDag(int variables, int operations, long seed) {
        if (variables < 1 || operations < 1) {
            throw new IllegalArgumentException("expected at least one variable and one operation, got " + variables + " and " + operations);
        }
        SplittableRandom random = new SplittableRandom(seed);
        point = Seeded.uniform(variables, -1.5, 1.5, seed + 1);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < variables; i++) {
            add(Op.VARIABLE, i, -1, 0);
            values.add(point[i]);
        }
        for (int k = 0; k < operations; k++) {
            int n = ops.size();
            boolean drawn = false;
            for (int attempt = 0; attempt < 20 && !drawn; attempt++) {
                Op op = DRAW[random.nextInt(DRAW.length)];
                int a = operand(random, n);
                int b = op.binary() ? operand(random, n) : -1;
                double c = op == Op.SCALE ? (random.nextBoolean() ? 1 : -1) * random.nextDouble(0.5, 2)
                        : op == Op.SHIFT ? random.nextDouble(-2, 2) : 0;
                double va = values.get(a);
                double vb = b < 0 ? 0 : values.get(b);
                double v = apply(op, va, vb, c);
                if (inDomain(op, va, vb) && Math.abs(v) <= 8) {
                    add(op, a, b, c);
                    values.add(v);
                    drawn = true;
                }
            }
            if (!drawn) { // sin is defined and bounded everywhere
                int a = operand(random, n);
                add(Op.SIN, a, -1, 0);
                values.add(Math.sin(values.get(a)));
            }
        }
        int[] readers = readers();
        int total = -1;
        for (int k = variables; k < variables + operations; k++) {
            if (readers[k] == 0) {
                if (total < 0) {
                    total = k;
                } else {
                    add(Op.ADD, total, k, 0);
                    total = ops.size() - 1;
                }
            }
        }
    }

    /** {@return the DAG the benchmarks use: {@value #VARIABLES} variables, {@value #OPERATIONS} operations, a fixed seed} */
    public static RandomDag standard() {
        return new RandomDag(VARIABLES, OPERATIONS, 0xDA6L);
    }

    private void add(Op op, int a, int b, double c) {
        ops.add(op);
        operands.add(new int[] {a, b});
        constants.add(c);
    }

    private static int operand(SplittableRandom random, int n) {
        return random.nextInt(4) != 0 ? n - 1 - random.nextInt(Math.min(WINDOW, n)) : random.nextInt(n);
    }

    private static boolean inDomain(Op op, double a, double b) {
        return switch (op) {
            case LOG, SQRT -> a >= 0.1;
            case LOG1P -> a >= -0.9;
            case DIV -> Math.abs(b) >= 0.25;
            default -> true;
        };
    }

    /** {@return the value of one node}, the arithmetic the generated Java writes */
    private static double apply(Op op, double a, double b, double c) {
        return switch (op) {
            case VARIABLE -> a;
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case SCALE -> a * c;
            case SHIFT -> a + c;
            case SQUARE -> a * a;
            case NEG -> -a;
            case EXP -> Math.exp(a);
            case LOG -> Math.log(a);
            case LOG1P -> Math.log1p(a);
            case SQRT -> Math.sqrt(a);
            case SIN -> Math.sin(a);
            case COS -> Math.cos(a);
            case TANH -> Math.tanh(a);
            case ATAN -> Math.atan(a);
            case SIGMOID -> a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
            case SOFTPLUS -> Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
        };
    }

    /** {@return the number of nodes, variables included} */
    public int size() {
        return ops.size();
    }

    /** {@return the number of variables} */
    public int variables() {
        return point.length;
    }

    /** {@return the point the benchmarks measure at (a copy)} */
    public double[] point() {
        return point.clone();
    }

    /** {@return the number of nodes of each kind, in the order of {@link Op}} */
    int[] histogram() {
        int[] h = new int[Op.values().length];
        for (Op op : ops) {
            h[op.ordinal()]++;
        }
        return h;
    }

    /** {@return how many nodes read each node} */
    int[] readers() {
        int[] readers = new int[ops.size()];
        for (int k = variables(); k < ops.size(); k++) {
            for (int operand : operands.get(k)) {
                if (operand >= 0) {
                    readers[operand]++;
                }
            }
        }
        return readers;
    }

    /** {@return f(x) node by node, in doubles: the reference the tests check both other forms against} */
    public double value(double[] x) {
        double[] v = new double[ops.size()];
        for (int k = 0; k < v.length; k++) {
            int[] o = operands.get(k);
            Op op = ops.get(k);
            v[k] = op == Op.VARIABLE ? x[o[0]] : apply(op, v[o[0]], o[1] < 0 ? 0 : v[o[1]], constants.get(k));
        }
        return v[v.length - 1];
    }

    /** {@return f as an expression of {@code x}, built node by node (each node once, shared by reference)} */
    public Expr expr(List<Variable> x) {
        Expr[] e = new Expr[ops.size()];
        for (int k = 0; k < e.length; k++) {
            int[] o = operands.get(k);
            double c = constants.get(k);
            Expr a = ops.get(k) == Op.VARIABLE ? x.get(o[0]) : e[o[0]];
            Expr b = o[1] < 0 ? a : e[o[1]];
            e[k] = switch (ops.get(k)) {
                case VARIABLE -> a;
                case ADD -> a.plus(b);
                case SUB -> a.minus(b);
                case MUL -> a.times(b);
                case DIV -> a.div(b);
                case SCALE -> a.times(c);
                case SHIFT -> a.plus(c);
                case SQUARE -> a.square();
                case NEG -> a.unaryMinus();
                case EXP -> a.exp();
                case LOG -> a.log();
                case LOG1P -> a.log1p();
                case SQRT -> a.sqrt();
                case SIN -> a.sin();
                case COS -> a.cos();
                case TANH -> a.tanh();
                case ATAN -> a.atan();
                case SIGMOID -> a.sigmoid();
                case SOFTPLUS -> a.softplus();
            };
        }
        return e[e.length - 1];
    }

    /** {@return the variables x[0] … x[n−1]} */
    public List<Variable> variableList() {
        return Expr.variables("x", point.length);
    }

    /** {@return the plain Java f: {@link #javaSource} compiled by javac and instantiated} */
    public ToDoubleFunction<double[]> plainJava() {
        return instantiate(compile().type());
    }

    /** {@return the generated source compiled, with its class files}: once per source in a JVM, javac taking seconds */
    InMemoryJavac.Compiled compile() {
        return COMPILED.computeIfAbsent(javaSource(), source -> InMemoryJavac.compile(CLASS_NAME, source));
    }

    /** Compiled sources, by source text. */
    private static final java.util.Map<String, InMemoryJavac.Compiled> COMPILED = new java.util.concurrent.ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    private static ToDoubleFunction<double[]> instantiate(Class<?> type) {
        try {
            return (ToDoubleFunction<double[]>) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("expected the generated class to have a public no-argument constructor", e);
        }
    }

    private static final String CLASS_NAME = "RandomDagPlain";

    /**
     * {@return Java source of f: straight-line code, one local per node, {@value #NODES_PER_METHOD}
     * nodes per method}; values a later method reads pass through one array, allocated once with
     * the instance
     */
    public String javaSource() {
        int n = ops.size();
        int methods = (n - variables() + NODES_PER_METHOD - 1) / NODES_PER_METHOD;
        int[] lastUse = new int[n];
        for (int k = 0; k < n; k++) {
            if (ops.get(k) != Op.VARIABLE) {
                for (int operand : operands.get(k)) {
                    if (operand >= 0) {
                        lastUse[operand] = Math.max(lastUse[operand], k);
                    }
                }
            }
        }
        StringBuilder s = new StringBuilder();
        s.append("public final class ").append(CLASS_NAME).append(" implements java.util.function.ToDoubleFunction<double[]> {\n");
        s.append("    private final double[] s = new double[").append(n).append("];\n\n");
        s.append("    public double applyAsDouble(double[] x) {\n        double[] s = this.s;\n");
        for (int m = 0; m + 1 < methods; m++) {
            s.append("        m").append(m).append("(x, s);\n");
        }
        s.append("        return m").append(methods - 1).append("(x, s);\n    }\n");
        for (int m = 0; m < methods; m++) {
            int from = variables() + m * NODES_PER_METHOD;
            int to = Math.min(n, from + NODES_PER_METHOD);
            boolean last = to == n;
            s.append("\n    private static ").append(last ? "double" : "void").append(" m").append(m)
                    .append("(double[] x, double[] s) {\n");
            for (int k = from; k < to; k++) {
                s.append("        double t").append(k).append(" = ").append(javaOf(k, from)).append(";\n");
            }
            for (int k = from; k < to; k++) {
                if (lastUse[k] >= to) {
                    s.append("        s[").append(k).append("] = t").append(k).append(";\n");
                }
            }
            if (last) {
                s.append("        return t").append(n - 1).append(";\n");
            }
            s.append("    }\n");
        }
        s.append("""

                    private static double sigmoid(double a) {
                        return a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
                    }

                    private static double softplus(double a) {
                        return Math.max(a, 0) + Math.log1p(Math.exp(-Math.abs(a)));
                    }
                }
                """);
        return s.toString();
    }

    /** {@return node k's operation in Java, reading nodes of this method from locals, others from their array} */
    private String javaOf(int k, int methodStart) {
        int[] o = operands.get(k);
        String a = reference(o[0], methodStart);
        String b = o[1] < 0 ? "" : reference(o[1], methodStart);
        double c = constants.get(k);
        return switch (ops.get(k)) {
            case VARIABLE -> throw new AssertionError("variables precede every method");
            case ADD -> a + " + " + b;
            case SUB -> a + " - " + b;
            case MUL -> a + " * " + b;
            case DIV -> a + " / " + b;
            case SCALE -> a + " * " + literal(c);
            case SHIFT -> a + " + " + literal(c);
            case SQUARE -> a + " * " + a;
            case NEG -> "-" + a;
            case EXP -> "Math.exp(" + a + ")";
            case LOG -> "Math.log(" + a + ")";
            case LOG1P -> "Math.log1p(" + a + ")";
            case SQRT -> "Math.sqrt(" + a + ")";
            case SIN -> "Math.sin(" + a + ")";
            case COS -> "Math.cos(" + a + ")";
            case TANH -> "Math.tanh(" + a + ")";
            case ATAN -> "Math.atan(" + a + ")";
            case SIGMOID -> "sigmoid(" + a + ")";
            case SOFTPLUS -> "softplus(" + a + ")";
        };
    }

    private String reference(int node, int methodStart) {
        if (ops.get(node) == Op.VARIABLE) {
            return "x[" + operands.get(node)[0] + "]";
        }
        return node >= methodStart ? "t" + node : "s[" + node + "]";
    }

    /** {@return c as a Java literal that reads back as the same double, parenthesized when negative} */
    private static String literal(double c) {
        String text = Double.toString(c);
        return c < 0 ? "(" + text + ")" : text;
    }
}
