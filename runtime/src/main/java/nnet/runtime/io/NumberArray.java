package nnet.runtime.io;

import java.lang.reflect.Array;
import java.util.Arrays;
import nnet.runtime.Tensor;

/**
 * An array of numbers as a data file stores it, before any conversion to a model's dtype. Unlike a
 * {@link Tensor} it may hold single bytes, so that an image data set of bytes takes a quarter of the memory
 * it would as int or float. The data is row-major: byte[] for {@link Storage#UBYTE} and {@link Storage#BYTE},
 * int[], float[] or double[] for the others.
 */
public record NumberArray(Storage storage, int[] shape, Object data) {

    /** How the elements are held in memory. */
    public enum Storage {
        UBYTE("uint8", byte[].class),
        BYTE("int8", byte[].class),
        INT("int32", int[].class),
        FLOAT("float32", float[].class),
        DOUBLE("float64", double[].class);

        private final String spelling;
        private final Class<?> arrayClass;

        Storage(String spelling, Class<?> arrayClass) {
            this.spelling = spelling;
            this.arrayClass = arrayClass;
        }

        public boolean isIntegral() {
            return this != FLOAT && this != DOUBLE;
        }

        @Override
        public String toString() {
            return spelling;
        }
    }

    public NumberArray {
        shape = shape.clone();
        if (!storage.arrayClass.isInstance(data)) {
            throw new IllegalArgumentException(storage + " elements need a " + storage.arrayClass.getSimpleName()
                    + ", got " + data.getClass().getSimpleName());
        }
        if (Tensor.numel(shape) != Array.getLength(data)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " does not match "
                    + Array.getLength(data) + " elements");
        }
    }

    /** The tensor's data, not copied. */
    public static NumberArray of(Tensor t) {
        Storage s = switch (t.dtype()) {
            case F32 -> Storage.FLOAT;
            case F64 -> Storage.DOUBLE;
            case I32 -> Storage.INT;
        };
        return new NumberArray(s, t.shape(), t.data());
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return Array.getLength(data);
    }

    /** As a tensor: bytes become int32 (a copy), other storage is shared. */
    public Tensor toTensor() {
        if (!(data instanceof byte[] bytes)) {
            return Tensor.wrap(data, shape);
        }
        int[] ints = new int[bytes.length];
        int mask = storage == Storage.UBYTE ? 0xFF : -1;
        for (int i = 0; i < bytes.length; i++) {
            ints[i] = bytes[i] & mask;
        }
        return Tensor.of(ints, shape);
    }

    /** Like "uint8[60000, 28, 28]". */
    public String describe() {
        return storage + Tensor.shapeString(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumberArray a && a.storage == storage && Arrays.equals(a.shape, shape)
                && Arrays.deepEquals(new Object[] {a.data}, new Object[] {data});
    }

    @Override
    public int hashCode() {
        return storage.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NumberArray[" + describe() + "]";
    }
}
