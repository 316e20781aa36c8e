package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nnet.compiler.ast.Decl;
import nnet.compiler.ast.Expr;
import nnet.compiler.ast.Module;
import nnet.compiler.ir.CompareFn;
import nnet.compiler.ir.Op;
import nnet.compiler.ops.elementwise.Add;
import nnet.compiler.ops.elementwise.Compare;
import nnet.compiler.ops.elementwise.Div;
import nnet.compiler.ops.elementwise.Mul;
import nnet.compiler.ops.elementwise.Neg;
import nnet.compiler.ops.elementwise.Pow;
import nnet.compiler.ops.elementwise.Remainder;
import nnet.compiler.ops.elementwise.Sub;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Span;
import nnet.runtime.DType;

/** Evaluates expressions: folds what is known at compile time, adds graph nodes for the rest. */
final class Expressions {
    private final Elaborator elaborator;
    private final ModelBuilder model;
    private final Diagnostics d;

    Expressions(Elaborator elaborator, ModelBuilder model) {
        this.elaborator = elaborator;
        this.model = model;
        this.d = model.diagnostics;
    }

    Value eval(Expr e, Env env) {
        if (e instanceof Expr.IntLit i) {
            return new Value.Int(i.value());
        } else if (e instanceof Expr.FloatLit f) {
            return new Value.Float(f.value());
        } else if (e instanceof Expr.BoolLit b) {
            return new Value.Bool(b.value());
        } else if (e instanceof Expr.StrLit str) {
            return new Value.Str(str.value());
        } else if (e instanceof Expr.ListLit l) {
            return list(l.items(), env);
        } else if (e instanceof Expr.TupleLit t) {
            Value items = list(t.items(), env);
            return items instanceof Value.ListValue l ? new Value.Tuple(l.items()) : items;
        } else if (e instanceof Expr.Name n) {
            return name(n, env);
        } else if (e instanceof Expr.Unary u) {
            return unary(u, env);
        } else if (e instanceof Expr.Index i) {
            return index(i, env);
        } else if (e instanceof Expr.Binary b && (b.op().equals("and") || b.op().equals("or"))) {
            return logical(b, env);
        } else if (e instanceof Expr.Binary b) {
            return binary(b.op(), eval(b.left(), env), eval(b.right(), env), b.span());
        }
        return call((Expr.Call) e, env);
    }

    private Value list(List<Expr> exprs, Env env) {
        List<Value> items = new ArrayList<>();
        for (Expr x : exprs) {
            Value v = eval(x, env);
            if (v instanceof Value.Error) {
                return v;
            }
            items.add(v);
        }
        return new Value.ListValue(items);
    }

    private Value name(Expr.Name n, Env env) {
        if (n.parts().size() == 1) {
            Value v = env.lookup(n.text());
            if (v != null) {
                return v;
            }
            Value global = global(n.text());
            if (global != null) {
                return global;
            }
            if (Initialisers.isBareInitialiser(n.text())) {
                return call(new Expr.Call(n, List.of(), null, n.span()), env);
            }
            if (n.text().equals(Statements.DISCARD)) {
                return error(n.span(), "'_' discards the value given to it; it cannot be read");
            }
            if (n.text().equals("None")) {
                return error(n.span(), "'None' is only written in an index, for a new dim (x[:, None]); where PyTorch"
                        + " takes None for an argument, leave the argument out");
            }
        }
        String hint = elaborator.findFunction(n, env) != null || Builtins.get(n.text()) != null
                ? "; '" + n.text() + "' is a function, call it with (...)" : suggestion(n.text(), env);
        d.error(n.span(), "unknown name '" + n.text() + "'" + hint);
        return new Value.Error();
    }

    /**
     * Names every model and function sees: {@code training}, true while the train program's graph is
     * built and false for predict and evaluate (as PyTorch's module.training), and the dtypes.
     */
    private Value global(String name) {
        if (name.equals("training")) {
            model.readsMode = true;
            return new Value.Bool(model.training);
        }
        DType dtype = DType.parse(name);
        return dtype == null ? null : new Value.DTypeValue(dtype);
    }

    private String suggestion(String name, Env env) {
        List<String> known = new ArrayList<>(elaborator.boundNames(env));
        String s = Suggest.closest(name, known);
        return s == null ? "" : "; did you mean '" + s + "'?";
    }

