package nnet.compiler.cli;

import java.util.concurrent.Callable;
import nnet.compiler.api.Compilation;
import nnet.runtime.cli.Cli;
import nnet.runtime.cli.GenerateOptions;
import nnet.runtime.cli.ThreadsOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nnetc generate FILE --model STEP --prompt TEXT}: compile in memory, load weights, then generate. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Compile a decode model in memory and continue a prompt with the text it draws.")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source = new SourceOptions();

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    GenerateOptions generate = new GenerateOptions();

    public Integer call() {
        Compilation c = source.compile(false);
        String name = source.modelName(c);
        c.compiled(name).warnings().forEach(w -> System.err.println(source.file + ": warning: " + w));
        Cli.commands().generate(c.model(name), generate);
        return 0;
    }
}
