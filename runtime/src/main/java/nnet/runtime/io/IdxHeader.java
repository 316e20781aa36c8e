package nnet.runtime.io;

import java.util.Arrays;
import nnet.runtime.Plural;
import nnet.runtime.Tensor;

/**
 * The start of an IDX file (the format of MNIST and Fashion-MNIST): a magic number of two zero bytes, the
 * element type and the number of dimensions, then each dimension's size as a big-endian 32-bit integer.
 */
record IdxHeader(IdxType type, int[] shape) {
    static final int MAGIC_BYTES = 4;
    static final int DIM_BYTES = 4;

    /** The element types of IDX files, by the code in the third byte of the magic number. */
    enum IdxType {
        UBYTE(0x08, "ubyte", ElementType.U8, NumberArray.Storage.UBYTE),
        BYTE(0x09, "byte", ElementType.I8, NumberArray.Storage.BYTE),
        SHORT(0x0B, "short", ElementType.I16, NumberArray.Storage.INT),
        INT(0x0C, "int", ElementType.I32, NumberArray.Storage.INT),
        FLOAT(0x0D, "float", ElementType.F32, NumberArray.Storage.FLOAT),
        DOUBLE(0x0E, "double", ElementType.F64, NumberArray.Storage.DOUBLE);

        final int code;
        final String spelling;
        final ElementType element;
        /** Shorts are widened to int on reading: few data sets use them, and one storage less is simpler. */
        final NumberArray.Storage storage;

        IdxType(int code, String spelling, ElementType element, NumberArray.Storage storage) {
            this.code = code;
            this.spelling = spelling;
            this.element = element;
            this.storage = storage;
        }

        static IdxType of(int code) {
            for (IdxType t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            StringBuilder known = new StringBuilder();
            for (IdxType t : values()) {
                known.append(known.length() == 0 ? "" : ", ").append(hex(t.code)).append(' ').append(t.spelling);
            }
            throw new BadFormat("unknown IDX element type " + hex(code) + " in the magic number (known: " + known
                    + ")");
        }
    }

    /** Decodes the magic number; returns the element type and the number of dimensions. */
    static IdxType type(byte[] magic, int length) {
        if (length == 0) {
            throw new BadFormat("the file is empty");
        }
        if (length < MAGIC_BYTES) {
            throw new BadFormat("not an IDX file: it has " + length + " bytes, fewer than the 4 of the magic number");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new BadFormat("not an IDX file: it starts with " + hex(magic[0] & 0xFF) + " " + hex(magic[1] & 0xFF)
                    + ", not 0x00 0x00");
        }
        IdxType type = IdxType.of(magic[2] & 0xFF);
        if (magic[3] == 0) {
            throw new BadFormat("the magic number declares 0 dimensions; a data set needs at least one, the examples");
        }
        return type;
    }

    /** Decodes the dimension sizes, {@code dims.length / 4} big-endian unsigned integers. */
    static int[] shape(byte[] dims) {
        long[] sizes = new long[dims.length / DIM_BYTES];
        for (int i = 0; i < sizes.length; i++) {
            int at = i * DIM_BYTES;
            sizes[i] = ((dims[at] & 0xFFL) << 24) | ((dims[at + 1] & 0xFF) << 16) | ((dims[at + 2] & 0xFF) << 8)
                    | (dims[at + 3] & 0xFF);
            if (sizes[i] > Integer.MAX_VALUE) {
                throw new BadFormat("the size of dimension " + i + " is " + sizes[i] + ", more than an array can hold");
            }
        }
        return Shapes.toTensorShape(sizes);
    }

    int headerBytes() {
        return MAGIC_BYTES + DIM_BYTES * shape.length;
    }

    long dataBytes() {
        return Tensor.numel(shape) * type.element.bytes();
    }

    int examples() {
        return shape[0];
    }

    long bytesPerExample() {
        return Tensor.numel(exampleShape()) * type.element.bytes();
    }

    int[] exampleShape() {
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    /** Like "60000 examples of ubyte[28, 28]", or "of ubyte" for one element each. */
    String describeData() {
        int[] each = exampleShape();
        return Plural.of(shape[0], "example") + " of " + type.spelling + (each.length == 0 ? "" : Tensor.shapeString(each));
    }

    static String hex(int b) {
        return String.format("0x%02X", b);
    }
}
