package nnet.runtime.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plot of a training run as SVG: a panel of the loss (each step's, smoothed, and each epoch's for
 * training and validation; on a logarithmic axis when it falls by more than a factor 20) and a panel of
 * the metrics per epoch, both against the epoch, with round-numbered axes and a legend beside each panel.
 */
public final class SvgPlot {
    static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
        "#7f7f7f", "#bcbd22", "#17becf"};
    private static final String TRAIN = COLORS[0];
    private static final String VALIDATION = COLORS[1];
    /** Points drawn of a per-step line at most: about two per pixel of the plot's width. */
    private static final int MAX_POINTS = 1200;

    private SvgPlot() {
    }

    public static String render(History h) {
        List<Panel> panels = new ArrayList<>();
        panels.add(lossPanel(h));
        List<Series> metrics = metricSeries(h);
        if (!metrics.isEmpty()) {
            List<String> names = h.metricNames();
            panels.add(new Panel("Metrics", names.size() == 1 ? names.get(0) : "value", metrics, false));
        }
        SvgCanvas canvas = new SvgCanvas(Layout.WIDTH, Layout.TITLE + panels.size() * Layout.PANEL);
        canvas.text(Layout.WIDTH / 2.0, 30, h.model() + ": training", "middle", 18, "bold", "#222");
        Ticks.Axis x = epochAxis(h.lastEpoch());
        for (int i = 0; i < panels.size(); i++) {
            panels.get(i).draw(canvas, x, Layout.TITLE + i * Layout.PANEL);
        }
        return canvas.finish();
    }

    private static Panel lossPanel(History h) {
        List<Series> s = new ArrayList<>();
        List<double[]> steps = h.stepLosses();
        if (!steps.isEmpty()) {
            s.add(new Series("train, each step", TRAIN, Series.thinned(steps, MAX_POINTS), Series.Style.FAINT));
            s.add(new Series("train, smoothed", TRAIN,
                    Series.thinned(Series.smoothed(steps, smoothing(steps.size())), MAX_POINTS), Series.Style.LINE));
        }
        addIfAny(s, new Series("train, epoch mean", "#0b3c5d", h.perEpoch("loss"), Series.Style.MARKERS));
        addIfAny(s, new Series("validation", VALIDATION, h.perEpoch("val_loss"), Series.Style.DASHED));
        return new Panel("Loss", "loss", s, true);
    }

    private static List<Series> metricSeries(History h) {
        List<Series> s = new ArrayList<>();
        List<String> names = h.metricNames();
        for (int i = 0; i < names.size(); i++) {
            String color = COLORS[(i + 2) % COLORS.length];
            addIfAny(s, new Series(names.get(i) + ", train", color, h.perEpoch(names.get(i)), Series.Style.MARKERS));
            addIfAny(s, new Series(names.get(i) + ", validation", color, h.perEpoch("val_" + names.get(i)),
                    Series.Style.DASHED));
        }
        return s;
    }

    private static void addIfAny(List<Series> s, Series series) {
        if (!series.points().isEmpty()) {
            s.add(series);
        }
    }

    /** More smoothing the more steps there are, so that the line shows the trend at any length of run. */
    static double smoothing(int points) {
        return Math.max(0.6, Math.min(0.95, 1 - 20.0 / points));
    }

    /** Whole epochs from 0 to the last, at most about ten ticks. */
    static Ticks.Axis epochAxis(int lastEpoch) {
        int last = Math.max(1, lastEpoch);
        return Ticks.linear(0, last, Math.min(last + 1, 10));
    }

    /** Sizes of the figure, in SVG user units (pixels). */
    static final class Layout {
        static final int WIDTH = 940;
        static final int TITLE = 50;
        static final int PANEL = 330;
        static final int LEFT = 80;
        static final int PLOT_WIDTH = 600;
        static final int PLOT_TOP = 30;
        static final int PLOT_HEIGHT = 240;

        private Layout() {
        }
    }

    static String number(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
