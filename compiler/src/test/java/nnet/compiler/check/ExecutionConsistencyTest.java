package nnet.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import nnet.compiler.api.Compilation;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * On random models in f32 and f64: fusion and memory planning change nothing that a program delivers,
 * running a program again gives the same results (no state leaks through the arena), and executors of
 * different batch sizes of one model do not disturb each other.
 */
class ExecutionConsistencyTest {
    private static final int TRIES = 200;

    /** A random model in f64 and the same model in f32, alternately. */
    static ModelCase eitherPrecision(Random rnd) {
        ModelCase c = RandomModels.generate(rnd);
        return rnd.nextBoolean() ? c : c.toF32();
    }

    private static void assertSame(String what, Runs.Snapshot a, Runs.Snapshot b) {
        assertThat(Runs.bitwiseDifferences(a, b)).as(what).isEmpty();
    }

    private static void assertSameOutputs(String what, Map<String, Tensor> a, Map<String, Tensor> b) {
        assertSame(what, new Runs.Snapshot(0, Map.of(), a, Map.of(), Map.of()),
                new Runs.Snapshot(0, Map.of(), b, Map.of(), Map.of()));
    }

    /**
     * How far fused f32 results may be from unfused ones, relative to the largest magnitude of the
     * tensor compared. Fusion regroups elementwise work into fewer loops but computes every element by
     * the same operations in the same order and precision: f32 arithmetic rounds each operation whether
     * the value then goes to memory or stays in a local, functions computed in double round once either
     * way, and reductions and products are untouched. What differs is constant folding: a fused body
     * folds constant subexpressions in double (the gradient of x / 9.74 multiplies by 1/9.74 rounded
     * once to f32), whereas the unfused kernel computes them in f32 from the constants rounded to f32
     * (1f / 9.74f). Those constants may differ in the last bit, and the results by a few ulps. In f64
     * the folding is exactly the arithmetic the kernel would do, so f64 results must be identical.
     */
    static final double FUSION_F32_TOLERANCE = 1e-5;

    @Test
    void fusionDoesNotChangeAnyResult() {
        Properties.forAll("fused vs unfused", TRIES, ExecutionConsistencyTest::eitherPrecision, c -> {
            Compilation fused = Runs.compile(c, true);
            Compilation unfused = Runs.compile(c, false);
            Executor f = Runs.executor(Runs.model(fused, c), c, true);
            Executor u = Runs.executor(Runs.model(unfused, c), c, true);
            double tolerance = c.inputs().values().stream().anyMatch(t -> t.dtype() == nnet.runtime.DType.F32)
                    ? FUSION_F32_TOLERANCE : 0;
            assertThat(Runs.differences(Runs.train(f), Runs.train(u), tolerance)).as("train").isEmpty();
            assertThat(Runs.differences(Runs.evaluate(f), Runs.evaluate(u), tolerance)).as("evaluate").isEmpty();
            Runs.Snapshot pf = new Runs.Snapshot(0, Map.of(), Runs.predict(f), Map.of(), Map.of());
            Runs.Snapshot pu = new Runs.Snapshot(0, Map.of(), Runs.predict(u), Map.of(), Map.of());
            assertThat(Runs.differences(pf, pu, tolerance)).as("predict").isEmpty();
        });
    }

    @Test
    void planningDoesNotChangeAnyResultAndRunsRepeat() {
        Properties.forAll("planned vs unplanned", TRIES, ExecutionConsistencyTest::eitherPrecision, c -> {
            for (boolean fuse : new boolean[] {true, false}) {
                Model model = Runs.model(Runs.compile(c, fuse), c);
                Executor planned = Runs.executor(model, c, true);
                Executor unplanned = Runs.executor(model, c, false);
                Runs.Snapshot train = Runs.train(planned);
                Runs.Snapshot evaluate = Runs.evaluate(planned);
                Map<String, Tensor> predict = Runs.predict(planned);
                assertSame("train again", train, Runs.train(planned));
                assertSame("evaluate again", evaluate, Runs.evaluate(planned));
                assertSameOutputs("predict again", predict, Runs.predict(planned));
                assertSame("evaluate after train", evaluate, Runs.evaluate(planned));
                assertSame("train unplanned", train, Runs.train(unplanned));
                assertSame("evaluate unplanned", evaluate, Runs.evaluate(unplanned));
                assertSameOutputs("predict unplanned", predict, Runs.predict(unplanned));
                // The programs share their forward computation: the loss and outputs agree.
                assertThat(evaluate.loss()).as("loss of train and evaluate").isEqualTo(train.loss());
                assertSameOutputs("outputs of evaluate and predict", evaluate.outputs(), predict);
                assertSameOutputs("outputs of evaluate and train", evaluate.outputs(), train.outputs());
            }
        });
    }

