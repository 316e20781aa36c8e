package nnet.runtime.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import nnet.runtime.ClassIndexOutOfRange;
import nnet.runtime.DType;
import nnet.runtime.Executor;
import nnet.runtime.io.DataException;
import nnet.runtime.model.IoInfo;

/**
 * Examples for a model's inputs: a column per input, and the records of those columns that make up this
 * data set. A subset (a validation split, say) is a new list of records over the same columns, so it
 * copies no example data.
 */
public final class Dataset {
    private final List<IoInfo> inputs;
    private final List<Column> columns;
    /** Example i of this data set is record records[i] of every column. */
    private final int[] records;

    private Dataset(List<IoInfo> inputs, List<Column> columns, int[] records) {
        this.inputs = inputs;
        this.columns = columns;
        this.records = records;
    }

    /**
     * The data set of every record of {@code columns}, column i feeding {@code inputs} i; the columns'
     * widths and example counts must have been checked against the inputs and each other.
     */
    public static Dataset of(List<IoInfo> inputs, List<Column> columns) {
        if (inputs.size() != columns.size()) {
            throw new IllegalArgumentException(inputs.size() + " inputs but " + columns.size() + " columns");
        }
        int examples = columns.isEmpty() ? 0 : columns.get(0).examples();
        for (Column c : columns) {
            if (c.examples() != examples) {
                throw new IllegalArgumentException("columns of " + examples + " and " + c.examples() + " examples");
            }
        }
        int[] all = new int[examples];
        java.util.Arrays.setAll(all, i -> i);
        return new Dataset(List.copyOf(inputs), List.copyOf(columns), all);
    }

    public int size() {
        return records.length;
    }

    /** The inputs this data set fills, in the model's order. */
    public List<IoInfo> inputs() {
        return inputs;
    }

    /** The column that feeds input {@code input}. */
    Column column(int input) {
        return columns.get(input);
    }

    /** The files the examples come from, each once, for messages. */
    public String source() {
        Set<String> files = new LinkedHashSet<>();
        columns.forEach(c -> files.add(c.origin().file()));
        return String.join(", ", files);
    }

    /** Copies examples {@code order[from..from+count)} into the executor's inputs. */
    public void fill(Executor ex, int[] order, int from, int count) {
        for (int i = 0; i < inputs.size(); i++) {
            copy(i, order, from, count, ex.inputArray(inputs.get(i).name()));
        }
    }

    /** Copies input {@code input}'s examples {@code order[from..from+count)} into {@code target}, one after another. */
    void copy(int input, int[] order, int from, int count, Object target) {
        int[] picked = new int[count];
        for (int k = 0; k < count; k++) {
            picked[k] = records[order[from + k]];
        }
        columns.get(input).copy(picked, count, target);
    }

    /** The examples at the given positions, as a new data set sharing this one's columns. */
    public Dataset subset(int[] positions) {
        int[] picked = new int[positions.length];
        for (int k = 0; k < positions.length; k++) {
            picked[k] = records[positions[k]];
        }
        return new Dataset(inputs, columns, picked);
    }

    /**
     * The error for a class index out of range in example {@code example}, naming the file and record it
     * came from: those of the integer input that holds the index there.
     */
    public DataException badClassIndex(ClassIndexOutOfRange e, int example) {
        int record = records[example];
        Column holder = labelColumnHolding(record, e.index());
        return new DataException(holder.origin() + ": " + holder.origin().record(record) + ": class index "
                + e.index() + " is out of range; the model has " + e.classes() + " classes (0 to "
                + (e.classes() - 1) + ")", e);
    }

    private Column labelColumnHolding(int record, int value) {
        List<Column> integers = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).dtype() == DType.I32) {
                integers.add(columns.get(i));
            }
        }
        for (Column c : integers) {
            for (int k = 0; k < c.width(); k++) {
                if (c.get(record * c.width() + k) == value) {
                    return c;
                }
            }
        }
        return integers.isEmpty() ? columns.get(0) : integers.get(0);
    }
}
