package nnet.runtime.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import nnet.runtime.train.CheckpointDir;
import nnet.runtime.train.CheckpointPolicy;
import picocli.CommandLine.Option;

/** The train command's options for checkpoints, resuming and partial initialisation. */
public final class CheckpointOptions {
    static final int DEFAULT_KEEP = 3;

    @Option(names = "--resume", paramLabel = "CKPT|DIR",
            description = "Continue an interrupted run from a checkpoint (or the newest in a directory), exactly "
                    + "as if it had not stopped; --epochs may be raised to train further.")
    Path resume;

    @Option(names = "--init-partial", paramLabel = "FILE",
            description = "Start from the tensors of FILE that fit the model (same name and shape); the others "
                    + "start from their initialisers. Reports what matched.")
    Path initPartial;

    @Option(names = "--checkpoint-dir", paramLabel = "DIR",
            description = "Where checkpoints go; default: <weights file without .safetensors>-checkpoints.")
    Path dir;

    @Option(names = "--checkpoint-every", paramLabel = "N|epoch",
            description = "Write a checkpoint every N optimizer steps, or at the end of every epoch; may be given "
                    + "twice for both. Default: at the end of every epoch, at most one every "
                    + CheckpointPolicy.DEFAULT_MIN_EPOCH_SECONDS + " seconds. There is always one at the end.")
    List<String> every;

    @Option(names = "--keep", paramLabel = "K",
            description = "Keep the K newest checkpoints (default: " + DEFAULT_KEEP + "), and the best by validation "
                    + "loss as best.safetensors.")
    Integer keep;

    @Option(names = "--no-checkpoints", description = "Write no checkpoints; Ctrl-C then loses the run.")
    boolean none;

    /** The directory for a run whose weights go to {@code weights}. */
    Path dir(Path weights) {
        if (dir != null) {
            return dir;
        }
        String name = weights.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".safetensors")
                ? name.substring(0, name.length() - ".safetensors".length()) : name;
        return weights.resolveSibling(stem + "-checkpoints");
    }

    /** When and where the run writes checkpoints; null with --no-checkpoints. */
    CheckpointPolicy policy(Path weights) {
        if (none && (dir != null || every != null || keep != null)) {
            throw new UsageError("--no-checkpoints cannot be combined with --checkpoint-dir, --checkpoint-every "
                    + "or --keep");
        }
        if (none) {
            return null;
        }
        long steps = 0;
        boolean epochs = every == null;
        for (String v : every == null ? List.<String>of() : every) {
            if (v.equalsIgnoreCase("epoch")) {
                epochs = true;
            } else {
                steps = parseSteps(v);
            }
        }
        // Asked for explicitly, checkpoints come as asked; by default, every epoch but not too often.
        long minSeconds = every == null ? CheckpointPolicy.DEFAULT_MIN_EPOCH_SECONDS : 0;
        return new CheckpointPolicy(new CheckpointDir(dir(weights)), steps, epochs, minSeconds,
                keep == null ? DEFAULT_KEEP : Cli.positive("--keep", keep));
    }

    private static long parseSteps(String v) {
        try {
            long n = Long.parseLong(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the accepted forms.
        }
        throw new UsageError("--checkpoint-every takes a positive number of steps or 'epoch', got '" + v + "'");
    }
}
