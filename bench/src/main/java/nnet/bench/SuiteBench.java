package nnet.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.kernels.Gemm;
import nnet.runtime.kernels.Simd;
import nnet.runtime.kernels.Workers;
import nnet.runtime.model.IoInfo;
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
 * The workloads that {@code bench/run} times beside PyTorch ({@code bench/reference/suite_torch.py} has
 * the same names, shapes and settings): the 784-500-10 MLP's training step and inference, the 64-128-10
 * MLP's, the MLP's three products and a 1024^3 one, the fashion-cnn sample's step and batch inference,
 * the char-LSTM's training step, and a tiny GPT's (batch 16, 64 positions, 2 blocks of 4 heads at width
 * 128, AdamW) training step and one-token decoding through its key/value cache at positions 1 and 63,
 * each for the given kernel thread counts. Inputs are random; the work
 * does not depend on their values. Run from the repository's root (the CNN is read from samples/).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class SuiteBench {
    static final String SMALL_MLP = """
            import nn
            model Small {
              input x: f32[batch, 64]
              input label: i32[batch]
              logits = nn.linear(relu(nn.linear(x, 128)), 10)
              output probs = softmax(logits)
              loss = cross_entropy(logits, label)
            }
            train Small {
              optimizer = adam(lr = 1e-3)
            }
            """;

    /** The tiny-GPT of the benchmarks: 2 blocks of 4 heads at width 128, context 64, and its decode model. */
    static final String GPT = """
            import nn
            fn gpt(ids, positions, k_cache = [], v_cache = [], pos = []) {
              param wte: [65, 128] = normal(0, 0.02)
              param wpe: [64, 128] = normal(0, 0.02)
              x = embedding(ids, wte) + embedding(positions, wpe)
              ks = []
              vs = []
              for i in range(2) {
                if is_tensor(k_cache) {
                  x, k, v = nn.gpt_block(x, 4, 0.0, k_cache[i], v_cache[i], pos) as h[i]
                  ks = ks + [k]
                  vs = vs + [v]
                } else {
                  x, _, _ = nn.gpt_block(x, 4) as h[i]
                }
              }
              logits = (nn.layer_norm(x) as ln_f) @ transpose(wte, 0, 1)
              if is_tensor(k_cache) {
                return logits, stack(ks), stack(vs)
              }
              return logits
            }
            model Gpt {
              input ids: i32[batch, 64]
              input next: i32[batch, 64]
              logits = gpt(ids, arange(64)) as self
              loss = cross_entropy(reshape(logits, [-1, 65]), reshape(next, [-1]))
            }
            model GptStep {
              input id: i32[1, 1]
              input pos: i32[]
              input k_cache: f32[2, 1, 4, 64, 32]
              input v_cache: f32[2, 1, 4, 64, 32]
              logits, k, v = gpt(id, reshape(pos, [1]), k_cache, v_cache, pos) as self
              output scores = logits
              output k_next = k
              output v_next = v
            }
            train Gpt {
              optimizer = adamw(lr = 1e-3)
            }
            """;

    @Param({"mlp-train-b100", "mlp-predict-b1", "mlp-predict-b100", "small-train-b64", "small-predict-b1",
        "small-predict-b64", "gemm-forward-100x784x500", "gemm-dweight-500x100x784", "gemm-dinput-100x500x784",
        "gemm-1024", "cnn-train-b64", "cnn-predict-b64", "lstm-train-b32", "gpt-train-b16", "gpt-decode-at-1",
        "gpt-decode-at-63"})
    public String workload;

    @Param({"1", "2"})
    public int threads;

    private Runnable run;

    @Setup(Level.Trial)
    public void setup() throws IOException, InterruptedException {
        Workers.setThreads(threads);
        System.out.println("nnet kernels: " + Simd.describe() + ", " + Workers.threads() + " thread(s)");
        awaitVectorKernels();
        run = switch (workload) {
            case "mlp-train-b100" -> train(Nnet.compile("mlp784.nnet", MlpBench.source()).model("Mlp"), 100);
            case "mlp-predict-b1" -> predict(Nnet.compile("mlp784.nnet", MlpBench.source()).model("Mlp"), 1);
            case "mlp-predict-b100" -> predict(Nnet.compile("mlp784.nnet", MlpBench.source()).model("Mlp"), 100);
            case "small-train-b64" -> train(Nnet.compile("small.nnet", SMALL_MLP).model(), 64);
            case "small-predict-b1" -> predict(Nnet.compile("small.nnet", SMALL_MLP).model(), 1);
            case "small-predict-b64" -> predict(Nnet.compile("small.nnet", SMALL_MLP).model(), 64);
            case "gemm-forward-100x784x500" -> product(false, true, 100, 500, 784);
            case "gemm-dweight-500x100x784" -> product(true, false, 500, 784, 100);
            case "gemm-dinput-100x500x784" -> product(false, false, 100, 784, 500);
            case "gemm-1024" -> product(false, false, 1024, 1024, 1024);
            case "cnn-train-b64" -> train(Nnet.compile(Path.of(CnnBench.SAMPLE)).model(), 64);
            case "cnn-predict-b64" -> predict(Nnet.compile(Path.of(CnnBench.SAMPLE)).model(), 64);
            case "lstm-train-b32" -> train(Nnet.compile("lstm.nnet", LstmCpuTime.SOURCE).model("CharLstm"), 32);
            case "gpt-train-b16" -> train(Nnet.compile("gpt.nnet", GPT).model("Gpt"), 16);
            case "gpt-decode-at-1" -> decode(1);
            case "gpt-decode-at-63" -> decode(63);
            default -> throw new IllegalArgumentException("no workload " + workload);
        };
        warmUp(run);
    }

    /**
     * Runs the workload for a few seconds first: a model's generated methods reach C2 only after many
     * calls, which JMH's one-second warm-up iterations do not give a step of a few hundred milliseconds.
     */
    private static void warmUp(Runnable run) {
        long start = System.nanoTime();
        for (int calls = 0; calls < 20 || System.nanoTime() - start < 5_000_000_000L; calls++) {
            run.run();
            if (System.nanoTime() - start > 30_000_000_000L) {
                break;
            }
        }
    }

    /**
     * The vector kernels' warm-up (see Simd.ready) shares the cores with the benchmark and could outlast
     * JMH's warm-up iterations, which would then time the scalar path; a run that long does not need it.
     */
    private static void awaitVectorKernels() throws InterruptedException {
        long start = System.nanoTime();
        while (Simd.enabled() && !Simd.ready() && System.nanoTime() - start < 60_000_000_000L) {
            Thread.sleep(20);
        }
        System.out.printf("vector kernels %s after %.1f s%n", Simd.ready() ? "ready" : "not ready",
                (System.nanoTime() - start) / 1e9);
    }

    @Benchmark
    public void run() {
        run.run();
    }

    private static Runnable train(Model model, int batch) {
        Executor ex = filled(model, batch);
        return () -> ex.step(1e-3);
    }

    private static Runnable predict(Model model, int batch) {
        Executor ex = filled(model, batch);
        return ex::predict;
    }

    /** One token at position pos through the decode model's key/value caches (random, as their values do not matter). */
    private static Runnable decode(int pos) {
        Executor ex = filled(Nnet.compile("gpt.nnet", GPT).model("GptStep"), 1);
        ((int[]) ex.inputArray("pos"))[0] = pos;
        return ex::predict;
    }

    /** Random inputs: floats in [0, 1) (pixels in [0, 256) for the CNN) and ids below 10 (65 for text). */
    private static Executor filled(Model model, int batch) {
        Executor ex = model.executor(batch);
        Random rng = new Random(1);
        for (IoInfo io : model.info().io(IoInfo.Kind.INPUT)) {
            Object array = ex.inputArray(io.name());
            if (array instanceof float[] f) {
                for (int i = 0; i < f.length; i++) {
                    f[i] = io.name().equals("x") && f.length == batch * 784 ? rng.nextInt(256) : rng.nextFloat();
                }
            } else if (array instanceof int[] ids) {
                int classes = model.info().name().equals("CharLstm") || model.info().name().startsWith("Gpt") ? 65 : 10;
                for (int i = 0; i < ids.length; i++) {
                    ids[i] = rng.nextInt(classes);
                }
            }
        }
        return ex;
    }

    /** C = op(A) op(B) for C m x n and depth k, row-major operands as a linear layer's passes use them. */
    private static Runnable product(boolean transA, boolean transB, int m, int n, int k) {
        SplittableRandom random = new SplittableRandom(42);
        float[] a = GemmBench.randomFloats(random, m * k);
        float[] b = GemmBench.randomFloats(random, k * n);
        float[] c = new float[m * n];
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        return () -> Gemm.sgemm(transA, transB, m, n, k, a, 0, lda, b, 0, ldb, c, 0, n, false);
    }
}
