package nnet.runtime.train;

import java.io.PrintStream;
import java.util.function.LongSupplier;

/**
 * Console progress. On a terminal a bar within each epoch, redrawn in place (carriage return, no
 * escape codes) at most {@link #REDRAW_NANOS} apart and replaced by the epoch's line when it ends.
 * Elsewhere (a file, a pipe) plain lines only: one per epoch, and one every {@link #PLAIN_NANOS} within
 * an epoch that takes longer, so a log shows that a slow run is alive.
 */
public final class EpochLines implements TrainingListener {
    static final long REDRAW_NANOS = 100_000_000L;
    static final long PLAIN_NANOS = 30_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier clock;
    private final int columns;
    private int epochs;
    private long lastDraw;
    private int drawnWidth;

    /** {@code terminal}: whether {@code out} is a terminal, where the bar may redraw itself. */
    public EpochLines(PrintStream out, boolean terminal) {
        this(out, terminal, System::nanoTime);
    }

    EpochLines(PrintStream out, boolean terminal, LongSupplier clock) {
        this(out, terminal, clock, columns(System.getenv("COLUMNS")));
    }

    EpochLines(PrintStream out, boolean terminal, LongSupplier clock, int columns) {
        this.out = out;
        this.terminal = terminal;
        this.clock = clock;
        this.columns = columns;
    }

    /** The terminal's width as the shell exports it, else the usual 80. */
    static int columns(String env) {
        try {
            int c = env == null ? 80 : Integer.parseInt(env.trim());
            return c >= 20 ? c : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    @Override
    public void started(Plan plan) {
        epochs = plan.epochs();
    }

    @Override
    public void epochStarted(int epoch, double lr) {
        lastDraw = clock.getAsLong();
    }

    @Override
    public void stepEnded(Step step) {
        long now = clock.getAsLong();
        if (now - lastDraw < (terminal ? REDRAW_NANOS : PLAIN_NANOS)) {
            return;
        }
        lastDraw = now;
        if (terminal) {
            // A line longer than the terminal wraps, and a carriage return would then redraw only its end.
            String bar = ProgressText.bar(step, epochs);
            redraw(bar.length() < columns ? bar : bar.substring(0, columns - 1));
        } else {
            out.println(ProgressText.plainStep(step, epochs));
        }
        out.flush();
    }

    @Override
    public void epochEnded(Epoch epoch) {
        String line = ProgressText.epochLine(epoch, epochs);
        if (terminal) {
            redraw(line);
            out.println();
            drawnWidth = 0;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /**
     * Ends a bar left drawn by a run that stopped within an epoch (an error, an interrupt), so that what is
     * printed next starts on a line of its own.
     */
    public void endLine() {
        if (drawnWidth > 0) {
            out.println();
            out.flush();
            drawnWidth = 0;
        }
    }

    /** Overwrites the current line, padding with spaces where the previous text was longer. */
    private void redraw(String text) {
        out.print('\r');
        out.print(text);
        for (int i = text.length(); i < drawnWidth; i++) {
            out.print(' ');
        }
        drawnWidth = text.length();
    }
}
