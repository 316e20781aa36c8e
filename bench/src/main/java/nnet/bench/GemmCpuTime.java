package nnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The products of {@link GemmBench}, timed by the thread's CPU time instead of the wall clock. On a
 * shared machine other processes take the core away now and then, which JMH's wall-clock scores count
 * as slowness; CPU time leaves those gaps out (it still sees their effect on shared caches and clock
 * speed). Prints GFLOP/s, the best of several batches, for each product.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar nnet.bench.GemmCpuTime [rounds]}
 */
public final class GemmCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int BATCHES = 15;
    /** Work per batch, so that a batch lasts about a second at 50 GFLOP/s. */
    private static final double FLOPS_PER_BATCH = 5e10;

    private GemmCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        GemmBench bench = new GemmBench();
        bench.setUp();
        double mlp = 2.0 * 100 * 500 * 784;
        for (int round = 1; round <= rounds; round++) {
            System.out.printf(Locale.ROOT, "round %d (%s %s)%n", round,
                    System.getProperty("java.vm.name"), System.getProperty("java.version"));
            report("forward            100x784 . (500x784)^T", mlp, bench::forward);
            report("forwardPacked      same, W packed ahead ", mlp, bench::forwardPackedWeights);
            report("forwardRowBlocks   same, 20-row blocks  ", mlp, bench::forwardPackedWeightsRowBlocks);
            report("forwardOneRow      1x784 . (500x784)^T  ", mlp / 100, bench::forwardOneRow);
            report("weightGradient     (100x500)^T . 100x784", mlp, bench::weightGradient);
            report("inputGradient      100x500 . 500x784    ", mlp, bench::inputGradient);
            report("smallForward       100x500 . (10x500)^T ", 2.0 * 100 * 500 * 10, bench::smallForward);
            report("square512          512^3                ", 2.0 * 512 * 512 * 512, bench::square512);
            report("forwardDouble      double forward       ", mlp, bench::forwardDouble);
            report("forwardDoublePacked                     ", mlp, bench::forwardDoublePackedWeights);
        }
    }

    private static void report(String name, double flops, Runnable product) {
        int reps = (int) Math.max(1, FLOPS_PER_BATCH / BATCHES / flops);
        double bestNanos = Double.MAX_VALUE;
        for (int batch = 0; batch < BATCHES; batch++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int r = 0; r < reps; r++) {
                product.run();
            }
            bestNanos = Math.min(bestNanos, (THREADS.getCurrentThreadCpuTime() - start) / (double) reps);
        }
        System.out.printf(Locale.ROOT, "  %s %8.1f us %7.1f GFLOP/s%n", name, bestNanos / 1e3, flops / bestNanos);
    }
}
