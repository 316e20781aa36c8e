package nnet.compiler.check;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import nnet.runtime.Tensor;

/**
 * A model to check: its source, the values of its run-time dims, and the values of its inputs and
 * parameters. Parameters listed here are set before running; the others keep their initial values.
 * {@link #toString} prints the source and the values, so that a failing case can be read and rerun.
 */
public record ModelCase(String label, String model, String source, Map<String, Integer> dims,
                        Map<String, Tensor> inputs, Map<String, Tensor> params) {

    public ModelCase {
        dims = Map.copyOf(dims);
        inputs = new LinkedHashMap<>(inputs);
        params = new LinkedHashMap<>(params);
    }

    /** The same model with its f64 values and declarations turned into f32. */
    public ModelCase toF32() {
        Map<String, Tensor> in = new LinkedHashMap<>();
        inputs.forEach((k, v) -> in.put(k, v.dtype().isFloat() ? v.to(nnet.runtime.DType.F32) : v));
        Map<String, Tensor> ps = new LinkedHashMap<>();
        params.forEach((k, v) -> ps.put(k, v.to(nnet.runtime.DType.F32)));
        return new ModelCase(label + " (f32)", model, source.replace("f64[", "f32["), dims, in, ps);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(label).append('\n').append(source);
        if (!dims.isEmpty()) {
            sb.append("dims ").append(dims).append('\n');
        }
        inputs.forEach((k, v) -> sb.append("input ").append(k).append(' ').append(values(v)).append('\n'));
        params.forEach((k, v) -> sb.append("param ").append(k).append(' ').append(values(v)).append('\n'));
        return sb.toString();
    }

    static String values(Tensor t) {
        StringBuilder sb = new StringBuilder(t.toString()).append(" {");
        for (int i = 0; i < t.size(); i++) {
            sb.append(i == 0 ? "" : ", ");
            sb.append(t.dtype().isFloat() ? String.format(Locale.ROOT, "%.6g", t.getDouble(i))
                    : String.valueOf((int) t.getDouble(i)));
        }
        return sb.append('}').toString();
    }
}
