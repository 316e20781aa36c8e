package nnet.compiler.ir;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * What a gradient rule works with: the forward node, the gradient of each of its results (null for a
 * result no gradient reaches), which operands need a gradient, and a builder.
 */
public record Gradient(GraphBuilder graph, Node node, List<Integer> outputGrads, boolean[] needs) {
    public Gradient {
        outputGrads = Collections.unmodifiableList(Arrays.asList(outputGrads.toArray(new Integer[0])));
    }

    /** The gradient of a single-result node's output. */
    public int outputGrad() {
        return outputGrads.get(0);
    }

    /** The gradient of result {@code k}, or null when no gradient reaches it. */
    public Integer outputGrad(int k) {
        return outputGrads.get(k);
    }

    public int input(int i) {
        return node.input(i);
    }

    /** The forward output of a single-result node. */
    public int output() {
        return node.id();
    }

    /** Forward result {@code k} of a node with several results (a projection; CSE merges repeats). */
    public int result(int k) {
        return graph.project(node.id(), k);
    }

    public boolean needs(int i) {
        return needs[i];
    }

    public TensorType inputType(int i) {
        return graph.type(node.input(i));
    }

    /** A list of gradients for a unary op. */
    public List<Integer> only(Integer grad) {
        return Collections.singletonList(grad);
    }
}
