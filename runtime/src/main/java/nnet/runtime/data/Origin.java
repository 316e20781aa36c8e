package nnet.runtime.data;

/**
 * Where a column's examples come from, for messages: the file (or archive entry) and how its records are
 * named. A CSV names data rows from 1, as a person counts lines; an array names examples by their index
 * along the first dimension, from 0, as NumPy indexes them.
 */
public record Origin(String file, boolean csvRows) {

    public static Origin csv(Object file) {
        return new Origin(file.toString(), true);
    }

    public static Origin array(Object file) {
        return new Origin(file.toString(), false);
    }

    /** The record holding example {@code index} of the file: "data row 18" or "example 17". */
    public String record(int index) {
        return csvRows ? "data row " + (index + 1) : "example " + index;
    }

    @Override
    public String toString() {
        return file;
    }
}
