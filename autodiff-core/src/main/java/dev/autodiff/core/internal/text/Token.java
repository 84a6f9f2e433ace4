package dev.autodiff.core.internal.text;

/** A lexical token of expression text, with its 0-based start offset. */
record Token(Kind kind, String text, int start) {
    enum Kind { NUMBER, IDENT, QUOTED, REF, SYMBOL, END }

    boolean is(String symbol) {
        return kind == Kind.SYMBOL && text.equals(symbol);
    }

    int column() {
        return start + 1;
    }

    /** {@return the token as quoted in error messages} */
    String shown() {
        return kind == Kind.END ? "end of input" : "'" + text + "'";
    }
}
