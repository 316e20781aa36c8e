package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.Node;
import nnet.compiler.ops.leaf.Param;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Span;

/**
 * The train section's {@code freeze = ["encoder.*", ...]}: the parameters whose names match a pattern
 * ({@code *} stands for any characters, dots included) become frozen, as if declared {@code frozen
 * param}: they get no gradient, no optimizer state and no update, in both modes' graphs. A pattern that
 * matches no parameter is an error, so that a misspelt name does not silently train everything.
 */
final class Freezing {
    private Freezing() {
    }

    static ElaboratedModel apply(ElaboratedModel m, List<String> patterns, Span at, Diagnostics d) {
        List<String> names = m.train().nodesOf(Param.class).stream().map(n -> ((Param) n.op()).paramName()).toList();
        List<Pattern> compiled = new ArrayList<>();
        for (String p : patterns) {
            Pattern glob = glob(p);
            if (names.stream().noneMatch(n -> glob.matcher(n).matches())) {
                String hint = Suggest.closest(p, names);
                d.error(at, "freeze: no parameter of '" + m.name() + "' matches \"" + p + "\""
                        + (hint == null ? "" : "; did you mean \"" + hint + "\"?"));
            }
            compiled.add(glob);
        }
        Graph train = freeze(m.train(), compiled);
        Graph eval = m.eval() == m.train() ? train : freeze(m.eval(), compiled);
        return new ElaboratedModel(m.name(), train, eval, m.floatType(), m.dims(), m.span(), m.layers(), m.metricKinds());
    }

    private static Pattern glob(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }

    private static Graph freeze(Graph g, List<Pattern> patterns) {
        List<Node> nodes = new ArrayList<>(g.nodes().size());
        for (Node n : g.nodes()) {
            if (n.op() instanceof Param p && p.trainable()
                    && patterns.stream().anyMatch(glob -> glob.matcher(p.paramName()).matches())) {
                nodes.add(new Node(n.id(), new Param(p.paramName(), p.type(), p.init(), false), n.inputs(), n.results()));
            } else {
                nodes.add(n);
            }
        }
        return new Graph(g.name(), nodes, g.roots());
    }
}
