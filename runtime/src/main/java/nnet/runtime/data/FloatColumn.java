package nnet.runtime.data;

/** 32-bit floats. */
final class FloatColumn extends Column {
    private final float[] data;

    FloatColumn(float[] data, int examples, int width, Origin origin) {
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
        System.arraycopy(data, from, target, at, width());
    }

    @Override
    void toDoubles(int from, double[] target, int at) {
        for (int i = 0, n = width(); i < n; i++) {
            target[at + i] = data[from + i];
        }
    }

    @Override
    void toInts(int from, int[] target, int at) {
        for (int i = 0, n = width(); i < n; i++) {
            target[at + i] = (int) data[from + i];
        }
    }
}
