package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.Op;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.Build;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Span;
import nnet.runtime.DType;

/**
 * The graph of one model while its body is elaborated, with what has been declared so far. While the
 * step function of a scan is elaborated, {@link #graph} is the loop body's and {@link #loopBody} says
 * how the body reaches the graph around it.
 */
final class ModelBuilder {
    GraphBuilder graph;
    Build build;
    /** Set while a loop body is elaborated; null otherwise. */
    LoopBody loopBody;
    final DType floatType;
    final Diagnostics diagnostics;
    /** Full parameter names and where they were declared, to report duplicates. */
    final Map<String, Span> params = new LinkedHashMap<>();
    final Map<String, Span> inputs = new LinkedHashMap<>();
    /** Full buffer names and where they were declared; and where each was updated. */
    final Map<String, Span> buffers = new LinkedHashMap<>();
    final Map<String, Span> updates = new LinkedHashMap<>();
    final Map<String, Span> outputs = new LinkedHashMap<>();
    final Map<String, Span> metrics = new LinkedHashMap<>();
    /** Nodes marked by metric_kind with how their metric is finished; and the kind of each metric declared. */
    final Map<Integer, String> metricKinds = new java.util.HashMap<>();
    final Map<String, String> metricKindByName = new LinkedHashMap<>();
    /** The calls that declare parameters, in the order they start (a layer before the layers inside it). */
    final List<nnet.runtime.model.LayerInfo> layers = new ArrayList<>();
    /** Where the loss is defined, once it is. */
    Span loss;
    final Set<String> dims = new LinkedHashSet<>();
    final List<String> scopesInUse = new ArrayList<>();
    /** Elements of the parameters declared so far, per dtype (they share one array per dtype). */
    final Map<DType, Long> paramElements = new java.util.EnumMap<>(DType.class);
    /** The mode this graph is built for, the value of {@code training}. */
    final boolean training;
    /** Whether the body read {@code training}, so that the other mode needs a graph of its own. */
    boolean readsMode;
    private int streams;

    ModelBuilder(String name, DType floatType, Diagnostics diagnostics, boolean training) {
        this.graph = new GraphBuilder(name);
        this.build = Build.of(graph);
        this.floatType = floatType;
        this.diagnostics = diagnostics;
        this.training = training;
    }

    /**
     * A loop body under construction: the graph around it, and the values of that graph the body reads
     * as loop-invariant operands, in operand order. Parameters declared in the body are created in the
     * graph around it and read as invariants, so every step shares them.
     */
    static final class LoopBody {
        final GraphBuilder outer;
        final Build outerBuild;
        final LoopBody enclosing;
        final List<Integer> invariants = new ArrayList<>();

        LoopBody(GraphBuilder outer, Build outerBuild, LoopBody enclosing) {
            this.outer = outer;
            this.outerBuild = outerBuild;
            this.enclosing = enclosing;
        }
    }

    /** Enters a loop body built in {@code body}; returns what {@link #leaveLoopBody} restores. */
    LoopBody enterLoopBody(GraphBuilder body) {
        LoopBody b = new LoopBody(graph, build, loopBody);
        loopBody = b;
        graph = body;
        build = Build.of(body);
        return b;
    }

    void leaveLoopBody(LoopBody b) {
        graph = b.outer;
        build = b.outerBuild;
        loopBody = b.enclosing;
    }

    /** Adds a parameter: in a loop body, to the graph around it, read in the body as an invariant. */
    int parameter(nnet.compiler.ops.leaf.Param p) {
        if (loopBody == null) {
            return graph.add(p);
        }
        loopBody.invariants.add(loopBody.outer.add(p));
        return graph.add(new nnet.compiler.ops.loop.LoopInput(nnet.compiler.ops.loop.LoopInput.Kind.INVARIANT,
                loopBody.invariants.size() - 1, p.type()), List.of());
    }

    /** A random stream of its own for each random op, numbered in elaboration order. */
    int nextRandomStream() {
        return streams++;
    }

    /** Adds a node, reporting a shape error at {@code span}; returns null after an error. */
    Value.Tensor op(Span span, Op op, int... inputs) {
        try {
            return tensor(graph.add(op, Promotion.apply(graph, op, inputs, floatType)));
        } catch (ShapeException e) {
            diagnostics.error(span, e.getMessage());
            return null;
        }
    }

    /** Adds a node with several results and returns result {@code k}; null after a shape error. */
    Value.Tensor result(Span span, Op op, int k, int... inputs) {
        try {
            return tensor(graph.project(graph.add(op, inputs), k));
        } catch (ShapeException e) {
            diagnostics.error(span, e.getMessage());
            return null;
        }
    }

    /**
     * Adds the node of an operator written as a symbol ({@code +}, {@code -x}, {@code >}); a shape error
     * names the symbol the user wrote rather than the op ('add').
     */
    Value.Tensor operator(Span span, String symbol, Op op, int... inputs) {
        try {
            return tensor(graph.add(op, Promotion.apply(graph, op, inputs, floatType)));
        } catch (ShapeException e) {
            String message = e.getMessage();
            String named = "'" + op.name() + "'";
            diagnostics.error(span, message.startsWith(named) ? "'" + symbol + "'" + message.substring(named.length())
                    : message);
            return null;
        }
    }

    Value.Tensor tensor(int node) {
        return new Value.Tensor(node, graph.type(node).toString());
    }

    TensorType type(Value.Tensor t) {
        return graph.type(t.node());
    }

    /** A number as a scalar constant of the given dtype, or a tensor as is. */
    int asNode(Value v, DType dtype) {
        if (v instanceof Value.Tensor t) {
            return t.node();
        }
        return build.constant(Value.number(v), dtype);
    }

    /**
     * The dtype that numbers among {@code values} should take: that of the first floating tensor; i32
     * when every tensor is an integer one and every number an int (ids + 1); else the model's float type.
     */
    DType dtypeFor(List<Value> values) {
        boolean integral = false;
        for (Value v : values) {
            if (v instanceof Value.Tensor t && type(t).dtype().isFloat()) {
                return type(t).dtype();
            }
            integral |= v instanceof Value.Tensor;
        }
        for (Value v : values) {
            integral &= !(v instanceof Value.Float);
        }
        return integral ? DType.I32 : floatType;
    }

    /** Runs a graph-building step that may throw a shape error, reporting it at {@code span}. */
    Value guarded(Span span, java.util.function.Supplier<Integer> step) {
        try {
            return tensor(step.get());
        } catch (ShapeException e) {
            diagnostics.error(span, e.getMessage());
            return new Value.Error();
        }
    }
}
