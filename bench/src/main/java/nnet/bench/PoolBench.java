package nnet.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import nnet.runtime.kernels.Pool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time of {@link Pool}'s 2 x 2 max pooling (stride 2) after the two convolutions of {@link ConvBench}, at
 * batch 64: 32 planes of 28 x 28 and 64 planes of 14 x 14, forward (with indices) and backward.
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar PoolBench -f 1 -wi 3 -i 5}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PoolBench {
    /** One pooling layer's operands: x and dx [64][channels][size][size], y, dy and argmax at half the size. */
    static final class Layer {
        final int channels;
        final int size;
        final float[] x;
        final float[] y;
        final int[] argmax;
        final float[] dx;

        Layer(SplittableRandom random, int channels, int size) {
            this.channels = channels;
            this.size = size;
            x = new float[ConvBench.BATCH * channels * size * size];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (random.nextDouble() * 2 - 1);
            }
            y = new float[x.length / 4];
            argmax = new int[y.length];
            dx = new float[x.length];
        }

        float[] forward() {
            Pool.maxPool2d(ConvBench.BATCH, channels, size, size, 2, 2, 2, 2, 0, 0, 1, 1, x, 0, y, 0, argmax, 0);
            return y;
        }

        /** The gradient, with y standing in for the output gradient. */
        float[] backward() {
            Pool.maxPool2dBackward(ConvBench.BATCH, channels, size, size, 2, 2, 2, 2, 0, 0, 1, 1, y, 0, argmax, 0,
                    dx, 0, false);
            return dx;
        }
    }

    Layer pool1;
    Layer pool2;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(43);
        pool1 = new Layer(random, 32, 28);
        pool2 = new Layer(random, 64, 14);
        pool1.forward();
        pool2.forward();
    }

    @Benchmark
    public float[] pool1Forward() {
        return pool1.forward();
    }

    @Benchmark
    public float[] pool1Backward() {
        return pool1.backward();
    }

    @Benchmark
    public float[] pool2Forward() {
        return pool2.forward();
    }

    @Benchmark
    public float[] pool2Backward() {
        return pool2.backward();
    }
}
