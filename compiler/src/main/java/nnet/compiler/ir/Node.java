package nnet.compiler.ir;

import java.util.List;

/**
 * One SSA value of a graph: the op that computes it, its operands (node ids) and the types of its
 * results. Most ops have one result; a node of a {@link MultiResultOp} has several, which its users
 * reach through {@link Project} nodes, one per result.
 */
public record Node(int id, Op op, List<Integer> inputs, List<TensorType> results) {
    public Node {
        inputs = List.copyOf(inputs);
        results = List.copyOf(results);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("node %" + id + " has no result");
        }
    }

    public Node(int id, Op op, List<Integer> inputs, TensorType type) {
        this(id, op, inputs, List.of(type));
    }

    /** The type of a single-result node; a node with several results is only read through projections. */
    public TensorType type() {
        if (results.size() != 1) {
            throw new IllegalStateException("node %" + id + " (" + op.name() + ") has " + results.size()
                    + " results; read them through project nodes");
        }
        return results.get(0);
    }

    public TensorType result(int k) {
        return results.get(k);
    }

    public boolean hasSeveralResults() {
        return results.size() > 1;
    }

    public int input(int i) {
        return inputs.get(i);
    }

    public int arity() {
        return inputs.size();
    }
}
