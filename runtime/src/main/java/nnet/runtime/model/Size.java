package nnet.runtime.model;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/** A size that may depend on run-time dims: factor × the product of the dims at the given indices. */
public record Size(long factor, int[] dims) implements Serializable {

    public long eval(int[] dimValues) {
        long n = factor;
        for (int d : dims) {
            n *= dimValues[d];
        }
        return n;
    }

    public boolean isStatic() {
        return dims.length == 0;
    }

    public String describe(List<String> dimNames) {
        if (dims.length == 0) {
            return Long.toString(factor);
        }
        StringBuilder sb = new StringBuilder();
        for (int d : dims) {
            sb.append(sb.length() == 0 ? "" : "*").append(dimNames.get(d));
        }
        return factor == 1 ? sb.toString() : sb + "*" + factor;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Size s && s.factor == factor && Arrays.equals(s.dims, dims);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(factor) * 31 + Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return factor + "*" + Arrays.toString(dims);
    }
}
