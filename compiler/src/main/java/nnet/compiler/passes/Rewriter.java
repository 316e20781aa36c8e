package nnet.compiler.passes;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Root;

/**
 * Rebuilds a graph node by node. For each old node the rule sees the node with its operands already
 * mapped to new ids, and returns the new id that stands for it: a copy, another existing node, or
 * nodes it adds. Roots follow the mapping. Nodes left unused are removed by dead-code elimination.
 */
public final class Rewriter {

    /** Decides what an old node becomes in the new graph; {@code original} is the node in the old graph. */
    public interface Rule {
        int rewrite(Node original, Node mapped, GraphBuilder out);
    }

    private Rewriter() {
    }

    public static Graph rewrite(Graph g, Rule rule) {
        GraphBuilder out = new GraphBuilder(g.name());
        int[] map = new int[g.size()];
        for (Node n : g.nodes()) {
            List<Integer> inputs = new ArrayList<>(n.arity());
            for (int in : n.inputs()) {
                inputs.add(map[in]);
            }
            map[n.id()] = rule.rewrite(n, new Node(-1, n.op(), inputs, n.results()), out);
        }
        List<Root> roots = new ArrayList<>();
        for (Root r : g.roots()) {
            roots.add(r.withNode(map[r.node()]));
        }
        out.replaceRoots(roots);
        return out.build();
    }

    /** The default rule: keep the node as it is. */
    public static int copy(Node mapped, GraphBuilder out) {
        return out.addNode(mapped.op(), mapped.inputs(), mapped.results());
    }
}
