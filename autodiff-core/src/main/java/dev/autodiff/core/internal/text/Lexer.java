package dev.autodiff.core.internal.text;

import dev.autodiff.core.ParseException;
import java.util.ArrayList;
import java.util.List;

/** Splits expression text into tokens; a loop over characters, never recursion. */
final class Lexer {
    private Lexer() {}

    static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (isDigit(c) || (c == '.' && i + 1 < n && isDigit(text.charAt(i + 1)))) {
                int end = number(text, i);
                out.add(new Token(Token.Kind.NUMBER, text.substring(i, end), i));
                i = end;
            } else if (Names.isIdentifierStart(c)) {
                int end = i + 1;
                while (end < n && Names.isIdentifierPart(text.charAt(end))) {
                    end++;
                }
                // an identifier with indices, x[1] or w[2][0], is one name: the variables of Expr.variables
                int indexed = Names.indicesEnd(text, end);
                if (indexed < 0) {
                    int open = ~indexed;
                    throw new ParseException(open + 1, "[", "expected an index in brackets after " + text.substring(i, open)
                            + ", as in x[1]");
                }
                end = indexed;
                out.add(new Token(Token.Kind.IDENT, text.substring(i, end), i));
                i = end;
            } else if (c == '`') {
                int end = text.indexOf('`', i + 1);
                if (end < 0) {
                    throw new ParseException(i + 1, text.substring(i), "unclosed back-quoted name");
                }
                if (end == i + 1) {
                    throw new ParseException(i + 1, "``", "empty back-quoted name");
                }
                out.add(new Token(Token.Kind.QUOTED, text.substring(i + 1, end), i));
                i = end + 1;
            } else if (c == '$') {
                int end = i + 1;
                while (end < n && isDigit(text.charAt(end))) {
                    end++;
                }
                if (end == i + 1) {
                    throw new ParseException(i + 1, "$", "expected digits after '$' in a shared-subexpression name");
                }
                out.add(new Token(Token.Kind.REF, text.substring(i, end), i));
                i = end;
            } else if ((c == '<' || c == '>') && i + 1 < n && text.charAt(i + 1) == '=') {
                out.add(new Token(Token.Kind.SYMBOL, text.substring(i, i + 2), i));
                i += 2;
            } else if ("+-*/^(),;=<>".indexOf(c) >= 0) {
                out.add(new Token(Token.Kind.SYMBOL, String.valueOf(c), i));
                i++;
            } else {
                int code = text.codePointAt(i);
                if (Names.isInvisible(code)) {
                    // an invisible character is named by its code point, never printed raw
                    String shown = String.format("U+%04X", code);
                    throw new ParseException(i + 1, shown, "unexpected invisible character " + shown);
                }
                String shown = new String(Character.toChars(code));
                throw new ParseException(i + 1, shown, "unexpected character '" + shown + "'");
            }
        }
        out.add(new Token(Token.Kind.END, "", n));
        return out;
    }

    /** {@return the end of the number starting at {@code i}: digits, fraction, exponent} */
    private static int number(String text, int i) {
        int n = text.length();
        int j = i;
        while (j < n && isDigit(text.charAt(j))) {
            j++;
        }
        if (j < n && text.charAt(j) == '.') {
            j++;
            while (j < n && isDigit(text.charAt(j))) {
                j++;
            }
        }
        if (j < n && (text.charAt(j) == 'e' || text.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < n && (text.charAt(k) == '+' || text.charAt(k) == '-')) {
                k++;
            }
            if (k < n && isDigit(text.charAt(k))) {
                j = k;
                while (j < n && isDigit(text.charAt(j))) {
                    j++;
                }
            } else {
                throw new ParseException(i + 1, text.substring(i, Math.min(n, k + 1)),
                        "malformed number: expected digits in the exponent");
            }
        }
        return j;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
