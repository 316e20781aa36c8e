package nnet.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import nnet.runtime.io.AtomicFiles;
import nnet.runtime.io.DataException;

/** Checks of the places a training run writes to, made before it trains, so that a bad path fails at once. */
final class OutputPaths {
    private OutputPaths() {
    }

    /** The weights file must be creatable: its directory exists and is writable, and it is no directory. */
    static void checkWeightsTarget(Path target) {
        if (Files.isDirectory(target)) {
            throw new DataException(target + ": is a directory; --save names the weights file to write");
        }
        Path dir = target.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new DataException(target + ": cannot write the weights: directory " + dir + " does not exist");
        }
        checkWritable(dir, target + ": cannot write the weights");
    }

    private static void checkWritable(Path dir, String what) {
        if (!Files.isWritable(dir)) {
            throw new DataException(what + ": no permission to write in directory " + dir);
        }
    }

    /**
     * Checks that {@code dir} is a writable directory or can be made one (its nearest existing ancestor is
     * a writable directory), and creates its parent, where its lock lives. The directory itself is made at
     * the first checkpoint, so that a run that fails before leaves nothing behind.
     */
    static void checkDirectory(Path dir, String option) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new DataException(dir + ": is a file, not a directory for " + option);
        }
        Path existing = dir.toAbsolutePath();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (!Files.isDirectory(existing)) {
            throw new DataException(dir + ": cannot be made a directory for " + option + ": " + existing
                    + " is a file");
        }
        checkWritable(existing, dir + ": cannot write checkpoints");
        try {
            Files.createDirectories(dir.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new DataException(dir + ": cannot create the directories for " + option + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
    }

    /** Deletes the temporaries that killed saves of {@code target} (and its vocabulary) left beside it. */
    static void sweep(Path target, PrintStream err) {
        Path absolute = target.toAbsolutePath();
        String name = absolute.getFileName().toString();
        try {
            long freed = AtomicFiles.sweepStale(absolute.getParent(), n -> n.equals(name) || n.equals(name + ".vocab"));
            if (freed > 0) {
                err.println("note: removed " + bytes(freed) + " of unfinished saves of " + target
                        + ", left by a run that was killed while saving");
            }
        } catch (IOException e) {
            throw new DataException(absolute.getParent() + ": cannot list the directory: " + e.getMessage(), e);
        }
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + (n == 1 ? " byte" : " bytes");
        }
        double kb = n / 1024.0;
        return kb < 1024 ? String.format(Locale.ROOT, "%.0f KB", kb) : String.format(Locale.ROOT, "%.1f MB", kb / 1024);
    }
}
