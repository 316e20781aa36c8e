package nnet.runtime.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.io.DataException;
import nnet.runtime.io.SafeTensors;
import nnet.runtime.model.ParamInfo;

/** A model's parameters as a safetensors file, named as in the model (fc1.weight...). */
public final class Weights {
    private Weights() {
    }

    /** Writes all parameters; the file is replaced atomically, so a crash never leaves half a file. */
    public static void save(Model model, Path file) {
        SafeTensors.write(file, model.parameters(), Map.of("model", model.info().name(), "format", "nnet"));
    }

    /**
     * Loads every parameter of the model from the file. Shapes must match; f32/f64 convert. Returns the
     * names of tensors in the file that the model does not have.
     */
    public static List<String> load(Model model, Path file) {
        Map<String, Tensor> tensors = SafeTensors.read(file).tensors();
        List<String> missing = new ArrayList<>();
        for (ParamInfo p : model.info().params()) {
            if (!tensors.containsKey(p.name())) {
                missing.add(p.name());
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(file + ": has no tensor for parameter" + (missing.size() > 1 ? "s " : " ")
                    + String.join(", ", missing));
        }
        for (ParamInfo p : model.info().params()) {
            try {
                model.setParameter(p.name(), tensors.get(p.name()));
            } catch (IllegalArgumentException e) {
                throw new DataException(file + ": tensor '" + p.name() + "': " + e.getMessage(), e);
            }
        }
        List<String> extra = new ArrayList<>(tensors.keySet());
        extra.removeIf(n -> model.info().param(n).isPresent());
        return extra;
    }
}
