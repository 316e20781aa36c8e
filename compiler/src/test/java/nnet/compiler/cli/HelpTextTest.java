package nnet.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import nnet.runtime.cli.ModelMain;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every option of every command says what it does in {@code nnetc help COMMAND} and a model JAR's help. */
class HelpTextTest {
    @Test
    void everyOptionHasAHelpText() {
        List<String> undocumented = new ArrayList<>();
        collect(new CommandLine(new Main()), undocumented);
        collect(new CommandLine(new ModelMain()), undocumented);
        assertThat(undocumented).isEmpty();
    }

    @Test
    void helpShowsTheOutputOptions() {
        assertThat(CheckCliTest.nnetc("help", "compile").out()).contains("The model JAR to write");
        assertThat(CheckCliTest.nnetc("help", "run").out()).contains("The inputs: a NumPy .npz").contains("Where to write every output");
    }

    private static void collect(CommandLine cl, List<String> undocumented) {
        CommandSpec spec = cl.getCommandSpec();
        for (OptionSpec o : spec.options()) {
            if (o.description().length == 0 || String.join("", o.description()).isBlank()) {
                undocumented.add(spec.qualifiedName() + " " + o.longestName());
            }
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, undocumented));
    }
}
