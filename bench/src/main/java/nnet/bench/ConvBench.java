package nnet.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import nnet.runtime.kernels.Conv;
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
 * Throughput of {@link Conv} on the two convolutions of a small Fashion-MNIST CNN at batch 64: 1 -> 32
 * channels on 28 x 28 and 32 -> 64 channels on 14 x 14, both 3 x 3 with padding 1. Each invocation counts
 * as its number of kiloflops (2 batch outC outH outW inC kH kW / 1000, the same for the three passes), so
 * the score in ops/us reads as GFLOP/s. {@code bench/reference/conv_torch.py} times PyTorch on the same
 * shapes; {@link ConvCpuTime} times these methods by CPU time, for comparing the two on a shared machine.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar ConvBench -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ConvBench {
    static final int BATCH = 64;
    /** 2 * 64 * 32 * 28 * 28 * 1 * 9 / 1000, truncated. */
    static final int CONV1_KFLOP = 28_901;
    /** 2 * 64 * 64 * 14 * 14 * 32 * 9 / 1000, truncated. */
    static final int CONV2_KFLOP = 462_422;

    /** One convolution's operands and scratch: x, w, b, y and their gradients. */
    static final class Layer {
        final int inC;
        final int size;
        final int outC;
        final float[] x;
        final float[] w;
        final float[] b;
        final float[] y;
        final float[] dx;
        final float[] dw;
        final float[] db;
        final float[] scratch;

        Layer(SplittableRandom random, int inC, int size, int outC) {
            this.inC = inC;
            this.size = size;
            this.outC = outC;
            x = randomFloats(random, BATCH * inC * size * size);
            w = randomFloats(random, outC * inC * 9);
            b = randomFloats(random, outC);
            y = randomFloats(random, BATCH * outC * size * size);
            dx = new float[x.length];
            dw = new float[w.length];
            db = new float[outC];
            scratch = new float[Math.max(Math.max(
                    Conv.conv2dScratchSize(BATCH, inC, size, size, outC, 3, 3, 1, 1, 1, 1, 1, 1, 1),
                    Conv.conv2dBackwardDataScratchSize(BATCH, inC, size, size, outC, 3, 3, 1, 1, 1, 1, 1, 1, 1)),
                    Conv.conv2dBackwardWeightScratchSize(BATCH, inC, size, size, outC, 3, 3, 1, 1, 1, 1, 1, 1, 1))];
        }

        float[] forward() {
            Conv.conv2d(BATCH, inC, size, size, outC, 3, 3, 1, 1, 1, 1, 1, 1, 1, x, 0, w, 0, b, 0, y, 0, false,
                    scratch, 0);
            return y;
        }

        /** The input gradient, with y standing in for the output gradient. */
        float[] backwardData() {
            Conv.conv2dBackwardData(BATCH, inC, size, size, outC, 3, 3, 1, 1, 1, 1, 1, 1, 1, y, 0, w, 0, dx, 0, false,
                    scratch, 0);
            return dx;
        }

        /** The weight and bias gradients, with y standing in for the output gradient. */
        float[] backwardWeight() {
            Conv.conv2dBackwardWeight(BATCH, inC, size, size, outC, 3, 3, 1, 1, 1, 1, 1, 1, 1, x, 0, y, 0, dw, 0,
                    db, 0, false, scratch, 0);
            return dw;
        }
    }

    Layer conv1;
    Layer conv2;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        conv1 = new Layer(random, 1, 28, 32);
        conv2 = new Layer(random, 32, 14, 64);
    }

    @Benchmark
    @OperationsPerInvocation(CONV1_KFLOP)
    public float[] conv1Forward() {
        return conv1.forward();
    }

    @Benchmark
    @OperationsPerInvocation(CONV1_KFLOP)
    public float[] conv1BackwardData() {
        return conv1.backwardData();
    }

    @Benchmark
    @OperationsPerInvocation(CONV1_KFLOP)
    public float[] conv1BackwardWeight() {
        return conv1.backwardWeight();
    }

    @Benchmark
    @OperationsPerInvocation(CONV2_KFLOP)
    public float[] conv2Forward() {
        return conv2.forward();
    }

    @Benchmark
    @OperationsPerInvocation(CONV2_KFLOP)
    public float[] conv2BackwardData() {
        return conv2.backwardData();
    }

    @Benchmark
    @OperationsPerInvocation(CONV2_KFLOP)
    public float[] conv2BackwardWeight() {
        return conv2.backwardWeight();
    }

    /**
     * The convolution passes of one training step of the network, in the order a step runs them: both
     * forward passes, then conv2's weight and input gradients and conv1's weight gradient (the network's
     * input needs no gradient). Timing them together also shows how the passes slow each other down
     * through shared JIT-compiled code and caches.
     */
    @Benchmark
    @OperationsPerInvocation(2 * CONV1_KFLOP + 3 * CONV2_KFLOP)
    public float[] trainingStep() {
        conv1.forward();
        conv2.forward();
        conv2.backwardWeight();
        conv2.backwardData();
        return conv1.backwardWeight();
    }

    private static float[] randomFloats(SplittableRandom random, int length) {
        float[] v = new float[length];
        for (int i = 0; i < length; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }
}