    /** {@code base[...]} on a list, a tuple or a tensor, with Python's rules (see {@link Indexing}). */
    private Value index(Expr.Index e, Env env) {
        Value base = eval(e.base(), env);
        List<Indexing.Entry> entries = new ArrayList<>();
        boolean failed = base instanceof Value.Error;
        for (Expr.Subscript s : e.subscripts()) {
            Indexing.Entry entry = Indexing.entry(s, x -> eval(x, env));
            failed |= entry == null;
            entries.add(entry);
        }
        return failed ? new Value.Error() : new Indexing(model).apply(base, entries, e);
    }

    /** {@code and}, {@code or} on compile-time booleans; the right side is evaluated only when it decides. */
    private Value logical(Expr.Binary b, Env env) {
        Value l = condition(b.op(), eval(b.left(), env), b.span());
        if (!(l instanceof Value.Bool lb) || lb.value() == b.op().equals("or")) {
            return l;
        }
        return condition(b.op(), eval(b.right(), env), b.span());
    }

    private Value condition(String op, Value v, Span span) {
        if (v instanceof Value.Bool || v instanceof Value.Error) {
            return v;
        }
        return error(span, "'" + op + "' needs true or false known at compile time, got " + v.describe());
    }

    private Value unary(Expr.Unary u, Env env) {
        Value v = eval(u.operand(), env);
        if (u.op().equals("not")) {
            Value c = condition("not", v, u.span());
            return c instanceof Value.Bool b ? new Value.Bool(!b.value()) : c;
        }
        if (v instanceof Value.Error || u.op().equals("+") && (Value.isNumber(v) || v instanceof Value.Tensor)) {
            return v;
        }
        if (v instanceof Value.Int i) {
            return new Value.Int(-i.value());
        } else if (v instanceof Value.Float f) {
            return new Value.Float(-f.value());
        } else if (v instanceof Value.Tensor t) {
            return Builtins.orError(model.operator(u.span(), "-", new Neg(), t.node()));
        }
        return error(u.span(), "cannot negate " + v.describe());
    }

    Value binary(String op, Value l, Value r, Span span) {
        if (l instanceof Value.Error || r instanceof Value.Error) {
            return new Value.Error();
        }
        boolean tensors = l instanceof Value.Tensor || r instanceof Value.Tensor;
        if ((op.equals("==") || op.equals("!=")) && !tensors) {
            return new Value.Bool(StaticValues.equal(l, r) == op.equals("=="));
        }
        if (l instanceof Value.Str || r instanceof Value.Str) {
            return strings(op, l, r, span);
        }
        if (op.equals("+") && l instanceof Value.ListValue a && r instanceof Value.ListValue b) {
            List<Value> joined = new ArrayList<>(a.items());
            joined.addAll(b.items());
            return new Value.ListValue(joined);
        }
        if (Value.isNumber(l) && Value.isNumber(r)) {
            return Arithmetic.numbers(op, l, r, span, d);
        }
        if (l instanceof Value.DimValue || r instanceof Value.DimValue) {
            Value dims = Arithmetic.dims(op, l, r);
            if (dims != null) {
                return dims;
            }
            // Other arithmetic on a run-time dim (batch - 1, n / batch) is a value of the running program.
            return binary(op, runTime(l, model.dtypeFor(List.of(l, r))), runTime(r, model.dtypeFor(List.of(l, r))), span);
        }
        boolean lt = l instanceof Value.Tensor;
        boolean rt = r instanceof Value.Tensor;
        if (!(lt || Value.isNumber(l)) || !(rt || Value.isNumber(r)) || !(lt || rt)) {
            return error(span, "operator '" + op + "' cannot combine " + l.describe() + " and " + r.describe()
                    + Value.unpackHint(l instanceof Value.Tuple ? l : r));
        }
        if (op.equals("@")) {
            if (!lt || !rt) {
                return error(span, "'@' needs two tensors, got " + l.describe() + " and " + r.describe());
            }
            return MatMulCall.apply(model, span, ((Value.Tensor) l).node(), ((Value.Tensor) r).node());
        }
        DType dtype = model.dtypeFor(List.of(l, r));
        int a = model.asNode(l, dtype);
        int b = model.asNode(r, dtype);
        return Builtins.orError(model.operator(span, op, tensorOp(op), a, b));
    }

    /** A run-time dim as a scalar tensor of the given dtype; anything else as it is. */
    private Value runTime(Value v, DType dtype) {
        return v instanceof Value.DimValue dv ? model.tensor(model.build.dimValue(dv.dim(), dtype.isFloat() ? dtype
                : model.floatType)) : v;
    }

    /** Strings join with {@code +}; they compare only for equality, which is handled before. */
    private Value strings(String op, Value l, Value r, Span span) {
        if (op.equals("+") && l instanceof Value.Str a && r instanceof Value.Str b) {
            return new Value.Str(a.value() + b.value());
        }
        return error(span, "operator '" + op + "' cannot combine " + l.describe() + " and " + r.describe()
                + (op.equals("+") ? "; turn the other into a string with str(...)" : ""));
    }

