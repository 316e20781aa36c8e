package nnet.runtime.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;

/**
 * A table of numbers read from a CSV file: {@code values} holds {@code rows} × {@code columns} numbers in
 * row-major order; {@code header} holds the column names, or is null when the file has no header line.
 *
 * <p>The first non-blank line is a header when any of its fields is not a number. Fields are separated by
 * commas, may be surrounded by spaces and may be quoted ("..."); lines end in LF or CRLF, and blank lines
 * are skipped. Numbers are read as by Double.parseDouble; nan, inf and infinity (any case, as NumPy and
 * Python write them) are accepted too.
 */
public record CsvTable(String[] header, int rows, int columns, double[] values) {

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

    /** The number in row {@code row}, column {@code column}, both from 0. */
    public double get(int row, int column) {
        return values[row * columns + column];
    }

    @Override
    public String toString() {
        return "CsvTable[rows=" + rows + ", columns=" + columns
                + (header == null ? ", no header" : ", header=" + Arrays.toString(header)) + "]";
    }
}
