package nnet.compiler.cli;

import java.nio.file.Path;
import nnet.compiler.api.Compilation;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The source file and model selection shared by every nnetc command. */
final class SourceOptions {
    @Parameters(index = "0", paramLabel = "FILE", description = "The .nnet source.")
    Path file;

    @Option(names = "--model", paramLabel = "NAME", description = "The model to use when the file has several (default: the first).")
    String model;

    @Option(names = "--dump-ir", paramLabel = "STAGE",
            description = "Print the IR at a stage to standard error: graph, autodiff, a pass name "
                    + "(dce, prune-loop-results, cse, constant-folding, algebraic-simplification, elementwise-fusion, "
                    + "reduction-prologue-fusion, matmul-epilogue-fusion, root-copies: before and after it), final, "
                    + "memory, or all.")
    String dumpIr;

    @Option(names = "--no-fusion", description = "Compile every op to its own kernel.")
    boolean noFusion;

    @Option(names = "--import-path", paramLabel = "DIR",
            description = "A directory where 'import NAME' finds NAME.nnet, after the importing file's own "
                    + "directory; may be given several times, searched in order.")
    java.util.List<Path> importPath = new java.util.ArrayList<>();

    Compilation compile(boolean inputGradients) {
        if (dumpIr != null && !stages().contains(dumpIr)) {
            throw new nnet.runtime.cli.UsageError("unknown IR stage '" + dumpIr + "' for --dump-ir; stages: "
                    + String.join(", ", stages()));
        }
        CompileOptions options = CompileOptions.defaults().withFusion(!noFusion).withInputGradients(inputGradients)
                .withDump(dumpIr, (title, text) -> {
                    System.err.println("=== " + title);
                    System.err.print(text);
                })
                .withImportPath(importPath);
        return Nnet.compile(file, options);
    }

    /** The stages --dump-ir can print, in pipeline order. */
    static java.util.List<String> stages() {
        java.util.List<String> stages = new java.util.ArrayList<>(java.util.List.of("graph", "autodiff"));
        for (nnet.compiler.passes.Pass p : nnet.compiler.passes.Pipeline.standard().passes()) {
            if (!stages.contains(p.name())) {
                stages.add(p.name());
            }
        }
        stages.addAll(java.util.List.of("final", "memory", "all"));
        return stages;
    }

    String modelName(Compilation c) {
        if (model == null) {
            return c.firstModelName();
        }
        if (!c.modelNames().contains(model)) {
            throw new nnet.runtime.cli.UsageError(file + " has no model '" + model + "'; it has " + c.modelNames());
        }
        return model;
    }
}