    private static Op tensorOp(String op) {
        return switch (op) {
            case "+" -> new Add();
            case "-" -> new Sub();
            case "*" -> new Mul();
            case "/" -> new Div();
            case "%" -> new Remainder();
            case "**" -> new Pow();
            default -> new Compare(CompareFn.fromSpelling(op));
        };
    }

    private Value call(Expr.Call c, Env env) {
        if (c.callee().text().equals(ScanCall.NAME) && elaborator.findFunction(c.callee(), env) == null) {
            return new ScanCall(elaborator, this, model, d).apply(c, env);
        }
        // Every argument is evaluated, and the callee looked up, even after an error, so that independent
        // mistakes in one call (a misspelt function, a second bad argument) are all reported.
        List<Value> args = new ArrayList<>();
        boolean failed = false;
        for (Expr.Arg a : c.args()) {
            Value v = eval(a.value(), env);
            failed |= v instanceof Value.Error;
            args.add(v);
        }
        Elaborator.FunctionRef fn = elaborator.findFunction(c.callee(), env);
        String builtin = elaborator.builtinName(c.callee(), env);
        boolean known = fn != null || builtin != null && Builtins.get(builtin) != null;
        if (!known) {
            return unknownFunction(c.callee(), env);
        }
        if (failed) {
            return new Value.Error();
        }
        if (fn != null) {
            return elaborator.callFunction(fn, c, args, env);
        }
        if (builtin != null) {
            Builtins.Builtin b = Builtins.get(builtin);
            if (b != null) {
                if (c.scope() != null) {
                    d.error(c.span(), "'as " + c.scope().text() + "' names the parameters of a call, but '"
                            + c.callee().text() + "' has none");
                }
                List<Signature.Bound> bound = b.signature().bind(c.callee().text(), c.args(), args, c.span(), d);
                if (bound == null) {
                    return new Value.Error();
                }
                return b.impl().apply(new CallSite(c.callee().text(), model, c.span(), bound));
            }
        }
        return unknownFunction(c.callee(), env);
    }

    private Value unknownFunction(Expr.Name callee, Env env) {
        if (callee.parts().size() == 2) {
            String mod = callee.parts().get(0);
            Module m = elaborator.modules().imported(env.module(), mod);
            if (m == null && elaborator.modules().failedImport(env.module(), mod)) {
                return new Value.Error();
            }
            if (m == null) {
                return error(callee.span(), "unknown module '" + mod + "'" + importHint(mod, callee, env));
            }
            List<String> names = m.functions().stream().map(Decl.Fn::name).toList();
            String s = Suggest.closest(callee.parts().get(1), names);
            return error(callee.span(), "module '" + mod + "' has no function '" + callee.parts().get(1) + "'"
                    + (s == null ? "" : "; did you mean '" + mod + "." + s + "'?"));
        }
        String qualified = importedFunction(callee.text(), env);
        if (qualified != null) {
            return error(callee.span(), "unknown function '" + callee.text() + "'; did you mean '" + qualified + "'?");
        }
        List<String> names = new ArrayList<>();
        Builtins.names().forEach(names::add);
        names.addAll(elaborator.functionNames(env));
        String s = Suggest.closest(callee.text(), names);
        return error(callee.span(), "unknown function '" + callee.text() + "'" + (s == null ? "" : "; did you mean '" + s + "'?"));
    }

    /** How to reach a module that is not imported under this name: by its alias, or with an import. */
    private String importHint(String mod, Expr.Name callee, Env env) {
        for (Map.Entry<String, Module> imp : elaborator.modules().imports(env.module()).entrySet()) {
            if (imp.getValue().name().equals(mod)) {
                return "; it is imported as '" + imp.getKey() + "': write '" + imp.getKey() + "."
                        + callee.parts().get(1) + "'";
            }
        }
        return ModuleSet.isStdlibModule(mod) ? "; add 'import " + mod + "' at the top of the file" : "";
    }

    /** "nn.linear" when an imported module defines {@code name}, else null. */
    private String importedFunction(String name, Env env) {
        for (Map.Entry<String, Module> imp : elaborator.modules().imports(env.module()).entrySet()) {
            if (imp.getValue().functions().stream().anyMatch(f -> f.name().equals(name))) {
                return imp.getKey() + "." + name;
            }
        }
        return null;
    }

    private Value error(Span span, String message) {
        d.error(span, message);
        return new Value.Error();
    }
}
