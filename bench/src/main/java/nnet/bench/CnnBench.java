package nnet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * The fashion-cnn sample (samples/fashion-cnn/cnn.nnet, read from the working directory, which must be
 * the repository's root): one training step (forward in training mode, backward, Adam) on a batch of 64
 * images, and predicting a batch of 64. Inputs are random bytes and labels; the work does not depend on
 * their values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CnnBench {
    static final String SAMPLE = "samples/fashion-cnn/cnn.nnet";
    static final int BATCH = 64;
    private Executor executor;

    @Setup(Level.Trial)
    public void setup() {
        executor = executor(Path.of(SAMPLE));
    }

    static Executor executor(Path sample) {
        if (!Files.exists(sample)) {
            throw new IllegalStateException(sample + " not found: run the benchmark from the repository's root");
        }
        Model model = Nnet.compile(sample).model();
        Executor ex = model.executor(BATCH);
        Random rng = new Random(1);
        float[] x = (float[]) ex.inputArray("x");
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(256);
        }
        int[] label = (int[]) ex.inputArray("label");
        for (int i = 0; i < label.length; i++) {
            label[i] = rng.nextInt(10);
        }
        return ex;
    }

    /** Forward, backward and the Adam update for a batch of 64. */
    @Benchmark
    public double trainStep() {
        return executor.step(1e-3);
    }

    /** Class probabilities for a batch of 64 in evaluation mode. */
    @Benchmark
    public Object predictBatch() {
        executor.predict();
        return executor;
    }
}
