package dev.autodiff.core.internal.graph;

import dev.autodiff.core.Variable;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Variables numbered by name in order of insertion, as variables are equal: open addressing over
 * their hash codes (which a variable computes once), the same object found without comparing
 * names. Nothing boxed, nothing allocated per entry, unlike a {@code HashMap<Variable, Integer>}.
 */
public final class VariableIndex {
    private int[] slots; // per slot the variable's number + 1, 0 for an empty slot
    private int shift;
    private Variable[] vars;
    private int size;

    /** Creates an index sized for about {@code expected} variables. */
    public VariableIndex(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) << 1;
        slots = new int[capacity];
        shift = Integer.numberOfLeadingZeros(capacity) + 1;
        vars = new Variable[Math.max(8, expected)];
    }

    /** {@return the number of {@code v}'s name, or -1 if it has none} */
    public int get(Variable v) {
        int s = slots[find(v)];
        return s - 1;
    }

    /** {@return the number of {@code v}'s name, or -1 after numbering it {@link #size()}} */
    public int putIfAbsent(Variable v) {
        int i = find(v);
        if (slots[i] != 0) {
            return slots[i] - 1;
        }
        if (size == vars.length) {
            vars = Arrays.copyOf(vars, size * 2);
        }
        vars[size++] = v;
        slots[i] = size;
        if (size * 2 > slots.length) {
            rehash();
        }
        return -1;
    }

    /** {@return the number of variables} */
    public int size() {
        return size;
    }

    /** {@return the variables in order of their numbers}, a view that later insertions do not change */
    public List<Variable> variables() {
        return Collections.unmodifiableList(Arrays.asList(vars).subList(0, size));
    }

    private int find(Variable v) {
        int mask = slots.length - 1;
        int i = (v.hashCode() * 0x9E3779B9) >>> shift; // Fibonacci hashing: the high bits, which every bit reaches
        int s;
        while ((s = slots[i]) != 0) {
            Variable w = vars[s - 1];
            if (w == v || w.hashCode() == v.hashCode() && w.equals(v)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return i;
    }

    private void rehash() {
        slots = new int[slots.length * 2];
        shift--;
        for (int n = 0; n < size; n++) {
            slots[find(vars[n])] = n + 1;
        }
    }
}
