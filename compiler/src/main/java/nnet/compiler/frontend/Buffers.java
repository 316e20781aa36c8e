package nnet.compiler.frontend;

import java.util.List;
import nnet.compiler.ast.Expr;
import nnet.compiler.ast.Stmt;
import nnet.compiler.ast.TypeExpr;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Root;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.elementwise.Cast;
import nnet.compiler.ops.elementwise.Expand;
import nnet.compiler.ops.leaf.State;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Span;
import nnet.runtime.DType;

/**
 * {@code buffer name: type = init} declares state kept across steps and not trained (as
 * torch.nn.Module.register_buffer), named like parameters; {@code update name = value} gives a buffer
 * declared in the same scope its next value, which later statements of the same run also see.
 */
final class Buffers {
    private final Statements statements;
    private final ModelBuilder model;
    private final Expressions expressions;
    private final Diagnostics d;

    Buffers(Statements statements, ModelBuilder model, Expressions expressions) {
        this.statements = statements;
        this.model = model;
        this.expressions = expressions;
        this.d = model.diagnostics;
    }

    /** Whether a parameter or buffer of this full name exists already; reports it if so. */
    boolean declaredBefore(String full, Span at) {
        Span earlier = model.params.get(full) != null ? model.params.get(full) : model.buffers.get(full);
        if (earlier != null) {
            String kind = model.params.containsKey(full) ? "parameter" : "buffer";
            d.error(at, kind + " '" + full + "' is already declared at " + earlier);
        }
        return earlier != null;
    }

    /**
     * The name a parameter or buffer is stored under, inside its scope: its own, or the string after
     * {@code as}, which must be a name or names joined by dots. Null after an error, reported.
     */
    String storedName(String name, Expr stored, Env env) {
        if (stored == null) {
            return name;
        }
        Value v = expressions.eval(stored, env);
        if (v instanceof Value.Str s && s.value().matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
            return s.value();
        }
        if (!(v instanceof Value.Error)) {
            d.error(stored.span(), "'" + name + "' is stored under the name after 'as', which must be a string of"
                    + " names joined by dots, such as \"weight_ih_l0\"; got " + v.describe());
        }
        return null;
    }

    void declare(Stmt.Buffer b, Env env) {
        String stored = storedName(b.name(), b.stored(), env);
        if (stored == null) {
            env.bind(b.name(), new Value.Error());
            return;
        }
        String full = env.paramPrefix() + stored;
        if (declaredBefore(full, b.span())) {
            if (env.lookup(b.name()) == null) {
                // Uses of a name bound by nothing else are not reported again; one bound before keeps its value.
                env.bind(b.name(), new Value.Error());
            }
            return;
        }
        State state = stateOf(b, full, env);
        if (state != null && model.loopBody != null) {
            model.diagnostics.error(b.span(), "buffer '" + b.name() + "' is declared inside the step of a scan;"
                    + " buffers hold state across runs, not steps: declare it outside and pass the value in");
            state = null;
        }
        if (state == null) {
            env.bind(b.name(), new Value.Error());
            return;
        }
        model.buffers.put(full, b.span());
        env.bindBuffer(b.name(), full);
        env.bind(b.name(), model.tensor(model.graph.add(state)));
    }

    private State stateOf(Stmt.Buffer b, String full, Env env) {
        TypeExpr t = b.type();
        DType dtype = t.dtype() == null ? model.floatType : DType.parse(t.dtype());
        if (dtype == null) {
            d.error(t.dtypeSpan(), "unknown dtype '" + t.dtype() + "'; use f32, f64 or i32");
            return null;
        }
        List<Dim> dims = statements.staticDims(t, env);
        if (dims == null) {
            return null;
        }
        Shape shape = new Shape(dims);
        if (!statements.fits(shape, dtype, t.span(), "buffer '" + full + "'")) {
            return null;
        }
        Value init = b.init() == null ? null : expressions.eval(b.init(), env);
        if (init == null) {
            d.error(b.span(), "buffer '" + b.name() + "' needs an initialiser, e.g. '= zeros' or '= ones'");
            return null;
        }
        if (!(init instanceof Value.InitValue iv)) {
            if (!(init instanceof Value.Error)) {
                d.error(b.init().span(), "expected an initialiser (zeros, ones, constant...), got " + init.describe());
            }
            return null;
        }
        return new State(full, new TensorType(dtype, shape), iv.init());
    }

    void update(Stmt.Update u, Env env) {
        String full = env.buffer(u.name());
        Value v = expressions.eval(u.value(), env);
        if (full == null) {
            d.error(u.span(), "'" + u.name() + "' is not a buffer declared here; 'update' sets a buffer declared"
                    + " with 'buffer' in the same function or model");
            return;
        }
        Span earlier = model.updates.get(full);
        if (earlier != null) {
            d.error(u.span(), "buffer '" + full + "' is already updated on line " + earlier.line());
            return;
        }
        TensorType type = model.graph.type(stateNode(full));
        Integer next = fitted(v, type, u);
        if (next == null) {
            return;
        }
        model.updates.put(full, u.span());
        model.graph.root(Root.Kind.STATE, full, next);
        env.bind(u.name(), model.tensor(next));
    }

    private int stateNode(String full) {
        for (int id = 0; id < model.graph.size(); id++) {
            if (model.graph.node(id).op() instanceof State s && s.stateName().equals(full)) {
                return id;
            }
        }
        throw new IllegalStateException("no state node for buffer " + full);
    }

    /** The new value in the buffer's type: numbers and float dtypes convert, smaller shapes broadcast. */
    private Integer fitted(Value v, TensorType type, Stmt.Update u) {
        if (v instanceof Value.Error) {
            return null;
        }
        if (!(v instanceof Value.Tensor) && !Value.isNumber(v)) {
            d.error(u.value().span(), "buffer '" + u.name() + "' takes a tensor, got " + v.describe());
            return null;
        }
        int node = model.asNode(v, type.dtype());
        TensorType t = model.graph.type(node);
        if (t.dtype() != type.dtype()) {
            if (!type.dtype().isFloat() && t.dtype().isFloat()) {
                d.error(u.value().span(), "buffer '" + u.name() + "' is " + type + ", got " + t
                        + "; convert with int(...) if that is meant");
                return null;
            }
            node = model.graph.add(new Cast(type.dtype()), node);
        }
        if (!t.shape().equals(type.shape())) {
            if (!t.shape().broadcastsTo(type.shape())) {
                d.error(u.value().span(), "buffer '" + u.name() + "' is " + type + ", got " + t);
                return null;
            }
            node = model.graph.add(new Expand(type.shape()), node);
        }
        return node;
    }
}
