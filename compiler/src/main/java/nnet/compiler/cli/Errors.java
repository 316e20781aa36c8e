package nnet.compiler.cli;

import java.io.PrintWriter;
import nnet.compiler.source.CompilationException;
import nnet.runtime.cli.Cli;
import picocli.CommandLine;

/** Exit codes and messages: diagnostics for source errors, one line for data errors, never a stack trace. */
final class Errors {
    private Errors() {
    }

    static int execute(CommandLine cl, String[] args) {
        Cli.configure(cl);
        cl.setExecutionExceptionHandler(handler());
        return Cli.withinMemory(() -> cl.execute(args), cl.getErr(), "NNETC_JAVA_OPTS=-Xmx4g nnetc ...");
    }

    /** Prints a compilation failure the way compilers do: every diagnostic, then a count. */
    static int report(CompilationException e, PrintWriter err) {
        err.print(e.render());
        err.flush();
        return 1;
    }

    static CommandLine.IExecutionExceptionHandler handler() {
        return (e, cl, parsed) -> e instanceof CompilationException c ? report(c, cl.getErr())
                : Cli.handle(e, cl.getErr());
    }
}
