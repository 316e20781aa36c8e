package nnet.runtime.cli;

import java.nio.file.Path;
import nnet.runtime.generate.TextGenerator;
import picocli.CommandLine.Option;

/** The options of generate, in model JARs and nnetc. */
public final class GenerateOptions {
    @Option(names = "--weights", paramLabel = "FILE",
            description = "The trained weights, with their vocabulary beside them (default: <model>.safetensors).")
    Path weights;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The text to continue.")
    String prompt;

    @Option(names = "--tokens", paramLabel = "N", defaultValue = "200",
            description = "Characters to generate (default: ${DEFAULT-VALUE}).")
    int tokens;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0",
            description = "Divides the scores before the softmax; 0 takes the best character (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top-k", paramLabel = "K", defaultValue = "0",
            description = "Draw only among the K best characters (default: 0, all).")
    int topK;

    @Option(names = "--top-p", paramLabel = "P", defaultValue = "0",
            description = "Draw only among the fewest best characters whose probability reaches P (default: 0, off).")
    double topP;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "0", description = "Seed of the draws (default: 0).")
    long seed;

    public Path weights() {
        return weights;
    }

    public TextGenerator.Options options() {
        if (tokens < 0 || !(temperature >= 0) || topK < 0 || !(topP >= 0 && topP <= 1)) {
            throw new UsageError("--tokens and --top-k must be ≥ 0, --temperature ≥ 0 and --top-p in [0, 1]");
        }
        return new TextGenerator.Options(prompt, tokens, temperature, topK, topP, seed);
    }
}
