package dev.autodiff.core;

import dev.autodiff.core.internal.text.Names;

/**
 * Bad input to {@link Expr#parse(String)}: the message names the 1-based column and the offending
 * text, for example {@code column 8 at ')': atan2 takes 2 arguments but got 1}.
 */
public final class ParseException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The 1-based column of the offending text. */
    private final int column;
    /** The offending text, or {@code end of input}. */
    private final String offendingText;

    /**
     * Creates the exception.
     *
     * @param column the 1-based column of the offending text
     * @param offendingText the text found there, or {@code end of input}
     * @param problem what was expected
     */
    public ParseException(int column, String offendingText, String problem) {
        super(visible("column " + column + " at "
                + (offendingText.equals("end of input") ? offendingText : "'" + offendingText + "'") + ": " + problem));
        this.column = column;
        this.offendingText = offendingText;
    }

    /** {@return {@code text} with each invisible character (controls, format characters) shown as {@code U+XXXX}} */
    private static String visible(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Names.isInvisible(c)) {
                sb.append(String.format("U+%04X", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    /** {@return the 1-based column where the problem was found} */
    public int column() {
        return column;
    }

    /** {@return the offending text} */
    public String offendingText() {
        return offendingText;
    }
}
