package nnet.runtime.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive claim on an output (a weights file, a checkpoint directory) for the length of a training
 * run, so that two runs writing the same place do not silently overwrite each other's files: an OS file
 * lock on a hidden lock file, which the OS releases when the process dies, however it dies. A lock file
 * left behind by a killed run is simply locked again.
 */
public final class WriteLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private WriteLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** The lock file of {@code target}: ".NAME.lock" beside it. */
    public static Path fileFor(Path target) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + ".lock");
    }

    /**
     * Takes the lock of {@code lockFile} or fails at once with {@code heldMessage} when another process
     * (or another run in this one) holds it.
     */
    public static WriteLock acquire(Path lockFile, String heldMessage) {
        FileChannel channel;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw IoErrors.writing(lockFile, e);
        }
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return new WriteLock(lockFile, channel, lock);
            }
        } catch (OverlappingFileLockException e) {
            // Held by this JVM: another run in the same process.
        } catch (IOException e) {
            closeQuietly(channel);
            throw IoErrors.writing(lockFile, e);
        }
        closeQuietly(channel);
        throw new DataException(heldMessage);
    }

    /**
     * Releases the lock and deletes the lock file. A run that opened the file just before the deletion may
     * then lock the deleted file; it only competes with runs started after this one ended.
     */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            lock.release();
        } catch (IOException e) {
            // The OS drops the lock with the channel anyway.
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written through it.
        }
    }
}
