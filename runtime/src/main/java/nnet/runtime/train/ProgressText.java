package nnet.runtime.train;

import java.util.Locale;

/** The texts of console progress: the line per epoch, the bar within an epoch, durations. */
final class ProgressText {
    /** Narrow enough that the whole bar line fits 80 columns, which a line redrawn in place must. */
    static final int BAR_WIDTH = 16;

    private ProgressText() {
    }

    /** "epoch  3/30  loss 0.1234  accuracy 0.9650  val_loss ...  lr 0.001  12,345 samples/s". */
    static String epochLine(TrainingListener.Epoch e, int epochs) {
        StringBuilder sb = new StringBuilder(epochLabel(e.epoch(), epochs));
        sb.append("  ").append(e.train().format(""));
        if (e.validation() != null) {
            sb.append("  ").append(e.validation().format("val_"));
        }
        sb.append("  lr ").append(rate(e.lr()));
        // The speed ends the line, where scripts comparing runs cut it off; the epoch's time is in the log.
        sb.append(String.format(Locale.ROOT, "  %,.0f samples/s", e.examplesPerSecond()));
        return sb.toString();
    }

    /** "epoch  3/30 [======>         ]  23/45 loss 0.2345 1,234 samples/s ETA 0:03". */
    static String bar(TrainingListener.Step s, int epochs) {
        int done = s.stepInEpoch();
        int total = s.stepsInEpoch();
        int filled = (int) ((long) BAR_WIDTH * done / total);
        StringBuilder bar = new StringBuilder("[");
        for (int i = 0; i < BAR_WIDTH; i++) {
            bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
        }
        bar.append(']');
        return epochLabel(s.epoch(), epochs) + " " + bar + " " + counts(s, " ") + " ETA " + duration(eta(s));
    }

    /** A plain progress line within a long epoch, for output that is not a terminal. */
    static String plainStep(TrainingListener.Step s, int epochs) {
        return epochLabel(s.epoch(), epochs) + "  step " + counts(s, "  ");
    }

    /** "23/45  loss 0.2345  1,234 samples/s", fields apart by {@code gap}. */
    private static String counts(TrainingListener.Step s, String gap) {
        int width = Integer.toString(s.stepsInEpoch()).length();
        return String.format(Locale.ROOT, "%" + width + "d/%d" + gap + "loss %.4f" + gap + "%,.0f samples/s",
                s.stepInEpoch(), s.stepsInEpoch(), s.running().loss(),
                s.running().examples() / Math.max(s.seconds(), 1e-9));
    }

    /** A learning rate in four significant digits without trailing zeros: 0.001, 0.0005, 1.25e-05. */
    static String rate(double lr) {
        String s = String.format(Locale.ROOT, "%.4g", lr);
        if (s.contains("e")) {
            String[] parts = s.split("e");
            return parts[0].replaceAll("\\.?0+$", "") + "e" + parts[1];
        }
        return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
    }

    static String epochLabel(int epoch, int epochs) {
        int width = Integer.toString(epochs).length();
        return String.format(Locale.ROOT, "epoch %" + width + "d/%d", epoch, epochs);
    }

    /** Seconds left in the epoch at the pace so far. */
    static double eta(TrainingListener.Step s) {
        return s.seconds() / s.stepInEpoch() * (s.stepsInEpoch() - s.stepInEpoch());
    }

    /** "0.4s" under ten seconds, then "0:42", "12:05", "1:02:05". */
    static String duration(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return "?";
        }
        if (seconds < 10) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
