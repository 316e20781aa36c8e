package nnet.runtime.data;

import java.util.Arrays;
import nnet.runtime.Tensor;
import nnet.runtime.io.DataException;
import nnet.runtime.io.NumberArray;

/**
 * One input's examples, each {@link #width()} elements, held as compactly as the file allows (bytes stay
 * bytes) and converted element by element while a batch is copied into an executor's input array. Copying
 * into an int array casts; {@link #checkIntegral} makes sure beforehand that nothing is lost.
 */
public abstract class Column {
    private final int examples;
    private final int width;
    private final Origin origin;

    Column(int examples, int width, Origin origin) {
        this.examples = examples;
        this.width = width;
        this.origin = origin;
    }

    /** The array's first dimension counts the examples; each holds the elements of the other dimensions. */
    public static Column of(NumberArray array, Origin origin) {
        int[] shape = array.shape();
        int examples = shape[0];
        int width = (int) Tensor.numel(Arrays.copyOfRange(shape, 1, shape.length));
        Object data = array.data();
        return switch (array.storage()) {
            case UBYTE -> new ByteColumn((byte[]) data, true, examples, width, origin);
            case BYTE -> new ByteColumn((byte[]) data, false, examples, width, origin);
            case INT -> new IntColumn((int[]) data, examples, width, origin);
            case FLOAT -> new FloatColumn((float[]) data, examples, width, origin);
            case DOUBLE -> new DoubleColumn((double[]) data, examples, width, origin);
        };
    }

    public int examples() {
        return examples;
    }

    /** Elements per example. */
    public int width() {
        return width;
    }

    public Origin origin() {
        return origin;
    }

    /**
     * Checks that every value is an integer that fits in 32 bits, as an i32 input needs; the message names
     * the first value that is not.
     *
     * @throws DataException naming the file, the record and, for examples of several elements, the element
     */
    public void checkIntegral(String input) {
        if (integralStorage()) {
            return;
        }
        for (int i = 0, n = examples * width; i < n; i++) {
            double v = get(i);
            if (v != Math.rint(v) || v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                String problem = v != Math.rint(v) ? " is not an integer, but input '" + input + "' is i32"
                        : " is too large for input '" + input + "', which is i32";
                throw new DataException(origin + ": " + origin.record(i / width)
                        + (width > 1 ? ", element " + i % width : "") + ": " + v + problem);
            }
        }
    }

    /** Whether every value the storage can hold is an integer. */
    abstract boolean integralStorage();

    /** Element {@code index} of the flat data, for messages and checks. */
    abstract double get(int index);

    /**
     * Copies the examples {@code records[0, count)}, one after another, into {@code target}: a float[],
     * double[] or int[] of at least {@code count * width()} elements.
     */
    public final void copy(int[] records, int count, Object target) {
        if (target instanceof float[] f) {
            for (int k = 0; k < count; k++) {
                toFloats(records[k] * width, f, k * width);
            }
        } else if (target instanceof double[] d) {
            for (int k = 0; k < count; k++) {
                toDoubles(records[k] * width, d, k * width);
            }
        } else {
            int[] ints = (int[]) target;
            for (int k = 0; k < count; k++) {
                toInts(records[k] * width, ints, k * width);
            }
        }
    }

    /** Elements {@code [from, from + width)} of the flat data into {@code target} from {@code at}. */
    abstract void toFloats(int from, float[] target, int at);

    abstract void toDoubles(int from, double[] target, int at);

    abstract void toInts(int from, int[] target, int at);
}
