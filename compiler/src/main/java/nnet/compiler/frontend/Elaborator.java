package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnet.compiler.ast.Decl;
import nnet.compiler.ast.Expr;
import nnet.compiler.ast.Module;
import nnet.compiler.ast.Stmt;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.Root;
import nnet.compiler.source.Diagnostic;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.Severity;
import nnet.runtime.DType;

/**
 * Builds the graph of a model from its AST: runs the statements, inlines function calls (giving the
 * parameters they declare namespaced names), evaluates compile-time values and checks every tensor
 * operation with its op's shape rule as it is added.
 */
final class Elaborator {
    private static final int MAX_CALL_DEPTH = 64;
    /** {@code f(x) as self} declares f's parameters in the scope of the function making the call. */
    static final String SELF = "self";

    /** A function and the module it is defined in (whose functions its body sees). */
    record FunctionRef(Decl.Fn fn, Module module) {
    }

    private final ModuleSet modules;
    private final Diagnostics d;
    private final Map<Decl.Fn, Boolean> declaresParams = new HashMap<>();
    /** The functions being expanded, innermost last, to report recursion. */
    private final List<Decl.Fn> active = new ArrayList<>();
    private ModelBuilder model;
    private Expressions expressions;
    private Statements statements;
    /** The name a statement gives its only parametrised call, until that call takes it. */
    private String pendingScope;

    Elaborator(ModuleSet modules, Diagnostics d) {
        this.modules = modules;
        this.d = d;
    }

    ModuleSet modules() {
        return modules;
    }

    /**
     * The graphs of a model in training and in evaluation mode. The body runs in training mode first;
     * only if it read {@code training} does it run again in evaluation mode, whose diagnostics are then
     * added unless they repeat one already reported.
     */
    ElaboratedModel model(Decl.Model m) {
        int errorsBefore = d.errorCount();
        Graph train = graph(m, true);
        ModelBuilder trainBuilder = model;
        Graph eval = train;
        if (model.readsMode && d.errorCount() == errorsBefore) {
            Diagnostics evalDiagnostics = new Diagnostics();
            eval = new Elaborator(modules, evalDiagnostics).graph(m, false);
            for (Diagnostic x : evalDiagnostics.all()) {
                if (!d.all().contains(x)) {
                    d.add(x);
                }
            }
            if (evalDiagnostics.hasErrors()) {
                eval = train;
            } else {
                ModeCheck.sameInterface(m, train, eval, d);
            }
        }
        return new ElaboratedModel(m.name(), train, eval, floatTypeOf(m), List.copyOf(trainBuilder.dims), m.span(),
                trainBuilder.layers.stream().filter(java.util.Objects::nonNull).toList(), Map.copyOf(trainBuilder.metricKindByName));
    }

    private Graph graph(Decl.Model m, boolean training) {
        begin(m.name(), floatTypeOf(m), training);
        Env env = new Env(modules.main(), "", true, 0);
        int errorsBefore = d.errorCount();
        statements.run(m.body(), env, null);
        Graph g = model.graph.build();
        // After an error the missing output is most likely the statement that failed, as it is after a failed
        // import, whose calls fail without reports of their own.
        if (g.roots(Root.Kind.OUTPUT).isEmpty() && g.roots(Root.Kind.LOSS).isEmpty() && d.errorCount() == errorsBefore
                && !modules.hasImportErrors()) {
            d.error(m.span(), "model '" + m.name() + "' has neither an output nor a loss");
        }
        return g;
    }

    /**
     * An elaborator for compile-time expressions outside any model, such as training settings: they may
     * call functions like a model body, and a scratch model receives whatever nodes they create.
     */
    static Elaborator forSettings(ModuleSet modules, Diagnostics d, String name) {
        Elaborator e = new Elaborator(modules, d);
        e.begin(name, DType.F32, false);
        return e;
    }

    Value eval(Expr e, Env env) {
        return expressions.eval(e, env);
    }

