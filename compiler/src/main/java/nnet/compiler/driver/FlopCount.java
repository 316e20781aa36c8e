package nnet.compiler.driver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.HasBody;
import nnet.compiler.ir.Node;
import nnet.compiler.ir.Project;
import nnet.compiler.ir.Scalar;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.LeafOp;
import nnet.compiler.ops.ViewOp;
import nnet.compiler.ops.conv.ConvInputGradient;
import nnet.compiler.ops.conv.ConvWeightGradient;
import nnet.compiler.ops.conv.Convolution;
import nnet.compiler.ops.elementwise.Fused;
import nnet.compiler.ops.linalg.MatMul;
import nnet.compiler.ops.loop.Loop;

/**
 * Floating-point operations of a program, counted from its optimised graph, as a sum of terms in the
 * run-time dims. The convention: a multiply-add is 2 operations, so a matrix product [m, k] × [k, n] is
 * 2·m·n·k and a convolution 2 · (weight elements) · (output positions); every other kernel costs one
 * operation per element of its largest operand or result (a fused chain: one per op in the chain per
 * element); views, inputs, parameters and constants cost nothing; a loop costs its body once per step.
 * The optimizer's update, which runs outside the graph, is not counted.
 */
final class FlopCount {
    private FlopCount() {
    }

    /** Terms keyed by their run-time dims (sorted), each with its factor. */
    static Map<List<String>, Long> of(Graph g) {
        Map<List<String>, Long> terms = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            add(terms, cost(g, n), 1);
        }
        return terms;
    }

    private static List<Dim> cost(Graph g, Node n) {
        if (n.op() instanceof LeafOp || n.op() instanceof ViewOp || n.op() instanceof Project) {
            return List.of();
        }
        if (n.op() instanceof MatMul mm) {
            return matmul(g, n, mm);
        }
        if (n.op() instanceof Convolution c) {
            return List.of(conv(type(g, n, 1), c.geometry().transposed() ? type(g, n, 0) : n.result(0)));
        }
        if (n.op() instanceof ConvInputGradient c) {
            return List.of(conv(type(g, n, 1), c.geometry().transposed() ? n.result(0) : type(g, n, 0)));
        }
        if (n.op() instanceof ConvWeightGradient c) {
            return List.of(conv(n.result(0), c.geometry().transposed() ? type(g, n, 0) : type(g, n, 1)));
        }
        if (n.op() instanceof Loop loop) {
            return loop(g, n, loop);
        }
        if (n.op() instanceof HasBody) {
            return List.of(largest(g, n));
        }
        long perElement = n.op() instanceof Fused f ? Math.max(1, operations(f.body())) : 1;
        return List.of(largest(g, n).times(Dim.of(perElement)));
    }

    /** 2·m·n·k over the broadcast batch dims: the product's elements times 2k. */
    private static List<Dim> matmul(Graph g, Node n, MatMul mm) {
        Shape a = type(g, n, 0).shape();
        Dim k = mm.transA() ? a.fromEnd(2) : a.fromEnd(1);
        Dim elements = n.type().shape().numel();
        Dim product = elements.times(k).times(Dim.of(2));
        return mm.epilogue() == null ? List.of(product)
                : List.of(product, elements.times(Dim.of(Math.max(1, operations(mm.epilogue())))));
    }

    /** 2 · weight elements · positions, where positions are the elements of the side that has one per output channel. */
    private static Dim conv(TensorType weight, TensorType side) {
        Dim positions = side.shape().numel().dividedBy(side.shape().dim(1));
        if (positions == null) {
            positions = side.shape().numel();
        }
        return weight.shape().numel().times(positions).times(Dim.of(2));
    }

    private static List<Dim> loop(Graph g, Node n, Loop loop) {
        Dim steps = loop.sequences() > 0 ? type(g, n, loop.carries()).shape().dim(0) : Dim.of(1);
        List<Dim> out = new ArrayList<>();
        of(loop.body()).forEach((dims, factor) -> out.add(new Dim(factor, dims).times(steps)));
        return out;
    }

    private static Dim largest(Graph g, Node n) {
        List<TensorType> all = new ArrayList<>(n.results());
        n.inputs().forEach(i -> all.add(g.type(i)));
        Dim best = Dim.of(0);
        for (TensorType t : all) {
            Dim e = t.shape().numel();
            if (best.factor() == 0 || e.symbols().size() > best.symbols().size()
                    || e.symbols().size() == best.symbols().size() && e.factor() > best.factor()) {
                best = e;
            }
        }
        return best;
    }

    /** The ops of a scalar body: its nodes that have operands. */
    private static long operations(Scalar s) {
        long n = s.children().isEmpty() ? 0 : 1;
        for (Scalar c : s.children()) {
            n += operations(c);
        }
        return n;
    }

    private static TensorType type(Graph g, Node n, int input) {
        return g.type(n.input(input));
    }

    static void add(Map<List<String>, Long> terms, List<Dim> dims, long times) {
        for (Dim d : dims) {
            if (d.factor() != 0) {
                terms.merge(d.symbols(), d.factor() * times, Long::sum);
            }
        }
    }
}
