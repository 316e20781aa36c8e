package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ast.Expr;
import nnet.compiler.ir.GraphBuilder;
import nnet.compiler.ir.ShapeException;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.loop.Loop;
import nnet.compiler.ops.loop.LoopInput;
import nnet.compiler.ops.shape.Permute;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Span;

/**
 * {@code scan(step, xs, init, extra = (...), dim = 0, reverse = false)}: a recurrence. {@code step} is a
 * function called once per step with the step's slice of each sequence in {@code xs}, the current value
 * of each carry in {@code init}, then the {@code extra} values; it returns the carries' next values
 * followed by any per-step results. The call gives the carries' final values followed by each per-step
 * result stacked along {@code dim}. The step function is elaborated once, into the body of a loop op, so
 * the parameters it declares are shared by every step; {@code as NAME} scopes them as for any call.
 */
final class ScanCall {
    static final String NAME = "scan";
    private static final List<String> PARAMS = List.of("step", "xs", "init", "extra", "dim", "reverse");

    private final Elaborator elaborator;
    private final Expressions expressions;
    private final ModelBuilder model;
    private final Diagnostics d;

    ScanCall(Elaborator elaborator, Expressions expressions, ModelBuilder model, Diagnostics d) {
        this.elaborator = elaborator;
        this.expressions = expressions;
        this.model = model;
        this.d = d;
    }

    Value apply(Expr.Call c, Env env) {
        Expr.Arg[] args = bind(c);
        if (args == null) {
            return new Value.Error();
        }
        if (!(args[0].value() instanceof Expr.Name fnName) || elaborator.findFunction(fnName, env) == null) {
            return error(args[0].span(), "the first argument of 'scan' is the name of the step function, such as"
                    + " 'scan(cell, xs, h0)' for 'fn cell(x, h)'");
        }
        Elaborator.FunctionRef step = elaborator.findFunction(fnName, env);
        List<Value> xs = tensors(args[1], env, "xs");
        List<Value> init = tensors(args[2], env, "init");
        List<Value> extra = args[3] == null ? List.of() : items(expressions.eval(args[3].value(), env));
        long dim = args[4] == null ? 0 : intValue(args[4], env);
        Boolean reverse = args[5] == null ? Boolean.FALSE : boolValue(args[5], env);
        if (xs == null || init == null || extra.stream().anyMatch(v -> v instanceof Value.Error) || dim == Long.MIN_VALUE
                || reverse == null) {
            return new Value.Error();
        }
        if (xs.isEmpty()) {
            return error(args[1].span(), "'scan' needs at least one sequence to step along");
        }
        return new OneScan(c, env, step, fnName, reverse).run(xs, init, extra, dim,
                args[4] == null ? c.span() : args[4].value().span());
    }

    /** The scan's own arguments by parameter, null where not given; null after an error. */
    private Expr.Arg[] bind(Expr.Call c) {
        Expr.Arg[] bound = new Expr.Arg[PARAMS.size()];
        for (int i = 0; i < c.args().size(); i++) {
            Expr.Arg a = c.args().get(i);
            int slot = a.name() == null ? i : PARAMS.indexOf(a.name());
            if (slot < 0 || slot >= PARAMS.size()) {
                d.error(a.span(), a.name() == null ? "'scan' takes at most " + PARAMS.size() + " arguments"
                        : "'scan' has no parameter '" + a.name() + "'; its parameters are " + String.join(", ", PARAMS));
                return null;
            }
            if (bound[slot] != null) {
                d.error(a.span(), "parameter '" + PARAMS.get(slot) + "' of 'scan' is given twice");
                return null;
            }
            bound[slot] = a;
        }
        for (int i = 0; i < 3; i++) {
            if (bound[i] == null) {
                d.error(c.span(), "'scan' needs its argument '" + PARAMS.get(i) + "' (scan(step, xs, init))");
                return null;
            }
        }
        return bound;
    }

    /** A tensor or a tuple of tensors; null after an error. */
    private List<Value> tensors(Expr.Arg a, Env env, String what) {
        Value v = expressions.eval(a.value(), env);
        if (v instanceof Value.Error) {
            return null;
        }
        List<Value> items = items(v);
        for (Value item : items) {
            if (!(item instanceof Value.Tensor)) {
                d.error(a.span(), "'" + what + "' of 'scan' must be a tensor or a tuple of tensors, got " + item.describe());
                return null;
            }
        }
        return items;
    }

    private static List<Value> items(Value v) {
        return v instanceof Value.Tuple t ? t.items() : List.of(v);
    }

    private long intValue(Expr.Arg a, Env env) {
        Value v = expressions.eval(a.value(), env);
        if (v instanceof Value.Int i) {
            return i.value();
        }
        if (!(v instanceof Value.Error)) {
            d.error(a.span(), "'dim' of 'scan' must be an int, got " + v.describe());
        }
        return Long.MIN_VALUE;
    }

    private Boolean boolValue(Expr.Arg a, Env env) {
        Value v = expressions.eval(a.value(), env);
        if (v instanceof Value.Bool b) {
            return b.value();
        }
        if (!(v instanceof Value.Error)) {
            d.error(a.span(), "'reverse' of 'scan' must be a bool, got " + v.describe());
        }
        return null;
    }

    private Value error(Span span, String message) {
        d.error(span, message);
        return new Value.Error();
    }

    /** One scan being built. */
    private final class OneScan {
        private final Expr.Call call;
        private final Env env;
        private final Elaborator.FunctionRef step;
        private final Expr.Name fnName;
        private final boolean reverse;

