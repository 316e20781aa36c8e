package nnet.runtime.data;

/** Bytes, unsigned (uint8 images, 0 to 255) or signed; a quarter of the memory of floats. */
final class ByteColumn extends Column {
    private final byte[] data;
    /** 0xFF turns the signed Java byte back into the unsigned value; -1 keeps the sign. */
    private final int mask;

    ByteColumn(byte[] data, boolean unsigned, int examples, int width, Origin origin) {
        super(examples, width, origin);
        this.data = data;
        this.mask = unsigned ? 0xFF : -1;
    }

    @Override
    boolean integralStorage() {
        return true;
    }

    @Override
    double get(int index) {
        return data[index] & mask;
    }

    @Override
    void toFloats(int from, float[] target, int at) {
        for (int i = 0, n = width(); i < n; i++) {
            target[at + i] = data[from + i] & mask;
        }
    }

    @Override
    void toDoubles(int from, double[] target, int at) {
        for (int i = 0, n = width(); i < n; i++) {
            target[at + i] = data[from + i] & mask;
        }
    }

    @Override
    void toInts(int from, int[] target, int at) {
        for (int i = 0, n = width(); i < n; i++) {
            target[at + i] = data[from + i] & mask;
        }
    }
}
