package nnet.runtime.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nnet.runtime.io.WriteLock;
import nnet.runtime.train.CheckpointDir;

/**
 * The locks a training run holds on its outputs (the weights file, the checkpoint directory) for as long
 * as it runs, taken after checking that it can write there and before sweeping what killed saves left.
 */
record OutputClaims(WriteLock weights, WriteLock checkpoints) implements AutoCloseable {
    static OutputClaims claim(Path target, CheckpointDir dir, PrintStream err) {
        OutputPaths.checkWeightsTarget(target);
        WriteLock weights = WriteLock.acquire(WriteLock.fileFor(target), target
                + ": another training run is writing these weights; wait for it to finish or choose another "
                + "--save");
        try {
            OutputPaths.sweep(target, err);
            WriteLock checkpoints = dir == null ? null : claimDir(dir, err);
            return new OutputClaims(weights, checkpoints);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    private static WriteLock claimDir(CheckpointDir dir, PrintStream err) {
        OutputPaths.checkDirectory(dir.path(), "--checkpoint-dir");
        WriteLock lock = WriteLock.acquire(WriteLock.fileFor(dir.path()), dir.path()
                + ": another training run is writing checkpoints here; wait for it or choose another "
                + "--checkpoint-dir");
        long freed = Files.isDirectory(dir.path()) ? dir.sweepUnfinished() : 0;
        if (freed > 0) {
            err.println("note: removed " + OutputPaths.bytes(freed) + " of unfinished checkpoints in " + dir.path()
                    + ", left by a run that was killed while saving");
        }
        return lock;
    }

    @Override
    public void close() {
        if (checkpoints != null) {
            checkpoints.close();
        }
        weights.close();
    }
}
