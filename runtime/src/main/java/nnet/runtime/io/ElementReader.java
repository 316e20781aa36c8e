package nnet.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;

/**
 * Reads a run of encoded elements into a new float[], double[] or int[] through a fixed-size chunk buffer,
 * so that files larger than one Java array's worth of bytes can still be read and memory stays bounded.
 */
final class ElementReader {
    /** A multiple of every element size. */
    private static final int CHUNK_BYTES = 1 << 20;

    private ElementReader() {
    }

    /** Where the bytes come from. */
    @FunctionalInterface
    interface ByteSource {
        /** Fills {@code buffer[0, length)}, returning fewer bytes only when the data ends. */
        int read(byte[] buffer, int length) throws IOException;
    }

    /** The data ended early: {@code found} of the {@code expected} bytes were there. */
    static final class Truncated extends RuntimeException {
        final long expected;
        final long found;

        Truncated(long expected, long found) {
            super(null, null, false, false);
            this.expected = expected;
            this.found = found;
        }
    }

    static ByteSource from(InputStream in) {
        return (buffer, length) -> in.readNBytes(buffer, 0, length);
    }

    /** Reads from {@code channel} starting at absolute byte {@code position}, leaving its own position alone. */
    static ByteSource from(FileChannel channel, long position) {
        long[] next = {position};
        return (buffer, length) -> {
            ByteBuffer target = ByteBuffer.wrap(buffer, 0, length);
            while (target.hasRemaining()) {
                int n = channel.read(target, next[0]);
                if (n < 0) {
                    break;
                }
                next[0] += n;
            }
            return target.position();
        };
    }

    /**
     * Reads {@code count} elements of {@code type}; the result's length is {@code count}. Throws
     * {@link Truncated} or {@link ElementType.OutOfRange}, which the caller turns into a message.
     *
     * @param countVerified whether the source is known to hold all the elements (as when a file's size was
     *     checked). If not, the result grows as data arrives, so that a damaged header claiming billions of
     *     elements fails as truncated instead of first allocating gigabytes.
     */
    static Object read(ElementType type, ByteOrder order, int count, ByteSource source, boolean countVerified)
            throws IOException {
        int perChunk = CHUNK_BYTES / type.bytes();
        Object result = type.target().newArray(countVerified ? count : Math.min(count, perChunk));
        long expectedBytes = (long) count * type.bytes();
        byte[] chunk = new byte[(int) Math.min(expectedBytes, CHUNK_BYTES)];
        for (int done = 0; done < count; ) {
            int n = Math.min(perChunk, count - done);
            int want = n * type.bytes();
            int got = source.read(chunk, want);
            if (got < want) {
                throw new Truncated(expectedBytes, (long) done * type.bytes() + got);
            }
            result = ensureLength(result, done + n, count);
            type.decode(ByteBuffer.wrap(chunk, 0, want).order(order), result, done, n);
            done += n;
        }
        return result;
    }

    /**
     * Reads {@code count} single bytes as they are stored, for data kept as bytes in memory; otherwise as
     * {@link #read}.
     */
    static byte[] readBytes(int count, ByteSource source, boolean countVerified) throws IOException {
        byte[] result = new byte[countVerified ? count : Math.min(count, CHUNK_BYTES)];
        byte[] chunk = new byte[Math.min(count, CHUNK_BYTES)];
        for (int done = 0; done < count; ) {
            int want = Math.min(CHUNK_BYTES, count - done);
            int got = source.read(chunk, want);
            if (got < want) {
                throw new Truncated(count, (long) done + got);
            }
            result = (byte[]) ensureLength(result, done + want, count);
            System.arraycopy(chunk, 0, result, done, want);
            done += want;
        }
        return result;
    }

    /** Doubles {@code array} (up to {@code finalLength}) until it holds {@code needed} elements. */
    private static Object ensureLength(Object array, int needed, int finalLength) {
        int length = Array.getLength(array);
        if (needed <= length) {
            return array;
        }
        int grown = (int) Math.min(finalLength, Math.max(needed, 2L * length));
        Object bigger = Array.newInstance(array.getClass().getComponentType(), grown);
        System.arraycopy(array, 0, bigger, 0, length);
        return bigger;
    }
}
