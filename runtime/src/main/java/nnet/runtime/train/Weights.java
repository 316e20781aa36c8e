package nnet.runtime.train;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.io.DataException;
import nnet.runtime.io.SafeTensors;

/** A model's parameters and state buffers as a safetensors file, named as in the model (fc1.weight...). */
public final class Weights {
    private Weights() {
    }

    /**
     * Writes all parameters and state buffers (a PyTorch state_dict's contents); the file is replaced
     * atomically, so a crash never leaves half a file.
     */
    public static void save(Model model, Path file) {
        Map<String, Tensor> all = new LinkedHashMap<>(model.parameters());
        all.putAll(model.states());
        // In a fixed order, so that the same weights give the same bytes.
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "nnet");
        metadata.put("model", model.info().name());
        SafeTensors.write(file, all, metadata);
    }

    /**
     * Loads every parameter and state buffer of the model from the file. Names and shapes must match;
     * f32/f64 convert, and integer buffers take any integer type. A file that lacks a tensor of the model
     * or has one of another shape is refused with a message naming every difference, so the weights of
     * another model never load silently. Everything is checked before anything is set, so a bad file
     * leaves the model as it was. Returns the names of tensors in the file that the model does not have
     * (a checkpoint's optimizer state aside).
     */
    public static List<String> load(Model model, Path file) {
        return load(model, file, warning -> { }).unexpected();
    }

    /** As {@link #load(Model, Path)}, telling {@code warnings} of unused tensors and of f64 ones rounded to f32. */
    public static TensorMatch load(Model model, Path file, Consumer<String> warnings) {
        Map<String, Tensor> tensors = withoutOptimizerState(SafeTensors.read(file).tensors());
        TensorMatch match = TensorMatch.of(TensorMatch.weightsOf(model.info()), tensors);
        if (!match.complete()) {
            throw new DataException(file + ": not the weights of model " + model.info().name() + ": "
                    + match.differences());
        }
        setAll(model, match.matched(), tensors, file);
        match.warnings(file).forEach(warnings);
        return match;
    }

    /**
     * Loads the parameters and state buffers of the file that fit the model (same name and shape), and
     * leaves the others as they are; says which loaded, which the file lacks and which it has besides.
     */
    public static TensorMatch loadPartial(Model model, Path file) {
        Map<String, Tensor> tensors = withoutOptimizerState(SafeTensors.read(file).tensors());
        TensorMatch match = TensorMatch.of(TensorMatch.weightsOf(model.info()), tensors);
        setAll(model, match.matched(), tensors, file);
        return match;
    }

    /** A checkpoint holds optimizer state besides the weights; loading weights from it skips that. */
    private static Map<String, Tensor> withoutOptimizerState(Map<String, Tensor> tensors) {
        Map<String, Tensor> weights = new LinkedHashMap<>(tensors);
        weights.keySet().removeIf(name -> name.startsWith(Checkpoint.OPTIMIZER_PREFIX));
        return weights;
    }

    /** Sets the named tensors; if one fails (an i32 buffer given 0.5...), restores them all first. */
    static void setAll(Model model, List<String> names, Map<String, Tensor> tensors, Path file) {
        Map<String, Tensor> before = new LinkedHashMap<>(model.parameters());
        before.putAll(model.states());
        try {
            for (String name : names) {
                set(model, name, tensors.get(name), file);
            }
        } catch (DataException e) {
            before.forEach((name, value) -> set(model, name, value, file));
            throw e;
        }
    }

    private static void set(Model model, String name, Tensor value, Path file) {
        try {
            if (model.info().param(name).isPresent()) {
                model.setParameter(name, value);
            } else {
                model.setState(name, value);
            }
        } catch (IllegalArgumentException e) {
            throw new DataException(file + ": tensor '" + name + "': " + e.getMessage(), e);
        }
    }
}
