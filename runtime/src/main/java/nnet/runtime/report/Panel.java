package nnet.runtime.report;

import java.util.ArrayList;
import java.util.List;

/** One panel of a plot: its series against the epoch, the axes, grid and legend. */
record Panel(String title, String yLabel, List<Series> series, boolean logAllowed) {
    private static final int LEGEND_GAP = 24;
    private static final int LEGEND_ROW = 20;
    /** A loss that falls by more than this factor is drawn on a logarithmic axis. */
    private static final double LOG_RATIO = 20;

    void draw(SvgCanvas c, Ticks.Axis x, int top) {
        int plotTop = top + SvgPlot.Layout.PLOT_TOP;
        int left = SvgPlot.Layout.LEFT;
        int w = SvgPlot.Layout.PLOT_WIDTH;
        int h = SvgPlot.Layout.PLOT_HEIGHT;
        Ticks.Axis y = yAxis();
        c.text(left, top + 18, title, "start", 15, "bold", "#222");
        grid(c, x, y, left, plotTop, w, h);
        c.clippedGroup(left, plotTop - 4, w, h + 8);
        for (Series s : series) {
            plot(c, s, x, y, left, plotTop, w, h);
        }
        c.endGroup();
        c.rect(left, plotTop, w, h, "none", "#888");
        c.text(left + w / 2.0, plotTop + h + 38, "epoch", "middle", 13, "normal", "#333");
        c.verticalText(left - 56, plotTop + h / 2.0, yLabel + (y.log() ? " (log scale)" : ""), 13);
        legend(c, left + w + LEGEND_GAP, plotTop + 8);
    }

    private Ticks.Axis yAxis() {
        List<Double> values = new ArrayList<>();
        for (Series s : series) {
            s.drawable(false).forEach(p -> values.add(p[1]));
        }
        if (values.isEmpty()) {
            return Ticks.linear(0, 1, 6);
        }
        double lo = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double hi = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        if (logAllowed && lo > 0 && hi / lo > LOG_RATIO) {
            return Ticks.log(lo, hi);
        }
        return Ticks.linear(lo, hi, 6);
    }

    private static void grid(SvgCanvas c, Ticks.Axis x, Ticks.Axis y, int left, int top, int w, int h) {
        for (double t : x.ticks()) {
            double px = left + x.fraction(t) * w;
            c.line(px, top, px, top + h, "#e6e6e6", 1, null);
            c.line(px, top + h, px, top + h + 5, "#888", 1, null);
            c.text(px, top + h + 19, Ticks.label(t), "middle", 12, "normal", "#444");
        }
        for (double t : y.ticks()) {
            double py = top + h - y.fraction(t) * h;
            c.line(left, py, left + w, py, "#e6e6e6", 1, null);
            c.line(left - 5, py, left, py, "#888", 1, null);
            c.text(left - 9, py + 4, Ticks.label(t), "end", 12, "normal", "#444");
        }
    }

    private static void plot(SvgCanvas c, Series s, Ticks.Axis x, Ticks.Axis y, int left, int top, int w, int h) {
        List<double[]> px = new ArrayList<>();
        for (double[] p : s.drawable(y.log())) {
            px.add(new double[] {left + x.fraction(p[0]) * w, top + h - y.fraction(p[1]) * h});
        }
        switch (s.style()) {
            case FAINT -> c.polyline(px, s.color(), 1, 0.25, null);
            case LINE -> c.polyline(px, s.color(), 2, 1, null);
            case MARKERS, DASHED -> {
                c.polyline(px, s.color(), 1.8, 1, s.style() == Series.Style.DASHED ? "6,4" : null);
                if (px.size() <= 60) {
                    px.forEach(p -> c.circle(p[0], p[1], 3.2, s.color()));
                }
            }
        }
    }

    private void legend(SvgCanvas c, int x, int y) {
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            double row = y + i * LEGEND_ROW;
            String dash = s.style() == Series.Style.DASHED ? "6,4" : null;
            double width = s.style() == Series.Style.FAINT ? 1 : 2;
            c.line(x, row, x + 28, row, s.style() == Series.Style.FAINT ? "#a9c8e0" : s.color(), width, dash);
            if (s.style() == Series.Style.MARKERS || s.style() == Series.Style.DASHED) {
                c.circle(x + 14, row, 3.2, s.color());
            }
            c.text(x + 36, row + 4, s.name(), "start", 12, "normal", "#333");
        }
    }
}
