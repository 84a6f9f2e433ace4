package dev.autodiff.core.internal.text;

import dev.autodiff.core.Primitive;
import java.util.HashSet;
import java.util.Set;

/** Which names are plain identifiers and which are taken by functions and constants of the language. */
public final class Names {
    private static final Set<String> RESERVED = new HashSet<>();

    static {
        for (Primitive p : Primitive.values()) {
            if (p.isFunction()) {
                RESERVED.add(p.symbol());
            }
        }
        RESERVED.add("pow");
        RESERVED.add(Printer.DIGAMMA);
        RESERVED.add(Printer.TRIGAMMA);
        RESERVED.add("pi");
        RESERVED.add("e");
        RESERVED.add("inf");
        RESERVED.add("nan");
    }

    private Names() {}

    /** {@return whether {@code s} matches {@code [A-Za-z_][A-Za-z0-9_]*}} */
    public static boolean isIdentifier(String s) {
        if (s.isEmpty() || !isIdentifierStart(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isIdentifierPart(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@return whether {@code s} names a built-in function or constant} */
    public static boolean isReserved(String s) {
        return RESERVED.contains(s);
    }

    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }
}
