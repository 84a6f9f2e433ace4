package dev.autodiff.core.internal.calls;

import dev.autodiff.core.Variable;
import dev.autodiff.core.internal.program.Program;
import java.util.List;

/** Checks of user arguments, with messages that say what was expected and what came. */
public final class Arguments {
    private Arguments() {}

    /** Throws when {@code list} or one of its elements is null. */
    public static void requireNoNulls(List<?> list, String what) {
        if (list == null) {
            throw new NullPointerException("expected a list of " + what + ", got null");
        }
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == null) {
                throw new NullPointerException("expected " + what + " without nulls, got null at index " + i);
            }
        }
    }

    /**
     * Checks that {@code values} holds one value per input of {@code program}.
     *
     * @param what what the array is, for the message: "point", "direction"
     */
    public static double[] check(double[] values, Program program, String what) {
        // The names go into the message only on failure: building them on every call would cost
        // more than a small function's whole gradient.
        if (values == null || values.length != program.inputCount) {
            check(values, program.inputCount, program.inputNames(), what);
        }
        return values;
    }

    /** The most names listed in full; a longer list shows its first and last few (a message of 10⁵ names helps nobody). */
    static final int LISTED_NAMES = 16;

    /**
     * {@return the names of {@code variables} as error messages and descriptions show them:
     * {@code (x, y)}, or for more than {@value #LISTED_NAMES}, {@code (x[0], …, x[9999]: 10000 names)}
     * with the first twelve and the last two}
     */
    public static String names(List<Variable> variables) {
        List<String> names = new java.util.ArrayList<>();
        int n = variables.size();
        for (int i = 0; i < n; i++) {
            if (n > LISTED_NAMES && i == LISTED_NAMES - 4) {
                names.add("…");
                i = n - 2;
            }
            names.add(variables.get(i).name());
        }
        return "(" + String.join(", ", names) + (n > LISTED_NAMES ? ": " + n + " names)" : ")");
    }

    /** Checks that {@code values} has {@code expected} elements, naming {@code names} in the message. */
    public static double[] check(double[] values, int expected, String names, String what) {
        if (values == null) {
            throw new NullPointerException("expected a " + what + " of " + expected + " values " + names + ", got null");
        }
        if (values.length != expected) {
            throw new IllegalArgumentException("expected a " + what + " of " + expected + " values " + names
                    + ", got " + values.length);
        }
        return values;
    }
}
