package nnet.runtime.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import nnet.runtime.Tensor;

/**
 * The NumPy .npy format: a magic string, a version, a header length, a Python dict literal describing the
 * array, then the raw elements. Reads versions 1.0, 2.0 and 3.0 and the common numeric dtypes (converting
 * the ones a tensor cannot hold to F32 or I32); writes version 1.0 (2.0 when the header would not fit) with
 * the data aligned to 64 bytes, as NumPy does.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGNMENT = 64;
    /** Far more than any real header needs; guards against allocating gigabytes for a corrupt length. */
    private static final int MAX_HEADER_BYTES = 1 << 24;
    private static final int V1_MAX_HEADER_BYTES = 0xFFFF;

    private Npy() {
    }

    /**
     * Reads one array from {@code in}, which is left just past the array's data and not closed.
     * {@code sourceName} names the file (or archive entry) in error messages.
     *
     * @throws DataException if the data is not a readable .npy array
     */
    public static Tensor read(InputStream in, String sourceName) {
        return readNumbers(in, sourceName).toTensor();
    }

    /**
     * Like {@link #read(InputStream, String)}, but single-byte elements (uint8, int8, bool) stay bytes, as
     * data sets of images want them; everything else becomes what a tensor holds.
     */
    public static NumberArray readNumbers(InputStream in, String sourceName) {
        try {
            return readArray(in);
        } catch (BadFormat e) {
            throw new DataException(sourceName + ": " + e.getMessage());
        } catch (ZipException e) {
            // Raised by the inflater when the array is a compressed archive entry.
            throw new DataException(sourceName + ": the compressed data is damaged (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new DataException(sourceName + ": the compressed data ends early", e);
        } catch (IOException e) {
            throw IoErrors.reading(sourceName, e);
        }
    }

    /**
     * Reads the one array of the file {@code path}, which may be gzip-compressed (recognised by content).
     *
     * @throws DataException if the file cannot be read, is not a readable .npy array or has bytes after it
     */
    public static NumberArray readNumbers(Path path) {
        try (InputFile file = InputFile.open(path)) {
            NumberArray array = readNumbers(file.stream(), path.toString());
            if (file.stream().read() >= 0) {
                throw new DataException(path + ": there are extra bytes after the array data");
            }
            return array;
        } catch (ZipException e) {
            throw new DataException(path + ": the compressed data is damaged (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new DataException(path + ": the compressed data ends early; is the file truncated?", e);
        } catch (IOException e) {
            throw IoErrors.reading(path, e);
        }
    }

    /** Writes {@code t} as a .npy array; {@code out} is not closed. */
    public static void write(OutputStream out, Tensor t) throws IOException {
        out.write(headerBytes(t));
        ElementWriter.write(t, out);
    }

    private static NumberArray readArray(InputStream in) throws IOException {
        int major = readMagicAndVersion(in);
        NpyHeader header = NpyHeader.parse(readHeaderText(in, major));
        int count = (int) Tensor.numel(header.shape());
        Object data = header.type().bytes() == 1 ? readBytes(in, header, count) : readData(in, header, count);
        if (header.fortranOrder()) {
            data = Layout.columnMajorToRowMajor(data, header.shape());
        }
        return new NumberArray(storage(header.type()), header.shape(), data);
    }

    private static NumberArray.Storage storage(ElementType type) {
        return switch (type) {
            case U8, BOOL -> NumberArray.Storage.UBYTE;
            case I8 -> NumberArray.Storage.BYTE;
            default -> switch (type.target()) {
                case F32 -> NumberArray.Storage.FLOAT;
                case F64 -> NumberArray.Storage.DOUBLE;
                case I32 -> NumberArray.Storage.INT;
            };
        };
    }

    /** Single bytes are kept as stored, except that any nonzero bool is 1, as NumPy reads it. */
    private static byte[] readBytes(InputStream in, NpyHeader header, int count) throws IOException {
        byte[] data;
        try {
            data = ElementReader.readBytes(count, ElementReader.from(in), false);
        } catch (ElementReader.Truncated e) {
            throw new BadFormat("the data is truncated: expected " + e.expected + " bytes, found " + e.found);
        }
        if (header.type() == ElementType.BOOL) {
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (data[i] != 0 ? 1 : 0);
            }
        }
        return data;
    }

    /** Checks the magic string and returns the major version, which decides how the header is stored. */
    private static int readMagicAndVersion(InputStream in) throws IOException {
        byte[] start = in.readNBytes(MAGIC.length + 2);
        if (start.length == 0) {
            throw new BadFormat("the file is empty");
        }
        if (start.length < MAGIC.length || !Arrays.equals(start, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new BadFormat("not a .npy file: it does not start with \\x93NUMPY");
        }
        if (start.length < MAGIC.length + 2) {
            throw new BadFormat("the file is truncated in its format version");
        }
        int major = start[MAGIC.length] & 0xFF;
        int minor = start[MAGIC.length + 1] & 0xFF;
        if (major < 1 || major > 3 || minor != 0) {
            throw new BadFormat("unsupported .npy format version " + major + "." + minor
                    + " (supported: 1.0, 2.0, 3.0)");
        }
        return major;
    }

    private static String readHeaderText(InputStream in, int major) throws IOException {
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new BadFormat("the file is truncated in its header length");
        }
        ByteBuffer lengthBuffer = ByteBuffer.wrap(lengthField).order(ByteOrder.LITTLE_ENDIAN);
        long length = major == 1 ? lengthBuffer.getShort() & 0xFFFF : lengthBuffer.getInt() & 0xFFFFFFFFL;
        if (length > MAX_HEADER_BYTES) {
            throw new BadFormat("the header length " + length + " is implausibly large (limit "
                    + MAX_HEADER_BYTES + " bytes)");
        }
        byte[] text = in.readNBytes((int) length);
        if (text.length < length) {
            throw new BadFormat("the header is truncated: expected " + length + " bytes, found " + text.length);
        }
        return decodeHeader(text, major);
    }

    /** Versions 1 and 2 store the header as latin-1, version 3 as UTF-8. */
    private static String decodeHeader(byte[] text, int major) {
        if (major < 3) {
            return new String(text, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(text)).toString();
        } catch (CharacterCodingException e) {
            throw new BadFormat("the header is not valid UTF-8");
        }
    }

    private static Object readData(InputStream in, NpyHeader header, int count) throws IOException {
        try {
            // A stream's length is unknown, so the element count in the header cannot be checked up front.
            return ElementReader.read(header.type(), header.order(), count, ElementReader.from(in), false);
        } catch (ElementReader.Truncated e) {
            throw new BadFormat("the data is truncated: expected " + e.expected + " bytes, found " + e.found);
        } catch (ElementType.OutOfRange e) {
            throw new BadFormat("element " + Layout.describeIndex(e.index, header.shape(), header.fortranOrder())
                    + " = " + e.value + " does not fit in a 32-bit integer");
        }
    }

    /** Magic, version, header length and the header padded with spaces so the data starts 64-byte aligned. */
    private static byte[] headerBytes(Tensor t) {
        String dict = NpyHeader.describe(t);
        int prefix = MAGIC.length + 2 + 2;
        if (paddedLength(dict, prefix) > V1_MAX_HEADER_BYTES) {
            prefix = MAGIC.length + 2 + 4;
        }
        int textLength = paddedLength(dict, prefix);
        ByteBuffer out = ByteBuffer.allocate(prefix + textLength).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC);
        if (prefix == MAGIC.length + 4) {
            out.put((byte) 1).put((byte) 0).putShort((short) textLength);
        } else {
            out.put((byte) 2).put((byte) 0).putInt(textLength);
        }
        out.put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (out.remaining() > 1) {
            out.put((byte) ' ');
        }
        out.put((byte) '\n');
        return out.array();
    }

    /** The header text's length once padded and terminated by a newline. */
    private static int paddedLength(String dict, int prefix) {
        int unpadded = prefix + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        return dict.length() + 1 + padding;
    }
}
