package nnet.runtime.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nnet.runtime.io.AtomicFiles;
import nnet.runtime.io.DataException;
import nnet.runtime.train.Metrics;
import nnet.runtime.train.TrainingListener;

/**
 * Keeps the figures of a running training and rewrites the plot after every epoch, atomically, so an
 * interrupted run still leaves the plot of the epochs it finished.
 */
public final class PlotWriter implements TrainingListener {
    private final Path target;
    private final History history = new History();

    public PlotWriter(Path target) {
        this.target = target;
    }

    @Override
    public void started(Plan plan) {
        history.start(plan.model(), plan.stepsPerEpoch());
    }

    @Override
    public void stepEnded(Step step) {
        history.step(step.step(), step.batch().loss());
    }

    @Override
    public void epochEnded(Epoch e) {
        Map<String, Double> figures = new LinkedHashMap<>();
        put(figures, "", e.train());
        if (e.validation() != null) {
            put(figures, "val_", e.validation());
        }
        figures.put("lr", e.lr());
        history.epoch(e.epoch(), figures);
        write(target, history);
    }

    private static void put(Map<String, Double> figures, String prefix, Metrics m) {
        figures.put(prefix + "loss", m.loss());
        m.metrics().forEach((k, v) -> figures.put(prefix + k, v));
    }

    /** Writes the plot of {@code history} to {@code target} as SVG. */
    public static void write(Path target, History history) {
        String svg = SvgPlot.render(history);
        try {
            AtomicFiles.write(target, os -> os.write(svg.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new DataException(target + ": cannot write the plot: " + e.getMessage(), e);
        }
    }
}
