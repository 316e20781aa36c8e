package nnet.compiler.passes;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Root;

/** Removes nodes no root depends on, and renumbers the rest densely in their existing order. */
public final class DeadCodeElimination implements Pass {
    public String name() {
        return "dce";
    }

    public Graph run(Graph g) {
        boolean[] live = new boolean[g.size()];
        for (Root r : g.roots()) {
            live[r.node()] = true;
        }
        for (int id = g.size() - 1; id >= 0; id--) {
            if (live[id]) {
                for (int in : g.node(id).inputs()) {
                    live[in] = true;
                }
            }
        }
        GraphBuilder out = new GraphBuilder(g.name());
        int[] map = new int[g.size()];
        for (Node n : g.nodes()) {
            if (live[n.id()]) {
                List<Integer> inputs = new ArrayList<>();
                for (int in : n.inputs()) {
                    inputs.add(map[in]);
                }
                map[n.id()] = out.addNode(n.op(), inputs, n.results());
            }
        }
        out.replaceRoots(g.roots().stream().map(r -> r.withNode(map[r.node()])).toList());
        return out.build();
    }
}
