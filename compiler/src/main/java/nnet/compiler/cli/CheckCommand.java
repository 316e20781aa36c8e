package nnet.compiler.cli;

import java.util.List;
import java.util.concurrent.Callable;
import nnet.compiler.api.Compilation;
import nnet.compiler.driver.CompiledModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code nnetc check FILE}: the whole compilation, in memory, reporting problems and nothing else. */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Check a source for errors.")
final class CheckCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source = new SourceOptions();

    public Integer call() {
        Compilation c = source.compile(false);
        List<String> names = source.model == null ? c.modelNames() : List.of(source.modelName(c));
        for (String name : names) {
            CompiledModel m = c.compiled(name);
            m.warnings().forEach(w -> System.err.println(source.file + ": warning: " + w));
        }
        System.out.println(source.file + ": ok (" + String.join(", ", names) + ")");
        return 0;
    }
}
