package nnet.compiler.cli;

import java.util.concurrent.Callable;
import nnet.compiler.api.Compilation;
import nnet.runtime.cli.Cli;
import nnet.runtime.cli.RunOptions;
import nnet.runtime.cli.ThreadsOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nnetc eval FILE --data DATA}: compile in memory, load weights, then evaluate as a model JAR would. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Compile a model in memory and report the loss and metrics of saved weights on a data set.")
final class EvalCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    RunOptions run = new RunOptions();

    public Integer call() {
        Compilation c = source.compile(false);
        String name = source.modelName(c);
        c.compiled(name).warnings().forEach(w -> System.err.println(source.file + ": warning: " + w));
        Cli.commands().evaluate(c.model(name), run.data(), run.weights(), run.batch());
        return 0;
    }
}
