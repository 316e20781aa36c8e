package nnet.compiler.passes;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;
import nnet.compiler.ops.reduce.Sum;

/**
 * Moves an elementwise producer into the sum that reads it, when the sum is its only user: the sum
 * computes each term from the producer's operands as it accumulates, and the producer's tensor is
 * never stored (Σ dy·x of a gradient, a mean of squares). Bodies with random numbers or coordinates stay
 * kernels of their own, since they are defined on the producer's own elements.
 */
public final class ReductionPrologueFusion implements Pass {
    public String name() {
        return "reduction-prologue-fusion";
    }

    public Graph run(Graph g) {
        int[] uses = g.useCounts();
        GraphBuilder out = new GraphBuilder(g.name());
        int[] map = new int[g.size()];
        for (Node n : g.nodes()) {
            Node producer = n.op() instanceof Sum s && s.prologue() == null ? g.node(n.input(0)) : null;
            if (producer == null || !fusable(producer, uses)) {
                map[n.id()] = out.addNode(n.op(), mapped(n.inputs(), map), n.results());
                continue;
            }
            Sum sum = ((Sum) n.op()).withPrologue(producer.type().shape(), ((ElementwiseOp) producer.op()).body());
            map[n.id()] = out.addNode(sum, mapped(producer.inputs(), map), n.results());
        }
        out.replaceRoots(g.roots().stream().map(r -> r.withNode(map[r.node()])).toList());
        return new DeadCodeElimination().run(out.build());
    }

    private static boolean fusable(Node producer, int[] uses) {
        return producer.op() instanceof ElementwiseOp e && uses[producer.id()] == 1 && producer.arity() > 0
                && producer.type().dtype().isFloat()
                && e.body().postOrder().stream().noneMatch(s -> s instanceof Scalar.Index || s instanceof Scalar.Random);
    }

    private static List<Integer> mapped(List<Integer> ids, int[] map) {
        List<Integer> out = new ArrayList<>(ids.size());
        for (int id : ids) {
            out.add(map[id]);
        }
        return out;
    }
}
