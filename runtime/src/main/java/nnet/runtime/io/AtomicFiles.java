package nnet.runtime.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers see either the old contents or the complete new contents, never a partial
 * file: the body writes a temporary file next to the target, which is flushed to disk and then renamed over
 * the target. Renaming within one directory stays on one file system, which is what makes it atomic.
 */
public final class AtomicFiles {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int NAME_ATTEMPTS = 100;
    /** ".<target>.<random hex>.tmp", as {@link #createTemp} names them. */
    private static final java.util.regex.Pattern TEMP_NAME = java.util.regex.Pattern.compile("\\.(.+)\\.[0-9a-f]{1,16}\\.tmp");

    private AtomicFiles() {
    }

    /**
     * Replaces {@code target} with what {@code body} writes. The body must not close the stream (closing is
     * ignored). On any failure the temporary file is deleted and the target is left as it was.
     */
    public static void write(Path target, IOConsumer<OutputStream> body) throws IOException {
        Path temp = createTemp(target);
        InProgress.add(temp);
        try {
            writeAndSync(temp, body);
            moveOver(temp, target);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(temp, e);
            throw e;
        } finally {
            InProgress.remove(temp);
        }
    }

    /**
     * Deletes the temporary files that writes of files in {@code dir} left behind when their process was
     * killed, for the targets whose file names {@code target} accepts; returns how many bytes that frees.
     * Only for targets no other process is writing (whose lock this process holds): their temporaries
     * look the same.
     */
    public static long sweepStale(Path dir, java.util.function.Predicate<String> target) throws IOException {
        long freed = 0;
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                java.util.regex.Matcher m = TEMP_NAME.matcher(f.getFileName().toString());
                if (m.matches() && target.test(m.group(1)) && Files.isRegularFile(f)) {
                    long size = Files.size(f);
                    if (Files.deleteIfExists(f)) {
                        freed += size;
                    }
                }
            }
        }
        return freed;
    }

    /**
     * A fresh file beside the target. Created with default permissions (unlike Files.createTempFile, which
     * makes it owner-only) because it becomes the target.
     */
    private static Path createTemp(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        String prefix = "." + absolute.getFileName() + ".";
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return temp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= NAME_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static void writeAndSync(Path temp, IOConsumer<OutputStream> body) throws IOException {
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES);
            body.accept(new FilterOutputStream(out) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            });
            out.flush();
            // Without this, a crash shortly after the rename can leave the target empty on some file systems.
            channel.force(true);
        }
    }

    private static void moveOver(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path temp, Throwable cause) {
        try {
            Files.deleteIfExists(temp);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }

    /**
     * The temporary files being written now. When the JVM shuts down during a write (Ctrl-C while weights
     * are saved), a shutdown hook deletes them, so that no hidden full-size file stays behind; the target
     * keeps its old contents, as the rename never happens.
     */
    private static final class InProgress {
        private static final java.util.Set<Path> TEMPS = java.util.concurrent.ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(InProgress::deleteAll, "delete unfinished writes"));
        }

        static void add(Path temp) {
            TEMPS.add(temp);
        }

        static void remove(Path temp) {
            TEMPS.remove(temp);
        }

        private static void deleteAll() {
            for (Path temp : TEMPS) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // Shutting down: nothing better to do than leave it for the next sweep.
                }
            }
        }
    }
}
