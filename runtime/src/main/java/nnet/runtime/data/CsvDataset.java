package nnet.runtime.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nnet.runtime.Tensor;
import nnet.runtime.io.CsvTable;
import nnet.runtime.io.DataException;
import nnet.runtime.io.NumberArray;
import nnet.runtime.model.IoInfo;

/**
 * A data set from a CSV file: a row is one example, and the inputs take its columns in declaration order,
 * each as many as it has elements per example (an input [batch, 64] takes 64 columns, a label [batch] one).
 */
final class CsvDataset {
    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

    private CsvDataset() {
    }

    /**
     * Reads {@code file} for {@code wanted} (in the model's order). The last {@code optionalTail} inputs may
     * be missing from the file (labels, when only predicting); they are then left out.
     */
    static Dataset read(Path file, List<String> dims, List<IoInfo> wanted, int optionalTail) {
        CsvTable table = CsvTable.read(file);
        int[] per = new int[wanted.size()];
        int needed = 0;
        for (int i = 0; i < wanted.size(); i++) {
            per[i] = InputShapes.elementsPerExample(wanted.get(i), dims, file);
            needed += per[i];
        }
        int kept = inputsCovered(per, table.columns(), wanted.size() - optionalTail);
        if (kept < 0) {
            throw new DataException(file + ": has " + table.columns() + " columns, but the inputs "
                    + describe(wanted, per) + " take " + needed);
        }
        List<Column> columns = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < kept; i++) {
            columns.add(Column.of(extract(table, file, wanted.get(i), first, per[i]), Origin.csv(file)));
            first += per[i];
        }
        return Dataset.of(wanted.subList(0, kept), columns);
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

    /**
     * The table's columns {@code [from, from + width)}: as bytes when every value is an integer from 0 to
     * 255 (images, mostly, which then take a quarter of the memory of floats), else in the input's dtype.
     */
    private static NumberArray extract(CsvTable t, Path file, IoInfo in, int from, int width) {
        int[] shape = {t.rows(), width};
        if (allBytes(t, from, width)) {
            return new NumberArray(NumberArray.Storage.UBYTE, shape, bytes(t, from, width));
        }
        return NumberArray.of(Tensor.wrap(convert(t, file, in, from, width), shape));
    }

    private static boolean allBytes(CsvTable t, int from, int width) {
        for (int r = 0; r < t.rows(); r++) {
            double[] row = t.rowData(r);
            int first = t.rowOffset(r) + from;
            for (int k = 0; k < width; k++) {
                double v = row[first + k];
                // -0.0 is left out: as a byte it would lose its sign.
                if (!(v >= 0 && v <= 255 && v == Math.rint(v)) || Double.doubleToRawLongBits(v) == NEGATIVE_ZERO) {
                    return false;
                }
            }
        }
        return true;
    }

    private static byte[] bytes(CsvTable t, int from, int width) {
        byte[] out = new byte[Math.multiplyExact(t.rows(), width)];
        for (int r = 0; r < t.rows(); r++) {
            double[] row = t.rowData(r);
            int first = t.rowOffset(r) + from;
            for (int k = 0; k < width; k++) {
                out[r * width + k] = (byte) row[first + k];
            }
        }
        return out;
    }

    private static Object convert(CsvTable t, Path file, IoInfo in, int from, int width) {
        int n = t.rows();
        Object out = in.dtype().newArray(Math.multiplyExact(n, width));
        for (int r = 0; r < n; r++) {
            double[] row = t.rowData(r);
            int first = t.rowOffset(r) + from;
            for (int k = 0; k < width; k++) {
                double v = row[first + k];
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
}
