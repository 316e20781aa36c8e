package nnet.runtime.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options eval and predict share: the data, the weights to load, and the batch size to run with. */
final class RunOptions {
    @Option(names = "--data", required = true, paramLabel = "CSV",
            description = "Examples, one row each: the model's inputs in declaration order.")
    Path data;

    @Option(names = "--weights", paramLabel = "FILE", description = "Default: <model>.safetensors.")
    Path weights;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "256",
            description = "Examples run at a time (default: ${DEFAULT-VALUE}).")
    int batch;

    int batch() {
        return Cli.positive("--batch", batch);
    }
}
