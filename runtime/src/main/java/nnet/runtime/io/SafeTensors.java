package nnet.runtime.io;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnet.runtime.DType;
import nnet.runtime.Tensor;

/**
 * The safetensors format: an 8-byte little-endian header length N, N bytes of JSON describing each tensor's
 * dtype, shape and byte range (plus optional string metadata), then the little-endian data.
 */
public final class SafeTensors {
    /** The reference implementation's limit; larger values come from corrupt or hostile files. */
    private static final long MAX_HEADER_BYTES = 100_000_000;
    private static final int LENGTH_BYTES = 8;
    private static final int ALIGNMENT = 8;
    private static final JsonFactory JSON = new JsonFactory();

    private SafeTensors() {
    }

    /** What a safetensors file holds: tensors in header order, and the string metadata (empty if none). */
    public record Contents(Map<String, Tensor> tensors, Map<String, String> metadata) {
    }

    /**
     * Reads every tensor of {@code path}. F16 and BF16 become F32; integer and boolean dtypes other than I32
     * become I32, and a value that does not fit is an error.
     *
     * @throws DataException if the file cannot be read or is not a valid safetensors file
     */
    public static Contents read(Path path) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return readContents(channel);
        } catch (BadFormat e) {
            throw new DataException(path + ": " + e.getMessage());
        } catch (IOException e) {
            throw IoErrors.reading(path, e);
        }
    }

    /**
     * Replaces {@code path} atomically with a safetensors file of {@code tensors} and {@code metadata} (may
     * be null). The header lists tensors in map order; the data puts 8-byte elements first so every tensor
     * starts aligned to its element size, as the reference writer arranges it.
     *
     * @throws IllegalArgumentException if a tensor is named "__metadata__" or a metadata value is null
     * @throws DataException if the file cannot be written
     */
    public static void write(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) {
        if (tensors.containsKey(SafeTensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("a tensor may not be named " + SafeTensorsHeader.METADATA_KEY);
        }
        List<String> dataOrder = dataOrder(tensors);
        Map<String, long[]> offsets = offsets(dataOrder, tensors);
        try {
            byte[] header = headerBytes(tensors, offsets, metadata == null ? Map.of() : metadata);
            AtomicFiles.write(path, out -> writeFile(out, header, dataOrder, tensors));
        } catch (IOException e) {
            throw IoErrors.writing(path, e);
        }
    }

    private static Contents readContents(FileChannel channel) throws IOException {
        long size = channel.size();
        long headerBytes = readHeaderLength(channel, size);
        byte[] raw = readBytes(channel, LENGTH_BYTES, (int) headerBytes);
        SafeTensorsHeader header = SafeTensorsHeader.parse(raw, size - LENGTH_BYTES - headerBytes);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (SafeTensorsHeader.Entry e : header.entries()) {
            tensors.put(e.name(), readTensor(channel, LENGTH_BYTES + headerBytes, e));
        }
        return new Contents(tensors, header.metadata());
    }

    private static long readHeaderLength(FileChannel channel, long size) throws IOException {
        if (size < LENGTH_BYTES) {
            throw new BadFormat("the file has " + size + " bytes, too few for a safetensors file, which starts "
                    + "with an 8-byte header length");
        }
        long length = ByteBuffer.wrap(readBytes(channel, 0, LENGTH_BYTES)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (length < 0 || length > MAX_HEADER_BYTES) {
            throw new BadFormat("the header length " + Long.toUnsignedString(length) + " is larger than the limit of "
                    + MAX_HEADER_BYTES + " bytes; this is probably not a safetensors file");
        }
        if (LENGTH_BYTES + length > size) {
            throw new BadFormat("the header length " + length + " goes past the end of the file, which has "
                    + size + " bytes");
        }
        return length;
    }

    private static byte[] readBytes(FileChannel channel, long position, int length) throws IOException {
        byte[] bytes = new byte[length];
        if (ElementReader.from(channel, position).read(bytes, length) < length) {
            throw new BadFormat("the file ended while reading it; was it changed meanwhile?");
        }
        return bytes;
    }

    private static Tensor readTensor(FileChannel channel, long dataStart, SafeTensorsHeader.Entry e)
            throws IOException {
        ElementReader.ByteSource source = ElementReader.from(channel, dataStart + e.begin());
        try {
            // The header's offsets were checked against the file's size, so the count is trustworthy.
            Object data = ElementReader.read(e.type(), ByteOrder.LITTLE_ENDIAN, e.count(), source, true);
            return Tensor.wrap(data, e.shape());
        } catch (ElementReader.Truncated t) {
            throw new BadFormat("tensor '" + Excerpt.quote(e.name()) + "': the file ended in its data; was it changed meanwhile?");
        } catch (ElementType.OutOfRange r) {
            throw new BadFormat("tensor '" + Excerpt.quote(e.name()) + "': element " + Layout.describeIndex(r.index, e.shape(), false)
                    + " = " + r.value + " does not fit in a 32-bit integer");
        }
    }

    /** Tensors with 8-byte elements first, then the rest, each group in map order. */
    private static List<String> dataOrder(Map<String, Tensor> tensors) {
        List<String> order = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                boolean wide = e.getValue().dtype().bytes() == 8;
                if (wide == (pass == 0)) {
                    order.add(e.getKey());
                }
            }
        }
        return order;
    }

    private static Map<String, long[]> offsets(List<String> dataOrder, Map<String, Tensor> tensors) {
        Map<String, long[]> offsets = new HashMap<>();
        long at = 0;
        for (String name : dataOrder) {
            long end = at + ElementWriter.byteLength(tensors.get(name));
            offsets.put(name, new long[] {at, end});
            at = end;
        }
        return offsets;
    }

    /** The JSON header, padded with spaces to a multiple of 8 bytes so the data starts aligned. */
    private static byte[] headerBytes(Map<String, Tensor> tensors, Map<String, long[]> offsets,
            Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                writeMetadata(g, metadata);
            }
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                writeEntry(g, e.getKey(), e.getValue(), offsets.get(e.getKey()));
            }
            g.writeEndObject();
        }
        while (bytes.size() % ALIGNMENT != 0) {
            bytes.write(' ');
        }
        return bytes.toByteArray();
    }

    /** In key order, whatever the map's, so that the same contents always give the same bytes. */
    private static void writeMetadata(JsonGenerator g, Map<String, String> metadata) throws IOException {
        g.writeObjectFieldStart(SafeTensorsHeader.METADATA_KEY);
        for (Map.Entry<String, String> e : new java.util.TreeMap<>(metadata).entrySet()) {
            if (e.getValue() == null) {
                throw new IllegalArgumentException("metadata '" + e.getKey() + "' has no value; safetensors "
                        + "metadata values are strings");
            }
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    private static void writeEntry(JsonGenerator g, String name, Tensor t, long[] offsets) throws IOException {
        g.writeObjectFieldStart(name);
        g.writeStringField("dtype", dtypeName(t.dtype()));
        g.writeArrayFieldStart("shape");
        for (int d : t.shape()) {
            g.writeNumber(d);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("data_offsets");
        g.writeNumber(offsets[0]);
        g.writeNumber(offsets[1]);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static String dtypeName(DType dtype) {
        return switch (dtype) {
            case F32 -> "F32";
            case F64 -> "F64";
            case I32 -> "I32";
        };
    }

    private static void writeFile(OutputStream out, byte[] header, List<String> dataOrder,
            Map<String, Tensor> tensors) throws IOException {
        out.write(ByteBuffer.allocate(LENGTH_BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
        out.write(header);
        for (String name : dataOrder) {
            ElementWriter.write(tensors.get(name), out);
        }
    }
}
