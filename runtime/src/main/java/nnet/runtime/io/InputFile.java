package nnet.runtime.io;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * A data file opened for reading, decompressed on the fly when it holds gzip data. Gzip is recognised by
 * its first two bytes, not by the file's name: data sets are often downloaded and renamed, and a name
 * ending in ".gz" on an already decompressed file (or the reverse) is a common accident.
 *
 * @param stream the file's contents, decompressed
 * @param gzip whether the file is gzip data
 * @param size the size of the file on disk, in bytes
 * @param gzipSize for gzip data, the decompressed size modulo 2^32 that the last member's trailer records
 *     (which, for the usual single-member file under 4 GiB, is the decompressed size); otherwise -1
 */
record InputFile(InputStream stream, boolean gzip, long size, long gzipSize) implements Closeable {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int GZIP_MAGIC_1 = 0x1F;
    private static final int GZIP_MAGIC_2 = 0x8B;
    /** A gzip file has a 10-byte header and an 8-byte trailer, the last four bytes of which are the size. */
    private static final int GZIP_MIN_BYTES = 18;

    /**
     * Opens {@code path}. Damaged gzip headers surface here as a ZipException and an empty gzip member as
     * an EOFException; callers turn them into messages.
     */
    static InputFile open(Path path) throws IOException {
        long size = Files.size(path);
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(path), BUFFER_BYTES);
        try {
            raw.mark(2);
            boolean gzip = raw.read() == GZIP_MAGIC_1 && raw.read() == GZIP_MAGIC_2;
            raw.reset();
            // Not buffered again: a BufferedInputStream drops the bytes it has copied when the stream under it
            // throws, and readers count the bytes that arrived before a truncated file's EOFException.
            InputStream stream = gzip ? new GZIPInputStream(raw, BUFFER_BYTES) : raw;
            return new InputFile(stream, gzip, size, gzip ? trailerSize(path, size) : -1);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static long trailerSize(Path path, long size) throws IOException {
        if (size < GZIP_MIN_BYTES) {
            return -1;
        }
        try (FileChannel channel = FileChannel.open(path)) {
            ByteBuffer last = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            while (last.hasRemaining() && channel.read(last, size - 4 + last.position()) > 0) {
                // read until the four bytes are in
            }
            return last.hasRemaining() ? -1 : last.getInt(0) & 0xFFFFFFFFL;
        }
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
