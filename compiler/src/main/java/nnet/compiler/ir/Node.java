package nnet.compiler.ir;

import java.util.List;

/** One SSA value of a graph: the op that computes it, its operands (node ids) and its type. */
public record Node(int id, Op op, List<Integer> inputs, TensorType type) {
    public Node {
        inputs = List.copyOf(inputs);
    }

    public int input(int i) {
        return inputs.get(i);
    }

    public int arity() {
        return inputs.size();
    }
}
