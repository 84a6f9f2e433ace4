package dev.autodiff.core.internal.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.autodiff.core.Expr;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link NodeIntMap} against an {@link IdentityHashMap}, dense, sparse, and across the switch from one to the other. */
class NodeIntMapTest {
    /** Random puts, overwrites and look-ups of {@code nodes}, mirrored in an identity map, checked after each step. */
    private static void agreesWithIdentityMap(NodeIntMap map, List<Expr> nodes, long seed, boolean dense) {
        Map<Expr, Integer> oracle = new IdentityHashMap<>();
        Random random = new Random(seed);
        for (int step = 0; step < 4 * nodes.size(); step++) {
            Expr e = nodes.get(random.nextInt(nodes.size()));
            int value = random.nextInt(2001) - 1000;
            Integer old = oracle.get(e);
            switch (random.nextInt(3)) {
                case 0 -> {
                    map.put(e, value);
                    oracle.put(e, value);
                }
                case 1 -> {
                    assertEquals(old == null ? NodeIntMap.ABSENT : old, map.putIfAbsent(e, value));
                    oracle.putIfAbsent(e, value);
                }
                default -> assertEquals(old == null ? NodeIntMap.ABSENT : old, map.get(e));
            }
            assertEquals(oracle.size(), map.size());
        }
        for (Expr e : nodes) {
            Integer v = oracle.get(e);
            assertEquals(v == null ? NodeIntMap.ABSENT : v, map.get(e));
        }
        assertEquals(dense, map.dense());
    }

    private static List<Expr> constants(int n, int othersBetween) {
        List<Expr> nodes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            nodes.add(Expr.constant(i));
            for (int j = 0; j < othersBetween; j++) {
                Expr.constant(-j);
            }
        }
        return nodes;
    }

    @Test
    void denseMapAgreesWithAnIdentityMap() {
        List<Expr> nodes = constants(20_000, 0);
        agreesWithIdentityMap(NodeIntMap.under(List.of(nodes.get(nodes.size() - 1))), nodes, 1, true);
    }

    @Test
    void thinlySpreadNodesTurnTheMapSparseAndKeepEveryEntry() {
        List<Expr> nodes = constants(3_000, NodeIntMap.PAGE);
        agreesWithIdentityMap(NodeIntMap.under(List.of(nodes.get(nodes.size() - 1))), nodes, 2, false);
    }

    @Test
    void aSerialAboveTheHighestExpectedTurnsTheMapSparseAndKeepsEveryEntry() {
        List<Expr> nodes = constants(10_000, 0);
        // told to expect nothing above the middle node: the later half arrives above it
        agreesWithIdentityMap(NodeIntMap.under(List.of(nodes.get(nodes.size() / 2))), nodes, 3, false);
    }

    /**
     * {@link NodeIntMap#add} (with its page remembered from the last look-up) among puts and look-ups,
     * against an identity map, whether the map stays dense or turns sparse on the way.
     */
    private static void addAgreesWithIdentityMap(NodeIntMap map, List<Expr> nodes, long seed, boolean dense) {
        Map<Expr, Integer> oracle = new IdentityHashMap<>();
        Random random = new Random(seed);
        for (int step = 0; step < 4 * nodes.size(); step++) {
            // mostly neighbours of the last node, as a walk goes, sometimes anywhere
            int i = random.nextInt(nodes.size());
            Expr e = nodes.get(i);
            Integer old = oracle.get(e);
            switch (random.nextInt(4)) {
                case 0 -> {
                    int value = random.nextInt(2001) - 1000;
                    map.put(e, value);
                    oracle.put(e, value);
                }
                case 1 -> assertEquals(old == null ? NodeIntMap.ABSENT : old, map.get(e));
                default -> {
                    assertEquals(old == null, map.add(e));
                    oracle.putIfAbsent(e, 0);
                    Expr next = nodes.get(Math.min(i + 1, nodes.size() - 1)); // in the same page, mostly
                    assertEquals(!oracle.containsKey(next), map.add(next));
                    oracle.putIfAbsent(next, 0);
                }
            }
            assertEquals(oracle.size(), map.size());
        }
        for (Expr e : nodes) {
            Integer v = oracle.get(e);
            assertEquals(v == null ? NodeIntMap.ABSENT : v, map.get(e));
        }
        assertEquals(dense, map.dense());
    }

    @Test
    void addAgreesWithAnIdentityMapDenseAndSparse() {
        List<Expr> nodes = constants(20_000, 0);
        addAgreesWithIdentityMap(NodeIntMap.under(List.of(nodes.get(nodes.size() - 1))), nodes, 4, true);
        List<Expr> spread = constants(3_000, NodeIntMap.PAGE);
        addAgreesWithIdentityMap(NodeIntMap.under(List.of(spread.get(spread.size() - 1))), spread, 5, false);
        List<Expr> above = constants(10_000, 0);
        addAgreesWithIdentityMap(NodeIntMap.under(List.of(above.get(above.size() / 2))), above, 6, false);
    }
}
