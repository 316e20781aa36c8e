package nnet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The 784-500-10 ReLU MLP: one training step (forward, backward, Adam) on a batch of 100, and the
 * latency of predicting one example. Inputs are random; the work does not depend on their values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class MlpBench {
    private Executor train;
    private Executor single;

    @Setup(Level.Trial)
    public void setup() throws IOException {
        Model model = Nnet.compile("mlp784.nnet", source()).model("Mlp");
        train = model.executor(100);
        single = model.executor(1);
        fill(train, 100, new Random(1));
        fill(single, 1, new Random(2));
    }

    static String source() throws IOException {
        try (InputStream in = MlpBench.class.getResourceAsStream("/nnet/bench/mlp784.nnet")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void fill(Executor ex, int n, Random rng) {
        float[] x = (float[]) ex.inputArray("x");
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextFloat();
        }
        int[] label = (int[]) ex.inputArray("label");
        for (int i = 0; i < n; i++) {
            label[i] = rng.nextInt(10);
        }
    }

    /** Forward, backward and the Adam update for a batch of 100. */
    @Benchmark
    public double trainStep() {
        return train.step(1e-3);
    }

    /** The outputs for a single example. */
    @Benchmark
    public Object predictOne() {
        single.predict();
        return single;
    }
}
