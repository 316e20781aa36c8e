package nnet.runtime.io;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnet.runtime.DType;
import nnet.runtime.Tensor;

/** The array description in a .npy header: element encoding, byte order, element order and shape. */
record NpyHeader(ElementType type, ByteOrder order, boolean fortranOrder, int[] shape) {
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /** Parses the header text, a Python dict literal such as {'descr': '<f4', 'fortran_order': False, 'shape': (3,)}. */
    static NpyHeader parse(String text) {
        if (!(literal(text) instanceof Map<?, ?> dict)) {
            throw new BadFormat("the header is not a dict: " + Excerpt.quote(text));
        }
        for (Object key : dict.keySet()) {
            if (!KEYS.contains(key)) {
                throw new BadFormat("the header has an unexpected key '" + Excerpt.quote(String.valueOf(key)) + "': " + Excerpt.quote(text));
            }
        }
        for (String key : KEYS) {
            if (!dict.containsKey(key)) {
                throw new BadFormat("the header has no '" + key + "': " + Excerpt.quote(text));
            }
        }
        Object descr = dict.get("descr");
        ElementType type = elementType(descr);
        return new NpyHeader(type, byteOrder(descr.toString()), fortranOrder(dict.get("fortran_order")),
                shape(dict.get("shape")));
    }

    private static Object literal(String text) {
        try {
            return PyLiteral.parse(text);
        } catch (BadFormat e) {
            throw new BadFormat("malformed header: " + e.getMessage());
        }
    }

    /** The header text that describes {@code t}, before padding. */
    static String describe(Tensor t) {
        return "{'descr': '" + descr(t.dtype()) + "', 'fortran_order': False, 'shape': " + shapeRepr(t.shape()) + ", }";
    }

    private static String descr(DType dtype) {
        return switch (dtype) {
            case F32 -> "<f4";
            case F64 -> "<f8";
            case I32 -> "<i4";
        };
    }

    /** A shape the way Python prints a tuple: (), (3,), (3, 4). */
    private static String shapeRepr(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static ElementType elementType(Object descr) {
        if (descr instanceof List) {
            throw new BadFormat("structured arrays (descr " + Excerpt.quote(String.valueOf(descr)) + ") are not supported");
        }
        if (!(descr instanceof String s)) {
            throw new BadFormat("'descr' is not a string: " + Excerpt.quote(String.valueOf(descr)));
        }
        String code = s.isEmpty() || "<>|=".indexOf(s.charAt(0)) < 0 ? s : s.substring(1);
        ElementType type = switch (code) {
            case "f2" -> ElementType.F16;
            case "f4" -> ElementType.F32;
            case "f8" -> ElementType.F64;
            case "b1" -> ElementType.BOOL;
            case "i1" -> ElementType.I8;
            case "u1" -> ElementType.U8;
            case "i2" -> ElementType.I16;
            case "u2" -> ElementType.U16;
            case "i4" -> ElementType.I32;
            case "u4" -> ElementType.U32;
            case "i8" -> ElementType.I64;
            case "u8" -> ElementType.U64;
            default -> throw new BadFormat("dtype '" + Excerpt.quote(s) + "' is not supported (supported: float16/32/64, "
                    + "signed and unsigned integers of 8 to 64 bits, bool)");
        };
        if (s.charAt(0) == '|' && type.bytes() > 1) {
            throw new BadFormat("dtype '" + Excerpt.quote(s) + "' has no byte order ('|') but its elements take "
                    + type.bytes() + " bytes");
        }
        return type;
    }

    /** '<' little-endian, '>' big-endian, '|' not applicable (single bytes), '=' or none: this machine's. */
    private static ByteOrder byteOrder(String descr) {
        return switch (descr.charAt(0)) {
            case '<' -> ByteOrder.LITTLE_ENDIAN;
            case '>' -> ByteOrder.BIG_ENDIAN;
            default -> ByteOrder.nativeOrder();
        };
    }

    private static boolean fortranOrder(Object value) {
        if (!(value instanceof Boolean b)) {
            throw new BadFormat("'fortran_order' is not True or False: " + Excerpt.quote(String.valueOf(value)));
        }
        return b;
    }

    private static int[] shape(Object value) {
        if (!(value instanceof List<?> dims)) {
            throw new BadFormat("'shape' is not a tuple of integers: " + Excerpt.quote(String.valueOf(value)));
        }
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!(dims.get(i) instanceof BigInteger dim) || dim.signum() < 0) {
                throw new BadFormat("'shape' " + Excerpt.quote(dims.toString()) + " has an entry that is not a non-negative integer");
            }
            if (dim.bitLength() >= Long.SIZE) {
                throw new BadFormat("'shape' " + Excerpt.quote(dims.toString()) + " has a dimension too large to hold");
            }
            shape[i] = dim.longValue();
        }
        return Shapes.toTensorShape(shape);
    }
}
