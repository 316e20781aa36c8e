package nnet.runtime.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.io.DataException;
import nnet.runtime.io.SafeTensors;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ParamInfo;
import nnet.runtime.model.TrainConfig;

/**
 * Everything a training run needs to continue as if it had never stopped, as one safetensors file: the
 * parameters and state buffers under their own names (so a checkpoint also serves as weights), every
 * optimizer slot of every trainable parameter as {@code optimizer/<slot>/<name>}, and in the metadata the
 * model's name and architecture hash, the position (epoch, batch within it, optimizer step, running sums
 * of the epoch's loss and metrics, best validation loss), the seed of the random ops and of the data
 * order, and the settings that decide each step (see {@link RunSettings}).
 */
public final class Checkpoint {
    /** Where optimizer state goes in the file; '/' cannot occur in a model's names. */
    public static final String OPTIMIZER_PREFIX = "optimizer/";
    static final String FORMAT = "nnet-checkpoint";

    private final Path file;
    private final Map<String, Tensor> tensors;
    private final CheckpointMetadata metadata;

    private Checkpoint(Path file, Map<String, Tensor> tensors, CheckpointMetadata metadata) {
        this.file = file;
        this.tensors = tensors;
        this.metadata = metadata;
    }

    /** Writes the checkpoint of {@code model} at {@code at} atomically (complete or absent, never half). */
    public static void write(Path file, Model model, RunSettings settings, RunPosition at) {
        capture(model, settings, at).writeTo(file);
    }

    /** The contents of a checkpoint, copied from the model, to be written later. */
    record Snapshot(Map<String, Tensor> tensors, Map<String, String> metadata) {
        void writeTo(Path file) {
            SafeTensors.write(file, tensors, metadata);
        }
    }

    /** Copies what a checkpoint of {@code model} at {@code at} holds. */
    static Snapshot capture(Model model, RunSettings settings, RunPosition at) {
        Map<String, Tensor> all = new LinkedHashMap<>(model.parameters());
        all.putAll(model.states());
        for (ParamInfo p : trainable(model.info())) {
            for (int k = 0; k < model.info().slots(); k++) {
                all.put(slotName(k, p.name()), model.optimizerSlot(k, p.name()));
            }
        }
        return new Snapshot(all, CheckpointMetadata.of(model, settings, at).toMap());
    }

    /**
     * Reads a checkpoint; a weights file (no position, no optimizer state) or a file that is no
     * safetensors file is refused with a message saying so.
     */
    public static Checkpoint read(Path file) {
        SafeTensors.Contents contents = SafeTensors.read(file);
        if (!FORMAT.equals(contents.metadata().get("format"))) {
            throw new DataException(file + ": not a checkpoint (it holds no optimizer state or position of a run); "
                    + "to start from its weights, use --init " + file);
        }
        return new Checkpoint(file, contents.tensors(), CheckpointMetadata.parse(file, contents.metadata()));
    }

    public Path file() {
        return file;
    }

    /** The epoch in progress when it was taken (one past the last when the run had finished). */
    public int epoch() {
        return metadata.position().epoch();
    }

    /** Whether the run had done all its epochs (a checkpoint at the end of a run). */
    public boolean finished() {
        return metadata.finished();
    }

    public long step() {
        return metadata.step();
    }

    /**
     * Puts the checkpoint's state into {@code model} after checking that it is a checkpoint of this model
     * taken with these settings (the number of epochs aside), and returns where the run continues.
     * Nothing is changed when a check fails; the message names every difference.
     */
    public RunPosition restore(Model model, RunSettings settings) {
        ModelInfo info = model.info();
        Map<String, Tensor> weights = new LinkedHashMap<>(tensors);
        weights.keySet().removeIf(name -> name.startsWith(OPTIMIZER_PREFIX));
        TensorMatch match = TensorMatch.of(TensorMatch.weightsOf(info), weights);
        if (!match.complete() || !match.unexpected().isEmpty()) {
            throw new DataException(file + ": not a checkpoint of model " + info.name() + ": " + match.differences());
        }
        // With the weights alike, a difference here is one of optimizers (adam's two slots, sgd's none...).
        TensorMatch slots = TensorMatch.of(expected(info), tensors);
        if (!slots.complete() || !slots.unexpected().isEmpty()) {
            throw new DataException(file + ": its optimizer state is not that of model " + info.name() + "'s "
                    + info.optimizer() + ": " + slots.differences());
        }
        metadata.checkArchitecture(file, info);
        metadata.checkSettings(file, settings);
        model.initialize(metadata.randomSeed());
        Weights.setAll(model, TensorMatch.weightsOf(info).keySet().stream().toList(), tensors, file);
        for (ParamInfo p : trainable(info)) {
            for (int k = 0; k < info.slots(); k++) {
                Tensor slot = tensors.get(slotName(k, p.name()));
                model.setOptimizerSlot(k, p.name(), slot.dtype() == p.dtype() ? slot : slot.to(p.dtype()));
            }
        }
        model.restoreSteps(metadata.step());
        return metadata.position();
    }

    private static Map<String, TensorMatch.Spec> expected(ModelInfo info) {
        Map<String, TensorMatch.Spec> specs = TensorMatch.weightsOf(info);
        for (ParamInfo p : trainable(info)) {
            for (int k = 0; k < info.slots(); k++) {
                specs.put(slotName(k, p.name()), new TensorMatch.Spec(p.dtype(), p.shape()));
            }
        }
        return specs;
    }

    private static java.util.List<ParamInfo> trainable(ModelInfo info) {
        return info.params().stream().filter(ParamInfo::trainable).toList();
    }

    static String slotName(int k, String param) {
        return OPTIMIZER_PREFIX + k + "/" + param;
    }
}
