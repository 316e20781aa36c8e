package nnet.compiler.frontend;

import java.util.LinkedHashMap;
import java.util.Map;
import nnet.compiler.ast.Decl;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Root;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.leaf.Input;
import nnet.compiler.ops.leaf.Param;
import nnet.compiler.source.Diagnostics;

/**
 * A model's two modes share its parameters, inputs, outputs, loss and metrics, which must therefore
 * have one type: a value may be computed differently in training (dropout, batch statistics), but not
 * have another shape or exist in one mode only. Buffer updates may differ: batch norm updates its
 * running statistics only in training.
 */
final class ModeCheck {
    private ModeCheck() {
    }

    static void sameInterface(Decl.Model m, Graph train, Graph eval, Diagnostics d) {
        Map<String, TensorType> inTraining = interfaceOf(train);
        Map<String, TensorType> inEvaluation = interfaceOf(eval);
        for (Map.Entry<String, TensorType> e : inTraining.entrySet()) {
            TensorType other = inEvaluation.get(e.getKey());
            if (other == null) {
                d.error(m.span(), e.getKey() + " exists in training mode but not in evaluation mode");
            } else if (!other.equals(e.getValue())) {
                d.error(m.span(), e.getKey() + " is " + e.getValue() + " in training mode but " + other
                        + " in evaluation mode");
            }
        }
        for (String name : inEvaluation.keySet()) {
            if (!inTraining.containsKey(name)) {
                d.error(m.span(), name + " exists in evaluation mode but not in training mode");
            }
        }
    }

    private static Map<String, TensorType> interfaceOf(Graph g) {
        Map<String, TensorType> out = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            if (n.op() instanceof Param p) {
                out.put("parameter '" + p.paramName() + "'", n.type());
            } else if (n.op() instanceof Input in) {
                out.put("input '" + in.inputName() + "'", n.type());
            }
        }
        for (Root r : g.roots()) {
            if (r.kind() == Root.Kind.STATE) {
                continue;
            }
            out.put(r.kind().spelling() + " '" + r.name() + "'", g.type(r.node()));
        }
        return out;
    }
}
