package nnet.compiler.cli;

import java.util.concurrent.Callable;
import nnet.compiler.api.Compilation;
import nnet.runtime.cli.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nnetc summary FILE}: compile in memory and describe the model as a model JAR's info does. */
@Command(name = "summary", aliases = "info", mixinStandardHelpOptions = true,
        description = "Compile a model in memory and describe it: layers, output shapes, parameters, FLOPs, memory.")
final class SummaryCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source = new SourceOptions();

    public Integer call() {
        Compilation c = source.compile(false);
        String name = source.modelName(c);
        c.compiled(name).warnings().forEach(w -> System.err.println(source.file + ": warning: " + w));
        Cli.commands().info(c.compiled(name).info());
        return 0;
    }
}
