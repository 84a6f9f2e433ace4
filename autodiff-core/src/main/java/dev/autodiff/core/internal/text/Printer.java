package dev.autodiff.core.internal.text;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Call;
import dev.autodiff.core.Constant;
import dev.autodiff.core.Expr;
import dev.autodiff.core.IfElse;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Unary;
import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.graph.Traversal;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Prints expressions as infix text with minimal parentheses that {@link ExprParser} reads back.
 *
 * <p>A non-leaf node used by two or more parents is printed once as a definition
 * {@code $k = ...;} and referred to as {@code $k} after, so the output stays linear in the number of
 * distinct nodes. Printing uses an explicit stack, never recursion.
 */
public final class Printer {
    /** Precedence levels; an operand printed where a higher level is required gets parentheses. */
    static final int COMPARISON = 1;
    static final int SUM = 2;
    static final int PRODUCT = 3;
    static final int PREFIX = 4;
    static final int POWER = 5;
    static final int ATOM = 6;

    /** The names of polygamma's orders 0 and 1, which print and parse as one-argument functions. */
    static final String DIGAMMA = "digamma";
    static final String TRIGAMMA = "trigamma";

    private Printer() {}

    /** A node to print where its text must have at least precedence {@code min}. */
    private record Frame(Expr node, int min) {}

    /** {@return the infix text of {@code root}} */
    public static String print(Expr root) {
        Traversal.Order order = Traversal.order(List.of(root));
        int n = order.nodes.size();
        int[] uses = new int[n];
        for (int k = 0; k < n; k++) {
            int arity = Traversal.arity(order.nodes.get(k));
            for (int j = 0; j < arity; j++) {
                uses[order.operand(k, j)]++;
            }
        }
        String[] names = new String[n];
        int named = 0;
        StringBuilder out = new StringBuilder();
        for (int k = 0; k < n; k++) {
            Expr e = order.nodes.get(k);
            if (e != root && !Traversal.isLeaf(e) && uses[k] > 1) {
                String name = "$" + (++named);
                out.append(name).append(" = ");
                emit(e, order, names, out);
                out.append("; ");
                names[k] = name;
            }
        }
        emit(root, order, names, out);
        return out.toString();
    }

    /** Whole numbers below this magnitude print without a fraction: each is exactly a double. */
    private static final double WHOLE = 0x1p53;

    /**
     * {@return how a constant prints}: the shortest text that reads back to the same double,
     * chosen to read well. {@code nan} and {@code inf}; {@code e} and {@code pi} for exactly
     * {@link Math#E} and {@link Math#PI}; whole numbers below 2^53 in magnitude without a fraction
     * ({@code 2}, not {@code 2.0}), except {@code -0.0}; any other as {@link Double#toString}, which
     * reads back exactly. Negative values print in parentheses, {@code (-2)}, the form the parser
     * reads as one negative constant.
     */
    public static String constant(double v) {
        String text;
        if (Double.isNaN(v)) {
            text = "nan";
        } else if (Double.isInfinite(v)) {
            text = v > 0 ? "inf" : "-inf";
        } else if (Math.abs(v) == Math.E) {
            text = v > 0 ? "e" : "-e";
        } else if (Math.abs(v) == Math.PI) {
            text = v > 0 ? "pi" : "-pi";
        } else if (v == Math.rint(v) && Math.abs(v) < WHOLE && !isNegativeZero(v)) {
            text = Long.toString((long) v);
        } else {
            text = Double.toString(v);
        }
        return text.startsWith("-") ? "(" + text + ")" : text;
    }

    private static boolean isNegativeZero(double v) {
        return Double.doubleToRawLongBits(v) == Long.MIN_VALUE;
    }

    /**
     * {@return how a variable prints}: its name when the lexer reads it back as one name (an
     * identifier that is not reserved, or one followed by indices as {@code x[1]}), else its name
     * back-quoted
     */
    public static String variable(String name) {
        return Names.isPlainName(name) ? name : "`" + name + "`";
    }

