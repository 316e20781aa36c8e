package nnet.compiler.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds a graph node by node, checking every node with its op's shape rule. */
public final class GraphBuilder {
    private final String name;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Root> roots = new ArrayList<>();

    public GraphBuilder(String name) {
        this.name = name;
    }

    /** A builder holding a copy of {@code g}'s nodes and roots, to extend it. */
    public static GraphBuilder extending(Graph g) {
        GraphBuilder b = new GraphBuilder(g.name());
        b.nodes.addAll(g.nodes());
        b.roots.addAll(g.roots());
        return b;
    }

    /** Adds a node; throws {@link ShapeException} if the op rejects the operand types. */
    public int add(Op op, List<Integer> inputs) {
        if (op instanceof Project p) {
            return project(inputs.get(0), p.index());
        }
        List<TensorType> types = new ArrayList<>(inputs.size());
        for (int in : inputs) {
            types.add(type(in));
        }
        List<TensorType> results = op instanceof MultiResultOp m ? m.inferResults(types) : List.of(op.infer(types));
        results.forEach(GraphBuilder::checkSize);
        return addNode(op, inputs, results);
    }

    /** A projection of result {@code k} of a node with several results. */
    public int project(int node, int k) {
        Node n = node(node);
        if (!n.hasSeveralResults() || k < 0 || k >= n.results().size()) {
            throw new IllegalArgumentException("%" + node + " has no result " + k + " to project");
        }
        return addTyped(new Project(k), List.of(node), n.result(k));
    }

    /** Every tensor lives in a Java array, so its element count (per unit of run-time dims) must fit one. */
    private static void checkSize(TensorType t) {
        long n = 1;
        for (Dim d : t.shape().dims()) {
            if (d.factor() < 0) {
                throw new ShapeException("invalid size " + d.factor() + " in " + t);
            }
            try {
                n = Math.multiplyExact(n, d.factor());
            } catch (ArithmeticException overflow) {
                n = Long.MAX_VALUE;
            }
        }
        if (n > Integer.MAX_VALUE) {
            throw new ShapeException("the result " + t + " would have more than " + Integer.MAX_VALUE
                    + " elements" + (t.shape().isStatic() ? "" : " per unit of its run-time dims")
                    + ", more than a tensor can hold");
        }
    }

    public int add(Op op, int... inputs) {
        return add(op, Arrays.stream(inputs).boxed().toList());
    }

    /** Adds a node whose type is already known (used by passes that rebuild checked graphs). */
    public int addTyped(Op op, List<Integer> inputs, TensorType type) {
        return addNode(op, inputs, List.of(type));
    }

    /** Adds a node whose result types are already known. */
    public int addNode(Op op, List<Integer> inputs, List<TensorType> results) {
        int id = nodes.size();
        nodes.add(new Node(id, op, inputs, results));
        return id;
    }

    public void root(Root.Kind kind, String rootName, int node) {
        roots.add(new Root(kind, rootName, node));
    }

    public TensorType type(int id) {
        return nodes.get(id).type();
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    public int size() {
        return nodes.size();
    }

    public List<Root> roots() {
        return List.copyOf(roots);
    }

    public void replaceRoots(List<Root> newRoots) {
        roots.clear();
        roots.addAll(newRoots);
    }

    public String name() {
        return name;
    }

    public Graph build() {
        return new Graph(name, nodes, roots);
    }
}
