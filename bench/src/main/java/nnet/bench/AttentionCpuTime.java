package nnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import nnet.runtime.kernels.Simd;
import nnet.runtime.kernels.Workers;

/**
 * The workloads of {@link AttentionBench}, fused and composed, timed by the CPU time of one thread (see
 * {@link GemmCpuTime} for why: on a shared machine it varies far less than the wall clock), printing the
 * best time per pass over several batches.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp bench/target/benchmarks.jar
 * nnet.bench.AttentionCpuTime [rounds]}
 */
public final class AttentionCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int BATCHES = 10;
    private static final int PASSES = 10;

    private AttentionCpuTime() {
    }

    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        Workers.setThreads(1);
        while (Simd.enabled() && !Simd.ready()) {
            Thread.sleep(100);
        }
        System.out.println(Simd.describe());
        for (int round = 1; round <= rounds; round++) {
            System.out.printf(Locale.ROOT, "round %d%n", round);
            for (boolean causal : new boolean[] {false, true}) {
                for (String path : new String[] {"fused", "composed"}) {
                    AttentionBench b = new AttentionBench();
                    b.path = path;
                    b.causal = causal;
                    b.setup();
                    String name = String.format(Locale.ROOT, "%-8s%s", path, causal ? " causal" : "       ");
                    report(name + " forward         ", b::forward);
                    report(name + " forward+backward", b::forwardBackward);
                }
            }
        }
    }

    private static void report(String name, Runnable pass) {
        double bestNanos = Double.MAX_VALUE;
        for (int batch = 0; batch < BATCHES; batch++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int r = 0; r < PASSES; r++) {
                pass.run();
            }
            bestNanos = Math.min(bestNanos, (THREADS.getCurrentThreadCpuTime() - start) / (double) PASSES);
        }
        System.out.printf(Locale.ROOT, "  %s %9.0f us%n", name, bestNanos / 1e3);
    }
}
