package nnet.runtime;

import java.util.Arrays;

/**
 * A dense, row-major array with a dtype and a shape, backed by a Java array (float[], double[] or int[]).
 * This is the exchange type between models and the programs that use them; models never keep a reference
 * to a tensor handed to them, they copy.
 */
public final class Tensor {
    private final DType dtype;
    private final int[] shape;
    private final Object data;

    private Tensor(DType dtype, int[] shape, Object data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
        long n = numel(shape);
        if (n != java.lang.reflect.Array.getLength(data)) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n
                    + " elements but the data has " + java.lang.reflect.Array.getLength(data));
        }
    }

    public static Tensor zeros(DType dtype, int... shape) {
        long n = numel(shape);
        if (n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " is too large");
        }
        return new Tensor(dtype, shape, dtype.newArray((int) n));
    }

    public static Tensor of(float[] data, int... shape) {
        return new Tensor(DType.F32, shape, data);
    }

    public static Tensor of(double[] data, int... shape) {
        return new Tensor(DType.F64, shape, data);
    }

    public static Tensor of(int[] data, int... shape) {
        return new Tensor(DType.I32, shape, data);
    }

    /** Wraps an existing float[], double[] or int[] without copying. */
    public static Tensor wrap(Object data, int... shape) {
        if (data instanceof float[] f) {
            return of(f, shape);
        } else if (data instanceof double[] d) {
            return of(d, shape);
        } else if (data instanceof int[] i) {
            return of(i, shape);
        }
        throw new IllegalArgumentException("not a float[], double[] or int[]: " + data.getClass());
    }

    public static Tensor scalar(double value, DType dtype) {
        Tensor t = zeros(dtype);
        t.setDouble(0, value);
        return t;
    }

    public static long numel(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis < 0 ? axis + shape.length : axis];
    }

    public int size() {
        return java.lang.reflect.Array.getLength(data);
    }

    /** The backing array (float[], double[] or int[]); writes to it change the tensor. */
    public Object data() {
        return data;
    }

    public float[] floats() {
        return (float[]) data;
    }

    public double[] doubles() {
        return (double[]) data;
    }

    public int[] ints() {
        return (int[]) data;
    }

    public double getDouble(int flatIndex) {
        return switch (dtype) {
            case F32 -> ((float[]) data)[flatIndex];
            case F64 -> ((double[]) data)[flatIndex];
            case I32 -> ((int[]) data)[flatIndex];
        };
    }

    public void setDouble(int flatIndex, double value) {
        switch (dtype) {
            case F32 -> ((float[]) data)[flatIndex] = (float) value;
            case F64 -> ((double[]) data)[flatIndex] = value;
            case I32 -> ((int[]) data)[flatIndex] = (int) value;
        }
    }

    /** A copy converted to {@code target}; integer conversion truncates toward zero. */
    public Tensor to(DType target) {
        Tensor out = zeros(target, shape);
        int n = size();
        for (int i = 0; i < n; i++) {
            out.setDouble(i, getDouble(i));
        }
        return out;
    }

    public Tensor copy() {
        return switch (dtype) {
            case F32 -> of(((float[]) data).clone(), shape);
            case F64 -> of(((double[]) data).clone(), shape);
            case I32 -> of(((int[]) data).clone(), shape);
        };
    }

    /** The same data seen with another shape of the same element count. */
    public Tensor reshape(int... newShape) {
        return new Tensor(dtype, newShape, data);
    }

    public String shapeString() {
        return shapeString(shape);
    }

    public static String shapeString(int[] shape) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(']').toString();
    }

    @Override
    public String toString() {
        return dtype + shapeString();
    }
}
