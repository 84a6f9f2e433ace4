package dev.autodiff.engine.sparse;

/**
 * Sparsity patterns read off a program's structure, the same at every point.
 *
 * <p>Jacobian: row k holds the index domain of output k, the inputs it depends on through operands
 * a derivative may flow through.
 *
 * <p>Hessian, by nonlinear interaction domains (Walther, "Computing sparse Hessians with automatic
 * differentiation", ACM TOMS 34(1), 2008; Gebremedhin, Tarafdar, Pothen and Walther, INFORMS J.
 * Computing 21(2), 2009). Writing the output as a composition, its Hessian is
 * {@code Σ_v v̄ · Σ_{s,t} ∂²v/∂u_s∂u_t · ∇u_s ∇u_tᵀ} over operations v with operands u_s, where
 * {@code v̄} is the adjoint of v. So entry (i, j) may be non-zero only when some operation that the
 * output depends on through flowing operands (a non-zero {@code v̄}) has an interacting operand pair
 * (s, t) ({@link ProgramGraph#interacts}) with i in the index domain of {@code u_s} and j in that of
 * {@code u_t}. Linear operations add nothing; a product adds only the pairs across its operands.
 */
final class Patterns {
    private Patterns() {}

    /** {@return the m × n Jacobian pattern of the graph's outputs} */
    static Csr jacobian(ProgramGraph g) {
        int m = g.outputCount();
        boolean[] asked = new boolean[g.size()];
        for (int k = 0; k < m; k++) {
            asked[g.output(k)] = true;
        }
        IndexDomains d = IndexDomains.of(g, asked);
        int[] rowStart = new int[m + 1];
        for (int k = 0; k < m; k++) {
            rowStart[k + 1] = rowStart[k] + d.of(g.output(k)).length;
        }
        int[] column = new int[rowStart[m]];
        for (int k = 0; k < m; k++) {
            int[] s = d.of(g.output(k));
            System.arraycopy(s, 0, column, rowStart[k], s.length);
        }
        return new Csr(m, g.inputCount(), rowStart, column);
    }

    /** {@return the symmetric n × n Hessian pattern of output 0, both triangles} */
    static Csr hessian(ProgramGraph g) {
        int size = g.size();
        int n = g.inputCount();
        boolean[] active = active(g, g.output(0));
        boolean[] asked = new boolean[size];
        IntList interacting = new IntList(64); // operand nodes a, b of each interacting pair, with repeats
        for (int i = n; i < size; i++) {
            if (!active[i]) {
                continue;
            }
            for (int s = 0, arity = g.arity(i); s < arity; s++) {
                for (int t = s; t < arity; t++) {
                    if (g.interacts(i, s, t)) {
                        int a = g.operand(i, s);
                        int b = g.operand(i, t);
                        asked[a] = true;
                        asked[b] = true;
                        interacting.add(a);
                        interacting.add(b);
                    }
                }
            }
        }
        IndexDomains d = IndexDomains.of(g, asked);
        // The distinct pairs of sets: many operations share one (a chain of unary functions reuses
        // its operand's set), and each pair's outer product is formed once.
        LongSet seen = new LongSet();
        IntList pairs = new IntList(64);
        for (int p = 0; p < interacting.size(); p += 2) {
            int a = interacting.get(p);
            int b = interacting.get(p + 1);
            if (d.of(a).length > 0 && d.of(b).length > 0) {
                int x = Math.min(d.idOf(a), d.idOf(b));
                int y = Math.max(d.idOf(a), d.idOf(b));
                if (seen.add(((long) x << 32) | y)) {
                    pairs.add(a);
                    pairs.add(b);
                }
            }
        }
        return rows(n, d, pairs);
    }

    /**
     * {@return for each node, whether the output's derivative reaches it}: its adjoint may be
     * non-zero, as the output depends on it through operands a derivative flows through
     */
    static boolean[] active(ProgramGraph g, int output) {
        boolean[] active = new boolean[g.size()];
        active[output] = true;
        for (int i = g.size() - 1; i >= g.inputCount(); i--) {
            if (active[i]) {
                for (int s = 0, a = g.arity(i); s < a; s++) {
                    if (g.flows(i, s)) {
                        active[g.operand(i, s)] = true;
                    }
                }
            }
        }
        return active;
    }

    /**
     * {@return the rows of the union of the outer products {@code A×B ∪ B×A} of the given pairs of
     * sets}: each row lists the sets it meets (two counting passes), then their union is formed with
     * a stamp per row and sorted
     */
    private static Csr rows(int n, IndexDomains d, IntList pairs) {
        int[] count = new int[n + 1];
        for (int p = 0; p < pairs.size(); p += 2) {
            int a = pairs.get(p);
            int b = pairs.get(p + 1);
            for (int i : d.of(a)) {
                count[i + 1]++;
            }
            if (d.idOf(a) != d.idOf(b)) {
                for (int i : d.of(b)) {
                    count[i + 1]++;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            count[i + 1] += count[i];
        }
        int[] next = java.util.Arrays.copyOf(count, n);
        int[] partner = new int[count[n]]; // the set node each row's entries come from
        for (int p = 0; p < pairs.size(); p += 2) {
            int a = pairs.get(p);
            int b = pairs.get(p + 1);
            for (int i : d.of(a)) {
                partner[next[i]++] = b;
            }
            if (d.idOf(a) != d.idOf(b)) {
                for (int i : d.of(b)) {
                    partner[next[i]++] = a;
                }
            }
        }
        int[] rowStart = new int[n + 1];
        IntList columns = new IntList(4 * n + 4);
        int[] mark = new int[n];
        for (int i = 0; i < n; i++) {
            for (int k = count[i]; k < count[i + 1]; k++) {
                for (int j : d.of(partner[k])) {
                    if (mark[j] != i + 1) {
                        mark[j] = i + 1;
                        columns.add(j);
                    }
                }
            }
            columns.sortFrom(rowStart[i]);
            rowStart[i + 1] = columns.size();
        }
        return new Csr(n, n, rowStart, columns.toArray());
    }
}
