package nnet.compiler.passes;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Root;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.ElementwiseOp;
import nnet.compiler.ops.linalg.MatMul;

/**
 * Moves an elementwise consumer of a matmul into the matmul as its epilogue (bias add, activation,
 * adding another gradient contribution), when the consumer is the product's only user and has the
 * product's type. The product is then never stored apart from the final result.
 */
public final class MatmulEpilogueFusion implements Pass {
    public String name() {
        return "matmul-epilogue-fusion";
    }

    public Graph run(Graph g) {
        List<List<Integer>> users = g.users();
        boolean[] isRoot = new boolean[g.size()];
        for (Root r : g.roots()) {
            isRoot[r.node()] = true;
        }
        GraphBuilder out = new GraphBuilder(g.name());
        int[] map = new int[g.size()];
        for (Node n : g.nodes()) {
            int k = n.op() instanceof ElementwiseOp ? fusableProduct(g, n, users, isRoot) : -1;
            if (k < 0) {
                map[n.id()] = out.addNode(n.op(), mapped(n.inputs(), map), n.results());
                continue;
            }
            Node product = g.node(n.input(k));
            MatMul mm = (MatMul) product.op();
            List<Integer> operands = new ArrayList<>(mapped(product.inputs(), map));
            List<Integer> extras = new ArrayList<>();
            for (int i = 0; i < n.arity(); i++) {
                if (i != k) {
                    extras.add(i);
                    operands.add(map[n.input(i)]);
                }
            }
            Scalar epilogue = ((ElementwiseOp) n.op()).body().substitute(i -> i == k ? Scalar.arg(0)
                    : Scalar.arg(1 + extras.indexOf(i)));
            map[n.id()] = out.addTyped(mm.withEpilogue(epilogue), operands, n.type());
        }
        out.replaceRoots(g.roots().stream().map(r -> r.withNode(map[r.node()])).toList());
        return new DeadCodeElimination().run(out.build());
    }

    /** The operand index of a matmul this node can absorb, or -1. */
    private static int fusableProduct(Graph g, Node n, List<List<Integer>> users, boolean[] isRoot) {
        for (int k = 0; k < n.arity(); k++) {
            Node p = g.node(n.input(k));
            if (p.op() instanceof MatMul m && m.epilogue() == null && !isRoot[p.id()]
                    && p.type().equals(n.type())
                    && users.get(p.id()).stream().allMatch(u -> u == n.id())
                    && n.inputs().stream().filter(x -> x == p.id()).count() == 1) {
                return k;
            }
        }
        return -1;
    }

    private static List<Integer> mapped(List<Integer> ids, int[] map) {
        List<Integer> out = new ArrayList<>(ids.size());
        for (int id : ids) {
            out.add(map[id]);
        }
        return out;
    }
}
