package nnet.compiler.driver;

import java.util.function.BiConsumer;

/**
 * How to compile: with fusion or without (each op its own kernel), with gradients for floating-point
 * inputs (for checking a model against a reference), and where printed IR stages go.
 *
 * @param dumpStage a stage name ("graph", "autodiff", a pass name such as "elementwise-fusion",
 *                  "final", "memory" or "all"), or null for none
 * @param dump      receives (title, text) for each printed stage
 */
public record CompileOptions(boolean fuse, boolean inputGradients, String dumpStage, BiConsumer<String, String> dump) {

    public static CompileOptions defaults() {
        return new CompileOptions(true, false, null, (t, s) -> { });
    }

    public CompileOptions withFusion(boolean f) {
        return new CompileOptions(f, inputGradients, dumpStage, dump);
    }

    public CompileOptions withInputGradients(boolean g) {
        return new CompileOptions(fuse, g, dumpStage, dump);
    }

    public CompileOptions withDump(String stage, BiConsumer<String, String> sink) {
        return new CompileOptions(fuse, inputGradients, stage, sink);
    }

    boolean dumps(String stage) {
        return dumpStage != null && (dumpStage.equals("all") || dumpStage.equals(stage));
    }
}
