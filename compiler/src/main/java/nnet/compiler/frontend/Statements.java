package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ast.Decl;
import nnet.compiler.ast.Expr;
import nnet.compiler.ast.Stmt;
import nnet.compiler.ast.TypeExpr;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Root;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.leaf.Input;
import nnet.compiler.ops.leaf.Param;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Span;
import nnet.runtime.DType;
import nnet.runtime.memory.ByteSize;

/** Runs the statements of model and function bodies. */
final class Statements {
    /** The name that binds nothing: {@code _, c = f(x)} keeps only the second value. */
    static final String DISCARD = "_";

    private final Elaborator elaborator;
    private final ModelBuilder model;
    private final Expressions expressions;
    private final Loops loops;
    private final Diagnostics d;
    private final Buffers buffers;

    Statements(Elaborator elaborator, ModelBuilder model, Expressions expressions) {
        this.elaborator = elaborator;
        this.model = model;
        this.expressions = expressions;
        this.d = model.diagnostics;
        this.buffers = new Buffers(this, model, expressions);
        this.loops = new Loops(this, expressions, d);
    }

    /** Holds a function's return value once its return statement has run (an error once an assert failed). */
    static final class Returned {
        Value value;
    }

    /**
     * Runs statements until one returns. A 'return' that ran in a nested block (an 'if' taken in this
     * call) ends the body quietly; a statement right after a 'return' in the same block can never run.
     */
    void run(List<Stmt> body, Env env, Returned returned) {
        for (int i = 0; i < body.size(); i++) {
            if (returned != null && returned.value != null) {
                return;
            }
            Stmt s = body.get(i);
            statement(s, env, returned);
            if (s instanceof Stmt.Return && returned != null && i + 1 < body.size()) {
                d.error(body.get(i + 1).span(), "statement after 'return' (line " + s.span().line() + ") is never run");
                return;
            }
        }
    }

    Value runFunction(Decl.Fn fn, Env env) {
        Returned returned = new Returned();
        int errors = d.errorCount();
        run(fn.body(), env, returned);
        // After an error the 'return' may be what was skipped, in a loop that stopped or an 'if' not decided.
        if (returned.value == null && d.errorCount() > errors) {
            return new Value.Error();
        }
        if (returned.value == null) {
            d.error(fn.span(), "function '" + fn.name() + "' has no 'return'");
            return new Value.Error();
        }
        return returned.value;
    }

    private void statement(Stmt s, Env env, Returned returned) {
        if (s instanceof Stmt.Input in) {
            input(in, env);
        } else if (s instanceof Stmt.Param p) {
            param(p, env);
        } else if (s instanceof Stmt.Buffer b) {
            buffers.declare(b, env);
        } else if (s instanceof Stmt.Update u) {
            buffers.update(u, env);
        } else if (s instanceof Stmt.Let l) {
            bind(env, l.name(), named(l.name(), l.value(), env));
        } else if (s instanceof Stmt.Unpack u) {
            unpack(u, env);
        } else if (s instanceof Stmt.Output o) {
            output(o, env);
        } else if (s instanceof Stmt.Loss l) {
            loss(l, env);
        } else if (s instanceof Stmt.Metric m) {
            metric(m, env);
        } else if (s instanceof Stmt.Return r) {
            if (returned == null) {
                d.error(r.span(), "'return' is only allowed in a function");
            } else {
                returned.value = expressions.eval(r.value(), env);
            }
        } else if (s instanceof Stmt.If i) {
            ifStatement(i, env, returned);
        } else if (s instanceof Stmt.For f) {
            loops.run(f, env, returned);
        } else if (s instanceof Stmt.Assert a) {
            assertion(a, env, returned);
        }
    }

    static void bind(Env env, String name, Value v) {
        if (!name.equals(DISCARD)) {
            env.bind(name, v);
        }
    }

    /** {@code a, b = value}; after an error every name is bound to an error, which is not reported again. */
    private void unpack(Stmt.Unpack u, Env env) {
        Value v = expressions.eval(u.value(), env);
        List<Value> items = Value.items(v);
        int n = u.names().size();
        if (!(v instanceof Value.Error) && (items == null || items.size() != n)) {
            d.error(u.value().span(), "expected " + n + " values to unpack into '" + String.join(", ", u.names())
                    + "', got " + (items == null ? v.describe() : items.size()));
        }
        boolean fits = items != null && items.size() == n;
        for (int i = 0; i < n; i++) {
            bind(env, u.names().get(i), fits ? items.get(i) : new Value.Error());
        }
    }

