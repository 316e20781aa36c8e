package nnet.runtime.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipException;

/**
 * A table of numbers read from a CSV file: {@link #rows()} × {@link #columns()} numbers, and the column
 * names of its header, or null when the file has none. The rows are kept in the blocks they were read into,
 * so that a large table needs its memory once, not twice.
 *
 * <p>The first non-blank line is a header when any of its fields is not a number. Fields are separated by
 * commas, may be surrounded by spaces and may be quoted ("..."); lines end in LF or CRLF, and blank lines
 * are skipped. Numbers are read as by Double.parseDouble; nan, inf and infinity (any case, as NumPy and
 * Python write them) are accepted too.
 */
public final class CsvTable {
    private final String[] header;
    private final int rows;
    private final int columns;
    /** Block i holds rows firstRows[i] to firstRows[i + 1] - 1 (or the last row), row-major. */
    private final List<double[]> blocks;
    private final int[] firstRows;

    CsvTable(String[] header, int rows, int columns, List<double[]> blocks, int[] firstRows) {
        this.header = header;
        this.rows = rows;
        this.columns = columns;
        this.blocks = List.copyOf(blocks);
        this.firstRows = firstRows;
    }

    /**
     * Reads {@code path}, decompressing it if it is gzip data (known by its first bytes, not its name).
     *
     * @throws DataException naming the file and line if it cannot be read or a line is malformed
     */
    public static CsvTable read(Path path) {
        try (InputFile file = InputFile.open(path)) {
            return new CsvParser(file.stream(), path.toString()).parse();
        } catch (ZipException e) {
            throw new DataException(path + ": not valid gzip data: " + e.getMessage(), e);
        } catch (EOFException e) {
            // Only the inflater throws it: a plain file just ends.
            throw new DataException(path + ": the compressed data ends early; is the file truncated?", e);
        } catch (IOException e) {
            throw IoErrors.reading(path, e);
        }
    }

    public String[] header() {
        return header == null ? null : header.clone();
    }

    public int rows() {
        return rows;
    }

    public int columns() {
        return columns;
    }

    /** The number in row {@code row}, column {@code column}, both from 0. */
    public double get(int row, int column) {
        return rowData(row)[rowOffset(row) + column];
    }

    /** The array holding row {@code row}, whose numbers start at {@link #rowOffset(int)}. */
    public double[] rowData(int row) {
        return blocks.get(block(row));
    }

    public int rowOffset(int row) {
        return (row - firstRows[block(row)]) * columns;
    }

    private int block(int row) {
        if (row < 0 || row >= rows) {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
        int i = Arrays.binarySearch(firstRows, row);
        return i >= 0 ? i : -i - 2;
    }

    /** Every number, row after row, in a new array: for small tables, as it copies them all. */
    public double[] values() {
        double[] values = new double[rows * columns];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(rowData(r), rowOffset(r), values, r * columns, columns);
        }
        return values;
    }

    @Override
    public String toString() {
        return "CsvTable[rows=" + rows + ", columns=" + columns
                + (header == null ? ", no header" : ", header=" + Arrays.toString(header)) + "]";
    }
}
