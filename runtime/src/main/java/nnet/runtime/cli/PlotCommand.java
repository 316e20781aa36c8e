package nnet.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import nnet.runtime.report.History;
import nnet.runtime.report.LogReader;
import nnet.runtime.report.PlotWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plot LOG.jsonl -o FILE.svg}: the plot of a training log written by {@code train --log}. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw the loss and metrics of a training log (written by train --log) as SVG.")
public final class PlotCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "LOG", description = "A training log of JSON lines.")
    Path log;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE.svg",
            description = "Where to write the plot (default: the log's name with .svg).")
    Path out;

    public Integer call() {
        Path target = out != null ? out : defaultTarget(log);
        TrainingOutputs.checkPlot(target);
        History h = LogReader.read(log);
        PlotWriter.write(target, h);
        System.out.println("wrote " + target);
        return 0;
    }

    private static Path defaultTarget(Path log) {
        String name = log.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return log.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".svg");
    }
}
