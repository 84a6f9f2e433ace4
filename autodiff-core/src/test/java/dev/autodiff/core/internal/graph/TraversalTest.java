package dev.autodiff.core.internal.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.autodiff.core.CustomOperation;
import dev.autodiff.core.Expr;
import dev.autodiff.core.Variable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The walks keyed by node serials ({@link NodeIntMap}, and the bits of {@code nodeCount()} and
 * {@code variables()}) against an oracle that knows nothing of serials: a post-order over an {@link
 * IdentityHashMap}, on random DAGs that share subexpressions, built on one thread, on several at
 * once, and spread among other nodes so that the bits grow, or the map turns sparse.
 */
class TraversalTest {
    private static final List<Variable> VARS = Expr.variables("v", 5);
    private static final CustomOperation TWICE = CustomOperation.of("twice", t -> 2 * t, (t, g) -> 2 * g);

    /** A random DAG of about {@code size} operations whose operands are drawn from the nodes built so far, so they are shared. */
    private static Expr randomDag(Random random, int size, Runnable between) {
        List<Expr> pool = new ArrayList<>(VARS);
        pool.add(Expr.variable("v[0]")); // equal to VARS.get(0) by name, another object
        pool.add(Expr.constant(2));
        for (int i = 0; i < size; i++) {
            between.run();
            Expr a = pool.get(pool.size() - 1 - random.nextInt(Math.min(pool.size(), 8)));
            Expr b = pool.get(random.nextInt(pool.size()));
            Expr e = switch (random.nextInt(6)) {
                case 0 -> a.plus(b);
                case 1 -> a.times(b);
                case 2 -> a.sin();
                case 3 -> Expr.ifElse(a.lessThan(b), a, b.minus(1));
                case 4 -> TWICE.invoke(a.minus(b)); // a custom operation's call
                default -> b.div(a.plus(3));
            };
            pool.add(e);
        }
        Expr root = pool.get(pool.size() - 1);
        for (int i = 0; i < 4; i++) {
            root = root.plus(pool.get(random.nextInt(pool.size()))); // reach a few more of the pool
        }
        return root;
    }

    /** The oracle's post-order: operands first, left to right, each node once by identity. */
    private static List<Expr> oraclePostOrder(List<Expr> roots) {
        Map<Expr, Boolean> done = new IdentityHashMap<>();
        List<Expr> out = new ArrayList<>();
        ArrayDeque<Object[]> stack = new ArrayDeque<>(); // {node, next operand index}
        for (Expr root : roots) {
            stack.push(new Object[] {root, 0});
            while (!stack.isEmpty()) {
                Object[] top = stack.peek();
                Expr e = (Expr) top[0];
                int next = (Integer) top[1];
                if (done.containsKey(e)) {
                    stack.pop();
                } else if (next < Traversal.arity(e)) {
                    top[1] = next + 1;
                    stack.push(new Object[] {Traversal.child(e, next), 0});
                } else {
                    stack.pop();
                    done.put(e, true);
                    out.add(e);
                }
            }
        }
        return out;
    }

