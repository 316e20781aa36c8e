package nnet.runtime.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nnet.runtime.Model;
import nnet.runtime.io.DataException;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;

/**
 * The string metadata of a checkpoint: what model it is of, where the run was, and the settings it ran
 * with. Numbers are written with Java's shortest round-tripping decimal form, so they read back exactly.
 */
record CheckpointMetadata(String model, String architecture, String architectureText, RunPosition position,
                          long step, long randomSeed, int epochs, Map<String, String> settings) {
    private static final String SETTING = "setting.";

    static CheckpointMetadata of(Model model, RunSettings settings, RunPosition at) {
        ModelInfo info = model.info();
        int metrics = info.io(IoInfo.Kind.METRIC).size();
        RunPosition copy = RunPosition.restored(at.epoch(), at.batch(), at.sums(metrics), at.bestLoss(),
                at.bestEpoch());
        return new CheckpointMetadata(info.name(), Architecture.hash(info), Architecture.describe(info), copy,
                model.steps(), model.randomSeed(), settings.config().epochs(), settings.values());
    }

    Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", Checkpoint.FORMAT);
        m.put("model", model);
        m.put("architecture", architecture);
        m.put("architecture_text", architectureText);
        m.put("epoch", Integer.toString(position.epoch()));
        m.put("batch", Integer.toString(position.batch()));
        m.put("step", Long.toString(step));
        m.put("epochs", Integer.toString(epochs));
        m.put("random_seed", Long.toString(randomSeed));
        m.put("epoch_sums", Arrays.stream(position.sums(0)).mapToObj(Double::toString)
                .collect(Collectors.joining(",")));
        m.put("best_validation_loss", Double.toString(position.bestLoss()));
        m.put("best_epoch", Integer.toString(position.bestEpoch()));
        settings.forEach((k, v) -> m.put(SETTING + k.replace(' ', '_'), v));
        return m;
    }

    static CheckpointMetadata parse(Path file, Map<String, String> m) {
        Fields f = new Fields(file, m);
        RunPosition at = RunPosition.restored(f.integer("epoch", 1), f.integer("batch", 0), f.doubles("epoch_sums"),
                f.number("best_validation_loss"), f.integer("best_epoch", 0));
        Map<String, String> settings = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (k.startsWith(SETTING)) {
                settings.put(k.substring(SETTING.length()).replace('_', ' '), v);
            }
        });
        return new CheckpointMetadata(f.text("model"), f.text("architecture"), f.text("architecture_text"), at,
                f.count("step"), f.longNumber("random_seed"), f.integer("epochs", 0), settings);
    }

    /** Whether the run had done all the epochs it was asked for when this was taken. */
    boolean finished() {
        return position.epoch() > epochs;
    }

    void checkArchitecture(Path file, ModelInfo info) {
        if (!model.equals(info.name())) {
            throw new DataException(file + ": a checkpoint of model " + model + ", not of " + info.name());
        }
        if (architecture.equals(Architecture.hash(info))) {
            return;
        }
        List<String> theirs = List.of(architectureText.split("\n"));
        List<String> ours = List.of(Architecture.describe(info).split("\n"));
        List<String> diff = new ArrayList<>();
        theirs.stream().filter(l -> !ours.contains(l)).forEach(l -> diff.add("checkpoint: " + l));
        ours.stream().filter(l -> !theirs.contains(l)).forEach(l -> diff.add("model: " + l));
        throw new DataException(file + ": a checkpoint of another version of model " + info.name()
                + " (architecture hashes differ): " + String.join("; ", diff));
    }

    /** Refuses to resume with other settings, which would not give the steps the interrupted run takes. */
    void checkSettings(Path file, RunSettings run) {
        List<String> diff = new ArrayList<>();
        run.values().forEach((name, value) -> {
            String saved = settings.get(name);
            if (!value.equals(saved)) {
                diff.add(name + " " + saved + " there, " + value + " here");
            }
        });
        if (!diff.isEmpty()) {
            throw new DataException(file + ": the checkpoint was taken with other settings or data: "
                    + String.join("; ", diff) + "; an exact resume needs the same ones (only --epochs may change)");
        }
    }

    /** Metadata values by key, each parse failure a message naming the file and the key. */
    private record Fields(Path file, Map<String, String> m) {
        String text(String key) {
            String v = m.get(key);
            if (v == null) {
                throw new DataException(file + ": the checkpoint's metadata lacks '" + key + "'");
            }
            return v;
        }

        private DataException bad(String key) {
            return new DataException(file + ": the checkpoint's metadata '" + key + "' is not valid: '" + m.get(key)
                    + "'");
        }

        int integer(String key, int min) {
            long v = longNumber(key);
            if (v < min || v > Integer.MAX_VALUE) {
                throw bad(key);
            }
            return (int) v;
        }

        long count(String key) {
            long v = longNumber(key);
            if (v < 0) {
                throw bad(key);
            }
            return v;
        }

        long longNumber(String key) {
            try {
                return Long.parseLong(text(key));
            } catch (NumberFormatException e) {
                throw bad(key);
            }
        }

        double number(String key) {
            try {
                return Double.parseDouble(text(key));
            } catch (NumberFormatException e) {
                throw bad(key);
            }
        }

        double[] doubles(String key) {
            try {
                return Arrays.stream(text(key).split(",")).mapToDouble(Double::parseDouble).toArray();
            } catch (NumberFormatException e) {
                throw bad(key);
            }
        }
    }
}
