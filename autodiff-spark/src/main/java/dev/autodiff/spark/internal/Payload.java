package dev.autodiff.spark.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * What travels to the executors for a record function: the compilation mode, the names of the
 * variables and of the parameters, and the expression's text, as one string. No Java object graph,
 * no generated class: an executor parses and compiles the text itself ({@link KernelCache}).
 *
 * <p>The form is {@code autodiff-record/1 MODE n name₁ … nameₙ m name₁ … nameₘ text}, fields
 * separated by one space, each name and the text written as {@code length:characters} so that any
 * character (spaces, new lines, colons) survives. {@link #decode} refuses anything else with an
 * {@link IllegalArgumentException} that says where and what it expected.
 *
 * @param reverse whether the function is compiled by reverse mode (else forward)
 * @param variables the names of the differentiated variables, in order
 * @param parameters the names of the data parameters, in order
 * @param expression the expression's text, as {@code Expr.toString} prints it
 */
public record Payload(boolean reverse, List<String> variables, List<String> parameters, String expression) {
    /** The first field of every payload: the format and its version. */
    public static final String HEADER = "autodiff-record/1";
    private static final String REVERSE = "REVERSE";
    private static final String FORWARD = "FORWARD";
    /** Far more names than any function compiles; a larger count is a corrupt payload. */
    private static final int MAX_NAMES = 1 << 20;

    /** Copies the lists. */
    public Payload {
        variables = List.copyOf(variables);
        parameters = List.copyOf(parameters);
    }

    /** {@return this payload as its one-string form} */
    public String encode() {
        StringBuilder out = new StringBuilder(expression.length() + 64);
        out.append(HEADER).append(' ').append(reverse ? REVERSE : FORWARD);
        names(out, variables);
        names(out, parameters);
        out.append(' ');
        field(out, expression);
        return out.toString();
    }

    private static void names(StringBuilder out, List<String> names) {
        out.append(' ').append(names.size());
        for (String name : names) {
            out.append(' ');
            field(out, name);
        }
    }

    private static void field(StringBuilder out, String s) {
        out.append(s.length()).append(':').append(s);
    }

    /**
     * {@return the payload {@code text} encodes}
     *
     * @param text a string made by {@link #encode}
     * @throws IllegalArgumentException naming the character where {@code text} departs from the form
     */
    public static Payload decode(String text) {
        if (text == null) {
            throw new IllegalArgumentException("malformed record-function payload: expected text, got null");
        }
        Reader r = new Reader(text);
        r.expect(HEADER, "the header " + HEADER);
        r.space();
        boolean reverse;
        if (r.startsWith(REVERSE)) {
            r.expect(REVERSE, REVERSE);
            reverse = true;
        } else {
            r.expect(FORWARD, "the mode " + REVERSE + " or " + FORWARD);
            reverse = false;
        }
        List<String> variables = r.names("variables");
        List<String> parameters = r.names("parameters");
        r.space();
        String expression = r.field("the expression");
        r.end();
        return new Payload(reverse, variables, parameters, expression);
    }

    /** Reads the form left to right, failing with the position and what it expected there. */
    private static final class Reader {
        private final String text;
        private int at;

        Reader(String text) {
            this.text = text;
        }

        boolean startsWith(String s) {
            return text.startsWith(s, at);
        }

        void expect(String s, String what) {
            if (!text.startsWith(s, at)) {
                throw fail(what);
            }
            at += s.length();
        }

        void space() {
            expect(" ", "a space");
        }

        int number(String what) {
            int start = at;
            while (at < text.length() && at - start < 10 && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            if (at == start) {
                throw fail(what);
            }
            long n = Long.parseLong(text.substring(start, at));
            if (n > Integer.MAX_VALUE) {
                at = start;
                throw fail(what + " below 2^31");
            }
            return (int) n;
        }

        String field(String what) {
            int length = number("the length of " + what);
            expect(":", "':' after the length of " + what);
            if (length > text.length() - at) {
                throw fail(what + " of " + length + " characters, but only " + (text.length() - at) + " remain");
            }
            String s = text.substring(at, at + length);
            at += length;
            return s;
        }

        List<String> names(String what) {
            space();
            int n = number("the number of " + what);
            if (n > MAX_NAMES) {
                throw fail("at most " + MAX_NAMES + " " + what + ", not " + n);
            }
            List<String> names = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                space();
                names.add(field("the name of " + what + " " + i));
            }
            return names;
        }

        void end() {
            if (at != text.length()) {
                throw fail("the end of the payload");
            }
        }

        IllegalArgumentException fail(String expected) {
            int to = Math.min(text.length(), at + 20);
            String found = at >= text.length() ? "the end" : "'" + text.substring(at, to) + (to < text.length() ? "…" : "")
                    + "'";
            return new IllegalArgumentException("malformed record-function payload at character " + (at + 1)
                    + ": expected " + expected + ", got " + found);
        }
    }
}
