package nnet.compiler.passes;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Project;
import nnet.compiler.ir.Root;
import nnet.compiler.ops.loop.Loop;

/**
 * Drops the per-step results of a loop that nothing reads, with the body roots that make them; dead
 * code elimination (run here) then removes what only they needed. This is how a program that takes no gradient
 * (predict, evaluate) stops stacking the values a training loop saves for backpropagation. Carries
 * stay: the next step reads them.
 */
public final class PruneLoopResults implements Pass {
    public String name() {
        return "prune-loop-results";
    }

    public Graph run(Graph g) {
        boolean[] read = readResults(g);
        boolean any = false;
        for (Node n : g.nodes()) {
            any |= n.op() instanceof Loop loop && n.hasSeveralResults() && hasUnread(n, loop, read, g);
        }
        if (!any) {
            return g;
        }
        GraphBuilder out = new GraphBuilder(g.name());
        int[] map = new int[g.size()];
        int[][] renumber = new int[g.size()][];
        for (Node n : g.nodes()) {
            List<Integer> inputs = new ArrayList<>();
            n.inputs().forEach(i -> inputs.add(map[i]));
            if (n.op() instanceof Project p && renumber[n.input(0)] != null) {
                int k = renumber[n.input(0)][p.index()];
                map[n.id()] = out.node(map[n.input(0)]).hasSeveralResults() ? out.project(map[n.input(0)], k)
                        : map[n.input(0)];
            } else if (n.op() instanceof Loop loop && n.hasSeveralResults() && hasUnread(n, loop, read, g)) {
                renumber[n.id()] = new int[n.results().size()];
                map[n.id()] = out.add(pruned(n, loop, read, g, renumber[n.id()]), inputs);
            } else {
                map[n.id()] = out.addNode(n.op(), inputs, n.results());
            }
        }
        out.replaceRoots(g.roots().stream().map(r -> r.withNode(map[r.node()])).toList());
        return new DeadCodeElimination().run(out.build());
    }

    /** For each projection node, whether it is read; indexed by node id. */
    private static boolean[] readResults(Graph g) {
        int[] uses = g.useCounts();
        boolean[] read = new boolean[g.size()];
        for (Node n : g.nodes()) {
            read[n.id()] = uses[n.id()] > 0;
        }
        return read;
    }

    private static boolean resultRead(Node loopNode, int k, boolean[] read, Graph g) {
        for (Node n : g.nodes()) {
            if (n.op() instanceof Project p && p.index() == k && n.input(0) == loopNode.id() && read[n.id()]) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasUnread(Node n, Loop loop, boolean[] read, Graph g) {
        for (int k = loop.carries(); k < n.results().size(); k++) {
            if (!resultRead(n, k, read, g)) {
                return true;
            }
        }
        return false;
    }

    private static Loop pruned(Node n, Loop loop, boolean[] read, Graph g, int[] renumber) {
        List<Root> roots = new ArrayList<>();
        List<Root> old = loop.body().roots();
        for (int k = 0; k < old.size(); k++) {
            boolean keep = k < loop.carries() || resultRead(n, k, read, g);
            renumber[k] = keep ? roots.size() : -1;
            if (keep) {
                roots.add(old.get(k));
            }
        }
        GraphBuilder body = GraphBuilder.extending(loop.body());
        body.replaceRoots(roots);
        return new Loop(new DeadCodeElimination().run(body.build()), loop.carries(), loop.sequences(),
                loop.invariants(), loop.reverse());
    }
}
