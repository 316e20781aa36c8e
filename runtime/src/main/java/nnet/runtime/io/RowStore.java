package nnet.runtime.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects rows of a table whose length is not known in advance, in blocks that each hold whole rows: unlike
 * a growing array, nothing is ever copied, and the table keeps the blocks (one array of the exact size
 * would need a second copy of everything while it is filled). Blocks start small, so a small table costs
 * little, and double in size up to a cap, so a large one needs few of them.
 */
final class RowStore {
    private static final int FIRST_BLOCK_VALUES = 1 << 12;
    private static final int MAX_BLOCK_VALUES = 1 << 21;
    static final long MAX_VALUES = Integer.MAX_VALUE - 8;

    private final int columns;
    private final List<double[]> blocks = new ArrayList<>();
    private final List<Integer> firstRows = new ArrayList<>();
    private double[] current;
    private int rowsInCurrent;
    private int rows;

    RowStore(int columns) {
        this.columns = columns;
    }

    int rows() {
        return rows;
    }

    /** Whether one more row would still fit in a single Java array. */
    boolean hasRoomForAnotherRow() {
        return (long) (rows + 1) * columns <= MAX_VALUES;
    }

    /** The block that the next row goes into; write it at {@link #nextOffset()}, then call {@link #commit()}. */
    double[] nextBlock() {
        if (current == null || (rowsInCurrent + 1) * columns > current.length) {
            int values = current == null ? FIRST_BLOCK_VALUES : Math.min(2 * current.length, MAX_BLOCK_VALUES);
            current = new double[Math.max(values / Math.max(columns, 1), 1) * columns];
            blocks.add(current);
            firstRows.add(rows);
            rowsInCurrent = 0;
        }
        return current;
    }

    int nextOffset() {
        return rowsInCurrent * columns;
    }

    void commit() {
        rows++;
        rowsInCurrent++;
    }

    List<double[]> blocks() {
        return blocks;
    }

    /** The index of the first row of each block. */
    int[] firstRows() {
        return firstRows.stream().mapToInt(Integer::intValue).toArray();
    }
}
