package nnet.compiler.ir;

import java.util.List;

/**
 * Result {@code index} of a node with several results. It computes nothing: the producing kernel writes
 * each result into the storage of its projection. Gradients reaching a projection flow to the
 * producer's gradient rule as the gradient of that result.
 */
public record Project(int index) implements Op {
    public String name() {
        return "project";
    }

    @Override
    public TensorType infer(List<TensorType> inputs) {
        throw new UnsupportedOperationException("a projection's type is its producer's result " + index);
    }

    @Override
    public String attributes() {
        return Integer.toString(index);
    }
}
