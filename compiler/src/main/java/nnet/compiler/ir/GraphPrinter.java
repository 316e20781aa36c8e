package nnet.compiler.ir;

import java.util.stream.Collectors;

/**
 * The textual form of a graph, one node a line: {@code %3 = matmul(%0, %1) {transB} : f32[batch, 128]}.
 * Stable across runs, so golden-file tests can compare it.
 */
public final class GraphPrinter {
    private GraphPrinter() {
    }

    public static String print(Graph g) {
        StringBuilder sb = new StringBuilder();
        sb.append("graph ").append(g.name()).append(" {\n");
        body(g, "  ", sb);
        return sb.append("}\n").toString();
    }

    /** The nodes and roots of {@code g}, and under an op with a body that body, indented. */
    private static void body(Graph g, String indent, StringBuilder sb) {
        for (Node n : g.nodes()) {
            sb.append(indent).append(line(n)).append('\n');
            if (n.op() instanceof HasBody h) {
                sb.append(indent).append("  body {\n");
                body(h.body(), indent + "    ", sb);
                sb.append(indent).append("  }\n");
            }
        }
        for (Root r : g.roots()) {
            sb.append(indent).append(r.kind().spelling());
            if (r.kind() != Root.Kind.LOSS) {
                sb.append(' ').append(r.name());
            }
            sb.append(" = %").append(r.node()).append('\n');
        }
    }

    public static String line(Node n) {
        String args = n.inputs().stream().map(i -> "%" + i).collect(Collectors.joining(", "));
        String attrs = n.op().attributes();
        return "%" + n.id() + " = " + n.op().name() + (args.isEmpty() ? "" : "(" + args + ")")
                + (attrs.isEmpty() ? "" : " {" + attrs + "}") + " : " + types(n);
    }

    private static String types(Node n) {
        return n.hasSeveralResults()
                ? n.results().stream().map(TensorType::toString).collect(Collectors.joining(", ", "(", ")"))
                : n.type().toString();
    }
}
