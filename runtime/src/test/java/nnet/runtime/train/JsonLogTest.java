package nnet.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import nnet.runtime.io.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON-lines training log: complete lines written as they happen, every figure, NaN as null. */
class JsonLogTest {
    @TempDir
    Path dir;
    private final AtomicLong now = new AtomicLong();

    private static Metrics metrics(double loss) {
        Metrics m = new Metrics(List.of(), true);
        m.addLoss(loss, 4);
        return m;
    }

    /** The fields of a JSON object line, numbers as doubles, null as null. */
    private static Map<String, Object> parse(String line) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(line)) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken t = p.nextToken();
                out.put(name, t == JsonToken.VALUE_NULL ? null : t.isNumeric() ? (Object) p.getDoubleValue() : p.getText());
            }
            assertThat(p.nextToken()).isNull();
        }
        return out;
    }

    private List<String> lines(Path log) throws IOException {
        return Files.readAllLines(log);
    }

    @Test
    void eachRecordIsOnDiskAsACompleteLineWhenTheCallReturns() throws IOException {
        Path log = dir.resolve("run.jsonl");
        JsonLog l = JsonLog.open(log, 2, now::get);
        l.started(new TrainingListener.Plan("Digits", 12, 3, 4, 3, 1, "sgd(lr=0.1)"));
        assertThat(lines(log)).hasSize(1);
        for (int s = 1; s <= 3; s++) {
            now.addAndGet(500_000_000L);
            l.stepEnded(new TrainingListener.Step(1, s, s, 3, 4, 0.1, metrics(1.0 / s), metrics(0.9), s * 0.5));
        }
        // Steps 2 (every second) and 3 (the last of the epoch) are logged; the file is still open.
        assertThat(lines(log)).hasSize(3).allSatisfy(line -> assertThat(line).startsWith("{").endsWith("}"));
        l.epochEnded(new TrainingListener.Epoch(1, 3, 0.1, metrics(0.6), metrics(Double.NaN), 24, 1.5));
        l.finished();

        List<String> all = lines(log);
        assertThat(all).hasSize(4);
        assertThat(parse(all.get(0))).containsEntry("event", "start").containsEntry("model", "Digits")
                .containsEntry("steps_per_epoch", 3.0).containsEntry("validation_examples", 3.0);
        assertThat(parse(all.get(1))).containsEntry("event", "step").containsEntry("step", 2.0)
                .containsEntry("loss", 0.5).containsEntry("running_loss", 0.9).containsEntry("lr", 0.1)
                .containsEntry("time", 1.0);
        assertThat(parse(all.get(2))).containsEntry("step", 3.0);
        Map<String, Object> epoch = parse(all.get(3));
        assertThat(epoch).containsEntry("event", "epoch").containsEntry("loss", 0.6).containsEntry("val_loss", null)
                .containsEntry("samples_per_second", 24.0).containsEntry("epoch_seconds", 1.5);
    }

    @Test
    void aLogInAMissingDirectoryFailsBeforeTraining() {
        assertThatThrownBy(() -> JsonLog.open(dir.resolve("no/such/run.jsonl"), 1))
                .isInstanceOf(DataException.class).hasMessageContaining("run.jsonl: cannot write the training log");
    }
}
