package nnet.runtime.cli;

import nnet.runtime.kernels.Workers;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --threads N}, for every command that runs a model: the size of the kernels' thread pool. */
public final class ThreadsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the kernels (default: the available processors); "
                    + "results are the same for any number.")
    void threads(int threads) {
        try {
            Workers.setThreads(threads);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads: " + e.getMessage());
        }
    }
}
