package nnet.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An immutable static SSA graph. Nodes are in a topological order and a node's id is its index, so
 * operands always come before their users. Roots name the values the program must deliver.
 */
public record Graph(String name, List<Node> nodes, List<Root> roots) {
    public Graph {
        nodes = List.copyOf(nodes);
        roots = List.copyOf(roots);
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).id() != i) {
                throw new IllegalArgumentException("node " + i + " has id " + nodes.get(i).id());
            }
            Node n = nodes.get(i);
            for (int in : n.inputs()) {
                if (in < 0 || in >= i) {
                    throw new IllegalArgumentException("node %" + i + " uses %" + in + " out of order");
                }
                if (nodes.get(in).hasSeveralResults() != n.op() instanceof Project) {
                    throw new IllegalArgumentException("node %" + i + " (" + n.op().name() + ") uses %" + in
                            + (n.op() instanceof Project ? ", which has one result" : ", which has several results"));
                }
            }
        }
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    public int size() {
        return nodes.size();
    }

    public TensorType type(int id) {
        return nodes.get(id).type();
    }

    public List<Root> roots(Root.Kind kind) {
        return roots.stream().filter(r -> r.kind() == kind).toList();
    }

    public Optional<Root> root(Root.Kind kind, String name) {
        return roots.stream().filter(r -> r.kind() == kind && r.name().equals(name)).findFirst();
    }

    /** For each node, the ids of the nodes that use it (once per use). */
    public List<List<Integer>> users() {
        List<List<Integer>> users = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            users.add(new ArrayList<>());
        }
        for (Node n : nodes) {
            for (int in : n.inputs()) {
                users.get(in).add(n.id());
            }
        }
        return users;
    }

    /** How many times each node is used, counting uses by roots. */
    public int[] useCounts() {
        int[] counts = new int[nodes.size()];
        for (Node n : nodes) {
            for (int in : n.inputs()) {
                counts[in]++;
            }
        }
        for (Root r : roots) {
            counts[r.node()]++;
        }
        return counts;
    }

    /** For a node with several results, the first projection of each result (-1 where none). */
    public int[] projections(int node) {
        int[] p = new int[nodes.get(node).results().size()];
        java.util.Arrays.fill(p, -1);
        for (Node n : nodes) {
            if (n.op() instanceof Project k && n.input(0) == node && p[k.index()] < 0) {
                p[k.index()] = n.id();
            }
        }
        return p;
    }

    /** The nodes whose op is an instance of {@code type}, in order. */
    public <T extends Op> List<Node> nodesOf(Class<T> type) {
        return nodes.stream().filter(n -> type.isInstance(n.op())).toList();
    }

    @Override
    public String toString() {
        return GraphPrinter.print(this);
    }
}
