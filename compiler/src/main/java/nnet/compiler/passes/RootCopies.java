package nnet.compiler.passes;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Root;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ops.LeafOp;
import nnet.compiler.ops.ViewOp;
import nnet.compiler.ops.elementwise.Fused;

/**
 * Every root is delivered in its own array (an output, the loss, a gradient slot), so it must be the
 * value of a kernel that writes it there. A root that names an input, parameter, constant or view, or
 * a value another root already delivers, gets a copy kernel.
 */
public final class RootCopies implements Pass {
    public String name() {
        return "root-copies";
    }

    public Graph run(Graph g) {
        GraphBuilder out = GraphBuilder.extending(g);
        Set<Integer> delivered = new HashSet<>();
        List<Root> roots = new ArrayList<>();
        for (Root r : g.roots()) {
            Node n = g.node(r.node());
            boolean needsCopy = n.op() instanceof LeafOp || n.op() instanceof ViewOp || !delivered.add(r.node());
            if (needsCopy) {
                int copy = out.addTyped(new Fused("copy", Scalar.arg(0)), List.of(r.node()), n.type());
                roots.add(r.withNode(copy));
            } else {
                roots.add(r);
            }
        }
        out.replaceRoots(roots);
        return out.build();
    }
}
