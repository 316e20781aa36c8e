package nnet.runtime.cli;

import java.nio.file.Path;
import java.util.List;
import nnet.runtime.data.DataFiles;
import nnet.runtime.model.TrainConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the train command, shared by model JARs and {@code nnetc train}. */
public final class TrainOptions {
    @Option(names = "--data", required = true, paramLabel = "FILE|NAME=FILE", description = DataOption.DESCRIPTION)
    List<String> data;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the number of epochs.")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Override the mini-batch size.")
    Integer batch;

    @Option(names = "--seed", paramLabel = "N", description = "Override the seed (initialisation, shuffling, split).")
    Long seed;

    @Option(names = "--lr", paramLabel = "RATE", description = "Override the learning rate.")
    Double lr;

    @Option(names = "--validation", paramLabel = "FRACTION",
            description = "Override the fraction of examples held out for validation (0 for none).")
    Double validation;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Where to write the trained weights (safetensors); default: <model>.safetensors.")
    Path save;

    @Option(names = "--init", paramLabel = "FILE", description = "Start from these weights instead of the initialisers.")
    Path init;

    @Option(names = "--bytes", description = "Read a text file as bytes, ids 0 to 255, rather than as characters.")
    boolean bytes;

    @Option(names = "--quiet", description = "No progress bar and no lines per epoch.")
    boolean quiet;

    @Option(names = "--log", paramLabel = "FILE",
            description = "Write a training log of JSON lines: one record per step (see --log-every) and per epoch.")
    Path log;

    @Option(names = "--log-every", paramLabel = "N", defaultValue = "1",
            description = "Log every N-th step (default: ${DEFAULT-VALUE}); the last step of an epoch and every epoch"
                    + " are always logged.")
    int logEvery;

    @Option(names = "--plot", paramLabel = "FILE.svg",
            description = "Draw the loss and the metrics over the epochs as SVG, redrawn after every epoch.")
    Path plot;

    @Mixin
    CheckpointOptions checkpoints = new CheckpointOptions();

    DataFiles data() {
        return DataOption.parse(data);
    }

    TrainConfig apply(TrainConfig base) {
        TrainConfig c = base;
        if (epochs != null) {
            c = c.withEpochs(Cli.positive("--epochs", epochs));
        }
        if (batch != null) {
            c = c.withBatch(Cli.positive("--batch", batch));
        }
        if (seed != null) {
            c = c.withSeed(seed);
        }
        if (lr != null) {
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw new UsageError("--lr must be a positive number, got " + lr);
            }
            c = c.withLearningRate(lr);
        }
        if (validation != null) {
            if (!(validation >= 0 && validation < 1)) {
                throw new UsageError("--validation must be a fraction in [0, 1), got " + validation);
            }
            c = c.withValidation(validation);
        }
        return c;
    }
}
