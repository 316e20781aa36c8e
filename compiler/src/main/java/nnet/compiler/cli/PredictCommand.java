package nnet.compiler.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import nnet.compiler.api.Compilation;
import nnet.runtime.cli.Cli;
import nnet.runtime.cli.RunOptions;
import nnet.runtime.cli.ThreadsOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nnetc predict FILE --data DATA}: compile in memory, load weights, write the outputs as a model JAR would. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Compile a model in memory and write its outputs for each example of a data set, as CSV, .npy or .npz.")
final class PredictCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to write: CSV with a header naming the columns, or NumPy arrays when FILE ends"
                    + " in .npy (one output) or .npz (one array per output, by name). Default: CSV to standard output.")
    Path out;

    public Integer call() {
        Compilation c = source.compile(false);
        String name = source.modelName(c);
        c.compiled(name).warnings().forEach(w -> System.err.println(source.file + ": warning: " + w));
        Cli.commands().predict(c.model(name), run.data(), run.weights(), out, run.batch());
        return 0;
    }
}
