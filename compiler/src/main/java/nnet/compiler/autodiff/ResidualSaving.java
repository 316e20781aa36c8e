package nnet.compiler.autodiff;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.SavesForGradient;
import nnet.compiler.ir.TensorType;

/**
 * Before differentiating: every op that saves values for its gradient and lies on a gradient path is
 * replaced by the version of it that also delivers those values, after its own results. A node that had
 * a single result is then read through a projection of its first result; every other value is unchanged.
 */
final class ResidualSaving {
    private ResidualSaving() {
    }

    static Graph prepare(Graph forward, boolean[] needed) {
        if (forward.nodes().stream().noneMatch(n -> n.op() instanceof SavesForGradient && needed[n.id()])) {
            return forward;
        }
        GraphBuilder out = new GraphBuilder(forward.name());
        int[] map = new int[forward.size()];
        for (Node n : forward.nodes()) {
            List<Integer> inputs = new ArrayList<>();
            n.inputs().forEach(i -> inputs.add(map[i]));
            if (!(n.op() instanceof SavesForGradient op) || !needed[n.id()]) {
                map[n.id()] = out.addNode(n.op(), inputs, n.results());
                continue;
            }
            boolean[] needs = new boolean[n.arity()];
            for (int i = 0; i < needs.length; i++) {
                needs[i] = needed[n.input(i)];
            }
            List<TensorType> types = n.inputs().stream().map(forward::type).toList();
            SavesForGradient saving = op.forGradient(types, needs);
            int id = out.addNode(saving, inputs, saving.inferResults(types));
            map[n.id()] = n.hasSeveralResults() || !out.node(id).hasSeveralResults() ? id : out.project(id, 0);
        }
        out.replaceRoots(forward.roots().stream().map(r -> r.withNode(map[r.node()])).toList());
        return out.build();
    }
}
