package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nnet.compiler.check.CaseBuilder;
import nnet.compiler.check.ModelCase;
import nnet.compiler.check.Runs;
import nnet.compiler.check.Values;
import nnet.runtime.Executor;
import nnet.runtime.Tensor;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * A scan computes what its steps written out one after another compute: the same outputs, loss and
 * gradients, for random lengths, directions, step dims, f64 and f32, fused or not, with or without the
 * memory plan, and with the length and batch fixed in the source or bound at run time.
 */
class ScanSemanticsTest {
    private static final int TRIES = 20;

    private static final String CELL = "fn cell(x, h, c, w, u) {\n"
            + "  g = sigmoid(x @ w + h @ u)\n"
            + "  c = g * c + (1 - g) * tanh(x @ w)\n"
            + "  h = tanh(c) * g\n"
            + "  return h, c, h * c + x\n}";

    /** The same model twice, as a scan and unrolled, with the same values. */
    private record Pair(ModelCase scan, ModelCase unrolled, ModelCase runTimeLength) {
        @Override
        public String toString() {
            return scan + "\n" + unrolled.source();
        }
    }

    private static Pair pair(Random rnd) {
        int steps = 1 + rnd.nextInt(5);
        int batch = 1 + rnd.nextInt(3);
        int n = 1 + rnd.nextInt(3);
        boolean reverse = rnd.nextBoolean();
        boolean batchFirst = rnd.nextBoolean();
        long seed = rnd.nextLong();
        ModelCase scan = model(new Random(seed), steps, batch, n, reverse, batchFirst, true, false);
        ModelCase unrolled = model(new Random(seed), steps, batch, n, reverse, batchFirst, false, false);
        ModelCase runTime = model(new Random(seed), steps, batch, n, reverse, batchFirst, true, true);
        return new Pair(scan, unrolled, runTime);
    }

    private static ModelCase model(Random rnd, int steps, int batch, int n, boolean reverse, boolean batchFirst,
                                   boolean asScan, boolean runTimeDims) {
        CaseBuilder b = new CaseBuilder(asScan ? "scan" : "unrolled", rnd);
        b.function(CELL);
        Object seq = steps;
        Object rows = batch;
        if (runTimeDims) {
            b.dim("seq", steps).dim("batch", batch);
            seq = "seq";
            rows = "batch";
        }
        List<String> seqShape = batchFirst ? shape(rows, seq, n) : shape(seq, rows, n);
        b.input("xs", seqShape, Values.uniform(-1, 1));
        b.input("h0", shape(rows, n), Values.uniform(-1, 1));
        b.input("c0", shape(rows, n), Values.uniform(-1, 1));
        b.param("w", shape(n, n), Values.uniform(-1, 1));
        b.param("u", shape(n, n), Values.uniform(-1, 1));
        int dim = batchFirst ? 1 : 0;
        if (asScan) {
            b.let("hn, cn, ys", "scan(cell, xs, (h0, c0), extra = (w, u), dim = " + dim
                    + (reverse ? ", reverse = true" : "") + ")");
        } else {
            b.let("h", "h0");
            b.let("c", "c0");
            b.let("ys", "[]");
            b.statement("for i in range(" + steps + ") {");
            b.statement("  t = " + (reverse ? (steps - 1) + " - i" : "i"));
            b.statement("  h, c, y = cell(" + (batchFirst ? "xs[:, t]" : "xs[t]") + ", h, c, w, u)");
            b.statement("  ys = " + (reverse ? "[y] + ys" : "ys + [y]"));
            b.statement("}");
            b.let("hn", "h");
            b.let("cn", "c");
            b.let("ys", "stack(ys, " + dim + ")");
        }
        b.output("out", "ys");
        b.output("final_h", "hn");
        b.output("final_c", "cn");
        String r = b.input("r", seqShape, Values.uniform(-1, 1));
        return b.build("sum(ys * " + r + ") + sum(hn * cn)");
    }

    private static List<String> shape(Object... dims) {
        List<String> s = new ArrayList<>();
        for (Object d : dims) {
            s.add(String.valueOf(d));
        }
        return s;
    }

    @Test
    void aScanEqualsItsStepsWrittenOut() {
        Properties.forAll("scan = unrolled", TRIES, ScanSemanticsTest::pair, p -> {
            for (boolean f32 : new boolean[] {false, true}) {
                for (boolean fuse : new boolean[] {true, false}) {
                    Map<String, Tensor> expected = run(f32 ? p.unrolled().toF32() : p.unrolled(), fuse, true);
                    for (ModelCase scan : List.of(p.scan(), p.runTimeLength())) {
                        for (boolean planned : new boolean[] {true, false}) {
                            String how = (f32 ? "f32, " : "f64, ") + (fuse ? "fused, " : "unfused, ")
                                    + (planned ? "planned, " : "unplanned, ") + scan.dims();
                            compare(run(f32 ? scan.toF32() : scan, fuse, planned), expected, f32 ? 1e-5 : 1e-12, how);
                        }
                    }
                }
            }
        });
    }