    private static void emit(Expr top, Traversal.Order order, String[] names, StringBuilder out) {
        ArrayDeque<Object> stack = new ArrayDeque<>();
        stack.push(new Frame(top, 0));
        boolean first = true; // the top node itself is expanded even when it has a name
        while (!stack.isEmpty()) {
            Object item = stack.pop();
            if (item instanceof String s) {
                out.append(s);
                continue;
            }
            Frame f = (Frame) item;
            Expr e = f.node();
            String name = first ? null : names[order.positionOf(e)];
            first = false;
            if (name != null) {
                out.append(name);
            } else if (e instanceof Constant c) {
                out.append(constant(c.value()));
            } else if (e instanceof Variable v) {
                out.append(variable(v.name()));
            } else if (e instanceof Call c) {
                // pushed in reverse: name( argument )
                stack.push(")");
                stack.push(new Frame(c.argument(), 0));
                out.append(c.operation().name()).append('(');
            } else if (e instanceof Unary u) {
                pushUnary(u, f.min(), stack, out);
            } else if (e instanceof Binary b) {
                pushBinary(b, f.min(), stack, out);
            } else if (e instanceof IfElse b) {
                stack.push(")");
                stack.push(new Frame(b.whenFalse(), 0));
                stack.push(", ");
                stack.push(new Frame(b.whenTrue(), 0));
                stack.push(", ");
                stack.push(new Frame(b.condition(), 0));
                out.append(Primitive.IF_ELSE.symbol()).append('(');
            }
        }
    }

    private static void pushUnary(Unary u, int min, ArrayDeque<Object> stack, StringBuilder out) {
        if (u.op() != Primitive.NEG) {
            stack.push(")");
            stack.push(new Frame(u.operand(), 0));
            out.append(u.op().symbol()).append('(');
            return;
        }
        boolean parens = PREFIX < min;
        if (parens) {
            stack.push(")");
        }
        // "-2.0" reads back as the constant -2; the negation of the constant 2 prints as "-(2.0)".
        if (u.operand() instanceof Constant c && !constant(c.value()).startsWith("(")) {
            stack.push(")");
            stack.push(new Frame(c, 0));
            stack.push("(");
        } else {
            stack.push(new Frame(u.operand(), PREFIX));
        }
        out.append(parens ? "(-" : "-");
    }

    private static void pushBinary(Binary b, int min, ArrayDeque<Object> stack, StringBuilder out) {
        Primitive op = b.op();
        if (op == Primitive.POLYGAMMA && b.left() instanceof Constant order && order.value() < 2) {
            // the orders with names of their own: digamma(x) and trigamma(x)
            stack.push(")");
            stack.push(new Frame(b.right(), 0));
            out.append(order.value() == 0 ? DIGAMMA : TRIGAMMA).append('(');
            return;
        }
        if (!op.isInfix()) {
            stack.push(")");
            stack.push(new Frame(b.right(), 0));
            stack.push(", ");
            stack.push(new Frame(b.left(), 0));
            out.append(op.symbol()).append('(');
            return;
        }
        int level = precedence(op);
        boolean parens = level < min;
        if (parens) {
            stack.push(")");
            out.append('(');
        }
        if (op == Primitive.POW) {
            stack.push(new Frame(b.right(), PREFIX));
            stack.push("^");
            stack.push(new Frame(b.left(), ATOM));
        } else if (op.isComparison()) {
            // comparisons do not chain: a comparison operand on either side gets parentheses
            stack.push(new Frame(b.right(), level + 1));
            stack.push(" " + op.symbol() + " ");
            stack.push(new Frame(b.left(), level + 1));
        } else {
            stack.push(new Frame(b.right(), level + 1));
            stack.push(" " + op.symbol() + " ");
            stack.push(new Frame(b.left(), level));
        }
    }

    static int precedence(Primitive op) {
        return switch (op) {
            case LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL -> COMPARISON;
            case ADD, SUB -> SUM;
            case MUL, DIV -> PRODUCT;
            case NEG -> PREFIX;
            case POW -> POWER;
            default -> ATOM;
        };
    }
}