    /** The oracle's variables: in the order a recursive pre-order reaches them, the first of each name. */
    private static List<Variable> oracleVariables(Expr root) {
        Map<Expr, Boolean> seen = new IdentityHashMap<>();
        Set<Variable> vars = new LinkedHashSet<>();
        ArrayDeque<Expr> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (seen.put(e, true) == null) {
                if (e instanceof Variable v) {
                    vars.add(v);
                }
                for (int k = Traversal.arity(e) - 1; k >= 0; k--) {
                    stack.push(Traversal.child(e, k));
                }
            }
        }
        return new ArrayList<>(vars);
    }

    private static void assertWalksAgree(Expr root, Expr other) {
        List<Expr> expected = oraclePostOrder(List.of(root, other));
        Traversal.Order order = Traversal.order(List.of(root, other));
        assertEquals(expected.size(), order.nodes.size());
        for (int k = 0; k < expected.size(); k++) {
            Expr e = expected.get(k);
            assertSame(e, order.nodes.get(k), "node " + k);
            assertEquals(k, order.positionOf(e));
            for (int j = 0; j < Traversal.arity(e); j++) {
                assertSame(Traversal.child(e, j), order.nodes.get(order.operand(k, j)), "operand " + j + " of node " + k);
            }
        }
        assertEquals(oraclePostOrder(List.of(root)).size(), root.nodeCount());
        assertEquals(oracleVariables(root), root.variables());
    }

    @Test
    void walksAgreeWithAnIdentityOracleOnRandomDags() {
        Random random = new Random(14);
        for (int trial = 0; trial < 40; trial++) {
            Expr a = randomDag(random, 1 + random.nextInt(300), () -> {});
            Expr b = randomDag(random, 1 + random.nextInt(30), () -> {});
            assertWalksAgree(a, b);
            assertWalksAgree(b, a); // a root with a lower serial than the other
        }
    }

    @Test
    void walksAgreeWhenTheGraphIsSpreadThinlyAmongOtherNodes() {
        // thousands of other nodes built between any two of the graph's: too few per page of
        // serials for pages to pay, so the map turns sparse part way through the walk
        Random random = new Random(5);
        Expr thin = randomDag(random, 3000, () -> {
            for (int i = 0; i < 2000; i++) {
                Expr.constant(i);
            }
        });
        Expr dense = randomDag(random, 2000, () -> {});
        assertWalksAgree(thin, dense);
        assertWalksAgree(dense, thin);
    }

    @Test
    void countsAreRightWhenTheWalksBitsMustGrow() {
        // a few other nodes between any two of the graph's: its serials span more than the 2^16 the
        // bits of nodeCount()'s walk start with, and few enough per node for the bits to grow
        Random random = new Random(8);
        Expr spread = randomDag(random, 20000, () -> {
            Expr.constant(1);
            Expr.constant(2);
        });
        assertEquals(oraclePostOrder(List.of(spread)).size(), spread.nodeCount());
        assertEquals(oracleVariables(spread), spread.variables());
    }

    @Test
    void countsAreRightWhenTheWalkTurnsToTheMapAfterItsBitsGrew() {
        // the walk goes down the left operand first: through a graph whose bits grow, then to a
        // variable built two million nodes before it, too far for bits: the marks move to the map
        Variable old = Expr.variable("old");
        for (int i = 0; i < 2_000_000; i++) {
            Expr.constant(i);
        }
        Random random = new Random(9);
        Expr recent = randomDag(random, 30000, () -> {});
        Expr root = recent.plus(old).plus(recent.times(old));
        assertEquals(oraclePostOrder(List.of(root)).size(), root.nodeCount());
        List<Variable> expected = new ArrayList<>(oracleVariables(recent));
        expected.add(old);
        assertEquals(expected, root.variables());
    }

    @Test
    void countsAreRightForGraphsBuiltOnSeveralThreadsAtOnce() throws Exception {
        // serials interleave between the threads; each thread's graph must still count each of its nodes once
        int threads = 4;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Expr>> built = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                built.add(pool.submit(() -> randomDag(new Random(seed), 20_000, () -> {})));
            }
            List<Expr> roots = new ArrayList<>();
            for (Future<Expr> f : built) {
                roots.add(f.get());
            }
            Expr all = roots.get(0);
            for (Expr r : roots.subList(1, threads)) {
                all = all.plus(r);
            }
            for (Expr r : roots) {
                assertEquals(oraclePostOrder(List.of(r)).size(), r.nodeCount());
            }
            assertEquals(oraclePostOrder(List.of(all)).size(), all.nodeCount());
            assertEquals(oracleVariables(all), all.variables());
            List<Expr> reversed = new ArrayList<>(roots);
            Collections.reverse(reversed);
            assertEquals(oraclePostOrder(reversed), Traversal.postOrder(reversed));
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void serialsAreUniqueAcrossThreadsAndOperandsPrecedeTheirUsers() throws Exception {
        NodeSerials.Reader serials = NodeSerials.reader();
        int threads = 4;
        int perThread = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Expr>>> built = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                built.add(pool.submit(() -> {
                    List<Expr> nodes = new ArrayList<>();
                    Expr e = Expr.constant(1);
                    for (int i = 0; i < perThread; i++) {
                        Expr next = e.plus(VARS.get(i % VARS.size()));
                        assertEquals(true, serials.serial(next) > serials.serial(e));
                        nodes.add(next);
                        e = next;
                    }
                    return nodes;
                }));
            }
            Set<Long> seen = new java.util.HashSet<>();
            for (Future<List<Expr>> f : built) {
                for (Expr e : f.get()) {
                    assertEquals(true, seen.add(serials.serial(e)), "a serial given twice");
                }
            }
            assertEquals(threads * perThread, seen.size());
        } finally {
            pool.shutdown();
        }
    }
}
