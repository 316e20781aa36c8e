package nnet.compiler.frontend;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.ast.Module;

/**
 * A lexical scope: the names bound in one model or one function call, the module whose functions
 * are visible, and the prefix that parameters declared here get ("fc1." inside a call named fc1).
 */
final class Env {
    private final Map<String, Value> names = new HashMap<>();
    /** Buffers declared in this scope: local name to full name. */
    private final Map<String, String> buffers = new HashMap<>();
    private final Module module;
    private final String paramPrefix;
    private final Map<String, Integer> scopeCounters = new HashMap<>();
    private final boolean inModel;
    private final int depth;
    /** The variables of the loops being run in this scope, innermost last. */
    private final List<String> loops = new ArrayList<>();

    Env(Module module, String paramPrefix, boolean inModel, int depth) {
        this.module = module;
        this.paramPrefix = paramPrefix;
        this.inModel = inModel;
        this.depth = depth;
    }

    Value lookup(String name) {
        return names.get(name);
    }

    void bind(String name, Value v) {
        names.put(name, v);
    }

    void bindBuffer(String name, String fullName) {
        buffers.put(name, fullName);
    }

    /** The full name of a buffer declared in this scope, or null. */
    String buffer(String name) {
        return buffers.get(name);
    }

    Module module() {
        return module;
    }

    String paramPrefix() {
        return paramPrefix;
    }

    boolean inModel() {
        return inModel;
    }

    int depth() {
        return depth;
    }

    void enterLoop(String var) {
        loops.add(var);
    }

    void exitLoop() {
        loops.remove(loops.size() - 1);
    }

    /** The variable of the innermost loop being run in this scope, or null outside loops. */
    String innermostLoop() {
        return loops.isEmpty() ? null : loops.get(loops.size() - 1);
    }

    /** An automatic scope name for an unnamed call of {@code fn}: fn, fn_2, fn_3... */
    String nextScopeName(String fn) {
        int n = scopeCounters.merge(fn, 1, Integer::sum);
        return n == 1 ? fn : fn + "_" + n;
    }
}
