package nnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import nnet.runtime.Executor;

/**
 * {@link CnnBench}'s training step and batch prediction timed by the thread's CPU time (the machine is
 * shared; see {@link GemmCpuTime}), printing the median and best of several batches of steps in the
 * format of {@code bench/reference/cnn_torch.py}, so that {@code bench/cnn-vs-torch} can run the two in
 * turn and compare them.
 *
 * <p>Run from the repository's root: {@code java -cp bench/target/benchmarks.jar nnet.bench.CnnCpuTime [rounds]}
 */
public final class CnnCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int BATCHES = 10;
    private static final int STEPS = 5;

    private CnnCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Executor ex = CnnBench.executor(Path.of(CnnBench.SAMPLE));
        for (int i = 0; i < 20; i++) {
            ex.step(1e-3);
            ex.predict();
        }
        for (int round = 0; round < rounds; round++) {
            report("nnet train step", () -> ex.step(1e-3));
            report("nnet predict   ", ex::predict);
        }
    }

    private static void report(String name, Runnable pass) {
        double[] ms = new double[BATCHES];
        for (int b = 0; b < BATCHES; b++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int s = 0; s < STEPS; s++) {
                pass.run();
            }
            ms[b] = (THREADS.getCurrentThreadCpuTime() - start) / 1e6 / STEPS;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%s  median %8.2f ms  best %8.2f ms%n", name, ms[BATCHES / 2], ms[0]);
    }
}