    private static void compare(Map<String, Tensor> actual, Map<String, Tensor> expected, double tolerance, String how) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((k, v) -> assertThat(close(actual.get(k), v, tolerance)).as("%s (%s): %s, expected %s", k, how,
                actual.get(k), v).isTrue());
    }

    /**
     * A scan of 1,000 steps whose program delivers only the final state: predict's arena does not grow
     * with the length (nothing is stacked), while training's does (it keeps what backpropagation reads).
     */
    @Test
    void predictOverAThousandStepsNeedsNoMoreMemoryThanOverTen() {
        String source = CELL + "\n"
                + "model Long {\n  input xs: f32[seq, 2, 3]\n  input t: f32[2, 3]\n  param w: [3, 3] = normal(0, 0.5)\n"
                + "  param u: [3, 3] = normal(0, 0.5)\n"
                + "  h, c, ys = scan(cell, xs, (zeros([2, 3]), zeros([2, 3])), extra = (w, u))\n"
                + "  output last = h\n  loss = mean((h - t) ** 2)\n}\n";
        nnet.compiler.api.Compilation c = nnet.compiler.api.Nnet.compile("long.nnet", source);
        nnet.compiler.driver.CompiledModel compiled = c.compiled("Long");
        java.util.function.BiFunction<String, Integer, Long> arena = (program, seq) -> compiled.plans().stream()
                .filter(p -> p.name().equals(program)).findFirst().map(p -> nnet.compiler.driver.MemoryReport.plan(p,
                        nnet.runtime.DType.F32, compiled.layout(), new int[] {seq}).arenaSize()).orElseThrow();
        assertThat(arena.apply("predict", 1000)).isEqualTo(arena.apply("predict", 10));
        assertThat(arena.apply("train", 1000)).isGreaterThan(50 * arena.apply("train", 10));
        Executor ex = c.model("Long").executor(Map.of("seq", 1000), true);
        float[] xs = (float[]) ex.inputArray("xs");
        for (int i = 0; i < xs.length; i++) {
            xs[i] = (float) Math.sin(i);
        }
        ex.predict();
        for (float v : ex.output("last").floats()) {
            assertThat(Float.isFinite(v) && Math.abs(v) < 1).isTrue();
        }
    }

    /** A weight passed to the step but not read by it takes a zero gradient, as any unused parameter. */
    @Test
    void aWeightTheStepDoesNotReadGetsAZeroGradient() {
        String source = "fn step(x, h, w, unused) {\n  h = tanh(x @ w + h)\n  return h, h\n}\n"
                + "model M {\n  input xs: f64[3, 2, 2]\n  param w: [2, 2] = normal(0, 1)\n  param u: [2, 2] = normal(0, 1)\n"
                + "  h, ys = scan(step, xs, zeros([2, 2]), extra = (w, u))\n  loss = sum(ys * ys)\n}\n";
        nnet.runtime.Model m = nnet.compiler.api.Nnet.compile("unused.nnet", source).model();
        Executor ex = m.executor(Map.of(), true);
        double[] xs = (double[]) ex.inputArray("xs");
        for (int i = 0; i < xs.length; i++) {
            xs[i] = Math.cos(i);
        }
        ex.gradients();
        assertThat(m.gradient("u").doubles()).containsOnly(0.0);
        assertThat(java.util.Arrays.stream(m.gradient("w").doubles()).map(Math::abs).max().orElse(0)).isPositive();
    }

    /** Outputs of predict, then loss, outputs and gradients of a train run. */
    private static Map<String, Tensor> run(ModelCase c, boolean fuse, boolean planned) {
        Executor ex = Runs.executor(Runs.model(Runs.compile(c, fuse), c), c, planned);
        Map<String, Tensor> all = new java.util.LinkedHashMap<>();
        Runs.predict(ex).forEach((k, v) -> all.put("predict " + k, v.copy()));
        all.putAll(Runs.train(ex).all());
        return all;
    }

    private static boolean close(Tensor a, Tensor b, double tolerance) {
        if (a == null || !java.util.Arrays.equals(a.shape(), b.shape())) {
            return false;
        }
        double scale = 1e-30;
        for (int i = 0; i < b.size(); i++) {
            scale = Math.max(scale, Math.abs(b.getDouble(i)));
        }
        for (int i = 0; i < b.size(); i++) {
            if (!(Math.abs(a.getDouble(i) - b.getDouble(i)) <= tolerance * Math.max(1, scale))) {
                return false;
            }
        }
        return true;
    }
}
