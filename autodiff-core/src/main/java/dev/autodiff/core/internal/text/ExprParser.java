package dev.autodiff.core.internal.text;

import dev.autodiff.core.Binary;
import dev.autodiff.core.Constant;
import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Expr;
import dev.autodiff.core.ParseException;
import dev.autodiff.core.Primitive;
import dev.autodiff.core.Unary;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses infix expression text by operator precedence with explicit operand and operator stacks
 * (Dijkstra's shunting yard), so neither input length nor nesting depth touches the thread stack.
 *
 * <p>Grammar: {@code program := ($k '=' expr ';')* expr}; the comparisons {@code < <= > >=} bind
 * loosest and do not chain, then {@code + -}, then {@code * /}, then prefix minus and plus, then
 * right-associative {@code ^}. A minus directly before a number literal or one of the constants
 * {@code inf}, {@code pi}, {@code e} that is not raised to a power reads as a negative constant,
 * which is how {@link Printer} prints negative constants; a prefix plus changes nothing. An
 * identifier followed by indices, {@code x[1]}, is one variable's name.
 */
public final class ExprParser {
    private final List<Token> tokens;
    private final Map<String, CustomOperation> customs = new HashMap<>();
    private final Map<String, Expr> definitions = new HashMap<>();
    private int pos;

    private ExprParser(List<Token> tokens, List<CustomOperation> operations) {
        this.tokens = tokens;
        for (CustomOperation op : operations) {
            customs.put(op.name(), op);
        }
    }

    /** {@return the expression {@code text} denotes} @throws ParseException on bad input */
    public static Expr parse(String text, List<CustomOperation> operations) {
        Objects.requireNonNull(text, "text");
        return new ExprParser(Lexer.tokens(text), operations).program();
    }

    private Expr program() {
        while (peek(0).kind() == Token.Kind.REF && peek(1).is("=")) {
            Token name = next();
            next();
            if (definitions.containsKey(name.text())) {
                throw error(name, name.text() + " is defined twice");
            }
            Expr value = expression();
            Token end = next();
            if (!end.is(";")) {
                throw error(end, "expected ';' after the definition of " + name.text() + " but found " + end.shown());
            }
            definitions.put(name.text(), value);
        }
        Expr result = expression();
        Token end = next();
        if (end.kind() != Token.Kind.END) {
            throw error(end, "expected an operator or end of input but found " + end.shown());
        }
        return result;
    }

    /** An entry of the operator stack: a pending operator, or an open parenthesis or call. */
    private static final class Pending {
        final Token token;
        final Primitive op; // ADD..POW, NEG, or the called primitive; null for '(' and custom calls
        final CustomOperation custom;
        final boolean opener;
        int arguments = 1;

        Pending(Token token, Primitive op, CustomOperation custom, boolean opener) {
            this.token = token;
            this.op = op;
            this.custom = custom;
            this.opener = opener;
        }

        int arity() {
            return custom != null ? 1 : op.arity();
        }

        String callee() {
            return custom != null ? custom.name() : op == Primitive.POW ? "pow" : op.symbol();
        }
    }

    /** Parses one expression, stopping before ';' or end of input at nesting depth 0. */
    private Expr expression() {
        List<Expr> operands = new ArrayList<>();
        List<Pending> ops = new ArrayList<>();
        boolean expectOperand = true;
        while (true) {
            Token t = peek(0);
            if (expectOperand) {
                next();
                expectOperand = operand(t, operands, ops);
                continue;
            }
            if (t.kind() == Token.Kind.END || t.is(";")) {
                break;
            }
            next();
            Primitive binary = infix(t);
            if (binary != null) {
                int level = Printer.precedence(binary);
                boolean right = binary == Primitive.POW;
                while (!ops.isEmpty() && !last(ops).opener) {
                    if (binary.isComparison() && last(ops).op.isComparison()) {
                        throw error(t, "comparisons do not chain: write (a < b) * (b < c) or use parentheses");
                    }
                    int top = Printer.precedence(last(ops).op);
                    if (top > level || (top == level && !right)) {
                        reduce(operands, ops);
                    } else {
                        break;
                    }
                }
                ops.add(new Pending(t, binary, null, false));
                expectOperand = true;
            } else if (t.is(",")) {
                Pending call = closeTo(operands, ops, t);
                if (call.op == null && call.custom == null) {
                    throw error(t, "',' outside a function call");
                }
                if (++call.arguments > call.arity()) {
                    throw error(t, call.callee() + " takes " + call.arity() + " argument" + (call.arity() == 1 ? "" : "s"));
                }
                expectOperand = true;
            } else if (t.is(")")) {
                Pending open = closeTo(operands, ops, t);
                ops.remove(ops.size() - 1);
                if (open.op != null || open.custom != null) {
                    if (open.arguments != open.arity()) {
                        throw error(t, open.callee() + " takes " + open.arity() + " arguments but got " + open.arguments);
                    }
                    operands.add(call(open, operands));
                }
            } else {
                throw error(t, "expected an operator or ')' but found " + t.shown());
            }
        }
        while (!ops.isEmpty()) {
            Pending p = last(ops);
            if (p.opener) {
                throw error(p.token, "'(' opened here is never closed");
            }
            reduce(operands, ops);
        }
        return operands.get(0);
    }

    /** Reads an operand token; {@return whether an operand is still expected} (after a prefix). */
    private boolean operand(Token t, List<Expr> operands, List<Pending> ops) {
        switch (t.kind()) {
            case NUMBER -> operands.add(Constant.of(number(t)));
            case QUOTED -> operands.add(Variable.of(t.text()));
            case REF -> {
                Expr e = definitions.get(t.text());
                if (e == null) {
                    throw error(t, t.text() + " is not defined");
                }
                operands.add(e);
            }
            case IDENT -> {
                return identifier(t, operands, ops);
            }
            case SYMBOL -> {
                if (t.is("(")) {
                    ops.add(new Pending(t, null, null, true));
                    return true;
                }
                if (t.is("+")) {
                    return true; // a prefix plus is the identity: +x is x
                }
                if (t.is("-")) {
                    double literal = negativeLiteral();
                    if (!Double.isNaN(literal)) {
                        operands.add(Constant.of(literal));
                        return false;
                    }
                    ops.add(new Pending(t, Primitive.NEG, null, false));
                    return true;
                }
                throw expectedOperand(t);
            }
            case END -> throw expectedOperand(t);
        }
        return false;
    }

    /** Consumes and {@return the value of a negative literal after a '-', or NaN if there is none} */
    private double negativeLiteral() {
        Token n = peek(0);
        double named = n.kind() == Token.Kind.IDENT ? namedConstant(n.text()) : Double.NaN;
        boolean literal = n.kind() == Token.Kind.NUMBER || (!Double.isNaN(named) && !peek(1).is("("));
        if (!literal || peek(1).is("^")) {
            return Double.NaN;
        }
        next();
        return -(n.kind() == Token.Kind.NUMBER ? number(n) : named);
    }

    /** {@return the value of {@code pi}, {@code e} or {@code inf}; NaN for any other name ({@code nan} included)} */
    private static double namedConstant(String name) {
        return switch (name) {
            case "pi" -> Math.PI;
            case "e" -> Math.E;
            case "inf" -> Double.POSITIVE_INFINITY;
            default -> Double.NaN;
        };
    }

    /**
     * {@return the value of a number token}, refusing one that a double cannot hold rather than
     * silently reading it as infinity or zero
     */
    private static double number(Token t) {
        double v = Double.parseDouble(t.text());
        if (Double.isInfinite(v)) {
            throw error(t, "the number is too large for a double (the largest is " + Double.MAX_VALUE
                    + "); write inf for infinity");
        }
        if (v == 0 && hasNonZeroDigit(t.text())) {
            throw error(t, "the number is too small for a double (the smallest is " + Double.MIN_VALUE
                    + "); write 0 for zero");
        }
        return v;
    }

    private static boolean hasNonZeroDigit(String number) {
        for (int i = 0; i < number.length() && Character.toLowerCase(number.charAt(i)) != 'e'; i++) {
            if (number.charAt(i) >= '1' && number.charAt(i) <= '9') {
                return true;
            }
        }
        return false;
    }

    private boolean identifier(Token t, List<Expr> operands, List<Pending> ops) {
        String name = t.text();
        CustomOperation custom = customs.get(name);
        if (custom != null && !peek(0).is("(")) {
            // custom names are not reserved, so a variable may share one and prints bare: a name
            // not followed by '(' is that variable
            custom = null;
        }
        Primitive function = name.equals("pow") ? Primitive.POW : Primitive.function(name).orElse(null);
        if (custom == null && (name.equals(Printer.DIGAMMA) || name.equals(Printer.TRIGAMMA))) {
            Token open = next();
            if (!open.is("(")) {
                throw error(open, "expected '(' after the function " + name + " but found " + open.shown());
            }
            // polygamma of a fixed order: the order goes in first, as polygamma(n, x) reads
            operands.add(Constant.of(name.equals(Printer.DIGAMMA) ? 0 : 1));
            ops.add(new Pending(t, Primitive.POLYGAMMA, null, true));
            ops.get(ops.size() - 1).arguments = 2; // the order counts as the first argument
            return true;
        }
        if (custom != null || function != null) {
            Token open = next();
            if (!open.is("(")) {
                throw error(open, "expected '(' after the function " + name + " but found " + open.shown());
            }
            ops.add(new Pending(t, custom != null ? null : function, custom, true));
            return true;
        }
        if (peek(0).is("(")) {
            throw error(t, unknownFunction(name));
        }
        double named = namedConstant(name);
        operands.add(!Double.isNaN(named) ? Constant.of(named) : name.equals("nan") ? Constant.of(Double.NaN) : Variable.of(name));
        return false;
    }

    /** {@return the message for a call of {@code name}, which is no function: a suggestion and the known ones} */
    private String unknownFunction(String name) {
        List<String> known = new ArrayList<>(Names.functions());
        List<String> custom = new ArrayList<>(customs.keySet());
        custom.sort(null);
        known.addAll(custom);
        StringBuilder m = new StringBuilder("unknown function ").append(name);
        Optional<String> suggestion = Names.suggestion(name, known);
        suggestion.ifPresent(s -> m.append("; did you mean ").append(s).append('?'));
        m.append(suggestion.isPresent() ? " The functions are " : "; the functions are ")
                .append(String.join(", ", Names.functions()));
        if (custom.isEmpty()) {
            m.append("; custom operations are known when passed to Expr.parse(text, operations)");
        } else {
            m.append("; custom operations: ").append(String.join(", ", custom));
        }
        return m.toString();
    }

    /** Reduces pending operators down to the innermost opener, which stays on the stack. */
    private Pending closeTo(List<Expr> operands, List<Pending> ops, Token t) {
        while (!ops.isEmpty() && !last(ops).opener) {
            reduce(operands, ops);
        }
        if (ops.isEmpty()) {
            throw error(t, t.is(")") ? "')' without a matching '('" : "',' outside a function call");
        }
        return last(ops);
    }

    private static void reduce(List<Expr> operands, List<Pending> ops) {
        Pending p = ops.remove(ops.size() - 1);
        if (p.op == Primitive.NEG) {
            operands.add(pop(operands).unaryMinus());
        } else {
            Expr right = pop(operands);
            Expr left = pop(operands);
            operands.add(Binary.of(p.op, left, right));
        }
    }

    private Expr call(Pending f, List<Expr> operands) {
        if (f.custom != null) {
            return f.custom.invoke(pop(operands));
        }
        if (f.op.arity() == 1) {
            return Unary.of(f.op, pop(operands));
        }
        if (f.op == Primitive.IF_ELSE) {
            Expr whenFalse = pop(operands);
            Expr whenTrue = pop(operands);
            return Expr.ifElse(pop(operands), whenTrue, whenFalse);
        }
        Expr right = pop(operands);
        Expr left = pop(operands);
        if (f.op.hasConstantOrder() && !(left instanceof Constant)) {
            throw error(f.token, "the order of " + f.callee() + " must be a number, as in polygamma(2, x)");
        }
        try {
            return Binary.of(f.op, left, right);
        } catch (IllegalArgumentException e) {
            throw error(f.token, e.getMessage());
        }
    }

    private static Primitive infix(Token t) {
        if (t.kind() != Token.Kind.SYMBOL) {
            return null;
        }
        return switch (t.text()) {
            case "+" -> Primitive.ADD;
            case "-" -> Primitive.SUB;
            case "*" -> Primitive.MUL;
            case "/" -> Primitive.DIV;
            case "^" -> Primitive.POW;
            case "<" -> Primitive.LESS;
            case "<=" -> Primitive.LESS_OR_EQUAL;
            case ">" -> Primitive.GREATER;
            case ">=" -> Primitive.GREATER_OR_EQUAL;
            default -> null;
        };
    }

    private static Expr pop(List<Expr> operands) {
        return operands.remove(operands.size() - 1);
    }

    private static Pending last(List<Pending> ops) {
        return ops.get(ops.size() - 1);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = peek(0);
        if (pos < tokens.size() - 1) {
            pos++;
        }
        return t;
    }

    private static ParseException expectedOperand(Token t) {
        return error(t, "expected a number, variable, function or '(' but found " + t.shown());
    }

    private static ParseException error(Token t, String problem) {
        return new ParseException(t.column(), t.kind() == Token.Kind.END ? "end of input" : t.text(), problem);
    }
}
