package dev.autodiff.core.internal.text;

import dev.autodiff.core.Primitive;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which names are plain identifiers, which are taken by functions and constants of the language,
 * and which function a mistyped name probably meant.
 */
public final class Names {
    private static final Set<String> RESERVED = new HashSet<>();

    /** The built-in function names, sorted: every function {@link Primitive} and {@code pow}. */
    private static final List<String> FUNCTIONS;

    /** Spellings of other languages and textbooks, mapped to ours. */
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("ln", "log"), Map.entry("lg", "log10"),
            Map.entry("arcsin", "asin"), Map.entry("arccos", "acos"), Map.entry("arctan", "atan"),
            Map.entry("arctan2", "atan2"), Map.entry("arsinh", "asinh"), Map.entry("arcosh", "acosh"),
            Map.entry("artanh", "atanh"), Map.entry("arcsinh", "asinh"), Map.entry("arccosh", "acosh"),
            Map.entry("arctanh", "atanh"), Map.entry("tg", "tan"), Map.entry("power", "pow"),
            Map.entry("maximum", "max"), Map.entry("minimum", "min"), Map.entry("fabs", "abs"),
            Map.entry("if", "ifElse"), Map.entry("where", "ifElse"), Map.entry("cuberoot", "cbrt"));

    static {
        List<String> functions = new ArrayList<>();
        for (Primitive p : Primitive.values()) {
            if (p.isFunction()) {
                functions.add(p.symbol());
            }
        }
        functions.add("pow");
        functions.add(Printer.DIGAMMA);
        functions.add(Printer.TRIGAMMA);
        functions.sort(null);
        FUNCTIONS = List.copyOf(functions);
        RESERVED.addAll(FUNCTIONS);
        RESERVED.add("pi");
        RESERVED.add("e");
        RESERVED.add("inf");
        RESERVED.add("nan");
    }

    private Names() {}

    /** {@return whether {@code s} matches {@code [A-Za-z_][A-Za-z0-9_]*}} */
    public static boolean isIdentifier(String s) {
        return identifierEnd(s) == s.length() && !s.isEmpty();
    }

    /**
     * {@return whether {@code s} prints without back-quotes}: an identifier that is not a reserved
     * name, or an identifier followed by one or more indices in brackets ({@code x[1]},
     * {@code w[2][0]}), which the lexer reads as one name whatever the identifier
     */
    public static boolean isPlainName(String s) {
        int end = identifierEnd(s);
        if (end == 0) {
            return false;
        }
        if (end == s.length()) {
            return !isReserved(s);
        }
        return indicesEnd(s, end) == s.length();
    }

    /**
     * {@return whether the code point {@code c} shows nothing when printed}: a control or format
     * character, or one Unicode leaves unassigned; messages name such characters as {@code U+XXXX}
     */
    public static boolean isInvisible(int c) {
        return Character.isISOControl(c) || Character.getType(c) == Character.FORMAT || !Character.isDefined(c);
    }

    /** {@return whether {@code s} names a built-in function or constant} */
    public static boolean isReserved(String s) {
        return RESERVED.contains(s);
    }

    /** {@return the built-in function names, sorted} */
    public static List<String> functions() {
        return FUNCTIONS;
    }

    /**
     * {@return the known function {@code name} probably stands for}: its usual alias ({@code ln} for
     * {@code log}), the same name in another case, or the closest by edit distance within 1 edit
     * for names of up to 4 letters and 2 for longer ones
     */
    public static Optional<String> suggestion(String name, List<String> known) {
        String alias = ALIASES.get(name.toLowerCase(Locale.ROOT));
        if (alias != null && known.contains(alias)) {
            return Optional.of(alias);
        }
        String best = null;
        int bestDistance = name.length() <= 4 ? 1 : 2;
        for (String k : known) {
            if (k.equalsIgnoreCase(name)) {
                return Optional.of(k);
            }
            int d = distance(name, k);
            if (d < bestDistance || (d == bestDistance && best == null)) {
                best = k;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@return the Levenshtein distance of {@code a} and {@code b}}, in one row of memory */
    static int distance(String a, String b) {
        int[] row = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            row[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int diagonal = row[0];
            row[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int above = row[j];
                int substitute = diagonal + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                row[j] = Math.min(substitute, Math.min(above, row[j - 1]) + 1);
                diagonal = above;
            }
        }
        return row[b.length()];
    }

    /** {@return the end of the identifier at the start of {@code s}, 0 if there is none} */
    private static int identifierEnd(String s) {
        if (s.isEmpty() || !isIdentifierStart(s.charAt(0))) {
            return 0;
        }
        int i = 1;
        while (i < s.length() && isIdentifierPart(s.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * {@return the end of the indices {@code [digits]...} from {@code i}}: {@code i} itself when
     * none starts there, or {@code ~k} (negative) when the {@code [} at {@code k} opens no
     * well-formed index
     */
    static int indicesEnd(String s, int i) {
        while (i < s.length() && s.charAt(i) == '[') {
            int j = i + 1;
            while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                j++;
            }
            if (j == i + 1 || j >= s.length() || s.charAt(j) != ']') {
                return ~i;
            }
            i = j + 1;
        }
        return i;
    }

    static boolean isIdentifierStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isIdentifierPart(char c) {
        return isIdentifierStart(c) || (c >= '0' && c <= '9');
    }
}