    /** Evaluates the value of a named statement; its only parametrised call takes the name. */
    private Value named(String name, Expr value, Env env) {
        elaborator.nameStatementCall(name, value, env);
        try {
            return expressions.eval(value, env);
        } finally {
            elaborator.clearStatementCall();
        }
    }

    private boolean modelOnly(Stmt s, Env env, String what) {
        if (!env.inModel()) {
            d.error(s.span(), "'" + what + "' is only allowed in a model, not in a function");
            return false;
        }
        return true;
    }

    private void input(Stmt.Input in, Env env) {
        if (!modelOnly(in, env, "input")) {
            return;
        }
        if (model.inputs.containsKey(in.name())) {
            d.error(in.span(), "input '" + in.name() + "' is already declared on line " + model.inputs.get(in.name()).line());
            return;
        }
        TensorType type = inputType(in, env);
        if (type == null) {
            // Later uses of the name are not reported again.
            env.bind(in.name(), new Value.Error());
            return;
        }
        model.inputs.put(in.name(), in.span());
        int node = model.graph.add(new Input(in.name(), type));
        env.bind(in.name(), model.tensor(node));
    }

    private TensorType inputType(Stmt.Input in, Env env) {
        TypeExpr t = in.type();
        DType dtype = t.dtype() == null ? null : DType.parse(t.dtype());
        if (t.dtype() == null) {
            d.error(t.span(), "input '" + in.name() + "' needs a dtype, e.g. f32" + "[...]");
            return null;
        }
        if (dtype == null) {
            d.error(t.dtypeSpan(), "unknown dtype '" + t.dtype() + "'; use f32, f64 or i32");
            return null;
        }
        Shape shape = inputShape(t, env);
        return shape == null || !fits(shape, dtype, in.type().span(), "input '" + in.name() + "'") ? null
                : new TensorType(dtype, shape);
    }

    /** Input dims: ints, or names of run-time dims, which become bound names of the model. */
    private Shape inputShape(TypeExpr t, Env env) {
        List<Dim> dims = new ArrayList<>();
        for (Expr e : t.dims()) {
            if (e instanceof Expr.Name n && n.parts().size() == 1 && env.lookup(n.text()) == null) {
                Dim sym = Dim.symbol(n.text());
                model.dims.add(n.text());
                env.bind(n.text(), new Value.DimValue(sym));
                dims.add(sym);
                continue;
            }
            Dim dim = staticOrDim(expressions.eval(e, env), e.span(), true);
            if (dim == null) {
                return null;
            }
            dims.add(dim);
        }
        return new Shape(dims);
    }

    /**
     * The sizes of a parameter's or buffer's type, known at compile time; an entry that is a list
     * (normalized_shape) stands for its items. Null after an error.
     */
    List<Dim> staticDims(TypeExpr t, Env env) {
        List<Dim> dims = new ArrayList<>();
        for (Expr e : t.dims()) {
            Value v = expressions.eval(e, env);
            List<Value> items = v instanceof Value.ListValue || v instanceof Value.Tuple ? Value.items(v) : List.of(v);
            for (Value item : items) {
                Dim dim = staticOrDim(item, e.span(), false);
                if (dim == null) {
                    return null;
                }
                dims.add(dim);
            }
        }
        return dims;
    }

    Dim staticOrDim(Value v, Span span, boolean allowRunTime) {
        if (v instanceof Value.Int i && i.value() >= 0 && i.value() <= Integer.MAX_VALUE) {
            return Dim.of(i.value());
        }
        if (v instanceof Value.Int i && i.value() > Integer.MAX_VALUE) {
            d.error(span, "size " + i.value() + " is too large; a dim holds at most " + Integer.MAX_VALUE);
            return null;
        }
        if (v instanceof Value.DimValue dv && allowRunTime) {
            return dv.dim();
        }
        if (!(v instanceof Value.Error)) {
            d.error(span, allowRunTime ? "a size must be an int ≥ 0 or a run-time dim, got " + v.describe()
                    : "a parameter's sizes must be ints ≥ 0 known at compile time, got " + v.describe());
        }
        return null;
    }

