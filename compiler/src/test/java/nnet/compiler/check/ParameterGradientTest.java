package nnet.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import nnet.compiler.api.Compilation;
import nnet.compiler.driver.CompiledModel;
import nnet.compiler.ir.Root;
import nnet.compiler.memory.ProgramPlan;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.model.ProgramInfo;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * Gradients of parameters next to what must get none: a frozen parameter (no gradient root, no update)
 * and an i32 input (no input gradient); parameters of library layers; and models with a run-time dim.
 */
class ParameterGradientTest {

    private static void checkBoth(ModelCase c) {
        GradientCheck.check(c, true).assertOk();
        GradientCheck.check(c, false).assertOk();
    }

    private static ModelCase classifier(Random rnd) {
        CaseBuilder b = new CaseBuilder("classifier", rnd);
        int n = 1 + rnd.nextInt(5);
        int k = 1 + rnd.nextInt(4);
        int classes = 1 + rnd.nextInt(4);
        b.input("x", Shapes.of(n, k), Values.uniform(-1, 1));
        b.labels("label", Shapes.of(n), classes);
        b.param("w", Shapes.of(k, classes), Values.normal());
        b.frozenParam("f", Shapes.of(classes), Values.normal());
        b.param("unused", Shapes.of(2), Values.normal());
        b.input("r", Shapes.of(n, classes), Values.uniform(-1, 1));
        b.let("logits", "x @ w + f");
        b.output("probs", "softmax(logits)");
        b.output("u", "unused * 2");
        b.statement("metric accuracy = accuracy(logits, label)");
        return b.build("cross_entropy(logits, label) + sum(tanh(logits) * r)");
    }

    @Test
    void trainableParametersAndInputsGetGradientsFrozenAndIntegerOnesDoNot() {
        Properties.forAll("classifier", 20, ParameterGradientTest::classifier, c -> {
            checkBoth(c);
            Compilation compilation = Runs.compile(c, true);
            CompiledModel compiled = compilation.compiled(c.model());
            ProgramPlan train = compiled.plans().stream().filter(p -> p.name().equals(ProgramInfo.TRAIN))
                    .findFirst().orElseThrow();
            assertThat(rootNames(train, Root.Kind.GRAD)).containsExactlyInAnyOrder("w", "unused");
            assertThat(rootNames(train, Root.Kind.INPUT_GRAD)).containsExactlyInAnyOrder("x", "r");
            assertThat(compiled.warnings()).anyMatch(w -> w.contains("'unused'"));

            Model model = Runs.model(compilation, c);
            Executor ex = Runs.executor(model, c, true);
            Runs.Snapshot s = Runs.train(ex);
            assertThat(s.paramGradients()).containsOnlyKeys("w", "unused");
            assertThat(s.paramGradients().get("unused").doubles()).containsOnly(0.0);
            assertThatThrownBy(() -> model.gradient("f")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ex.inputGradient("label")).isInstanceOf(IllegalArgumentException.class);
        });
    }

    private static Set<String> rootNames(ProgramPlan plan, Root.Kind kind) {
        return plan.graph().roots(kind).stream().map(Root::name).collect(Collectors.toSet());
    }

    @Test
    void anSgdStepMovesTrainableParametersByTheirGradientAndLeavesFrozenOnes() {
        Properties.forAll("sgd step", 5, ParameterGradientTest::classifier, c -> {
            ModelCase trained = new ModelCase(c.label(), c.model(),
                    c.source() + "\ntrain Check {\n  optimizer = sgd(lr = 0.25)\n}\n", c.dims(), c.inputs(), c.params());
            Compilation compilation = Runs.compile(trained, true);
            Model model = Runs.model(compilation, trained);
            Executor ex = Runs.executor(model, trained, true);
            Runs.Snapshot before = Runs.train(ex);
            Map<String, Tensor> params = model.parameters();
            ex.step(0.25);
            double[] w = params.get("w").doubles();
            double[] g = before.paramGradients().get("w").doubles();
            double[] after = model.parameter("w").doubles();
            for (int i = 0; i < w.length; i++) {
                assertThat(after[i]).isEqualTo(w[i] - 0.25 * g[i]);
            }
            assertThat(model.parameter("f").doubles()).isEqualTo(params.get("f").doubles());
        });
    }

    @Test
    void libraryLayers() {
        Properties.forAll("nn.linear", 15, rnd -> {
            CaseBuilder b = new CaseBuilder("nn.linear", rnd).importNn();
            int n = 1 + rnd.nextInt(4);
            int k = 1 + rnd.nextInt(4);
            b.input("x", Shapes.of(n, k), Values.uniform(-1, 1));
            b.let("h", "tanh(nn.linear(x, " + (1 + rnd.nextInt(4)) + "))");
            int out = 1 + rnd.nextInt(3);
            b.let("z", "nn.linear(h, " + out + ", bias = " + rnd.nextBoolean() + ") as head");
            return b.weightedLoss("z", Shapes.of(n, out));
        }, ParameterGradientTest::checkBoth);
    }

    /** Models with a run-time dim: shapes, sizes (a mean over it) and row-wise ops along it. */
    @Test
    void runTimeDims() {
        List<String> menu = List.of("mean(x, 0)", "mean(x)", "sum(x, 0, true) * x", "softmax(x, 0)",
                "log_softmax(x, dim = -1)", "reshape(x, [batch, 2, -1])", "flatten(unsqueeze(x, 1), 1)",
                "transpose(x, 0, 1) @ x", "x @ w", "max(x, 0)", "mean(x, [0, 1], true) - x", "reshape(x, [-1])",
                "flatten(x)", "reshape(x, [-1, 2]) * 3", "sum(reshape(x, [2, -1]), 0)");
        Properties.forAll("run-time dims", 60, rnd -> {
            String expr = menu.get(rnd.nextInt(menu.size()));
            CaseBuilder b = new CaseBuilder(expr, rnd).dim("batch", 1 + rnd.nextInt(4));
            int k = 2 * (1 + rnd.nextInt(2));
            b.input("x", List.of("batch", String.valueOf(k)), Values.distinct());
            b.param("w", Shapes.of(k, 3), Values.normal());
            int[] label = {0};
            String y = b.let("y", expr);
            List<String> shape = switch (expr) {
                case "mean(x, 0)", "max(x, 0)" -> Shapes.of(k);
                case "mean(x)" -> List.of();
                case "reshape(x, [batch, 2, -1])" -> List.of("batch", "2", String.valueOf(k / 2));
                case "transpose(x, 0, 1) @ x" -> Shapes.of(k, k);
                case "x @ w" -> List.of("batch", "3");
                case "reshape(x, [-1])", "flatten(x)" -> List.of("batch * " + k);
                case "reshape(x, [-1, 2]) * 3" -> List.of("batch * " + k / 2, "2");
                case "sum(reshape(x, [2, -1]), 0)" -> List.of("batch * " + k / 2);
                default -> List.of("batch", String.valueOf(k));
            };
            if (rnd.nextBoolean()) {
                b.labels("label", List.of("batch"), k);
                label[0] = 1;
            }
            String r = b.input("r", shape, Values.uniform(-1, 1));
            return b.build("sum(" + y + " * " + r + ")" + (label[0] == 1 ? " + cross_entropy(x, label)" : ""));
        }, ParameterGradientTest::checkBoth);
    }
}
