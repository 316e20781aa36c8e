package nnet.runtime.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnet.runtime.Tensor;

/**
 * The JSON header of a safetensors file, parsed and checked the way the reference implementation checks
 * it: every tensor's byte range must match its shape and dtype, and the ranges, taken in order, must tile
 * the data buffer exactly, without overlaps or gaps.
 */
record SafeTensorsHeader(List<Entry> entries, Map<String, String> metadata) {
    static final String METADATA_KEY = "__metadata__";
    private static final JsonFactory JSON = new JsonFactory();

    /** One tensor's description; offsets are relative to the start of the data buffer. */
    record Entry(String name, ElementType type, int[] shape, long begin, long end) {
        int count() {
            return (int) Tensor.numel(shape);
        }
    }

    /** Parses {@code raw} and checks it against a data buffer of {@code dataBytes} bytes. */
    static SafeTensorsHeader parse(byte[] raw, long dataBytes) {
        SafeTensorsHeader header = parseJson(utf8(raw));
        header.checkOffsets(dataBytes);
        return header;
    }

    /** The safetensors name of each dtype that is read, with what it becomes. */
    static ElementType elementType(String name) {
        return switch (name) {
            case "F16" -> ElementType.F16;
            case "BF16" -> ElementType.BF16;
            case "F32" -> ElementType.F32;
            case "F64" -> ElementType.F64;
            case "BOOL" -> ElementType.BOOL;
            case "I8" -> ElementType.I8;
            case "U8" -> ElementType.U8;
            case "I16" -> ElementType.I16;
            case "U16" -> ElementType.U16;
            case "I32" -> ElementType.I32;
            case "U32" -> ElementType.U32;
            case "I64" -> ElementType.I64;
            case "U64" -> ElementType.U64;
            default -> null;
        };
    }

    private static String utf8(byte[] raw) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new BadFormat("the header is not valid UTF-8");
        }
    }

    private static SafeTensorsHeader parseJson(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new BadFormat("the header is not a JSON object");
            }
            SafeTensorsHeader header = readTopLevel(p);
            if (p.nextToken() != null) {
                throw new BadFormat("the header has more text after its JSON object");
            }
            return header;
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " (at character " + (e.getLocation().getCharOffset() + 1) + " of the header)";
            throw new BadFormat("the header is not valid JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            // Parsing a String does no I/O.
            throw new UncheckedIOException(e);
        }
    }

    private static SafeTensorsHeader readTopLevel(JsonParser p) throws IOException {
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = null;
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            if (!seen.add(name)) {
                throw new BadFormat("the header names '" + Excerpt.quote(name) + "' twice");
            }
            if (name.equals(METADATA_KEY)) {
                metadata = readMetadata(p);
            } else {
                entries.add(readEntry(p, name));
            }
        }
        return new SafeTensorsHeader(entries, metadata == null ? new LinkedHashMap<>() : metadata);
    }

    private static Map<String, String> readMetadata(JsonParser p) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return metadata;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadFormat(METADATA_KEY + " is not an object of strings");
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new BadFormat(METADATA_KEY + " value for '" + Excerpt.quote(key) + "' is not a string");
            }
            if (metadata.put(key, p.getText()) != null) {
                throw new BadFormat(METADATA_KEY + " has the key '" + Excerpt.quote(key) + "' twice");
            }
        }
        return metadata;
    }

    private static Entry readEntry(JsonParser p, String name) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadFormat(tensor(name) + ": its description is not a JSON object");
        }
        String dtype = null;
        long[] shape = null;
        long[] offsets = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "dtype" -> dtype = readString(p, name, field);
                case "shape" -> shape = readSizes(p, name, field);
                case "data_offsets" -> offsets = readSizes(p, name, field);
                // The reference implementation ignores fields it does not know.
                default -> p.skipChildren();
            }
        }
        return toEntry(name, dtype, shape, offsets);
    }

    private static Entry toEntry(String name, String dtype, long[] shape, long[] offsets) {
        String missing = dtype == null ? "dtype" : shape == null ? "shape" : offsets == null ? "data_offsets" : null;
        if (missing != null) {
            throw new BadFormat(tensor(name) + " has no \"" + missing + "\"");
        }
        if (offsets.length != 2) {
            throw new BadFormat(tensor(name) + ": \"data_offsets\" must be [begin, end], found "
                    + Arrays.toString(offsets));
        }
        ElementType type = elementType(dtype);
        if (type == null) {
            throw new BadFormat(tensor(name) + ": dtype " + Excerpt.quote(dtype) + " is not supported (supported: F16, "
                    + "BF16, F32, F64, BOOL, I8, U8, I16, U16, I32, U32, I64, U64)");
        }
        int[] tensorShape;
        try {
            tensorShape = Shapes.toTensorShape(shape);
        } catch (BadFormat e) {
            throw new BadFormat(tensor(name) + ": " + e.getMessage());
        }
        return new Entry(name, type, tensorShape, offsets[0], offsets[1]);
    }

    private static String readString(JsonParser p, String name, String field) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new BadFormat(tensor(name) + ": \"" + field + "\" is not a string");
        }
        return p.getText();
    }

    /** An array of non-negative integers that fit in a long, as shapes and offsets are. */
    private static long[] readSizes(JsonParser p, String name, String field) throws IOException {
        String problem = tensor(name) + ": \"" + field + "\" is not an array of non-negative integers";
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new BadFormat(problem);
        }
        List<Long> values = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw new BadFormat(problem);
            }
            if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
                throw new BadFormat(problem + " in range");
            }
            values.add(p.getLongValue());
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** The checks the reference implementation makes before it trusts any offset. */
    private void checkOffsets(long dataBytes) {
        for (Entry e : entries) {
            checkSize(e, dataBytes);
        }
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long covered = 0;
        Entry previous = null;
        for (Entry e : byOffset) {
            checkFollows(previous, covered, e);
            covered = e.end();
            previous = e;
        }
        if (covered != dataBytes) {
            throw new BadFormat("the tensors cover " + covered + " bytes but the data after the header has "
                    + dataBytes + " bytes");
        }
    }

    private static void checkSize(Entry e, long dataBytes) {
        String where = tensor(e.name()) + ": data_offsets [" + e.begin() + ", " + e.end() + "]";
        if (e.end() < e.begin()) {
            throw new BadFormat(where + " end before they begin");
        }
        if (e.end() > dataBytes) {
            throw new BadFormat(where + " go past the end of the data, which has " + dataBytes + " bytes");
        }
        long needed = (long) e.count() * e.type().bytes();
        if (e.end() - e.begin() != needed) {
            throw new BadFormat(where + " hold " + (e.end() - e.begin()) + " bytes but shape "
                    + Arrays.toString(e.shape()) + " of " + e.type() + " needs " + needed);
        }
    }

    private static void checkFollows(Entry previous, long covered, Entry e) {
        if (e.begin() < covered) {
            throw new BadFormat(tensor(e.name()) + ": data_offsets [" + e.begin() + ", " + e.end()
                    + "] overlap those of " + tensor(previous.name()) + " [" + previous.begin() + ", "
                    + previous.end() + "]");
        }
        if (e.begin() > covered) {
            throw new BadFormat(tensor(e.name()) + ": data_offsets [" + e.begin() + ", " + e.end()
                    + "] leave " + (e.begin() - covered) + " unused bytes before them");
        }
    }

    /** A tensor as messages name it; a damaged header may give it any name. */
    private static String tensor(String name) {
        return "tensor '" + Excerpt.quote(name) + "'";
    }
}
