package nnet.compiler.frontend;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnet.compiler.ast.Decl;
import nnet.compiler.ast.Module;
import nnet.compiler.driver.DeepStack;
import nnet.compiler.source.CompilationException;
import nnet.compiler.source.Diagnostic;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.SourceFile;
import nnet.compiler.source.Span;
import nnet.runtime.model.TrainConfig;

/**
 * Source to checked graphs: parses a file, loads the standard-library modules it needs, and elaborates
 * every model and training section. All problems are collected; if there is any error, a
 * {@link nnet.compiler.source.CompilationException} holding all of them is thrown at the end.
 */
public final class Frontend {
    private Frontend() {
    }

    /** The models of a file, in source order, with their training sections where present. */
    public record Result(Map<String, ElaboratedModel> models, Map<String, TrainConfig> training) {
    }

    /** Compiles a source that imports only standard-library modules. */
    public static Result compile(SourceFile source) {
        return compile(source, null, List.of());
    }

    /**
     * Compiles a source read from {@code file} (null for a source given as text, which finds user modules
     * in {@code importPath} only); user modules are looked for beside the file first.
     */
    public static Result compile(SourceFile source, Path file, List<Path> importPath) {
        try {
            return DeepStack.run("nnet frontend", () -> compileChecked(source, file, importPath));
        } catch (StackOverflowError tooDeep) {
            // A last resort: the parser bounds nesting, but deep chains of function calls could still get here.
            throw new CompilationException(Diagnostic.error(Span.none(source.name()),
                    "the source nests too deeply to compile"));
        }
    }

    private static Result compileChecked(SourceFile source, Path file, List<Path> importPath) {
        Diagnostics d = new Diagnostics();
        Module main = Parser.parse("main", source, d);
        // A tree with syntax errors has holes; elaborating it would mostly report their consequences.
        d.throwIfErrors();
        ModuleSet modules = new ModuleSet(main, file, ImportPath.of(importPath, d), d);
        if (modules.hasSyntaxErrors()) {
            d.throwIfErrors();
        }
        checkDeclarations(main, d);
        modules.userModules().forEach(m -> checkDeclarations(m, d));
        if (main.models().isEmpty() && !d.hasErrors()) {
            d.error(new Span(source, 1, 1, 1), "no model in this file; declare one with 'model Name { ... }'");
        }
        Map<String, ElaboratedModel> models = new LinkedHashMap<>();
        Set<String> failed = new HashSet<>();
        for (Decl.Model m : main.models()) {
            if (!models.containsKey(m.name())) {
                int errorsBefore = d.errorCount();
                models.put(m.name(), new Elaborator(modules, d).model(m));
                if (d.errorCount() > errorsBefore) {
                    failed.add(m.name());
                }
            }
        }
        Map<String, TrainConfig> training = new LinkedHashMap<>();
        for (Decl.Train t : main.trains()) {
            ElaboratedModel model = models.get(t.model());
            if (model == null) {
                d.error(t.span(), "no model named '" + t.model() + "' to train");
            } else if (training.containsKey(t.model())) {
                d.error(t.span(), "model '" + t.model() + "' already has a training section");
            } else {
                TrainSection.Settings s = TrainSection.read(t, model, failed.contains(t.model()), main, modules, d);
                if (s != null) {
                    training.put(t.model(), s.config());
                    if (!s.freeze().isEmpty()) {
                        models.put(t.model(), Freezing.apply(model, s.freeze(), s.freezeSpan(), d));
                    }
                }
            }
        }
        d.throwIfErrors();
        return new Result(models, training);
    }

    private static void checkDeclarations(Module module, Diagnostics d) {
        Map<String, Span> seen = new HashMap<>();
        List<Decl> named = new ArrayList<>(module.functions());
        named.addAll(module.models());
        for (Decl decl : named) {
            String name = decl instanceof Decl.Fn f ? f.name() : ((Decl.Model) decl).name();
            Span earlier = seen.putIfAbsent(name, decl.span());
            if (earlier != null) {
                d.error(decl.span(), "'" + name + "' is already declared at " + earlier);
            }
            if (decl instanceof Decl.Fn && Builtins.get(name) != null) {
                d.error(decl.span(), "'" + name + "' is a built-in function; choose another name");
            }
        }
    }
}
