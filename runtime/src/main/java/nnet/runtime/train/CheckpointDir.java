package nnet.runtime.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nnet.runtime.io.AtomicFiles;
import nnet.runtime.io.DataException;

/**
 * The directory of a run's checkpoints: checkpoint-STEP.safetensors (the step zero-padded, so that names
 * sort as steps do) and best.safetensors, the one of the epoch with the lowest validation loss.
 */
public final class CheckpointDir {
    private static final Pattern NAME = Pattern.compile("checkpoint-(\\d{10,})\\.safetensors");
    private static final String BEST = "best.safetensors";
    private final Path dir;

    public CheckpointDir(Path dir) {
        this.dir = dir;
    }

    public Path path() {
        return dir;
    }

    Path forStep(long step) {
        return dir.resolve(String.format(Locale.ROOT, "checkpoint-%010d.safetensors", step));
    }

    public Path best() {
        return dir.resolve(BEST);
    }

    /** Creates the directory, at the first checkpoint. */
    void create() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DataException(dir + ": cannot create the checkpoint directory: " + e.getMessage(), e);
        }
    }

    /** The numbered checkpoints, oldest (fewest steps) first; none when the directory does not exist. */
    public List<Path> checkpoints() {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> NAME.matcher(f.getFileName().toString()).matches()).forEach(found::add);
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list the checkpoints: " + e.getMessage(), e);
        }
        found.sort(Comparator.comparingLong(CheckpointDir::step));
        return found;
    }

    private static long step(Path f) {
        Matcher m = NAME.matcher(f.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    public Optional<Path> latest() {
        List<Path> all = checkpoints();
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Deletes all but the {@code keep} newest numbered checkpoints. */
    void keepLast(int keep) {
        List<Path> all = checkpoints();
        for (int i = 0; i < all.size() - keep; i++) {
            delete(all.get(i));
        }
    }

    /**
     * Deletes the numbered checkpoints after step {@code step}: those of a run that went further from where
     * this one resumed, which would otherwise pass for its newest.
     */
    void removeAfter(long step) {
        for (Path f : checkpoints()) {
            if (step(f) > step) {
                delete(f);
            }
        }
    }

    /** Deletes the checkpoints of an earlier, finished run, which a new run in the same place replaces. */
    void removeAll() {
        checkpoints().forEach(CheckpointDir::delete);
        delete(best());
    }

    private static void delete(Path f) {
        try {
            Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new DataException(f + ": cannot delete an old checkpoint: " + e.getMessage(), e);
        }
    }

    /** Deletes what saves of checkpoints killed midway left behind; returns the bytes freed. */
    public long sweepUnfinished() {
        try {
            return AtomicFiles.sweepStale(dir, n -> NAME.matcher(n).matches() || n.equals(BEST));
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list the directory: " + e.getMessage(), e);
        }
    }

    /** A checkpoint file as given, or the newest checkpoint of a directory. */
    public static Path resolve(Path fileOrDir) {
        if (!Files.isDirectory(fileOrDir)) {
            if (!Files.exists(fileOrDir)) {
                throw new DataException(fileOrDir + ": no such checkpoint file or directory");
            }
            return fileOrDir;
        }
        return new CheckpointDir(fileOrDir).latest().orElseThrow(() -> new DataException(fileOrDir
                + ": holds no checkpoint (checkpoint-STEP.safetensors)"));
    }
}
