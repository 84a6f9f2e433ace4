package dev.autodiff.engine.sparse;

/**
 * Direct recovery of compressed entries: stored entry k is element {@code source[k]} of the product
 * with the seed of colour {@code colourOf[k]}. Both plans build one; it forms the seeds colour block
 * by colour block, asks for their products and scatters them into the values, so memory stays at
 * {@link #BLOCK} products besides the entries, never one product per colour at once.
 */
final class Recovery {
    /** Seeds per call of {@link SeedProducts#multiply}: the engine's block sweeps carry as many directions. */
    static final int BLOCK = 8;

    private final int colours;
    private final int seedLength;
    /** Per colour c, the seed indices of that colour at {@code index[indexStart[c]] …}. */
    private final int[] indexStart;
    private final int[] index;
    /** Per colour c, the entries read from its product at {@code entry[entryStart[c]] …}, each from element {@code element}. */
    private final int[] entryStart;
    private final int[] entry;
    private final int[] element;
    private final int nonZeros;

    /**
     * The recovery of {@code nonZeros} entries whose seeds have {@code seedColour.length} elements.
     *
     * @param seedColour the colour of each seed index, -1 for none
     * @param entryColour the colour of the product each entry is read from
     * @param entryElement the element of that product
     */
    Recovery(int colours, int[] seedColour, int[] entryColour, int[] entryElement) {
        this.colours = colours;
        this.seedLength = seedColour.length;
        this.nonZeros = entryColour.length;
        this.indexStart = new int[colours + 1];
        this.index = group(seedColour, colours, indexStart);
        this.entryStart = new int[colours + 1];
        this.entry = group(entryColour, colours, entryStart);
        this.element = new int[entry.length];
        for (int q = 0; q < entry.length; q++) {
            element[q] = entryElement[entry[q]];
        }
    }

    /** {@return the indices with colour ≥ 0 grouped by colour (a counting sort), offsets written to {@code start}} */
    private static int[] group(int[] colourOf, int colours, int[] start) {
        for (int c : colourOf) {
            if (c >= 0) {
                start[c + 1]++;
            }
        }
        for (int c = 0; c < colours; c++) {
            start[c + 1] += start[c];
        }
        int[] next = java.util.Arrays.copyOf(start, colours);
        int[] grouped = new int[start[colours]];
        for (int i = 0; i < colourOf.length; i++) {
            if (colourOf[i] >= 0) {
                grouped[next[colourOf[i]]++] = i;
            }
        }
        return grouped;
    }

    /** {@return the value of every entry, from one product per colour} */
    double[] values(SeedProducts products) {
        double[] values = new double[nonZeros];
        for (int c0 = 0; c0 < colours; c0 += BLOCK) {
            int k = Math.min(BLOCK, colours - c0);
            double[][] seeds = new double[k][seedLength];
            for (int b = 0; b < k; b++) {
                for (int q = indexStart[c0 + b]; q < indexStart[c0 + b + 1]; q++) {
                    seeds[b][index[q]] = 1;
                }
            }
            double[][] product = products.multiply(seeds);
            if (product.length != k) {
                throw new IllegalStateException("expected " + k + " products, got " + product.length);
            }
            for (int b = 0; b < k; b++) {
                double[] p = product[b];
                for (int q = entryStart[c0 + b]; q < entryStart[c0 + b + 1]; q++) {
                    values[entry[q]] = p[element[q]];
                }
            }
        }
        return values;
    }
}
