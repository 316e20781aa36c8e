package nnet.runtime.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnet.runtime.DType;
import nnet.runtime.Tensor;

/**
 * How the tensors of a file line up with the tensors a model expects: those that fit (same name, same
 * shape, a convertible dtype), those the model expects but the file lacks, those the file has but the
 * model does not, and those whose shape or dtype differ. It is what a refusal names, so that loading the
 * weights of another model never happens silently.
 */
public record TensorMatch(List<String> matched, List<String> missing, List<String> unexpected,
                          List<String> misshaped, List<String> narrowed) {

    /** What a model expects of a tensor: its dtype and shape. */
    public record Spec(DType dtype, int[] shape) {
        String describe() {
            return dtype + Tensor.shapeString(shape);
        }

        boolean fits(Tensor t) {
            boolean dtypeFits = t.dtype() == dtype || (t.dtype().isFloat() && dtype.isFloat())
                    || dtype == DType.I32;
            return dtypeFits && java.util.Arrays.equals(shape, t.shape());
        }
    }

    /** Compares {@code file} with {@code expected}, both in their own order. */
    public static TensorMatch of(Map<String, Spec> expected, Map<String, Tensor> file) {
        List<String> matched = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> misshaped = new ArrayList<>();
        List<String> narrowed = new ArrayList<>();
        expected.forEach((name, spec) -> {
            Tensor t = file.get(name);
            if (t == null) {
                missing.add(name);
            } else if (spec.fits(t)) {
                matched.add(name);
                if (t.dtype() == DType.F64 && spec.dtype() == DType.F32) {
                    narrowed.add(name);
                }
            } else {
                misshaped.add(name + " (" + t.dtype() + t.shapeString() + " in the file, " + spec.describe()
                        + " in the model)");
            }
        });
        List<String> unexpected = new ArrayList<>();
        for (String name : file.keySet()) {
            if (!expected.containsKey(name)) {
                unexpected.add(name);
            }
        }
        return new TensorMatch(List.copyOf(matched), List.copyOf(missing), List.copyOf(unexpected),
                List.copyOf(misshaped), List.copyOf(narrowed));
    }

    /** Every parameter and state buffer of a model, as a weights file holds them. */
    public static Map<String, Spec> weightsOf(nnet.runtime.model.ModelInfo info) {
        Map<String, Spec> specs = new LinkedHashMap<>();
        info.params().forEach(p -> specs.put(p.name(), new Spec(p.dtype(), p.shape())));
        info.states().forEach(s -> specs.put(s.name(), new Spec(s.dtype(), s.shape())));
        return specs;
    }

    /** True when everything the model expects is there and fits (unexpected tensors aside). */
    public boolean complete() {
        return missing.isEmpty() && misshaped.isEmpty();
    }

    /** "missing: a, b; unexpected: c; mis-shaped: d (f32[3] in the file, f32[4] in the model)". */
    public String differences() {
        List<String> parts = new ArrayList<>();
        add(parts, "missing", missing);
        add(parts, "unexpected", unexpected);
        add(parts, "mis-shaped", misshaped);
        return String.join("; ", parts);
    }

    /**
     * What loading these tensors does that a person should know of: tensors of the file the model does
     * not use, and f64 tensors rounded to the model's f32 (which loses precision: a file saved from a
     * double model, or a reference computed in double, no longer gives the same results bit for bit).
     */
    public List<String> warnings(Object file) {
        List<String> out = new ArrayList<>();
        if (!unexpected.isEmpty()) {
            out.add(file + " has tensors the model does not use: " + names(unexpected));
        }
        if (!narrowed.isEmpty()) {
            out.add(narrowedWarning(file));
        }
        return out;
    }

    /** The warning about f64 tensors rounded to f32; only when there are some. */
    public String narrowedWarning(Object file) {
        return file + ": f64 tensors rounded to the model's f32: " + names(narrowed);
    }

    /** A message names at most this many tensors of each kind; a model of a thousand would drown it. */
    private static final int NAMED = 8;

    private static void add(List<String> parts, String what, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        parts.add(what + ": " + names(names));
    }

    private static String names(List<String> names) {
        String shown = String.join(", ", names.subList(0, Math.min(NAMED, names.size())));
        return shown + (names.size() > NAMED ? " and " + (names.size() - NAMED) + " more" : "");
    }
}
