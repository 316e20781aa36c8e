package nnet.runtime;

/** Element types a tensor can hold. The spelling is the one used in .nnet sources. */
public enum DType {
    F32("f32", 4),
    F64("f64", 8),
    I32("i32", 4);

    private final String spelling;
    private final int bytes;

    DType(String spelling, int bytes) {
        this.spelling = spelling;
        this.bytes = bytes;
    }

    public String spelling() {
        return spelling;
    }

    public int bytes() {
        return bytes;
    }

    public boolean isFloat() {
        return this != I32;
    }

    /** The dtype spelled {@code s} in source ("f32", "f64", "i32"), or null. */
    public static DType parse(String s) {
        for (DType t : values()) {
            if (t.spelling.equals(s)) {
                return t;
            }
        }
        return null;
    }

    /** A new zeroed Java array of this type: float[], double[] or int[]. */
    public Object newArray(int length) {
        return switch (this) {
            case F32 -> new float[length];
            case F64 -> new double[length];
            case I32 -> new int[length];
        };
    }

    @Override
    public String toString() {
        return spelling;
    }
}
