package nnet.runtime.cli;

import java.nio.file.Path;
import java.util.List;
import nnet.runtime.data.DataFiles;
import picocli.CommandLine.Option;

/**
 * The options eval and predict share, in model JARs and nnetc: the data, the weights to load, and the batch
 * size to run with.
 */
public final class RunOptions {
    @Option(names = "--data", required = true, paramLabel = "FILE|NAME=FILE", description = DataOption.DESCRIPTION)
    List<String> data;

    @Option(names = "--weights", paramLabel = "FILE", description = "Default: <model>.safetensors.")
    Path weights;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "256",
            description = "Examples run at a time (default: ${DEFAULT-VALUE}).")
    int batch;

    public DataFiles data() {
        return DataOption.parse(data);
    }

    public Path weights() {
        return weights;
    }

    public int batch() {
        return Cli.positive("--batch", batch);
    }
}