    private void param(Stmt.Param p, Env env) {
        String stored = buffers.storedName(p.name(), p.stored(), env);
        String full = env.paramPrefix() + stored;
        if (stored == null) {
            env.bind(p.name(), new Value.Error());
            return;
        }
        if (buffers.declaredBefore(full, p.span())) {
            if (env.lookup(p.name()) == null) {
                // Uses of a name bound by nothing else are not reported again; one bound before keeps its value.
                env.bind(p.name(), new Value.Error());
            }
            return;
        }
        Param param = paramOf(p, full, env);
        if (param == null) {
            // Later uses of the name are not reported again.
            env.bind(p.name(), new Value.Error());
            return;
        }
        model.params.put(full, p.span());
        int node = model.parameter(param);
        env.bind(p.name(), model.tensor(node));
    }

    private Param paramOf(Stmt.Param p, String full, Env env) {
        TypeExpr t = p.type();
        DType dtype = t.dtype() == null ? model.floatType : DType.parse(t.dtype());
        if (dtype == null || !dtype.isFloat()) {
            d.error(t.dtypeSpan(), "a parameter's dtype must be f32 or f64, got '" + t.dtype() + "'");
            return null;
        }
        List<Dim> dims = staticDims(t, env);
        if (dims == null) {
            return null;
        }
        Value init = p.init() == null ? null : expressions.eval(p.init(), env);
        if (init == null) {
            d.error(p.span(), "parameter '" + p.name() + "' needs an initialiser, e.g. '= zeros' or '= normal(0, 0.02)'");
            return null;
        }
        if (!(init instanceof Value.InitValue iv)) {
            if (!(init instanceof Value.Error)) {
                d.error(p.init().span(), "expected an initialiser (zeros, ones, constant, normal, uniform, xavier_*, "
                        + "kaiming_*), got " + init.describe());
            }
            return null;
        }
        Shape shape = new Shape(dims);
        if (!fits(shape, dtype, t.span(), "parameter '" + full + "'")) {
            return null;
        }
        long total = model.paramElements.merge(dtype, shape.numel().value(), Long::sum);
        if (total > Integer.MAX_VALUE) {
            d.error(t.span(), "the " + dtype + " parameters of the model would hold " + total + " elements ("
                    + ByteSize.format(total, dtype.bytes()) + "); at most " + Integer.MAX_VALUE + " fit");
            return null;
        }
        return new Param(full, new TensorType(dtype, shape), iv.init(), !p.frozen());
    }

    /**
     * Whether the static part of a shape's element count fits in a Java array; reports it if not, with
     * its size in bytes, since a count of elements alone does not tell how absurd it is.
     */
    boolean fits(Shape shape, DType dtype, Span span, String what) {
        long n = 1;
        for (Dim dim : shape.dims()) {
            try {
                n = Math.multiplyExact(n, dim.factor());
            } catch (ArithmeticException overflow) {
                n = Long.MAX_VALUE;
            }
        }
        if (n > Integer.MAX_VALUE) {
            String count = n == Long.MAX_VALUE ? "more than 2^63 elements" : n + " elements ("
                    + ByteSize.format(n, dtype.bytes()) + " of " + dtype + ")";
            d.error(span, what + " would have " + count + (shape.isStatic() ? "" : " per unit of its run-time dims")
                    + "; a tensor holds at most " + Integer.MAX_VALUE + " elements");
            return false;
        }
        return true;
    }

    private Value.Tensor tensorOf(Value v, Span span, String what) {
        if (v instanceof Value.Tensor t) {
            return t;
        }
        if (!(v instanceof Value.Error)) {
            d.error(span, what + " must be a tensor, got " + v.describe() + Value.unpackHint(v));
        }
        return null;
    }

