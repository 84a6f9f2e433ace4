package dev.autodiff.engine.sparse;

/**
 * Greedy star colouring of a symmetric pattern's adjacency graph (vertices the indices, an edge for
 * each stored off-diagonal entry). As in Gebremedhin, Tarafdar, Manne and Pothen, "New acyclic and
 * star coloring algorithms with application to computing Hessians", SIAM J. Sci. Comput. 29(3),
 * 2007, the two-coloured components are kept as stars with known hubs, which makes the test of a
 * colour local; the conditions below are derived here from the definition.
 *
 * <p>A star colouring is a distance-1 colouring in which every path on four vertices uses at least
 * three colours, i.e. every two-coloured connected subgraph is a star. Vertex v may take colour c
 * exactly when (1) no neighbour has c; (2) no neighbour w is a leaf of a star with at least two
 * edges whose hub x has colour c (else v–w–x–y is a two-coloured path); (3) no neighbour w that
 * shares its colour with another neighbour of v has a neighbour x ≠ v of colour c (else
 * w'–v–w–x is). These are exactly the two-coloured paths on four vertices that colouring v can
 * close. Condition (3) reads a neighbour's neighbours only when v has two neighbours of its colour,
 * and (2) a list of the stars each neighbour is a leaf of, so a hub of high degree is never scanned
 * for each of its leaves (an arrowhead colours in linear time). After v takes c, each
 * colour c' among its neighbours gives one star of colours {c, c'}: with two or more such
 * neighbours, a new star with hub v; with one, w, v joins w's star, making w its hub, or starts a
 * single-edge star with w. No recursion; memory linear in the number of edges.
 */
final class StarColouring {
    private final Csr graph;
    private final int[] colour;
    private final int[] forbidden;
    private final int[] countStamp;
    private final int[] count;
    private final int[] starOfColour;
    /** Per vertex, a linked list of the hub colours of the stars of two or more edges it is a leaf of. */
    private final int[] leafHead;
    private final IntList leafNext = new IntList(64);
    private final IntList leafColour = new IntList(64);
    /** Per star, its hub, or -1 while it is a single edge; for single edges, both ends. */
    private final IntList hub = new IntList(64);
    private final IntList endA = new IntList(64);
    private final IntList endB = new IntList(64);
    /** (vertex, colour c) → the star joining the vertex to its neighbours of colour c. */
    private final LongIntMap starAt;

    private StarColouring(Csr graph) {
        int n = graph.rows();
        this.graph = graph;
        this.colour = new int[n];
        java.util.Arrays.fill(colour, -1);
        this.forbidden = new int[n + 1];
        this.countStamp = new int[n + 1];
        this.count = new int[n + 1];
        this.starOfColour = new int[n + 1];
        this.leafHead = new int[n];
        java.util.Arrays.fill(leafHead, -1);
        this.starAt = new LongIntMap(graph.nonZeros());
    }

    /**
     * {@return the colour of each vertex of the symmetric pattern {@code graph}}, from 0, visiting
     * vertices {@linkplain Ordering largest first}; -1 for a vertex whose row stores nothing
     */
    static int[] colour(Csr graph) {
        StarColouring s = new StarColouring(graph);
        int n = graph.rows();
        int[] degree = new int[n];
        for (int v = 0; v < n; v++) {
            degree[v] = graph.length(v) == 0 ? -1 : graph.length(v) - (s.hasDiagonal(v) ? 1 : 0);
        }
        for (int v : Ordering.largestFirst(degree)) {
            s.colourVertex(v);
        }
        return s.colour;
    }

    private boolean hasDiagonal(int v) {
        return java.util.Arrays.binarySearch(graph.column(), graph.rowStart()[v], graph.rowStart()[v + 1], v) >= 0;
    }

    private void colourVertex(int v) {
        int[] start = graph.rowStart();
        int[] adj = graph.column();
        int stamp = v + 1;
        for (int k = start[v]; k < start[v + 1]; k++) {
            int c = adj[k] != v ? colour[adj[k]] : -1;
            if (c >= 0) {
                forbidden[c] = stamp;
                if (countStamp[c] != stamp) {
                    countStamp[c] = stamp;
                    count[c] = 0;
                }
                count[c]++;
            }
        }
        for (int k = start[v]; k < start[v + 1]; k++) {
            int w = adj[k];
            if (w == v || colour[w] < 0) {
                continue;
            }
            for (int e = leafHead[w]; e >= 0; e = leafNext.get(e)) {
                forbidden[leafColour.get(e)] = stamp;
            }
            if (count[colour[w]] >= 2) {
                for (int q = start[w]; q < start[w + 1]; q++) {
                    int x = adj[q];
                    if (x != v && x != w && colour[x] >= 0) {
                        forbidden[colour[x]] = stamp;
                    }
                }
            }
        }
        int c = 0;
        while (forbidden[c] == stamp) {
            c++;
        }
        colour[v] = c;
        updateStars(v, c, stamp);
    }

    private void updateStars(int v, int c, int stamp) {
        int[] start = graph.rowStart();
        int[] adj = graph.column();
        for (int k = start[v]; k < start[v + 1]; k++) {
            int w = adj[k];
            if (w == v || colour[w] < 0) {
                continue;
            }
            int cw = colour[w];
            if (count[cw] >= 2) {
                // v is the hub of a new star over all its neighbours of colour cw (condition 3 made
                // sure none of them has another neighbour of colour c)
                if (countStamp[cw] == stamp) {
                    countStamp[cw] = -stamp; // this colour's star is made
                    starOfColour[cw] = newStar(v, -1, -1);
                    starAt.put(key(v, cw), starOfColour[cw]);
                }
                addLeaf(w, c);
                starAt.put(key(w, c), starOfColour[cw]);
                continue;
            }
            int s = starAt.get(key(w, c));
            if (s >= 0) {
                if (hub.get(s) < 0) {
                    int x = endA.get(s) == w ? endB.get(s) : endA.get(s);
                    hub.set(s, w);
                    addLeaf(x, cw);
                }
                addLeaf(v, cw);
                starAt.put(key(v, cw), s);
            } else {
                s = newStar(-1, v, w);
                starAt.put(key(v, cw), s);
                starAt.put(key(w, c), s);
            }
        }
    }

    private static long key(int vertex, int c) {
        return ((long) vertex << 32) | c;
    }

    private int newStar(int h, int a, int b) {
        hub.add(h);
        endA.add(a);
        endB.add(b);
        return hub.size() - 1;
    }

    private void addLeaf(int vertex, int hubColour) {
        leafNext.add(leafHead[vertex]);
        leafColour.add(hubColour);
        leafHead[vertex] = leafNext.size() - 1;
    }
}
