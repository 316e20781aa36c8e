package nnet.runtime.io;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.ShortBuffer;
import nnet.runtime.DType;

/**
 * How elements are encoded in a file, and how each encoding becomes one of the tensor dtypes: floats to F32
 * or F64, every integer and boolean encoding to I32 (range-checked). Decoding works on a whole chunk at a
 * time so that the type switch happens once per chunk, not once per element.
 */
enum ElementType {
    F16(2, DType.F32),
    BF16(2, DType.F32),
    F32(4, DType.F32),
    F64(8, DType.F64),
    BOOL(1, DType.I32),
    I8(1, DType.I32),
    U8(1, DType.I32),
    I16(2, DType.I32),
    U16(2, DType.I32),
    I32(4, DType.I32),
    U32(4, DType.I32),
    I64(8, DType.I32),
    U64(8, DType.I32);

    private final int bytes;
    private final DType target;

    ElementType(int bytes, DType target) {
        this.bytes = bytes;
        this.target = target;
    }

    int bytes() {
        return bytes;
    }

    DType target() {
        return target;
    }

    /** The encoding a tensor of {@code dtype} is written with. */
    static ElementType of(DType dtype) {
        return switch (dtype) {
            case F32 -> F32;
            case F64 -> F64;
            case I32 -> I32;
        };
    }

    /** Thrown when an integer does not fit in I32; {@code index} is the element's index in the destination. */
    static final class OutOfRange extends RuntimeException {
        final int index;
        final String value;

        OutOfRange(int index, String value) {
            super(value, null, false, false);
            this.index = index;
            this.value = value;
        }
    }

    /**
     * Decodes {@code count} elements from {@code src} (position 0, byte order already set) into {@code dst}
     * (an array of {@link #target()}'s type) starting at {@code offset}.
     */
    void decode(ByteBuffer src, Object dst, int offset, int count) {
        switch (this) {
            case F16 -> decodeHalf(src.asShortBuffer(), (float[]) dst, offset, count, false);
            case BF16 -> decodeHalf(src.asShortBuffer(), (float[]) dst, offset, count, true);
            case F32 -> src.asFloatBuffer().get((float[]) dst, offset, count);
            case F64 -> src.asDoubleBuffer().get((double[]) dst, offset, count);
            case I32 -> src.asIntBuffer().get((int[]) dst, offset, count);
            case BOOL -> decodeBool(src, (int[]) dst, offset, count);
            case I8 -> decodeInt8(src, (int[]) dst, offset, count, false);
            case U8 -> decodeInt8(src, (int[]) dst, offset, count, true);
            case I16 -> decodeInt16(src.asShortBuffer(), (int[]) dst, offset, count, false);
            case U16 -> decodeInt16(src.asShortBuffer(), (int[]) dst, offset, count, true);
            case U32 -> decodeUInt32(src.asIntBuffer(), (int[]) dst, offset, count);
            case I64 -> decodeInt64(src.asLongBuffer(), (int[]) dst, offset, count, false);
            case U64 -> decodeInt64(src.asLongBuffer(), (int[]) dst, offset, count, true);
        }
    }

    private static void decodeHalf(ShortBuffer src, float[] dst, int offset, int count, boolean brain) {
        for (int i = 0; i < count; i++) {
            short bits = src.get(i);
            dst[offset + i] = brain ? Half.bfloat16ToFloat(bits) : Half.halfToFloat(bits);
        }
    }

    private static void decodeBool(ByteBuffer src, int[] dst, int offset, int count) {
        for (int i = 0; i < count; i++) {
            dst[offset + i] = src.get(i) != 0 ? 1 : 0;
        }
    }

    private static void decodeInt8(ByteBuffer src, int[] dst, int offset, int count, boolean unsigned) {
        int mask = unsigned ? 0xFF : -1;
        for (int i = 0; i < count; i++) {
            dst[offset + i] = src.get(i) & mask;
        }
    }

    private static void decodeInt16(ShortBuffer src, int[] dst, int offset, int count, boolean unsigned) {
        int mask = unsigned ? 0xFFFF : -1;
        for (int i = 0; i < count; i++) {
            dst[offset + i] = src.get(i) & mask;
        }
    }

    private static void decodeUInt32(IntBuffer src, int[] dst, int offset, int count) {
        for (int i = 0; i < count; i++) {
            int v = src.get(i);
            if (v < 0) {
                throw new OutOfRange(offset + i, Integer.toUnsignedString(v));
            }
            dst[offset + i] = v;
        }
    }

    private static void decodeInt64(LongBuffer src, int[] dst, int offset, int count, boolean unsigned) {
        for (int i = 0; i < count; i++) {
            long v = src.get(i);
            if (v != (int) v || (unsigned && v < 0)) {
                throw new OutOfRange(offset + i, unsigned ? Long.toUnsignedString(v) : Long.toString(v));
            }
            dst[offset + i] = (int) v;
        }
    }
}
