package nnet.runtime.data;

/** 64-bit floats; an f32 input gets them rounded to float. */
final class DoubleColumn extends Column {
    private final double[] data;

    DoubleColumn(double[] data, int examples, int width, Origin origin) {
        super(examples, width, origin);
        this.data = data;
    }

    @Override
    boolean integralStorage() {
        return false;
    }

    @Override
    double get(int index) {
        return data[index];
    }

    @Override
    void toFloats(int from, float[] target, int at) {
        for (int i = 0, n = width(); i < n; i++) {
            target[at + i] = (float) data[from + i];
        }
    }

    @Override
    void toDoubles(int from, double[] target, int at) {
        System.arraycopy(data, from, target, at, width());
    }

    @Override
    void toInts(int from, int[] target, int at) {
        for (int i = 0, n = width(); i < n; i++) {
            target[at + i] = (int) data[from + i];
        }
    }
}
