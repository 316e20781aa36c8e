package nnet.runtime.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nnet.runtime.ClassIndexOutOfRange;
import nnet.runtime.Executor;
import nnet.runtime.io.CsvTable;
import nnet.runtime.io.DataException;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.Size;

/**
 * Examples for a model's inputs, one flat array per input holding every example's elements in turn.
 * From CSV, a row is one example and the inputs take its columns in declaration order, each as many as
 * it has elements per example (an input [batch, 64] takes 64 columns, a label [batch] one).
 */
public final class Dataset {
    private final List<IoInfo> inputs;
    private final List<Object> columns;
    private final int[] perExample;
    private final int size;
    /** The file the examples were read from, and each example's data row in it (0-based). */
    private final Path source;
    private final int[] rows;

    private Dataset(List<IoInfo> inputs, List<Object> columns, int[] perExample, int size, Path source, int[] rows) {
        this.inputs = inputs;
        this.columns = columns;
        this.perExample = perExample;
        this.size = size;
        this.source = source;
        this.rows = rows;
    }

    public int size() {
        return size;
    }

    /**
     * Reads a CSV for the given inputs (in the model's order). With {@code optionalTail}, inputs at the end
     * of the list may be missing from the file (labels, when only predicting); they are then left out.
     */
    public static Dataset fromCsv(Path file, ModelInfo info, List<IoInfo> wanted, int optionalTail) {
        CsvTable table = CsvTable.read(file);
        int[] per = new int[wanted.size()];
        int needed = 0;
        for (int i = 0; i < wanted.size(); i++) {
            per[i] = elementsPerExample(wanted.get(i), info, file);
            needed += per[i];
        }
        int kept = inputsCovered(per, table.columns(), wanted.size() - optionalTail);
        if (kept < 0) {
            throw new DataException(file + ": has " + table.columns() + " columns, but the inputs "
                    + describe(wanted, per) + " take " + needed);
        }
        List<IoInfo> used = wanted.subList(0, kept);
        List<Object> arrays = new ArrayList<>();
        int column = 0;
        for (int i = 0; i < kept; i++) {
            arrays.add(extract(table, file, used.get(i), column, per[i]));
            column += per[i];
        }
        int[] rows = new int[table.rows()];
        java.util.Arrays.setAll(rows, r -> r);
        return new Dataset(List.copyOf(used), arrays, java.util.Arrays.copyOf(per, kept), table.rows(), file, rows);
    }

    /** How many leading inputs exactly fill the columns (at least {@code minimum}), or -1. */
    private static int inputsCovered(int[] per, int columns, int minimum) {
        int total = 0;
        for (int k = 0; k <= per.length; k++) {
            if (total == columns && k >= minimum) {
                return k;
            }
            if (k < per.length) {
                total += per[k];
            }
        }
        return -1;
    }

    private static String describe(List<IoInfo> inputs, int[] per) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(inputs.get(i).name()).append(" (").append(per[i]).append(')');
        }
        return sb.toString();
    }

    /** Inputs read from tables have a run-time first dim (the examples) and static dims after it. */
    private static int elementsPerExample(IoInfo in, ModelInfo info, Path file) {
        List<Size> shape = in.shape();
        if (shape.isEmpty() || shape.get(0).isStatic()) {
            throw new DataException(file + ": input '" + in.name() + "' has no run-time batch dim first, "
                    + "so it cannot be read from table rows");
        }
        long n = 1;
        for (Size s : shape.subList(1, shape.size())) {
            if (!s.isStatic()) {
                throw new DataException(file + ": input '" + in.name() + "' has the run-time dim "
                        + s.describe(info.dims()) + " beyond the first; table rows need fixed sizes");
            }
            n *= s.factor();
        }
        return Math.toIntExact(n);
    }

    private static Object extract(CsvTable t, Path file, IoInfo in, int from, int width) {
        int n = t.rows();
        Object out = in.dtype().newArray(Math.multiplyExact(n, width));
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < width; k++) {
                double v = t.get(r, from + k);
                int at = r * width + k;
                switch (in.dtype()) {
                    case F32 -> ((float[]) out)[at] = (float) v;
                    case F64 -> ((double[]) out)[at] = v;
                    case I32 -> ((int[]) out)[at] = integral(v, file, r, from + k, in.name());
                }
            }
        }
        return out;
    }

    private static int integral(double v, Path file, int row, int column, String input) {
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new DataException(file + ": data row " + (row + 1) + ", column " + (column + 1) + ": " + v
                    + " is not an integer, but input '" + input + "' is i32");
        }
        return (int) v;
    }

    /** The error for a class index out of range in example {@code example} of this dataset, naming its record. */
    public DataException badClassIndex(ClassIndexOutOfRange e, int example) {
        return new DataException(source + ": data row " + (rows[example] + 1) + ": class index " + e.index()
                + " is out of range; the model has " + e.classes() + " classes (0 to " + (e.classes() - 1) + ")", e);
    }

    /** Copies examples {@code order[from..from+count)} into the executor's inputs. */
    public void fill(Executor ex, int[] order, int from, int count) {
        for (int i = 0; i < inputs.size(); i++) {
            Object dst = ex.inputArray(inputs.get(i).name());
            Object src = columns.get(i);
            int w = perExample[i];
            for (int k = 0; k < count; k++) {
                System.arraycopy(src, order[from + k] * w, dst, k * w, w);
            }
        }
    }

    /** The examples at the given positions, as a new dataset. */
    public Dataset subset(int[] positions) {
        List<Object> arrays = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            int w = perExample[i];
            Object src = columns.get(i);
            Object dst = inputs.get(i).dtype().newArray(positions.length * w);
            for (int k = 0; k < positions.length; k++) {
                System.arraycopy(src, positions[k] * w, dst, k * w, w);
            }
            arrays.add(dst);
        }
        int[] subRows = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            subRows[k] = rows[positions[k]];
        }
        return new Dataset(inputs, arrays, perExample, positions.length, source, subRows);
    }
}
