package dev.autodiff.engine.sparse;

/**
 * The index domains of chosen nodes: for each, the sorted inputs it depends on through operands a
 * derivative may flow through ({@link ProgramGraph#flows}).
 *
 * <p>Only the nodes asked for and the nodes several of their descendants share get a set of their
 * own; a node with one user is walked by that user's walk and gets none. So a sum chain
 * {@code s_k = s_{k-1} + t_k} that nothing nonlinear reads costs nothing, where propagating a set
 * to every node would cost {@code O(n²)} (a chained Rosenbrock of n = 10⁵ variables). Each node
 * without a set is walked once in all, so the work is the number of nodes below the asked-for ones
 * plus the sizes of the unions formed. A node whose walk reaches exactly one set shares that array
 * (a chain of unary functions holds one set; {@code 1 - x} shares the set of input x when x has one). Walks use an explicit stack, never recursion.
 */
final class IndexDomains {
    private static final int[] EMPTY = new int[0];

    private final int[][] sets;
    private final int[] ids;
    private final int distinct;

    private IndexDomains(int[][] sets, int[] ids, int distinct) {
        this.sets = sets;
        this.ids = ids;
        this.distinct = distinct;
    }

    /** {@return the index domains of the nodes marked in {@code asked}} */
    static IndexDomains of(ProgramGraph g, boolean[] asked) {
        int size = g.size();
        int n = g.inputCount();
        boolean[] dependent = dependent(g);
        // Which nodes the asked-for sets are made of, and how many slots of such nodes use each (up to 2).
        boolean[] required = new boolean[size];
        byte[] uses = new byte[size];
        for (int i = 0; i < size; i++) {
            required[i] = asked[i] && dependent[i];
        }
        for (int i = size - 1; i >= n; i--) {
            if (!required[i]) {
                continue;
            }
            for (int s = 0, a = g.arity(i); s < a; s++) {
                int o = g.operand(i, s);
                if (g.flows(i, s) && dependent[o]) {
                    required[o] = true;
                    if (uses[o] < 2) {
                        uses[o]++;
                    }
                }
            }
        }
        int[][] sets = new int[size][];
        int[] ids = new int[size];
        int next = 0;
        for (int i = 0; i < n; i++) {
            if (asked[i]) {
                sets[i] = new int[] {i};
                ids[i] = next++;
            }
        }
        int[] mark = new int[n];
        int stamp = 0;
        IntList stack = new IntList(16);
        IntList found = new IntList(16);
        for (int i = n; i < size; i++) {
            if (!required[i] || !(asked[i] || uses[i] >= 2)) {
                continue;
            }
            stamp++;
            found.clear();
            int parts = 0;
            int only = -1; // the node whose set is the only part, if there is one
            pushOperands(g, i, dependent, stack);
            while (!stack.isEmpty()) {
                int o = stack.pop();
                if (o < n && sets[o] == null) {
                    parts++;
                    only = -1;
                    if (mark[o] != stamp) {
                        mark[o] = stamp;
                        found.add(o);
                    }
                } else if (sets[o] != null) {
                    parts++;
                    only = o;
                    for (int x : sets[o]) {
                        if (mark[x] != stamp) {
                            mark[x] = stamp;
                            found.add(x);
                        }
                    }
                } else {
                    pushOperands(g, o, dependent, stack);
                }
            }
            if (parts == 1 && only >= 0) {
                sets[i] = sets[only];
                ids[i] = ids[only];
            } else {
                sets[i] = found.sortedCopy();
                ids[i] = next++;
            }
        }
        return new IndexDomains(sets, ids, next);
    }

    /** {@return for each node, whether it depends on some input through flowing operands} */
    static boolean[] dependent(ProgramGraph g) {
        int size = g.size();
        int n = g.inputCount();
        boolean[] dependent = new boolean[size];
        for (int i = 0; i < n; i++) {
            dependent[i] = true;
        }
        for (int i = n; i < size; i++) {
            for (int s = 0, a = g.arity(i); s < a && !dependent[i]; s++) {
                dependent[i] = g.flows(i, s) && dependent[g.operand(i, s)];
            }
        }
        return dependent;
    }

    private static void pushOperands(ProgramGraph g, int node, boolean[] dependent, IntList stack) {
        for (int s = 0, a = g.arity(node); s < a; s++) {
            int o = g.operand(node, s);
            if (g.flows(node, s) && dependent[o]) {
                stack.add(o);
            }
        }
    }

    /**
     * {@return the sorted inputs that {@code node} depends on}, shared (not to be modified); empty
     * for a node that depends on none or was not asked for
     */
    int[] of(int node) {
        int[] s = sets[node];
        return s != null ? s : EMPTY;
    }

    /** {@return an identifier of {@code node}'s set, equal for nodes sharing one array}; only for asked-for nodes that depend on an input */
    int idOf(int node) {
        return ids[node];
    }

    /** {@return the number of distinct set identifiers} */
    int distinct() {
        return distinct;
    }
}
