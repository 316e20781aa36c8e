package nnet.runtime.cli;

import java.io.PrintWriter;
import java.util.function.IntSupplier;
import nnet.runtime.io.DataException;
import nnet.runtime.train.Trainer;
import picocli.CommandLine;

/**
 * Running picocli commands with the project's error conventions: user errors (bad data, bad options,
 * a diverging run) print one clear line and exit with 1 (2 for usage); nothing prints a stack trace
 * unless NNET_DEBUG is set.
 */
public final class Cli {
    /** The exit code of a run stopped by Ctrl-C, 128 + SIGINT, as shells give it. */
    public static final int INTERRUPTED = 130;

    private Cli() {
    }

    public static ModelCommands commands() {
        return new ModelCommands(System.out, System.err);
    }

    public static int positive(String option, int v) {
        if (v <= 0) {
            throw new UsageError(option + " must be a positive number, got " + v);
        }
        return v;
    }

    public static int execute(CommandLine cl, String[] args) {
        configure(cl);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e, commandLine.getErr()));
        return withinMemory(() -> cl.execute(args), cl.getErr(), "java -Xmx4g -jar ...");
    }

    /**
     * Runs {@code command}, turning running out of heap (a data set larger than the default heap, most
     * likely) into one line that says how to get more; picocli lets errors through, stack trace and all.
     * {@code example} shows how the heap is set for this program.
     */
    public static int withinMemory(IntSupplier command, PrintWriter err, String example) {
        try {
            return command.getAsInt();
        } catch (OutOfMemoryError e) {
            if (System.getenv("NNET_DEBUG") != null) {
                e.printStackTrace(err);
            }
            err.println("error: out of memory: the Java heap (" + (Runtime.getRuntime().maxMemory() >> 20)
                    + " MB) is too small for this data or model; give it more, as in " + example);
            err.flush();
            return 1;
        }
    }

    /** Usage errors print the message and the command's usage, and exit with 2. */
    public static void configure(CommandLine cl) {
        cl.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println("error: " + e.getMessage());
            e.getCommandLine().usage(e.getCommandLine().getErr());
            return 2;
        });
    }

    public static int handle(Exception e, PrintWriter err) {
        if (System.getenv("NNET_DEBUG") != null) {
            e.printStackTrace(err);
        }
        if (e instanceof nnet.runtime.train.TrainingInterrupted) {
            // As a shell reports a process ended by Ctrl-C; the message says how to resume.
            err.println(e.getMessage());
            return INTERRUPTED;
        }
        if (e instanceof UsageError) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (e instanceof DataException || e instanceof Trainer.TrainingDiverged || e instanceof IllegalArgumentException) {
            err.println("error: " + e.getMessage());
            return 1;
        }
        err.println("internal error: " + e + " (set NNET_DEBUG=1 for details)");
        return 3;
    }
}
