package dev.autodiff.spark.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

/**
 * Turns a partition's rows, whose columns are the parameters' values as doubles in parameter
 * order, into chunks of at most {@code chunkRows} records ({@code double[][]}, one row per record),
 * lazily: a partition of any size is read with one chunk in memory. Chunks start at the
 * partition's first row and every {@code chunkRows} rows after, so the same partition always gives
 * the same chunks.
 */
public final class Chunking implements FlatMapFunction<Iterator<Row>, double[][]> {
    private static final long serialVersionUID = 1L;
    private final List<String> columns;
    private final int chunkRows;

    /**
     * Chunks of {@code chunkRows} records whose values are read from {@code columns}.
     *
     * @param columns the columns' names, in the order rows hold them (for messages)
     * @param chunkRows the records per chunk, at least 1
     */
    public Chunking(List<String> columns, int chunkRows) {
        this.columns = List.copyOf(columns);
        this.chunkRows = chunkRows;
    }

    @Override
    public Iterator<double[][]> call(Iterator<Row> rows) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public double[][] next() {
                if (!rows.hasNext()) {
                    throw new NoSuchElementException("no more chunks in this partition");
                }
                List<double[]> chunk = new ArrayList<>(Math.min(chunkRows, 1024));
                while (chunk.size() < chunkRows && rows.hasNext()) {
                    chunk.add(record(rows.next()));
                }
                return chunk.toArray(new double[0][]);
            }
        };
    }

    private double[] record(Row row) {
        double[] values = new double[columns.size()];
        for (int j = 0; j < values.length; j++) {
            if (row.isNullAt(j)) {
                throw new IllegalArgumentException("column " + columns.get(j)
                        + " is null in a record; expected a number in every record, as the parameter of that name is");
            }
            values[j] = row.getDouble(j);
        }
        return values;
    }
}
