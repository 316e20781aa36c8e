package nnet.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Console progress: throttled in-place redraws on a terminal, plain lines elsewhere, no escape codes. */
class ProgressTest {
    private static final long MS = 1_000_000L;
    private final AtomicLong now = new AtomicLong();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private static Metrics metrics(double loss, int examples) {
        Metrics m = new Metrics(List.of(), true);
        m.addLoss(loss, examples);
        return m;
    }

    /** One epoch of {@code steps} steps, each {@code stepMillis} long. */
    private String run(EpochLines lines, int steps, long stepMillis) {
        lines.started(new TrainingListener.Plan("M", steps * 10, 0, 10, steps, 2, "sgd(lr=0.1)"));
        lines.epochStarted(1, 0.1);
        Metrics running = metrics(0.5, 0);
        for (int s = 1; s <= steps; s++) {
            now.addAndGet(stepMillis * MS);
            running.addLoss(0.5, 10);
            lines.stepEnded(new TrainingListener.Step(1, s, s, steps, 10, 0.1, metrics(0.5, 10), running,
                    s * stepMillis / 1000.0));
        }
        lines.epochEnded(new TrainingListener.Epoch(1, steps, 0.1, running, metrics(0.7, 5), 1234, steps * stepMillis / 1000.0));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTerminalGetsABarRedrawnAtMostTenTimesASecond() {
        // 1,000 steps of 5 ms: 5 seconds, so at most 50 redraws, each starting with a carriage return.
        String text = run(new EpochLines(out, true, now::get), 1000, 5);
        long redraws = text.chars().filter(c -> c == '\r').count();
        assertThat(redraws).isBetween(40L, 51L);
        assertThat(text).contains("[=", "/1000", "ETA ", "samples/s", "loss 0.5000");
        String bar = text.substring(text.lastIndexOf('\r', text.lastIndexOf('\r') - 1) + 1, text.lastIndexOf('\r'));
        assertThat(bar).hasSizeLessThan(80).isEqualTo("epoch 1/2 [================] 1000/1000 loss 0.5000 2,000 samples/s ETA 0.0s");
        assertThat(text.stripTrailing()).endsWith("val_loss 0.7000  lr 0.1  1,234 samples/s");
        assertThat(text).endsWith("\n").doesNotContain("\u001b");
    }

    @Test
    void theEpochLineCoversTheLongerBarItReplaces() {
        String text = run(new EpochLines(out, true, now::get), 30, 200);
        String last = text.substring(text.lastIndexOf('\r') + 1, text.length() - 1);
        String bar = text.substring(text.lastIndexOf('\r', text.lastIndexOf('\r') - 1) + 1, text.lastIndexOf('\r'));
        assertThat(last.length()).isGreaterThanOrEqualTo(bar.length());
        assertThat(last.strip()).startsWith("epoch 1/2  loss 0.5000");
    }

    @Test
    void aBarLeftByARunThatStoppedIsEndedWithANewline() {
        EpochLines lines = new EpochLines(out, true, now::get, 80);
        lines.started(new TrainingListener.Plan("M", 100, 0, 10, 10, 1, "sgd(lr=0.1)"));
        lines.epochStarted(1, 0.1);
        now.addAndGet(200 * MS);
        lines.stepEnded(new TrainingListener.Step(1, 1, 1, 10, 10, 0.1, metrics(0.5, 10), metrics(0.5, 10), 0.2));
        lines.endLine();
        lines.endLine();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).startsWith("\repoch 1/1 [").endsWith("ETA 1.8s\n");
        assertThat(text.chars().filter(c -> c == '\n').count()).isEqualTo(1);
    }

    @Test
    void aBarWiderThanTheTerminalIsCut() {
        String text = run(new EpochLines(out, true, now::get, 40), 30, 200);
        String bar = text.substring(text.lastIndexOf('\r', text.lastIndexOf('\r') - 1) + 1, text.lastIndexOf('\r'));
        assertThat(bar).hasSize(39).startsWith("epoch 1/2 [");
        assertThat(EpochLines.columns("120")).isEqualTo(120);
        assertThat(EpochLines.columns(null)).isEqualTo(80);
        assertThat(EpochLines.columns("wide")).isEqualTo(80);
    }

    @Test
    void otherOutputGetsPlainLinesOnly() {
        // 100 steps of 1 s: a line every 30 s within the epoch, then the epoch's line.
        String text = run(new EpochLines(out, false, now::get), 100, 1000);
        assertThat(text).doesNotContain("\r", "\u001b", "[=");
        List<String> lines = text.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("epoch 1/2  step  30/100  loss 0.5000");
        assertThat(lines.get(3)).startsWith("epoch 1/2  loss 0.5000  val_loss 0.7000  lr 0.1");
    }

    @Test
    void durationsAndRatesReadShort() {
        assertThat(ProgressText.duration(4.2)).isEqualTo("4.2s");
        assertThat(ProgressText.duration(75)).isEqualTo("1:15");
        assertThat(ProgressText.duration(3725)).isEqualTo("1:02:05");
        assertThat(ProgressText.duration(Double.NaN)).isEqualTo("?");
        assertThat(ProgressText.rate(0.001)).isEqualTo("0.001");
        assertThat(ProgressText.rate(0.00125)).isEqualTo("0.00125");
        assertThat(ProgressText.rate(1.5e-5)).isEqualTo("1.5e-05");
        assertThat(ProgressText.rate(2)).isEqualTo("2");
    }
}
