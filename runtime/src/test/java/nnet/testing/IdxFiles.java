package nnet.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes IDX files for tests, independently of the reader: the magic number, the big-endian sizes, then
 * every value encoded as the type code says (0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float,
 * 0x0E double).
 */
public final class IdxFiles {
    public static final int UBYTE = 0x08;
    public static final int BYTE = 0x09;
    public static final int SHORT = 0x0B;
    public static final int INT = 0x0C;
    public static final int FLOAT = 0x0D;
    public static final int DOUBLE = 0x0E;

    private IdxFiles() {
    }

    /** The bytes of an IDX file holding {@code values} (row-major) of shape {@code dims}. */
    public static byte[] bytes(int type, int[] dims, double[] values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(new byte[] {0, 0, (byte) type, (byte) dims.length});
            for (int d : dims) {
                out.writeInt(d);
            }
            for (double v : values) {
                writeValue(out, type, v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeValue(DataOutputStream out, int type, double v) throws IOException {
        switch (type) {
            case UBYTE, BYTE -> out.writeByte((int) v);
            case SHORT -> out.writeShort((int) v);
            case INT -> out.writeInt((int) v);
            case FLOAT -> out.writeFloat((float) v);
            case DOUBLE -> out.writeDouble(v);
            default -> throw new IllegalArgumentException("type " + type);
        }
    }

    /** Writes {@code bytes} to {@code file}, gzip-compressed or not. */
    public static Path write(Path file, byte[] bytes, boolean gzip) {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file))
                : Files.newOutputStream(file)) {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public static Path write(Path file, int type, int[] dims, double[] values, boolean gzip) {
        return write(file, bytes(type, dims, values), gzip);
    }

    /** The gzip encoding of {@code bytes}. */
    public static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
