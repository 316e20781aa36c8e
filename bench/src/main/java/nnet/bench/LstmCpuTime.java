package nnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import nnet.compiler.api.Compilation;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.data.Vocabulary;
import nnet.runtime.generate.TextGenerator;

/**
 * A character-level LSTM's training step (batch 32, 64 steps, embedding 64, hidden 128, 65 ids, Adam)
 * and its decode step (one character and the state, then a draw), timed by the thread's CPU time, in
 * the format of {@code bench/reference/lstm_torch.py}, so that {@code bench/lstm-vs-torch} runs the
 * two in turn and compares them.
 *
 * <p>Run from the repository's root: {@code java -cp bench/target/benchmarks.jar nnet.bench.LstmCpuTime [rounds]}
 */
public final class LstmCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int BATCHES = 10;
    private static final int STEPS = 5;
    private static final int TOKENS = 200;
    static final String SOURCE = """
            import nn

            model CharLstm {
              input ids: i32[batch, 64]
              input next: i32[batch, 64]
              out, h_n, c_n = nn.lstm(nn.embedding(ids, 65, 64) as embed, 128, batch_first = true) as lstm
              logits = reshape(nn.linear(out, 65) as head, [-1, 65])
              loss = cross_entropy(logits, reshape(next, [-1]))
            }

            model CharLstmStep {
              input id: i32[1, 1]
              input h: f32[1, 1, 128]
              input c: f32[1, 1, 128]
              out, h_n, c_n = nn.lstm(nn.embedding(id, 65, 64) as embed, 128, batch_first = true, hx = (h, c)) as lstm
              output logits = nn.linear(out, 65) as head
              output h_next = h_n
              output c_next = c_n
            }

            train CharLstm {
              optimizer = adam(lr = 2e-3)
            }
            """;

    private LstmCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Compilation c = Nnet.compile("bench.nnet", SOURCE);
        Executor ex = c.model("CharLstm").executor(32);
        Random rng = new Random(1);
        for (String input : new String[] {"ids", "next"}) {
            int[] ids = (int[]) ex.inputArray(input);
            for (int i = 0; i < ids.length; i++) {
                ids[i] = rng.nextInt(65);
            }
        }
        Model step = c.model("CharLstmStep");
        StringBuilder chars = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            chars.append((char) ('0' + i));
        }
        TextGenerator generator = new TextGenerator(step, Vocabulary.of(chars.toString()));
        TextGenerator.Options draw = new TextGenerator.Options("0", TOKENS, 0.8, 20, 0, 1);
        for (int i = 0; i < 20; i++) {
            ex.step(2e-3);
            generator.generate(draw);
        }
        for (int round = 0; round < rounds; round++) {
            report("nnet train step ", () -> ex.step(2e-3), 1);
            report("nnet decode step", () -> generator.generate(draw), TOKENS);
        }
    }

    /** The median and best of BATCHES batches of STEPS passes, in ms per pass divided by {@code per}. */
    private static void report(String name, Runnable pass, int per) {
        double[] ms = new double[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int s = 0; s < STEPS; s++) {
                pass.run();
            }
            ms[b] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / STEPS / per;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%s  median %8.3f ms  best %8.3f ms%n", name, ms[BATCHES / 2], ms[0]);
    }
}