    private void begin(String name, DType floatType, boolean training) {
        model = new ModelBuilder(name, floatType, d, training);
        expressions = new Expressions(this, model);
        statements = new Statements(this, model, expressions);
    }

    /** The dtype parameters take by default: that of the model's first floating-point input, else f32. */
    private static DType floatTypeOf(Decl.Model m) {
        for (Stmt s : m.body()) {
            if (s instanceof Stmt.Input in && in.type().dtype() != null) {
                DType t = DType.parse(in.type().dtype());
                if (t != null && t.isFloat()) {
                    return t;
                }
            }
        }
        return DType.F32;
    }

    // ---- functions

    FunctionRef findFunction(Expr.Name callee, Env env) {
        List<String> parts = callee.parts();
        if (parts.size() == 2) {
            Module m = modules.imported(env.module(), parts.get(0));
            return m == null ? null : modules.prelude().contains(m) ? inPrelude(parts.get(1)) : find(m, parts.get(1));
        }
        if (parts.size() != 1) {
            return null;
        }
        FunctionRef local = find(env.module(), parts.get(0));
        return local != null ? local : inPrelude(parts.get(0));
    }

    /**
     * The name a call reaches a builtin by: its own, or qualified by an imported prelude file
     * ({@code import prelude as F; F.conv2d(...)}), which stands for all of the prelude and the builtins,
     * as torch.nn.functional does; null otherwise.
     */
    String builtinName(Expr.Name callee, Env env) {
        List<String> parts = callee.parts();
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Module m = parts.size() == 2 ? modules.imported(env.module(), parts.get(0)) : null;
        return m != null && modules.prelude().contains(m) ? parts.get(1) : null;
    }

