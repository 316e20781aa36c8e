package nnet.compiler.cli;

import java.util.concurrent.Callable;
import nnet.compiler.api.Compilation;
import nnet.runtime.cli.Cli;
import nnet.runtime.cli.ThreadsOption;
import nnet.runtime.cli.TrainOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nnetc train FILE --data DATA}: compile in memory, then train as a model JAR would. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Compile a model in memory and train it on a data set.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    TrainOptions options = new TrainOptions();

    public Integer call() {
        Compilation c = source.compile(false);
        String name = source.modelName(c);
        c.compiled(name).warnings().forEach(w -> System.err.println(source.file + ": warning: " + w));
        Cli.commands().train(c.model(name), options);
        return 0;
    }
}
