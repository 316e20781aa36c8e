package nnet.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import nnet.runtime.kernels.DoublePackedB;
import nnet.runtime.kernels.FloatPackedB;
import nnet.runtime.kernels.Gemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link Gemm} on the products of one training step of a 784-500-10 MLP at batch 100, and
 * on a 512 x 512 x 512 square. Each invocation counts as its number of kiloflops (2mnk / 1000), so the
 * score in ops/us reads directly as GFLOP/s.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar GemmBench -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GemmBench {
    private static final int BATCH = 100;
    private static final int IN = 784;
    private static final int HIDDEN = 500;
    private static final int OUT = 10;
    private static final int SQUARE = 512;

    /** 2 * 100 * 500 * 784 / 1000: the three big products of the MLP step have the same count. */
    private static final int MLP_KFLOP = 78_400;
    private static final int SMALL_KFLOP = 2 * BATCH * HIDDEN * OUT / 1000;
    /** 2 * 512^3 / 1000 = 268435.456, truncated: the score is 0.0002 % low. */
    private static final int SQUARE_KFLOP = 268_435;

    private float[] x;        // 100 x 784 inputs
    private float[] w1;       // 500 x 784 first-layer weights, as stored by a Linear layer
    private float[] g1;       // 100 x 500 gradient at the hidden layer
    private float[] h;        // 100 x 500 hidden activations
    private float[] w2;       // 10 x 500 second-layer weights
    private float[] hidden;   // 100 x 500 output of the forward product
    private float[] dw1;      // 500 x 784
    private float[] dx;       // 100 x 784
    private float[] out;      // 100 x 10
    private float[] sa;
    private float[] sb;
    private float[] sc;
    private double[] xd;
    private double[] w1d;
    private double[] hiddenD;
    private FloatPackedB w1Packed;
    private DoublePackedB w1PackedD;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        x = randomFloats(random, BATCH * IN);
        w1 = randomFloats(random, HIDDEN * IN);
        g1 = randomFloats(random, BATCH * HIDDEN);
        h = randomFloats(random, BATCH * HIDDEN);
        w2 = randomFloats(random, OUT * HIDDEN);
        hidden = new float[BATCH * HIDDEN];
        dw1 = new float[HIDDEN * IN];
        dx = new float[BATCH * IN];
        out = new float[BATCH * OUT];
        sa = randomFloats(random, SQUARE * SQUARE);
        sb = randomFloats(random, SQUARE * SQUARE);
        sc = new float[SQUARE * SQUARE];
        xd = randomDoubles(random, BATCH * IN);
        w1d = randomDoubles(random, HIDDEN * IN);
        hiddenD = new double[BATCH * HIDDEN];
        w1Packed = FloatPackedB.of(true, HIDDEN, IN, w1, 0, IN);
        w1PackedD = DoublePackedB.of(true, HIDDEN, IN, w1d, 0, IN);
    }

    /** Forward: x (100 x 784) times W1^T, W1 being 500 x 784. */
    @Benchmark
    @OperationsPerInvocation(MLP_KFLOP)
    public float[] forward() {
        Gemm.sgemm(false, true, BATCH, HIDDEN, IN, x, 0, IN, w1, 0, IN, hidden, 0, HIDDEN, false);
        return hidden;
    }

    /** Forward with W1^T packed ahead, as generated code does when the weights stay fixed. */
    @Benchmark
    @OperationsPerInvocation(MLP_KFLOP)
    public float[] forwardPackedWeights() {
        Gemm.sgemm(false, BATCH, x, 0, IN, w1Packed, hidden, 0, HIDDEN, false);
        return hidden;
    }

    /** Forward with packed weights in blocks of 20 rows, as for a fused per-block epilogue. */
    @Benchmark
    @OperationsPerInvocation(MLP_KFLOP)
    public float[] forwardPackedWeightsRowBlocks() {
        for (int r0 = 0; r0 < BATCH; r0 += 20) {
            Gemm.sgemmRows(r0, Math.min(BATCH, r0 + 20), false, x, 0, IN, w1Packed, hidden, 0, HIDDEN, false);
        }
        return hidden;
    }

    /** Forward for a single example: 1 x 784 times W1^T, the latency case. */
    @Benchmark
    @OperationsPerInvocation(MLP_KFLOP / BATCH)
    public float[] forwardOneRow() {
        Gemm.sgemm(false, true, 1, HIDDEN, IN, x, 0, IN, w1, 0, IN, hidden, 0, HIDDEN, false);
        return hidden;
    }

    /** Weight gradient: dW1 (500 x 784) = g1^T (500 x 100) times x (100 x 784). */
    @Benchmark
    @OperationsPerInvocation(MLP_KFLOP)
    public float[] weightGradient() {
        Gemm.sgemm(true, false, HIDDEN, IN, BATCH, g1, 0, HIDDEN, x, 0, IN, dw1, 0, IN, false);
        return dw1;
    }

    /** Input gradient: dx (100 x 784) = g1 (100 x 500) times W1 (500 x 784). */
    @Benchmark
    @OperationsPerInvocation(MLP_KFLOP)
    public float[] inputGradient() {
        Gemm.sgemm(false, false, BATCH, IN, HIDDEN, g1, 0, HIDDEN, w1, 0, IN, dx, 0, IN, false);
        return dx;
    }

    /** Second layer forward: h (100 x 500) times W2^T, W2 being 10 x 500. */
    @Benchmark
    @OperationsPerInvocation(SMALL_KFLOP)
    public float[] smallForward() {
        Gemm.sgemm(false, true, BATCH, OUT, HIDDEN, h, 0, HIDDEN, w2, 0, HIDDEN, out, 0, OUT, false);
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(SQUARE_KFLOP)
    public float[] square512() {
        Gemm.sgemm(false, false, SQUARE, SQUARE, SQUARE, sa, 0, SQUARE, sb, 0, SQUARE, sc, 0, SQUARE, false);
        return sc;
    }

    /** The forward product in double, for the float64 gradient checks. */
    @Benchmark
    @OperationsPerInvocation(MLP_KFLOP)
    public double[] forwardDouble() {
        Gemm.dgemm(false, true, BATCH, HIDDEN, IN, xd, 0, IN, w1d, 0, IN, hiddenD, 0, HIDDEN, false);
        return hiddenD;
    }

    @Benchmark
    @OperationsPerInvocation(MLP_KFLOP)
    public double[] forwardDoublePackedWeights() {
        Gemm.dgemm(false, BATCH, xd, 0, IN, w1PackedD, hiddenD, 0, HIDDEN, false);
        return hiddenD;
    }

    private static float[] randomFloats(SplittableRandom random, int length) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static double[] randomDoubles(SplittableRandom random, int length) {
        double[] v = new double[length];
        for (int i = 0; i < length; i++) {
            v[i] = random.nextDouble() * 2 - 1;
        }
        return v;
    }
}