        OneScan(Expr.Call call, Env env, Elaborator.FunctionRef step, Expr.Name fnName, boolean reverse) {
            this.call = call;
            this.env = env;
            this.step = step;
            this.fnName = fnName;
            this.reverse = reverse;
        }

        Value run(List<Value> xs, List<Value> init, List<Value> extra, long dim, Span dimSpan) {
            List<Integer> sequences = new ArrayList<>();
            for (Value x : xs) {
                Integer seq = stepAxisFirst(((Value.Tensor) x).node(), dim, dimSpan);
                if (seq == null) {
                    return new Value.Error();
                }
                sequences.add(seq);
            }
            GraphBuilder body = new GraphBuilder(model.graph.name() + "." + fnName.text());
            List<Value> stepArgs = new ArrayList<>();
            for (int s = 0; s < sequences.size(); s++) {
                TensorType t = model.graph.type(sequences.get(s));
                stepArgs.add(leaf(body, LoopInput.Kind.SLICE, s, t.withShape(t.shape().sub(1, t.rank()))));
            }
            for (int k = 0; k < init.size(); k++) {
                stepArgs.add(leaf(body, LoopInput.Kind.CARRY, k, model.type((Value.Tensor) init.get(k))));
            }
            ModelBuilder.LoopBody scope = model.enterLoopBody(body);
            Value result;
            try {
                for (Value v : extra) {
                    stepArgs.add(v instanceof Value.Tensor t ? invariant(scope, t) : v);
                }
                result = elaborator.callFunction(step, stepCall(stepArgs.size()), stepArgs, env);
            } finally {
                model.leaveLoopBody(scope);
            }
            if (result instanceof Value.Error) {
                return result;
            }
            int rank = model.graph.type(((Value.Tensor) xs.get(0)).node()).rank();
            return loop(body, scope, result, init, sequences, (int) (dim < 0 ? dim + rank : dim));
        }

        /** The sequence with its step dim moved first, or null after an error. */
        private Integer stepAxisFirst(int x, long dim, Span dimSpan) {
            int rank = model.graph.type(x).rank();
            if (dim < -rank || dim >= rank) {
                d.error(dimSpan, "'dim' " + dim + " of 'scan' is out of range for a sequence "
                        + model.graph.type(x) + " (rank " + rank + ")");
                return null;
            }
            int axis = (int) (dim < 0 ? dim + rank : dim);
            return axis == 0 ? x : model.graph.add(Permute.swap(rank, 0, axis), x);
        }

        private Value.Tensor leaf(GraphBuilder body, LoopInput.Kind kind, int index, TensorType t) {
            return new Value.Tensor(body.add(new LoopInput(kind, index, t), List.of()), t.toString());
        }

        /** A tensor of the graph around the body, read in the body as a loop-invariant operand. */
        private Value.Tensor invariant(ModelBuilder.LoopBody scope, Value.Tensor outer) {
            scope.invariants.add(outer.node());
            TensorType t = scope.outer.type(outer.node());
            return leaf(model.graph, LoopInput.Kind.INVARIANT, scope.invariants.size() - 1, t);
        }

        /** The call of the step function, its arguments all positional, spanning the scan. */
        private Expr.Call stepCall(int arity) {
            List<Expr.Arg> args = new ArrayList<>();
            for (int i = 0; i < arity; i++) {
                args.add(new Expr.Arg(null, fnName, call.span()));
            }
            return new Expr.Call(fnName, args, call.scope(), call.span());
        }

        private Value loop(GraphBuilder body, ModelBuilder.LoopBody scope, Value result, List<Value> init,
                           List<Integer> sequences, int axis) {
            List<Value> returned = items(result);
            int c = init.size();
            if (returned.size() < c) {
                return error(call.span(), "'" + fnName.text() + "' returns " + returned.size() + " value"
                        + (returned.size() == 1 ? "" : "s") + ", but the scan carries " + c
                        + ": a step returns the carries' next values first, then its per-step results");
            }
            List<Integer> carries = new ArrayList<>();
            List<Integer> outputs = new ArrayList<>();
            for (int k = 0; k < returned.size(); k++) {
                if (!(returned.get(k) instanceof Value.Tensor t)) {
                    return error(call.span(), "value " + (k + 1) + " '" + fnName.text() + "' returns is "
                            + returned.get(k).describe() + "; a step returns tensors");
                }
                (k < c ? carries : outputs).add(t.node());
            }
            List<Integer> operands = new ArrayList<>();
            init.forEach(v -> operands.add(((Value.Tensor) v).node()));
            operands.addAll(sequences);
            operands.addAll(scope.invariants);
            int node;
            try {
                Loop op = new Loop(Loop.body(body, carries, outputs), c, sequences.size(), scope.invariants.size(), reverse);
                node = model.graph.add(op, operands);
            } catch (ShapeException e) {
                return error(call.span(), "in 'scan' of '" + fnName.text() + "': " + e.getMessage());
            }
            List<Value> values = new ArrayList<>();
            for (int k = 0; k < returned.size(); k++) {
                int v = model.graph.node(node).hasSeveralResults() ? model.graph.project(node, k) : node;
                if (k >= c && axis != 0) {
                    int rank = model.graph.type(v).rank();
                    if (axis >= rank) {
                        return error(call.span(), "per-step result " + (k - c + 1) + " of '" + fnName.text()
                                + "' stacks to " + model.graph.type(v) + ", which has no dim " + axis + " to stack along");
                    }
                    v = model.graph.add(Permute.swap(rank, 0, axis), v);
                }
                values.add(model.tensor(v));
            }
            return values.size() == 1 ? values.get(0) : new Value.Tuple(values);
        }
    }
}
