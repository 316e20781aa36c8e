package nnet.runtime.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nnet.runtime.io.DataException;

/** Reads a training log written by {@code --log} (JSON lines) back into a {@link History}. */
public final class LogReader {
    private static final JsonFactory JSON = new JsonFactory();
    /** Figures of an epoch record that are bookkeeping rather than something to plot. */
    private static final Set<String> NOT_PLOTTED = Set.of("epoch", "step", "time", "epoch_seconds",
            "samples_per_second");

    private LogReader() {
    }

    public static History read(Path log) {
        History h = new History();
        int lineNumber = 0;
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                if (!line.isBlank()) {
                    apply(h, parse(line, log, lineNumber));
                }
            }
        } catch (NoSuchFileException e) {
            throw new DataException(log + ": no such file");
        } catch (IOException e) {
            throw new DataException(log + ": cannot read: " + e.getMessage(), e);
        }
        if (h.isEmpty()) {
            throw new DataException(log + ": no step or epoch records; is it a training log written by --log?");
        }
        return h;
    }

    /** The numbers and strings of one record; arrays (confusion matrices) are skipped. */
    private static Map<String, Object> parse(String line, Path log, int lineNumber) {
        Map<String, Object> fields = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new DataException(log + ":" + lineNumber + ": not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.getCurrentName();
                JsonToken t = p.nextToken();
                if (t.isNumeric()) {
                    fields.put(name, p.getDoubleValue());
                } else if (t == JsonToken.VALUE_STRING) {
                    fields.put(name, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DataException(log + ":" + lineNumber + ": not a JSON line of a training log ("
                    + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new DataException(log + ": cannot read: " + e.getMessage(), e);
        }
        return fields;
    }

    private static void apply(History h, Map<String, Object> r) {
        Object event = r.get("event");
        if ("start".equals(event)) {
            h.start(String.valueOf(r.getOrDefault("model", "model")), (int) number(r, "steps_per_epoch", 0));
        } else if ("step".equals(event) && r.get("step") instanceof Double step) {
            h.step(step.longValue(), number(r, "loss", Double.NaN));
        } else if ("epoch".equals(event) && r.get("epoch") instanceof Double epoch) {
            Map<String, Double> figures = new LinkedHashMap<>();
            r.forEach((k, v) -> {
                if (v instanceof Double d && !NOT_PLOTTED.contains(k)) {
                    figures.put(k, d);
                }
            });
            h.epoch(epoch.intValue(), figures);
        }
    }

    private static double number(Map<String, Object> r, String name, double otherwise) {
        return r.get(name) instanceof Double d ? d : otherwise;
    }
}