    private FunctionRef inPrelude(String name) {
        for (Module part : modules.prelude()) {
            FunctionRef f = find(part, name);
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static FunctionRef find(Module m, String name) {
        for (Decl.Fn f : m.functions()) {
            if (f.name().equals(name)) {
                return new FunctionRef(f, m);
            }
        }
        return null;
    }

    List<String> functionNames(Env env) {
        List<String> names = new ArrayList<>();
        env.module().functions().forEach(f -> names.add(f.name()));
        modules.prelude().forEach(part -> part.functions().forEach(f -> names.add(f.name())));
        return names;
    }

    Set<String> boundNames(Env env) {
        Set<String> names = new LinkedHashSet<>(model.inputs.keySet());
        names.addAll(functionNames(env));
        return names;
    }

    Value callFunction(FunctionRef ref, Expr.Call call, List<Value> args, Env caller) {
        Decl.Fn fn = ref.fn();
        int self = active.indexOf(fn);
        if (self >= 0) {
            List<String> chain = new ArrayList<>();
            active.subList(self, active.size()).forEach(f -> chain.add(f.name()));
            chain.add(fn.name());
            d.error(call.span(), "recursive call of '" + fn.name() + "' (" + String.join(" -> ", chain)
                    + "); functions are expanded where they are called, so they cannot recurse");
            return new Value.Error();
        }
        if (caller.depth() >= MAX_CALL_DEPTH) {
            d.error(call.span(), "function calls nested more than " + MAX_CALL_DEPTH + " deep, here calling '"
                    + fn.name() + "'");
            return new Value.Error();
        }
        Signature sig = FunctionSignatures.of(ref, d, expressions, modules);
        if (sig == null) {
            return new Value.Error();
        }
        List<Signature.Bound> bound = sig.bind(call.callee().text(), call.args(), args, call.span(), d);
        if (bound == null) {
            return new Value.Error();
        }
        String prefix = scopeFor(ref, call, caller);
        if (prefix == null) {
            return new Value.Error();
        }
        Env env = new Env(ref.module(), prefix, false, caller.depth() + 1);
        for (int i = 0; i < fn.params().size(); i++) {
            env.bind(fn.params().get(i).name(), bound.get(i).value());
        }
        String savedPending = pendingScope;
        pendingScope = null;
        int mark = d.mark();
        active.add(fn);
        int layer = startLayer(prefix, caller);
        try {
            return endLayer(layer, prefix, fn, call, caller, statements.runFunction(fn, env));
        } finally {
            active.remove(active.size() - 1);
            pendingScope = savedPending;
            if (modules.isStdlib(ref.module()) && !modules.isStdlib(caller.module())) {
                inCallerTerms(mark, call);
            } else if (!modules.isStdlib(caller.module()) && ref.module() != caller.module()) {
                noteCall(mark, call);
            }
        }
    }

    /** Reserves the summary's row of a call that opens a scope of parameters; -1 for other calls. */
    private int startLayer(String prefix, Env caller) {
        if (prefix.equals(caller.paramPrefix())) {
            return -1;
        }
        model.layers.add(null);
        return model.layers.size() - 1;
    }

    /** Fills in the row with what the call returned; the line is given for calls in the model's own file. */
    private Value endLayer(int layer, String prefix, Decl.Fn fn, Expr.Call call, Env caller, Value result) {
        if (layer >= 0) {
            String scope = prefix.substring(0, prefix.length() - 1);
            int line = caller.module() == modules.main() ? call.span().line() : 0;
            model.layers.set(layer, new nnet.runtime.model.LayerInfo(scope, fn.name(), line, describe(result)));
        }
        return result;
    }

    /** "f32[batch, 128]", or "(f32[batch, 8, 64], f32[batch, 64])" for a tuple. */
    private String describe(Value v) {
        if (v instanceof Value.Tensor t) {
            return model.type(t).toString();
        }
        if (v instanceof Value.Tuple t) {
            return t.items().stream().map(this::describe).collect(java.util.stream.Collectors.joining(", ", "(", ")"));
        }
        return v.describe();
    }

    /**
     * Errors inside a standard-library function are the caller's: they are moved to the call in the
     * user's file, saying which function they arose in.
     */
    private void inCallerTerms(int mark, Expr.Call call) {
        d.rewriteSince(mark, x -> x.span().file() == call.span().file() ? x
                : new Diagnostic(x.severity(), call.span(), "in '" + call.callee().text() + "': " + x.message()));
    }

    /**
     * Errors inside a user module stay where they are, in its file; a note at the call says how the
     * caller got there. An error that repeats one reported before (from an earlier call) is dropped.
     */
    private void noteCall(int mark, Expr.Call call) {
        d.rewriteSince(mark, x -> x);
        boolean elsewhere = d.since(mark).stream().anyMatch(x -> x.severity() == Severity.ERROR
                && x.span().file() != call.span().file());
        if (elsewhere) {
            d.note(call.span(), "in this call of '" + call.callee().text() + "'");
        }
    }

    /** The parameter prefix inside this call; null after an error. */
    private String scopeFor(FunctionRef ref, Expr.Call call, Env caller) {
        if (!declaresParams(ref)) {
            if (call.scope() != null) {
                d.error(call.span(), "'as " + call.scope().text() + "' names the parameters of a call, but '"
                        + ref.fn().name() + "' declares none");
                return null;
            }
            return caller.paramPrefix();
        }
        if (call.scope() != null && call.scope().text().equals(SELF)) {
            // The callee's parameters join the caller's own, as a module built from another's code.
            return caller.paramPrefix();
        }
        String name = call.scope() == null ? null : ScopePaths.name(call.scope(), caller, expressions, d);
        if (call.scope() != null && name == null) {
            return null;
        }
        if (name == null && pendingScope != null) {
            name = pendingScope;
            pendingScope = null;
        }
        if (name == null) {
            name = caller.nextScopeName(ref.fn().name());
        }
        String prefix = caller.paramPrefix() + name + ".";
        if (model.scopesInUse.contains(prefix)) {
            String loop = caller.innermostLoop();
            d.error(call.span(), "parameters named '" + prefix + "*' already exist; name this call with 'as "
                    + (loop == null ? "NAME" : name + "[" + loop + "]") + "'");
            return null;
        }
        model.scopesInUse.add(prefix);
        return prefix;
    }

    /** Sets the scope name for the only parametrised call of a statement's expression, if it has one. */
    void nameStatementCall(String name, Expr value, Env env) {
        pendingScope = countParamCalls(value, env) == 1 ? name : null;
    }

    void clearStatementCall() {
        pendingScope = null;
    }

    private int countParamCalls(Expr e, Env env) {
        int n = 0;
        if (e instanceof Expr.Call c) {
            FunctionRef f = findFunction(c.callee(), env);
            if (f != null && declaresParams(f) && c.scope() == null) {
                n++;
            }
        }
        for (Expr sub : subexpressions(e)) {
            n += countParamCalls(sub, env);
        }
        return n;
    }

    private static List<Expr> subexpressions(Expr e) {
        if (e instanceof Expr.Call c) {
            return c.args().stream().map(Expr.Arg::value).toList();
        } else if (e instanceof Expr.Binary b) {
            return List.of(b.left(), b.right());
        } else if (e instanceof Expr.Unary u) {
            return List.of(u.operand());
        } else if (e instanceof Expr.ListLit l) {
            return l.items();
        } else if (e instanceof Expr.TupleLit t) {
            return t.items();
        } else if (e instanceof Expr.Index i) {
            List<Expr> parts = new ArrayList<>(List.of(i.base()));
            i.subscripts().forEach(s -> parts.addAll(s.parts()));
            return parts;
        }
        return List.of();
    }

    /**
     * Whether calling the function creates parameters or buffers, directly or through the functions it
     * calls; such calls get a scope of their own.
     */
    boolean declaresParams(FunctionRef ref) {
        Boolean known = declaresParams.get(ref.fn());
        if (known != null) {
            return known;
        }
        declaresParams.put(ref.fn(), false);
        Env scanEnv = new Env(ref.module(), "", false, 0);
        boolean result = anyDeclares(ref.fn().body(), scanEnv);
        declaresParams.put(ref.fn(), result);
        return result;
    }

    private boolean anyDeclares(List<Stmt> body, Env env) {
        for (Stmt s : body) {
            if (s instanceof Stmt.Param || s instanceof Stmt.Buffer) {
                return true;
            }
            if (s instanceof Stmt.If i && (anyDeclares(i.then(), env) || anyDeclares(i.otherwise(), env))) {
                return true;
            }
            if (s instanceof Stmt.For f && anyDeclares(f.body(), env)) {
                return true;
            }
            for (Expr e : expressionsOf(s)) {
                if (callsDeclaring(e, env)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Expr> expressionsOf(Stmt s) {
        if (s instanceof Stmt.Let l) {
            return List.of(l.value());
        } else if (s instanceof Stmt.Unpack u) {
            return List.of(u.value());
        } else if (s instanceof Stmt.Return r) {
            return List.of(r.value());
        } else if (s instanceof Stmt.Output o && o.value() != null) {
            return List.of(o.value());
        } else if (s instanceof Stmt.Loss l) {
            return List.of(l.value());
        } else if (s instanceof Stmt.Metric m) {
            return List.of(m.value());
        } else if (s instanceof Stmt.Update u) {
            return List.of(u.value());
        } else if (s instanceof Stmt.If i) {
            return List.of(i.condition());
        } else if (s instanceof Stmt.For f) {
            return List.of(f.iterable());
        } else if (s instanceof Stmt.Assert a) {
            return a.message() == null ? List.of(a.condition()) : List.of(a.condition(), a.message());
        }
        return List.of();
    }

    private boolean callsDeclaring(Expr e, Env env) {
        if (e instanceof Expr.Call c) {
            FunctionRef f = findFunction(c.callee(), env);
            if (f != null && declaresParams(f)) {
                return true;
            }
        }
        return subexpressions(e).stream().anyMatch(x -> callsDeclaring(x, env));
    }
}