    private void output(Stmt.Output o, Env env) {
        if (!modelOnly(o, env, "output")) {
            return;
        }
        Value v;
        if (o.value() == null) {
            v = env.lookup(o.name());
            if (v == null) {
                d.error(o.span(), "unknown name '" + o.name() + "'; write 'output " + o.name() + " = ...' to define it");
                return;
            }
        } else {
            v = named(o.name(), o.value(), env);
            env.bind(o.name(), v);
        }
        Value.Tensor t = tensorOf(v, o.value() == null ? o.span() : o.value().span(), "output '" + o.name() + "'");
        if (t == null) {
            return;
        }
        Span earlier = model.outputs.putIfAbsent(o.name(), o.span());
        if (earlier != null) {
            d.error(o.span(), "output '" + o.name() + "' is already declared on line " + earlier.line());
            return;
        }
        model.graph.root(Root.Kind.OUTPUT, o.name(), t.node());
    }

    private void loss(Stmt.Loss l, Env env) {
        if (!modelOnly(l, env, "loss")) {
            return;
        }
        Value.Tensor t = tensorOf(named("loss", l.value(), env), l.value().span(), "the loss");
        if (t == null) {
            return;
        }
        TensorType type = model.type(t);
        if (type.rank() != 0 || !type.dtype().isFloat()) {
            d.error(l.span(), "the loss must be a floating-point scalar, got " + type
                    + (type.rank() > 0 ? "; reduce it with mean(...) or sum(...)" : ""));
            return;
        }
        if (model.loss != null) {
            d.error(l.span(), "a model has one loss, and it is already defined on line " + model.loss.line());
            return;
        }
        model.loss = l.span();
        model.graph.root(Root.Kind.LOSS, "loss", t.node());
    }

    private void metric(Stmt.Metric m, Env env) {
        if (!modelOnly(m, env, "metric")) {
            return;
        }
        Value v = named(m.name(), m.value(), env);
        env.bind(m.name(), v);
        Value.Tensor t = tensorOf(v, m.value().span(), "metric '" + m.name() + "'");
        if (t == null) {
            return;
        }
        String kind = model.metricKinds.get(t.node());
        boolean tensorKind = kind != null && !kind.equals("sqrt") && !kind.equals("exp");
        if (model.type(t).rank() != 0 && !tensorKind) {
            d.error(m.span(), "metric '" + m.name() + "' must be a scalar, got " + model.type(t)
                    + "; reduce it with mean(...) or sum(...)");
            return;
        }
        Span earlier = model.metrics.putIfAbsent(m.name(), m.span());
        if (earlier != null) {
            d.error(m.span(), "metric '" + m.name() + "' is already declared on line " + earlier.line());
            return;
        }
        if (kind != null) {
            model.metricKindByName.put(m.name(), kind);
        }
        model.graph.root(Root.Kind.METRIC, m.name(), t.node());
    }

    /**
     * {@code assert condition, message}: reports the message at the 'assert' when the condition is
     * false, and ends the function it is in, whose later statements would only report the consequences.
     * The message is evaluated only then, so it may describe what went wrong at some cost.
     */
    private void assertion(Stmt.Assert a, Env env, Returned returned) {
        Value c = expressions.eval(a.condition(), env);
        if (!(c instanceof Value.Bool) && !(c instanceof Value.Error)) {
            d.error(a.condition().span(), "an 'assert' condition must be true or false at compile time, got "
                    + c.describe());
        }
        if (!(c instanceof Value.Bool b) || b.value()) {
            return;
        }
        if (returned != null) {
            returned.value = new Value.Error();
        }
        Value message = a.message() == null ? new Value.Str("assertion failed") : expressions.eval(a.message(), env);
        if (message instanceof Value.Str s) {
            d.error(a.span(), s.value());
        } else if (!(message instanceof Value.Error)) {
            d.error(a.message().span(), "an 'assert' message must be a string, got " + message.describe());
        }
    }

    private void ifStatement(Stmt.If i, Env env, Returned returned) {
        Value c = expressions.eval(i.condition(), env);
        if (c instanceof Value.Error) {
            return;
        }
        if (!(c instanceof Value.Bool b)) {
            d.error(i.condition().span(), "an 'if' condition must be true or false at compile time, got " + c.describe());
            return;
        }
        run(b.value() ? i.then() : i.otherwise(), env, returned);
    }
}
