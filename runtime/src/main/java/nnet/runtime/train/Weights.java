package nnet.runtime.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        SafeTensors.write(file, all, Map.of("model", model.info().name(), "format", "nnet"));
    }

    /**
     * Loads every parameter and state buffer of the model from the file. Shapes must match; f32/f64
     * convert, and integer buffers take any integer type. Everything is checked before anything is
     * set, so a bad file leaves the model as it was. Returns the names of tensors in the file that the
     * model does not have.
     */
    public static List<String> load(Model model, Path file) {
        Map<String, Tensor> tensors = SafeTensors.read(file).tensors();
        List<String> missing = new ArrayList<>();
        for (String name : names(model)) {
            if (!tensors.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(file + ": has no tensor named " + String.join(", ", missing));
        }
        Map<String, Tensor> before = new LinkedHashMap<>(model.parameters());
        before.putAll(model.states());
        try {
            for (String name : names(model)) {
                set(model, name, tensors.get(name), file);
            }
        } catch (DataException e) {
            before.forEach((name, value) -> set(model, name, value, file));
            throw e;
        }
        List<String> extra = new ArrayList<>(tensors.keySet());
        extra.removeAll(names(model));
        return extra;
    }

    private static List<String> names(Model model) {
        List<String> names = new ArrayList<>();
        model.info().params().forEach(p -> names.add(p.name()));
        model.info().states().forEach(st -> names.add(st.name()));
        return names;
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
