package nnet.compiler.passes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Root;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.ScalarSimplifier;
import nnet.compiler.ops.ElementwiseOp;
import nnet.compiler.ops.elementwise.Fused;
import nnet.compiler.ops.leaf.Constant;
import nnet.compiler.ops.leaf.DimValue;

/**
 * Merges chains of elementwise ops into single loops. A producer is inlined into its consumer's body
 * when the consumer is its only user and both have the same shape (so nothing is recomputed along
 * broadcast dims); scalar constants and run-time dims are inlined as literals. Every elementwise node
 * that remains becomes one {@link Fused} node.
 */
public final class ElementwiseFusion implements Pass {
    private static final int MAX_LABEL_PARTS = 4;
    /**
     * How many ops one fused loop may merge. Longer chains are cut into several loops, so that a kernel
     * method stays well below HotSpot's 8000-byte JIT limit and the JVM's 64 KB method limit, and the
     * recursive walks over a body stay shallow.
     */
    static final int MAX_FUSED_OPS = 48;

    public String name() {
        return "elementwise-fusion";
    }

    /** A node as a body over operands (old ids), plus the names of the ops it was made of. */
    private record Body(Scalar body, List<Integer> operands, Set<String> parts, int ops) {
    }

    public Graph run(Graph g) {
        List<List<Integer>> users = g.users();
        boolean[] isRoot = new boolean[g.size()];
        for (Root r : g.roots()) {
            isRoot[r.node()] = true;
        }
        Body[] bodies = new Body[g.size()];
        for (Node n : g.nodes()) {
            if (n.op() instanceof ElementwiseOp e) {
                bodies[n.id()] = fuse(g, n, e, bodies, users, isRoot);
            }
        }
        return emit(g, bodies);
    }

    private Body fuse(Graph g, Node n, ElementwiseOp e, Body[] bodies, List<List<Integer>> users, boolean[] isRoot) {
        List<Integer> operands = new ArrayList<>();
        Set<String> parts = new LinkedHashSet<>();
        parts.add(e instanceof Fused f ? f.label() : e.name());
        int[] ops = {1};
        // A producer read twice (x*x after CSE) is inlined once and shared, so the loop computes it once.
        Map<Integer, Scalar> inlined = new HashMap<>();
        Scalar body = e.body().substitute(i -> {
            int in = n.input(i);
            if (inlined.containsKey(in)) {
                return inlined.get(in);
            }
            Node producer = g.node(in);
            if (producer.op() instanceof Constant c) {
                return Scalar.constant(c.value());
            }
            if (producer.op() instanceof DimValue d) {
                return new Scalar.Size(d.dim());
            }
            if (bodies[in] != null && ops[0] + bodies[in].ops() <= MAX_FUSED_OPS
                    && absorbable(g, producer, n, users, isRoot)) {
                Body p = bodies[in];
                ops[0] += p.ops();
                parts.addAll(p.parts());
                Scalar shared = p.body().substitute(j -> Scalar.arg(indexOf(operands, p.operands().get(j))));
                inlined.put(in, shared);
                return shared;
            }
            return Scalar.arg(indexOf(operands, in));
        });
        return new Body(ScalarSimplifier.simplify(body), operands, parts, ops[0]);
    }

    private static boolean absorbable(Graph g, Node producer, Node consumer, List<List<Integer>> users, boolean[] isRoot) {
        return !isRoot[producer.id()]
                && users.get(producer.id()).stream().allMatch(u -> u == consumer.id())
                && producer.type().equals(consumer.type());
    }

    private static int indexOf(List<Integer> operands, int id) {
        int i = operands.indexOf(id);
        if (i < 0) {
            operands.add(id);
            i = operands.size() - 1;
        }
        return i;
    }

    private static Graph emit(Graph g, Body[] bodies) {
        GraphBuilder out = new GraphBuilder(g.name());
        int[] map = new int[g.size()];
        for (Node n : g.nodes()) {
            Body b = bodies[n.id()];
            // A body folded down to literals keeps its original (constant) operands, unread.
            List<Integer> old = b == null || b.operands().isEmpty() ? n.inputs() : b.operands();
            List<Integer> inputs = new ArrayList<>();
            for (int in : old) {
                inputs.add(map[in]);
            }
            map[n.id()] = b == null ? out.addNode(n.op(), inputs, n.results())
                    : out.addTyped(new Fused(label(b.parts()), b.body()), inputs, n.type());
        }
        out.replaceRoots(g.roots().stream().map(r -> r.withNode(map[r.node()])).toList());
        return new DeadCodeElimination().run(out.build());
    }

    private static String label(Set<String> parts) {
        List<String> list = new ArrayList<>(parts);
        String joined = String.join("+", list.subList(0, Math.min(MAX_LABEL_PARTS, list.size())));
        return list.size() > MAX_LABEL_PARTS ? joined + "+..." : joined;
    }
}
