package nnet.runtime.cli;

import java.nio.file.Path;
import nnet.runtime.model.TrainConfig;
import picocli.CommandLine.Option;

/** Options of the train command, shared by model JARs and {@code nnetc train}. */
public final class TrainOptions {
    @Option(names = "--data", required = true, paramLabel = "CSV",
            description = "Training examples: one row each, the model's inputs in declaration order.")
    Path data;

    @Option(names = "--epochs", paramLabel = "N", description = "Override the number of epochs.")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "N", description = "Override the mini-batch size.")
    Integer batch;

    @Option(names = "--seed", paramLabel = "N", description = "Override the seed (initialisation, shuffling, split).")
    Long seed;

    @Option(names = "--save", paramLabel = "FILE",
            description = "Where to write the trained weights (safetensors); default: <model>.safetensors.")
    Path save;

    @Option(names = "--init", paramLabel = "FILE", description = "Start from these weights instead of the initialisers.")
    Path init;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    TrainConfig apply(TrainConfig base) {
        TrainConfig c = base;
        if (epochs != null) {
            c = c.withEpochs(positive("--epochs", epochs));
        }
        if (batch != null) {
            c = c.withBatch(positive("--batch", batch));
        }
        if (seed != null) {
            c = c.withSeed(seed);
        }
        return c;
    }

    private static int positive(String option, int v) {
        if (v <= 0) {
            throw new UsageError(option + " must be a positive number, got " + v);
        }
        return v;
    }
}
