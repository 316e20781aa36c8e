package nnet.compiler.driver;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * How to compile: with fusion or without (each op its own kernel), with gradients for floating-point
 * inputs (for checking a model against a reference), where printed IR stages go, and where imported
 * user modules are found.
 *
 * @param dumpStage  a stage name ("graph", "autodiff", a pass name such as "elementwise-fusion",
 *                   "final", "memory" or "all"), or null for none
 * @param dump       receives (title, text) for each printed stage
 * @param importPath directories where {@code import NAME} looks for NAME.nnet, in order, after the
 *                   directory of the importing file (a source compiled from text has none)
 */
public record CompileOptions(boolean fuse, boolean inputGradients, String dumpStage, BiConsumer<String, String> dump,
                             List<Path> importPath) {

    public CompileOptions {
        importPath = List.copyOf(importPath);
    }

    public static CompileOptions defaults() {
        return new CompileOptions(true, false, null, (t, s) -> { }, List.of());
    }

    public CompileOptions withFusion(boolean f) {
        return new CompileOptions(f, inputGradients, dumpStage, dump, importPath);
    }

    public CompileOptions withInputGradients(boolean g) {
        return new CompileOptions(fuse, g, dumpStage, dump, importPath);
    }

    public CompileOptions withDump(String stage, BiConsumer<String, String> sink) {
        return new CompileOptions(fuse, inputGradients, stage, sink, importPath);
    }

    public CompileOptions withImportPath(List<Path> roots) {
        return new CompileOptions(fuse, inputGradients, dumpStage, dump, roots);
    }

    boolean dumps(String stage) {
        return dumpStage != null && (dumpStage.equals("all") || dumpStage.equals(stage));
    }
}
