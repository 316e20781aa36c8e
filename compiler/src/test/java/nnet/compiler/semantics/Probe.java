package nnet.compiler.semantics;

import java.util.LinkedHashMap;
import java.util.Map;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;

/**
 * Evaluates one expression over named input tensors in a model of its own: {@code output y = expr},
 * and for {@link #gradients} also {@code loss = sum(y)}, so that each input's gradient is d Σy / dx.
 */
final class Probe {
    private final Map<String, Tensor> inputs = new LinkedHashMap<>();

    static Probe with(String name, Tensor value) {
        return new Probe().and(name, value);
    }

    Probe and(String name, Tensor value) {
        inputs.put(name, value);
        return this;
    }

    /** The value of {@code expr}. */
    Tensor value(String expr) {
        Executor ex = executor(expr, false);
        ex.predict();
        return ex.output("y");
    }

    /** The gradient of sum(expr) with respect to each input, and the value under the key "y". */
    Map<String, Tensor> gradients(String expr) {
        Executor ex = executor(expr, true);
        ex.gradients();
        Map<String, Tensor> out = new LinkedHashMap<>();
        out.put("y", ex.output("y"));
        for (Map.Entry<String, Tensor> e : inputs.entrySet()) {
            if (e.getValue().dtype().isFloat()) {
                out.put(e.getKey(), ex.inputGradient(e.getKey()));
            }
        }
        return out;
    }

    private Executor executor(String expr, boolean loss) {
        StringBuilder src = new StringBuilder("model Probe {\n");
        inputs.forEach((name, t) -> src.append("  input ").append(name).append(": ").append(t.dtype().spelling())
                .append(shape(t)).append('\n'));
        src.append("  output y = ").append(expr).append('\n');
        if (loss) {
            src.append("  loss = sum(y)\n");
        }
        src.append("}\n");
        CompileOptions options = CompileOptions.defaults().withInputGradients(true);
        Model m = Nnet.compile("probe.nnet", src.toString(), options).model();
        Executor ex = m.executor(Map.of());
        inputs.forEach(ex::setInput);
        return ex;
    }

    private static String shape(Tensor t) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < t.rank(); i++) {
            sb.append(i == 0 ? "" : ", ").append(t.dim(i));
        }
        return sb.append(']').toString();
    }
}
