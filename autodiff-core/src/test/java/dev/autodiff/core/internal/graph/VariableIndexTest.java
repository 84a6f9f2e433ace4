package dev.autodiff.core.internal.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link VariableIndex} against a {@link LinkedHashMap} by name, with names whose hash codes collide. */
class VariableIndexTest {
    @Test
    void numbersVariablesByNameAsALinkedMapWould() {
        // "Aa" and "BB" have the same String hash code, so every name built of them collides with others
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            StringBuilder name = new StringBuilder();
            for (int bit = 0; bit < 8; bit++) {
                name.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            names.add(name.toString());
        }
        for (int i = 0; i < 3000; i++) {
            names.add("v" + i);
        }
        Random random = new Random(3);
        VariableIndex index = new VariableIndex(4); // grows many times
        Map<String, Integer> oracle = new LinkedHashMap<>();
        for (int step = 0; step < 20_000; step++) {
            Variable v = Expr.variable(names.get(random.nextInt(names.size()))); // a new object each time
            Integer known = oracle.get(v.name());
            if (random.nextBoolean()) {
                assertEquals(known == null ? -1 : known, index.putIfAbsent(v));
                oracle.putIfAbsent(v.name(), oracle.size());
            } else {
                assertEquals(known == null ? -1 : known, index.get(v));
            }
        }
        assertEquals(oracle.size(), index.size());
        assertEquals(new ArrayList<>(oracle.keySet()), index.variables().stream().map(Variable::name).toList());
    }
}
