package nnet.compiler.passes;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.HasBody;
import nnet.compiler.ir.Node;

/** The optimisation passes, in order: the pass list is data, so it can be printed, dumped and tested. */
public final class Pipeline {
    private final List<Pass> passes;

    public Pipeline(List<Pass> passes) {
        this.passes = List.copyOf(passes);
    }

    /** Clean-ups first, then fusion on the clean graph, then what code generation requires. */
    public static Pipeline standard() {
        List<Pass> passes = new ArrayList<>(cleanups());
        passes.add(new ElementwiseFusion());
        passes.add(new ReductionPrologueFusion());
        passes.add(new MatmulEpilogueFusion());
        passes.add(new RootCopies());
        return new Pipeline(passes);
    }

    /** Without fusion: each op its own kernel. Used to check that fusion does not change results. */
    public static Pipeline unfused() {
        List<Pass> passes = new ArrayList<>(cleanups());
        passes.add(new RootCopies());
        return new Pipeline(passes);
    }

    /** The clean-ups every pipeline starts with; CSE runs again after simplification exposes duplicates. */
    private static List<Pass> cleanups() {
        return List.of(
                new DeadCodeElimination(),
                new PruneLoopResults(),
                new CommonSubexpressionElimination(),
                new ConstantFolding(),
                new AlgebraicSimplification(),
                new CommonSubexpressionElimination(),
                new DeadCodeElimination());
    }

    public List<Pass> passes() {
        return passes;
    }

    /**
     * Runs every pass, on the bodies of ops that have one before the graph around them; {@code observer}
     * sees each pass with the graph before and after it.
     */
    public Graph run(Graph g, PassObserver observer) {
        Graph current = g;
        for (Pass p : passes) {
            Graph next = p.run(inBodies(p, current));
            observer.after(p, current, next);
            current = next;
        }
        return current;
    }

    public Graph run(Graph g) {
        return run(g, (p, before, after) -> { });
    }

    /** {@code g} with the pass applied to every body inside it, innermost first. */
    static Graph inBodies(Pass p, Graph g) {
        if (g.nodes().stream().noneMatch(n -> n.op() instanceof HasBody)) {
            return g;
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (n.op() instanceof HasBody h) {
                Graph body = p.run(inBodies(p, h.body()));
                nodes.add(new Node(n.id(), h.withBody(body), n.inputs(), n.results()));
            } else {
                nodes.add(n);
            }
        }
        return new Graph(g.name(), nodes, g.roots());
    }

    /** Sees each pass's input and output, for --dump-ir. */
    public interface PassObserver {
        void after(Pass pass, Graph before, Graph after);
    }
}
