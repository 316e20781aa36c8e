package nnet.compiler.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nnet.compiler.driver.CompileOptions;
import nnet.compiler.driver.CompiledModel;
import nnet.compiler.driver.Compiler;
import nnet.compiler.driver.DeepStack;
import nnet.compiler.frontend.ElaboratedModel;
import nnet.compiler.frontend.Frontend;
import nnet.compiler.source.CompilationException;
import nnet.compiler.source.Diagnostic;
import nnet.runtime.Model;
import nnet.runtime.model.TrainConfig;

/**
 * The result of compiling one source: its models, each compiled to bytecode on first request and
 * loaded in memory. Nothing is written to disk.
 */
public final class Compilation {
    private final Frontend.Result front;
    private final CompileOptions options;
    private final Map<String, CompiledModel> compiled = new LinkedHashMap<>();

    Compilation(Frontend.Result front, CompileOptions options) {
        this.front = front;
        this.options = options;
    }

    /** The names of the models in the source, in order. */
    public List<String> modelNames() {
        return List.copyOf(front.models().keySet());
    }

    /** The training settings of a model, or null if the source has no train section for it. */
    public TrainConfig training(String model) {
        return front.training().get(model);
    }

    /** The compiled form of a model: metadata, class bytes, plans. */
    public synchronized CompiledModel compiled(String model) {
        ElaboratedModel m = front.models().get(model);
        if (m == null) {
            throw new IllegalArgumentException("no model named '" + model + "'; the source has " + modelNames());
        }
        return compiled.computeIfAbsent(model, k -> {
            try {
                return DeepStack.run("nnet compiler", () -> new Compiler(options).compile(m, front.training().get(k)));
            } catch (StackOverflowError tooDeep) {
                throw new CompilationException(Diagnostic.error(m.span(),
                        "model '" + model + "' is too deeply nested to compile"));
            }
        });
    }

    /** A fresh instance of a model, its parameters initialised from its training seed. */
    public Model model(String model) {
        CompiledModel c = compiled(model);
        Class<?> code = new GeneratedClassLoader().define(c.className(), c.classBytes());
        return Model.of(c.info(), code);
    }

    /** The first model of the source. */
    public Model model() {
        return model(modelNames().get(0));
    }

    public String firstModelName() {
        return modelNames().get(0);
    }
}
