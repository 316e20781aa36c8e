package nnet.compiler.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnet.runtime.Tensor;
import nnet.runtime.io.DataException;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.Size;

/** Binds a model's run-time dims from the shapes of given input arrays, checking they agree. */
final class DimBinding {
    private DimBinding() {
    }

    static Map<String, Integer> bind(ModelInfo info, Map<String, Tensor> given, Path source) {
        Integer[] values = new Integer[info.dims().size()];
        for (IoInfo in : info.io(IoInfo.Kind.INPUT)) {
            Tensor t = given.get(in.name());
            if (t == null) {
                continue;
            }
            if (t.rank() != in.shape().size()) {
                throw new DataException(source + ": array '" + in.name() + "' has shape " + t.shapeString()
                        + ", but the input is " + in.describe(info.dims()));
            }
            for (int k = 0; k < t.rank(); k++) {
                Size s = in.shape().get(k);
                if (s.dims().length == 1 && s.factor() == 1) {
                    bindOne(info, values, s.dims()[0], t.dim(k), in, source);
                }
            }
        }
        Map<String, Integer> out = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            out.put(info.dims().get(i), values[i] == null ? 1 : values[i]);
        }
        check(info, given, out, source);
        return out;
    }

    private static void bindOne(ModelInfo info, Integer[] values, int dim, int value, IoInfo in, Path source) {
        if (values[dim] != null && values[dim] != value) {
            throw new DataException(source + ": array '" + in.name() + "' gives " + info.dims().get(dim) + " = "
                    + value + ", but another input gives " + values[dim]);
        }
        values[dim] = value;
    }

    private static void check(ModelInfo info, Map<String, Tensor> given, Map<String, Integer> dims, Path source) {
        int[] v = info.dims().stream().mapToInt(dims::get).toArray();
        for (IoInfo in : info.io(IoInfo.Kind.INPUT)) {
            Tensor t = given.get(in.name());
            if (t != null && !java.util.Arrays.equals(in.shape(v), t.shape())) {
                throw new DataException(source + ": array '" + in.name() + "' has shape " + t.shapeString()
                        + ", but the input is " + in.describe(info.dims()) + " = "
                        + Tensor.shapeString(in.shape(v)) + " here");
            }
        }
        List<String> unused = given.keySet().stream().filter(n -> info.io(IoInfo.Kind.INPUT, n).isEmpty()).toList();
        if (!unused.isEmpty()) {
            System.err.println("warning: " + source + " has arrays the model does not take: " + String.join(", ", unused));
        }
    }
}
