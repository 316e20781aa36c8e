package nnet.runtime.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import nnet.runtime.report.PlotWriter;
import nnet.runtime.train.EpochLines;
import nnet.runtime.train.JsonLog;
import nnet.runtime.train.Trainer;

/**
 * What a training run shows and writes as it goes, as the train options ask: the progress on the
 * console (a bar on a terminal, lines otherwise, nothing with --quiet), the JSON-lines log and the plot.
 * Paths are checked before training starts, so that a mistyped directory does not cost a run.
 */
final class TrainingOutputs implements AutoCloseable {
    private final JsonLog log;
    private final EpochLines lines;

    private TrainingOutputs(JsonLog log, EpochLines lines) {
        this.log = log;
        this.lines = lines;
    }

    static TrainingOutputs attach(Trainer trainer, TrainOptions o, PrintStream out) {
        if (o.plot != null) {
            checkPlot(o.plot);
        }
        JsonLog log = o.log == null ? null : JsonLog.open(o.log, Cli.positive("--log-every", o.logEvery));
        EpochLines lines = o.quiet ? null : new EpochLines(out, System.console() != null);
        if (lines != null) {
            trainer.listen(lines);
        }
        if (log != null) {
            trainer.listen(log);
        }
        if (o.plot != null) {
            trainer.listen(new PlotWriter(o.plot));
        }
        return new TrainingOutputs(log, lines);
    }

    static void checkPlot(Path plot) {
        if (!plot.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".svg")) {
            throw new UsageError("--plot writes SVG; give a file name ending in .svg, got " + plot);
        }
        Path dir = plot.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            throw new UsageError("--plot " + plot + ": no such directory " + dir);
        }
    }

    /** Closes the log, also when training failed, keeping the records written so far; ends a bar left drawn. */
    @Override
    public void close() {
        if (lines != null) {
            lines.endLine();
        }
        if (log != null) {
            log.close();
        }
    }
}
