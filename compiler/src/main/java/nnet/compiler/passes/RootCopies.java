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
import nnet.compiler.ops.ElementwiseOp;
import nnet.compiler.ops.LeafOp;
import nnet.compiler.ops.ViewOp;
import nnet.compiler.ops.elementwise.Fused;
import nnet.compiler.ops.leaf.State;

/**
 * Every root is delivered in its own array (an output, the loss, a gradient slot, a state buffer), so
 * it must be the value of a kernel that writes it there. A root that names an input, parameter,
 * constant or view, or a value another root already delivers, gets a copy kernel.
 *
 * <p>A state buffer's next value is written when the program ends, after every kernel that reads the
 * buffer's current value (the memory planner schedules these writers last). The writer may be the
 * kernel computing the value when that is an elementwise kernel nothing else reads, whose only read of
 * buffers written in this program is of its own buffer, element by element; otherwise the value is
 * computed into a temporary in order and a copy writes it at the end.
 */
public final class RootCopies implements Pass {
    public String name() {
        return "root-copies";
    }

    public Graph run(Graph g) {
        GraphBuilder out = GraphBuilder.extending(g);
        Set<Integer> delivered = new HashSet<>();
        Set<String> written = new HashSet<>();
        g.roots(Root.Kind.STATE).forEach(r -> written.add(r.name()));
        int[] uses = g.useCounts();
        List<Root> roots = new ArrayList<>();
        for (Root r : g.roots()) {
            Node n = g.node(r.node());
            if (r.kind() == Root.Kind.STATE) {
                boolean direct = writesDirectly(g, r, uses, written) && delivered.add(r.node());
                roots.add(direct ? r : r.withNode(copy(out, stored(out, n))));
                continue;
            }
            boolean needsCopy = n.op() instanceof LeafOp || n.op() instanceof ViewOp || !delivered.add(r.node());
            roots.add(needsCopy ? r.withNode(copy(out, n.id())) : r);
        }
        out.replaceRoots(roots);
        return out.build();
    }

    private static int copy(GraphBuilder out, int node) {
        return out.addTyped(new Fused("copy", Scalar.arg(0)), List.of(node), out.type(node));
    }

    /** The value in memory of its own: a kernel's result as it is, a leaf or view copied in order. */
    private static int stored(GraphBuilder out, Node n) {
        return n.op() instanceof LeafOp || n.op() instanceof ViewOp ? copy(out, n.id()) : n.id();
    }

    private static boolean writesDirectly(Graph g, Root r, int[] uses, Set<String> written) {
        Node n = g.node(r.node());
        if (!(n.op() instanceof ElementwiseOp) || uses[n.id()] != 1) {
            return false;
        }
        for (int in : n.inputs()) {
            String buffer = bufferRead(g, in);
            if (buffer != null && written.contains(buffer)
                    && (!buffer.equals(r.name()) || !g.type(in).equals(n.type()))) {
                return false;
            }
        }
        return true;
    }

    /** The state buffer whose memory a value is (through views), or null. */
    private static String bufferRead(Graph g, int id) {
        Node n = g.node(id);
        while (n.op() instanceof ViewOp) {
            n = g.node(n.input(0));
        }
        return n.op() instanceof State s ? s.stateName() : null;
    }
}
