package nnet.bench;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import nnet.compiler.api.Nnet;
import nnet.compiler.driver.CompileOptions;
import nnet.runtime.Executor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * scaled_dot_product_attention on the fused kernel against the same definition composed of primitive
 * ops (scores, scale, mask, softmax and product as separate kernels), f32, batch·heads 16·4, L = S = 64,
 * E = 32: forward alone (predict) and forward with the gradients of query, key and value (a train run
 * without an update). {@code causal} adds the causal mask, which the fused kernel turns into skipped
 * work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class AttentionBench {
    private static final String COMPOSED = """
            fn composed(query, key, value, is_causal: bool) {
              scores = (query @ transpose(key, -2, -1)) * (1 / sqrt(dim(query, -1)))
              if is_causal {
                scores = masked_fill(scores, tril(ones([dim(query, -2), dim(key, -2)], dtype = i32)) == 0,
                                     float("-inf"))
              }
              return softmax(scores, -1) @ value
            }
            """;

    @Param({"fused", "composed"})
    public String path;

    @Param({"false", "true"})
    public boolean causal;

    private Executor ex;

    @Setup(Level.Trial)
    public void setup() {
        String call = path.equals("fused") ? "scaled_dot_product_attention(q, k, v, is_causal = " + causal + ")"
                : "composed(q, k, v, " + causal + ")";
        String source = COMPOSED + "model Attention {\n"
                + "  input q: f32[16, 4, 64, 32]\n  input k: f32[16, 4, 64, 32]\n  input v: f32[16, 4, 64, 32]\n"
                + "  input r: f32[16, 4, 64, 32]\n  output y = " + call + "\n  loss = sum(y * r)\n}\n";
        ex = Nnet.compile("attention.nnet", source, CompileOptions.defaults().withInputGradients(true))
                .model("Attention").executor(Map.of());
        Random rng = new Random(3);
        for (String input : new String[] {"q", "k", "v", "r"}) {
            float[] x = (float[]) ex.inputArray(input);
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) rng.nextGaussian();
            }
        }
    }

    @Benchmark
    public Object forward() {
        ex.predict();
        return ex;
    }

    @Benchmark
    public double forwardBackward() {
        ex.gradients();
        return ex.loss();
    }
}
