package nnet.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import nnet.runtime.Tensor;

/**
 * NumPy's .npz format: a zip archive whose entries are .npy arrays named {@code NAME.npy}, as written by
 * numpy.savez (stored) and numpy.savez_compressed (deflated). Names may contain '/'.
 */
public final class Npz {
    private static final String SUFFIX = ".npy";
    /** A fixed entry time makes the same tensors always produce the same bytes. */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 1, 1, 0, 0);

    private Npz() {
    }

    /**
     * The arrays in {@code path}, keyed by entry name without ".npy", in the order the archive lists them.
     *
     * @throws DataException if the file cannot be read or is not a valid .npz of supported arrays
     */
    public static Map<String, Tensor> read(Path path) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        readNumbers(path, name -> true).forEach((name, array) -> tensors.put(name, array.toTensor()));
        return tensors;
    }

    /**
     * The arrays of {@code path} whose names {@code wanted} accepts, in archive order, with single-byte
     * elements kept as bytes (see {@link Npy#readNumbers(InputStream, String)}); the others are not read.
     *
     * @throws DataException if the file cannot be read or is not a valid .npz of supported arrays
     */
    public static Map<String, NumberArray> readNumbers(Path path, Predicate<String> wanted) {
        Map<String, NumberArray> arrays = withZip(path, zip -> readEntries(zip, path.toString(), wanted));
        arrays.values().removeIf(Objects::isNull);
        return arrays;
    }

    /** The names of the arrays in {@code path}, in archive order, without reading them. */
    public static List<String> arrayNames(Path path) {
        return withZip(path, zip -> List.copyOf(readEntries(zip, path.toString(), name -> false).keySet()));
    }

    private interface ZipReading<T> {
        T read(ZipFile zip) throws IOException;
    }

    private static <T> T withZip(Path path, ZipReading<T> reading) {
        try (ZipFile zip = new ZipFile(path.toFile())) {
            return reading.read(zip);
        } catch (ZipException e) {
            throw new DataException(path + ": " + describeBadZip(e), e);
        } catch (IOException e) {
            throw IoErrors.reading(path, e);
        }
    }

    /**
     * Replaces {@code path} atomically with an archive holding {@code tensors}, each stored uncompressed as
     * {@code NAME.npy} in map order, like numpy.savez.
     *
     * @throws DataException if the file cannot be written
     */
    public static void write(Path path, Map<String, Tensor> tensors) {
        try {
            AtomicFiles.write(path, out -> writeEntries(out, tensors));
        } catch (IOException e) {
            throw IoErrors.writing(path, e);
        }
    }

    /** ZipFile's messages name zip internals; say what they mean for the user's file. */
    private static String describeBadZip(ZipException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("zip file is empty")) {
            return "the file is empty";
        }
        if (message.contains("END header not found")) {
            return "not a .npz file: it is not a zip archive, or it is truncated";
        }
        return "not a valid .npz (zip) file: " + message;
    }

    /** Every array's name, mapped to the array if {@code wanted} accepts the name, else to null. */
    private static Map<String, NumberArray> readEntries(ZipFile zip, String file, Predicate<String> wanted)
            throws IOException {
        Map<String, NumberArray> arrays = new LinkedHashMap<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (entry.isDirectory()) {
                continue;
            }
            String name = arrayName(entry, file);
            if (arrays.containsKey(name)) {
                throw new DataException(file + ": the entry " + Excerpt.quote(entry.getName()) + " appears twice");
            }
            arrays.put(name, wanted.test(name) ? readEntry(zip, entry, file + ":" + Excerpt.quote(entry.getName())) : null);
        }
        return arrays;
    }

    private static String arrayName(ZipEntry entry, String file) {
        String entryName = entry.getName();
        if (!entryName.endsWith(SUFFIX)) {
            throw new DataException(file + ": the entry " + Excerpt.quote(entryName) + " is not a .npy array");
        }
        return entryName.substring(0, entryName.length() - SUFFIX.length());
    }

    private static NumberArray readEntry(ZipFile zip, ZipEntry entry, String source) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            NumberArray t = Npy.readNumbers(in, source);
            if (in.read() >= 0) {
                throw new DataException(source + ": there are extra bytes after the array data");
            }
            return t;
        } catch (ZipException e) {
            throw new DataException(source + ": the entry is damaged: " + e.getMessage(), e);
        }
    }

    private static void writeEntries(OutputStream out, Map<String, Tensor> tensors) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            zip.putNextEntry(storedEntry(e.getKey() + SUFFIX, e.getValue()));
            Npy.write(zip, e.getValue());
            zip.closeEntry();
        }
        // finish, not close: the stream belongs to the caller.
        zip.finish();
    }

    /**
     * A stored entry must declare its size and CRC before its data, so the array is encoded once into a
     * checksum to learn them; that costs less than holding a second copy of a large array in memory.
     */
    private static ZipEntry storedEntry(String name, Tensor t) throws IOException {
        ChecksumStream sum = new ChecksumStream();
        Npy.write(sum, t);
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(sum.count);
        entry.setCompressedSize(sum.count);
        entry.setCrc(sum.crc.getValue());
        entry.setTimeLocal(ENTRY_TIME);
        return entry;
    }

    /** Counts and checksums what is written to it, and keeps none of it. */
    private static final class ChecksumStream extends OutputStream {
        final CRC32 crc = new CRC32();
        long count;

        @Override
        public void write(int b) {
            crc.update(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            crc.update(b, off, len);
            count += len;
        }
    }
}
