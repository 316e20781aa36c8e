package nnet.compiler.ir;

import java.util.List;

/** What a gradient rule works with: the forward node, the gradient of its output, and a builder. */
public record Gradient(GraphBuilder graph, Node node, int outputGrad, boolean[] needs) {

    public int input(int i) {
        return node.input(i);
    }

    public int output() {
        return node.id();
    }

    public boolean needs(int i) {
        return needs[i];
    }

    public TensorType inputType(int i) {
        return graph.type(node.input(i));
    }

    /** A list of gradients for a unary op. */
    public List<Integer> only(Integer grad) {
        return java.util.Collections.singletonList(grad);
    }
}
