package nnet.compiler.passes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.Op;
import nnet.compiler.ir.TensorType;

/**
 * Merges nodes that apply equal ops to the same operands. Ops are values (records), so two
 * {@code softmax(axis=1)} of one tensor, or two equal constants, become one node.
 */
public final class CommonSubexpressionElimination implements Pass {
    public String name() {
        return "cse";
    }

    /** Types are part of the key: leaves without operands (iota, random) differ only by their shape. */
    private record Key(Op op, List<Integer> inputs, List<TensorType> results) {
    }

    public Graph run(Graph g) {
        Map<Key, Integer> seen = new HashMap<>();
        return Rewriter.rewrite(g, (old, n, out) -> seen.computeIfAbsent(new Key(n.op(), n.inputs(), n.results()),
                k -> Rewriter.copy(n, out)));
    }
}
