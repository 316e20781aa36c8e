package nnet.compiler.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import nnet.compiler.api.Compilation;
import nnet.compiler.driver.CompiledModel;
import nnet.compiler.driver.MemoryReport;
import nnet.compiler.jar.ModelJar;
import nnet.compiler.memory.ModelLayout;
import nnet.compiler.memory.ProgramPlan;
import nnet.runtime.io.DataException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nnetc compile FILE -o JAR}: a runnable model JAR, and the memory plan's figures. */
@Command(name = "compile", mixinStandardHelpOptions = true, description = "Compile a model to a runnable JAR.")
final class CompileCommand implements Callable<Integer> {
    @Mixin
    SourceOptions source = new SourceOptions();

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "JAR",
            description = "The model JAR to write: the generated code, its metadata and the runtime, run with java -jar.")
    Path output;

    public Integer call() {
        Compilation c = source.compile(false);
        String name = source.modelName(c);
        CompiledModel m = c.compiled(name);
        m.warnings().forEach(w -> System.err.println(source.file + ": warning: " + w));
        try {
            ModelJar.write(m, output);
        } catch (IOException e) {
            throw new DataException(output + ": cannot write: " + e.getMessage(), e);
        }
        System.out.printf(Locale.ROOT, "wrote %s: model %s, %,d parameters%n", output, name, m.info().parameterCount());
        printMemory(m);
        return 0;
    }

    /** Arena figures per program at the training batch size (every run-time dim bound to it). */
    static void printMemory(CompiledModel m) {
        int batch = m.info().train() == null ? 1 : m.info().train().batch();
        int[] dims = new int[m.info().dims().size()];
        Arrays.fill(dims, batch);
        ModelLayout layout = m.layout();
        String binding = m.info().dims().isEmpty() ? "" : " with " + String.join(", ",
                m.info().dims().stream().map(d -> d + "=" + batch).toList());
        System.out.println("memory plan" + binding + ":");
        for (ProgramPlan p : m.plans()) {
            for (String line : MemoryReport.lines(p, layout, dims)) {
                System.out.printf(Locale.ROOT, "  %-9s %s%n", p.name(), line);
            }
        }
    }
}
