package nnet.runtime.data;

/** 32-bit integers: labels, and the wider integer types of files. */
final class IntColumn extends Column {
    private final int[] data;

    IntColumn(int[] data, int examples, int width, Origin origin) {
        super(examples, width, origin);
        this.data = data;
    }

    @Override
    boolean integralStorage() {
        return true;
    }

    @Override
    double get(int index) {
        return data[index];
    }

    @Override
    void toFloats(int from, float[] target, int at) {
        for (int i = 0, n = width(); i < n; i++) {
            target[at + i] = data[from + i];
        }
    }

    @Override
    void toDoubles(int from, double[] target, int at) {
        for (int i = 0, n = width(); i < n; i++) {
            target[at + i] = data[from + i];
        }
    }

    @Override
    void toInts(int from, int[] target, int at) {
        System.arraycopy(data, from, target, at, width());
    }
}
