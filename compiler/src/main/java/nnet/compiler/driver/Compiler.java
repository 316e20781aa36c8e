package nnet.compiler.driver;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nnet.compiler.autodiff.Autodiff;
import nnet.compiler.codegen.ClassGenerator;
import nnet.compiler.codegen.CodeLayout;
import nnet.compiler.frontend.ElaboratedModel;
import nnet.compiler.ir.Graph;
import nnet.compiler.ir.Root;
import nnet.compiler.memory.MemoryPlanner;
import nnet.compiler.memory.ModelLayout;
import nnet.compiler.memory.ProgramPlan;
import nnet.compiler.optim.OptimizerRule;
import nnet.compiler.optim.UpdateCodegen;
import nnet.compiler.passes.Pipeline;
import nnet.runtime.memory.MemoryNeeds;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ProgramInfo;
import nnet.runtime.model.TrainConfig;

/**
 * The pipeline after the front end: autodiff, one optimised graph per program (predict, evaluate,
 * train), memory planning, bytecode. Each stage can be printed.
 */
public final class Compiler {
    private final CompileOptions options;

    public Compiler(CompileOptions options) {
        this.options = options;
    }

    public CompiledModel compile(ElaboratedModel model, TrainConfig train) {
        Graph forward = model.train();
        dump("graph", model.name(), forward);
        if (model.modeDependent()) {
            dump("graph", model.name() + " (evaluation mode)", model.eval());
        }
        Autodiff.Result diff = Autodiff.differentiate(forward, options.inputGradients());
        Graph full = diff.graph();
        dump("autodiff", model.name(), full);
        List<String> warnings = new ArrayList<>();
        for (String p : diff.unreachedParams()) {
            warnings.add("parameter '" + p + "' does not affect the loss; its gradient is zero");
        }
        // Without modes the differentiated graph serves every program, which then share its nodes.
        Graph evaluation = model.modeDependent() ? model.eval() : full;
        ModelLayout layout = new ModelLayout(List.of(full, evaluation), model.dims());
        Pipeline pipeline = options.fuse() ? Pipeline.standard() : Pipeline.unfused();
        List<ProgramPlan> plans = new ArrayList<>();
        for (ProgramSpec spec : programs(full)) {
            Graph source = spec.name().equals(ProgramInfo.TRAIN) ? full : evaluation;
            Graph g = withRoots(source, spec.roots());
            if (g.roots().isEmpty()) {
                continue;
            }
            String title = model.name() + " " + spec.name();
            Graph optimised = pipeline.run(g, (pass, before, after) -> {
                if (options.dumps(pass.name())) {
                    options.dump().accept(title + " before " + pass.name(), before.toString());
                    options.dump().accept(title + " after " + pass.name(), after.toString());
                }
            });
            dump("final", title, optimised);
            ProgramPlan plan = MemoryPlanner.plan(spec.name(), plans.size(), optimised, layout);
            if (options.dumps("memory")) {
                options.dump().accept(title + " memory", MemoryReport.describe(plan, layout));
            }
            plans.add(plan);
        }
        OptimizerRule rule = train == null ? null : OptimizerRule.of(train.optimizer());
        String internalName = CodeLayout.GENERATED_PACKAGE + javaName(model.name());
        UpdateCodegen update = new UpdateCodegen(rule, train == null ? null : train.clipping());
        byte[] bytes = ClassGenerator.generate(internalName, layout, plans, update);
        ModelInfo info = ModelInfoBuilder.build(model, internalName.replace('/', '.'), layout, plans, train,
                rule == null ? new double[0] : rule.initialValues());
        memoryWarning(info).ifPresent(warnings::add);
        return new CompiledModel(info, internalName, bytes, layout, plans, warnings, model.modeDependent());
    }

    private record ProgramSpec(String name, Set<Root.Kind> roots) {
    }

    private List<ProgramSpec> programs(Graph full) {
        boolean hasLoss = !full.roots(Root.Kind.LOSS).isEmpty();
        List<ProgramSpec> specs = new ArrayList<>();
        specs.add(new ProgramSpec(ProgramInfo.PREDICT, EnumSet.of(Root.Kind.OUTPUT, Root.Kind.STATE)));
        specs.add(new ProgramSpec(ProgramInfo.EVALUATE,
                EnumSet.of(Root.Kind.OUTPUT, Root.Kind.LOSS, Root.Kind.METRIC, Root.Kind.STATE)));
        if (hasLoss) {
            Set<Root.Kind> train = EnumSet.of(Root.Kind.LOSS, Root.Kind.METRIC, Root.Kind.GRAD, Root.Kind.STATE);
            if (options.inputGradients()) {
                train.add(Root.Kind.INPUT_GRAD);
                train.add(Root.Kind.OUTPUT);
            }
            specs.add(new ProgramSpec(ProgramInfo.TRAIN, train));
        }
        return specs;
    }

    /**
     * Whether the model would fit in this JVM's heap at its training batch; checked here so that
     * {@code nnetc check} and {@code summary} say so before a run fails on it.
     */
    private static Optional<String> memoryWarning(ModelInfo info) {
        int[] dims = MemoryNeeds.trainingDims(info);
        long bytes = MemoryNeeds.model(info) + MemoryNeeds.executor(info, dims);
        return Optional.ofNullable(MemoryNeeds.shortfall(bytes, MemoryNeeds.subject(info, dims)));
    }

    private static Graph withRoots(Graph g, Set<Root.Kind> kinds) {
        return new Graph(g.name(), g.nodes(), g.roots().stream().filter(r -> kinds.contains(r.kind())).toList());
    }

    private void dump(String stage, String title, Graph g) {
        if (options.dumps(stage)) {
            options.dump().accept(title + " " + stage, g.toString());
        }
    }

    /** A Java identifier for a model name (model names are already identifiers; keep it safe anyway). */
    private static String javaName(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            sb.append(Character.isJavaIdentifierPart(c) ? c : '_');
        }
        return Character.isJavaIdentifierStart(sb.charAt(0)) ? sb.toString() : "M" + sb;
    }
}
