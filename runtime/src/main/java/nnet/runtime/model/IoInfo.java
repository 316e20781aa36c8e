package nnet.runtime.model;

import java.io.Serializable;
import java.util.List;
import java.util.stream.Collectors;
import nnet.runtime.DType;

/** An array the caller exchanges with a model: an input, an output, the loss, a metric or an input gradient. */
public record IoInfo(Kind kind, String name, DType dtype, List<Size> shape, int slot) implements Serializable {

    public enum Kind { INPUT, OUTPUT, LOSS, METRIC, INPUT_GRAD }

    public int[] shape(int[] dimValues) {
        int[] s = new int[shape.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape.get(i).eval(dimValues));
        }
        return s;
    }

    public String describe(List<String> dimNames) {
        return dtype + shape.stream().map(s -> s.describe(dimNames)).collect(Collectors.joining(", ", "[", "]"));
    }
}
