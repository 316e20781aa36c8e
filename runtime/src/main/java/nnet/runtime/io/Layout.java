package nnet.runtime.io;

import java.lang.reflect.Array;

/** Conversions between element orders: row-major (C, what Tensor uses) and column-major (Fortran). */
final class Layout {
    private Layout() {
    }

    /**
     * The multi-index of the element stored at position {@code flat} of an array of {@code shape}, rendered
     * like "[1, 2]", so that an error can point at the element the way a user would index it.
     */
    static String describeIndex(long flat, int[] shape, boolean columnMajor) {
        long[] index = new long[shape.length];
        long rest = flat;
        for (int i = 0; i < shape.length; i++) {
            int axis = columnMajor ? i : shape.length - 1 - i;
            index[axis] = rest % shape[axis];
            rest /= shape[axis];
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < index.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(index[i]);
        }
        return sb.append(']').toString();
    }

    /**
     * A row-major copy of {@code data} (float[], double[], int[] or byte[]), which holds {@code shape}
     * column-major.
     */
    static Object columnMajorToRowMajor(Object data, int[] shape) {
        int rank = shape.length;
        int count = Array.getLength(data);
        if (rank <= 1 || count == 0) {
            return data;
        }
        int[] strides = columnMajorStrides(shape);
        int rowLength = shape[rank - 1];
        int rowStride = strides[rank - 1];
        Object out = Array.newInstance(data.getClass().getComponentType(), count);
        int[] index = new int[rank - 1];
        int source = 0;
        for (int target = 0; target < count; target += rowLength) {
            copyStrided(data, source, rowStride, out, target, rowLength);
            source = advance(index, shape, strides, source);
        }
        return out;
    }

    private static int[] columnMajorStrides(int[] shape) {
        int[] strides = new int[shape.length];
        int stride = 1;
        for (int axis = 0; axis < shape.length; axis++) {
            strides[axis] = stride;
            stride *= shape[axis];
        }
        return strides;
    }

    /** Steps the index over all axes but the last, like an odometer, and returns the new source offset. */
    private static int advance(int[] index, int[] shape, int[] strides, int source) {
        for (int axis = index.length - 1; axis >= 0; axis--) {
            index[axis]++;
            source += strides[axis];
            if (index[axis] < shape[axis]) {
                return source;
            }
            source -= strides[axis] * shape[axis];
            index[axis] = 0;
        }
        return source;
    }

    private static void copyStrided(Object from, int start, int stride, Object to, int at, int n) {
        if (from instanceof float[] f) {
            float[] t = (float[]) to;
            for (int i = 0; i < n; i++) {
                t[at + i] = f[start + i * stride];
            }
        } else if (from instanceof double[] d) {
            double[] t = (double[]) to;
            for (int i = 0; i < n; i++) {
                t[at + i] = d[start + i * stride];
            }
        } else if (from instanceof byte[] b) {
            byte[] t = (byte[]) to;
            for (int i = 0; i < n; i++) {
                t[at + i] = b[start + i * stride];
            }
        } else {
            int[] s = (int[]) from;
            int[] t = (int[]) to;
            for (int i = 0; i < n; i++) {
                t[at + i] = s[start + i * stride];
            }
        }
    }
}
