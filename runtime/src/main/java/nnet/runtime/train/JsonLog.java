package nnet.runtime.train;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.LongSupplier;
import nnet.runtime.io.DataException;

/**
 * The training log: JSON lines, one record per line, flushed one record at a time so that a run that
 * dies leaves only complete lines. Records have an "event": "start" (the run's shape), "step" (every
 * {@code every}-th optimizer step, and the last of each epoch) and "epoch" (training and validation
 * figures, validation names prefixed "val_", confusion matrices as arrays of counts). Numbers that are
 * not finite are written as null, which JSON can hold; "time" is seconds since the start of the run.
 */
public final class JsonLog implements TrainingListener, AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Path path;
    private final OutputStream out;
    private final int every;
    private final LongSupplier clock;
    private long startNanos;

    private JsonLog(Path path, OutputStream out, int every, LongSupplier clock) {
        this.path = path;
        this.out = out;
        this.every = every;
        this.clock = clock;
    }

    /** Opens (and truncates) the log now, so that a path that cannot be written fails before training. */
    public static JsonLog open(Path path, int every) {
        return open(path, every, System::nanoTime);
    }

    static JsonLog open(Path path, int every, LongSupplier clock) {
        if (every <= 0) {
            throw new IllegalArgumentException("the log interval must be a positive number of steps, got " + every);
        }
        try {
            return new JsonLog(path, Files.newOutputStream(path), every, clock);
        } catch (IOException e) {
            throw new DataException(path + ": cannot write the training log: " + describe(e), e);
        }
    }

    @Override
    public void started(Plan plan) {
        startNanos = clock.getAsLong();
        record("start", g -> {
            g.writeStringField("model", plan.model());
            g.writeStringField("date", Instant.now().toString());
            g.writeNumberField("examples", plan.examples());
            g.writeNumberField("validation_examples", plan.validationExamples());
            g.writeNumberField("batch", plan.batch());
            g.writeNumberField("steps_per_epoch", plan.stepsPerEpoch());
            g.writeNumberField("epochs", plan.epochs());
            g.writeStringField("optimizer", plan.optimizer());
        });
    }

    @Override
    public void stepEnded(Step s) {
        if (s.step() % every != 0 && s.stepInEpoch() != s.stepsInEpoch()) {
            return;
        }
        record("step", g -> {
            g.writeNumberField("epoch", s.epoch());
            g.writeNumberField("step", s.step());
            figures(g, "", s.batch(), false);
            number(g, "running_loss", s.running().loss());
            number(g, "lr", s.lr());
            number(g, "samples_per_second", s.running().examples() / Math.max(s.seconds(), 1e-9));
        });
    }

    @Override
    public void epochEnded(Epoch e) {
        record("epoch", g -> {
            g.writeNumberField("epoch", e.epoch());
            g.writeNumberField("step", e.step());
            figures(g, "", e.train(), true);
            if (e.validation() != null) {
                figures(g, "val_", e.validation(), true);
            }
            number(g, "lr", e.lr());
            number(g, "samples_per_second", e.examplesPerSecond());
            number(g, "epoch_seconds", e.seconds());
        });
    }

    @Override
    public void finished() {
        close();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new DataException(path + ": cannot write the training log: " + describe(e), e);
        }
    }

    /** The loss and scalar metrics, and with {@code matrices} the confusion matrices (of epochs only: a batch's is noise). */
    private static void figures(JsonGenerator g, String prefix, Metrics m, boolean matrices) throws IOException {
        number(g, prefix + "loss", m.loss());
        for (Map.Entry<String, Double> f : m.metrics().entrySet()) {
            number(g, prefix + f.getKey(), f.getValue());
        }
        if (!matrices) {
            return;
        }
        for (Map.Entry<String, long[][]> f : m.matrices().entrySet()) {
            g.writeArrayFieldStart(prefix + f.getKey());
            for (long[] row : f.getValue()) {
                g.writeArray(row, 0, row.length);
            }
            g.writeEndArray();
        }
    }

    private static void number(JsonGenerator g, String name, double v) throws IOException {
        if (Double.isFinite(v)) {
            g.writeNumberField(name, v);
        } else {
            g.writeNullField(name);
        }
    }

    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    /** Builds the whole line first and writes it with one call, then flushes it. */
    private void record(String event, Fields fields) {
        StringWriter line = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("event", event);
            fields.write(g);
            number(g, "time", (clock.getAsLong() - startNanos) / 1e9);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new DataException(path + ": cannot write the training log: " + describe(e), e);
        }
    }

    private static String describe(IOException e) {
        return e instanceof java.nio.file.NoSuchFileException ? "no such directory"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                : String.valueOf(e.getMessage());
    }
}
