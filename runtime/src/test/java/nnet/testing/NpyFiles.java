package nnet.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes .npy and .npz files for tests with any NumPy dtype, independently of the reader (which writes
 * only the dtypes of tensors): a version 1.0 header and little-endian data.
 */
public final class NpyFiles {
    private NpyFiles() {
    }

    /**
     * A .npy file of {@code values} stored as {@code descr}: "|u1", "|i1", "|b1", "<i2", "<i4", "<i8", "<f4"
     * or "<f8".
     */
    public static byte[] npy(String descr, int[] shape, double... values) {
        String header = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + tuple(shape) + ", }\n";
        byte[] text = header.getBytes(StandardCharsets.ISO_8859_1);
        int size = Integer.parseInt(descr.substring(2));
        ByteBuffer b = ByteBuffer.allocate(10 + text.length + size * values.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length).put(text);
        for (double v : values) {
            switch (descr.substring(1)) {
                case "u1", "i1", "b1" -> b.put((byte) v);
                case "i2" -> b.putShort((short) v);
                case "i4" -> b.putInt((int) v);
                case "i8" -> b.putLong((long) v);
                case "f4" -> b.putFloat((float) v);
                case "f8" -> b.putDouble(v);
                default -> throw new IllegalArgumentException(descr);
            }
        }
        return b.array();
    }

    private static String tuple(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    public static Path write(Path file, byte[] bytes) {
        try {
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An .npz of the given .npy files, deflated as numpy.savez_compressed writes them. */
    public static Path npz(Path file, Map<String, byte[]> arrays) {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : arrays.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