    @Test
    void executorsOfDifferentBatchSizesDoNotDisturbEachOther() {
        Function<Random, ModelCase> withBatch = rnd -> {
            for (;;) {
                ModelCase c = eitherPrecision(rnd);
                if (c.source().contains("batch")) {
                    return c;
                }
            }
        };
        Properties.forAll("two batch sizes", 80, withBatch, c -> {
            Compilation compilation = Runs.compile(c, true);
            int small = c.dims().get("batch");
            Map<String, Integer> other = Map.of("batch", small % 5 + 1 + (small == 4 ? 1 : 0));
            // References: each batch size alone, in a model of its own.
            Runs.Snapshot aloneA = Runs.train(Runs.executor(Runs.model(compilation, c), c, true));
            Runs.Snapshot aloneB = Runs.train(Runs.executor(Runs.model(compilation, c), c, other, true));
            Model shared = Runs.model(compilation, c);
            Executor a = Runs.executor(shared, c, true);
            Executor b = Runs.executor(shared, c, other, true);
            for (int round = 0; round < 2; round++) {
                assertSame("batch " + small + ", round " + round, aloneA, Runs.train(a));
                assertSame("batch " + other.get("batch") + ", round " + round, aloneB, Runs.train(b));
            }
        });
    }

    /**
     * f32 code computes what f64 code computes, to f32 accuracy: both programs run from the same values
     * (rounded to f32), and every delivered value must agree within 1e-3 of its tensor's scale (at
     * least 0.01, as values that cancel to 0 in f64 keep rounding errors in f32). This
     * covers the f32 paths of the code generator, which the f64 gradient checks do not reach.
     */
    @Test
    void f32AgreesWithF64() {
        Properties.forAll("f32 vs f64", TRIES, RandomModels::generate, c64 -> {
            ModelCase c32 = c64.toF32();
            ModelCase same64 = new ModelCase(c64.label(), c64.model(), c64.source(), c64.dims(),
                    toF64(c32.inputs()), toF64(c32.params()));
            Runs.Snapshot single = Runs.train(Runs.executor(Runs.model(Runs.compile(c32, true), c32), c32, true));
            Runs.Snapshot dbl = Runs.train(Runs.executor(Runs.model(Runs.compile(same64, true), same64), same64, true));
            // Accuracy counts argmaxes, which rounding may flip where scores tie (as they do where
            // a value was broadcast): it is left out.
            assertThat(Runs.differences(withoutAccuracy(single), withoutAccuracy(dbl), 1e-3, 1e-2)).isEmpty();
        });
    }

    private static Runs.Snapshot withoutAccuracy(Runs.Snapshot s) {
        Map<String, Double> metrics = new java.util.LinkedHashMap<>(s.metrics());
        metrics.remove("accuracy");
        return new Runs.Snapshot(s.loss(), metrics, s.outputs(), s.inputGradients(), s.paramGradients());
    }

    private static Map<String, Tensor> toF64(Map<String, Tensor> values) {
        Map<String, Tensor> out = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v.dtype().isFloat() ? v.to(nnet.runtime.DType.F64) : v));
        return out;
    }

    /** Rows of a per-row model do not depend on the batch they are computed in. */
    @Test
    void rowsDoNotDependOnTheBatchSize() {
        String source = """
                import nn

                model Mlp {
                  input x: f64[batch, 5]
                  input label: i32[batch]
                  h = tanh(nn.linear(x, 7))
                  logits = nn.linear(h, 3)
                  output probs = softmax(logits)
                  loss = cross_entropy(logits, label)
                }
                """;
        Properties.forAll("rows", 10, rnd -> {
            double[] x = new double[6 * 5];
            for (int i = 0; i < x.length; i++) {
                x[i] = rnd.nextGaussian();
            }
            return x;
        }, x -> {
            for (boolean fuse : new boolean[] {true, false}) {
                Model m = Nnet.compile("mlp.nnet", source, Runs.options(fuse)).model("Mlp");
                Executor big = m.executor(6);
                Executor small = m.executor(2);
                big.setInput("x", Tensor.of(x, 6, 5));
                small.setInput("x", Tensor.of(java.util.Arrays.copyOf(x, 10), 2, 5));
                big.predict();
                small.predict();
                double[] p = big.output("probs").doubles();
                double[] q = small.output("probs").doubles();
                for (int i = 0; i < q.length; i++) {
                    assertThat(q[i]).isCloseTo(p[i], org.assertj.core.data.Offset.offset(1e-14));
                }
            }
        });
    }
}
