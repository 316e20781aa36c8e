package nnet.compiler.cli;

import nnet.runtime.cli.VectorRelaunch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code nnetc}: check, compile, train, evaluate and run .nnet models. */
@Command(name = "nnetc", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "The nnet compiler: .nnet models to JVM bytecode.",
        subcommands = {CheckCommand.class, CompileCommand.class, TrainCommand.class, EvalCommand.class,
            PredictCommand.class, GenerateCommand.class, RunCommand.class, SummaryCommand.class,
            nnet.runtime.cli.PlotCommand.class, picocli.CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(VectorRelaunch.run(Main.class, args, Main::run));
    }

    /** Runs a command line and returns the exit code: 0 ok, 1 errors in the input, 2 usage, 3 internal. */
    public static int run(String[] args) {
        return Errors.execute(new CommandLine(new Main()), args);
    }
}
