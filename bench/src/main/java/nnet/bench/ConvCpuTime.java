package nnet.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The convolutions of {@link ConvBench}, timed by the thread's CPU time (see {@link GemmCpuTime} for why),
 * printing the best time of several batches and its GFLOP/s, in the same format as
 * {@code bench/reference/conv_torch.py} so that the two can be run in turn and compared.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar nnet.bench.ConvCpuTime [rounds]}
 */
public final class ConvCpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int BATCHES = 10;
    /** Work per batch: about a fifth of a second at 50 GFLOP/s. */
    private static final double FLOPS_PER_BATCH = 1e10;

    private ConvCpuTime() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        ConvBench bench = new ConvBench();
        bench.setUp();
        for (int round = 1; round <= rounds; round++) {
            System.out.printf(Locale.ROOT, "round %d (%s %s)%n", round,
                    System.getProperty("java.vm.name"), System.getProperty("java.version"));
            report("conv1 forward        ", ConvBench.CONV1_KFLOP * 1e3, bench::conv1Forward);
            report("conv1 backward-data  ", ConvBench.CONV1_KFLOP * 1e3, bench::conv1BackwardData);
            report("conv1 backward-weight", ConvBench.CONV1_KFLOP * 1e3, bench::conv1BackwardWeight);
            report("conv2 forward        ", ConvBench.CONV2_KFLOP * 1e3, bench::conv2Forward);
            report("conv2 backward-data  ", ConvBench.CONV2_KFLOP * 1e3, bench::conv2BackwardData);
            report("conv2 backward-weight", ConvBench.CONV2_KFLOP * 1e3, bench::conv2BackwardWeight);
            report("training step        ", (2.0 * ConvBench.CONV1_KFLOP + 3.0 * ConvBench.CONV2_KFLOP) * 1e3,
                    bench::trainingStep);
        }
    }

    private static void report(String name, double flops, Runnable pass) {
        int reps = (int) Math.max(1, FLOPS_PER_BATCH / BATCHES / flops);
        double bestNanos = Double.MAX_VALUE;
        for (int batch = 0; batch < BATCHES; batch++) {
            long start = THREADS.getCurrentThreadCpuTime();
            for (int r = 0; r < reps; r++) {
                pass.run();
            }
            bestNanos = Math.min(bestNanos, (THREADS.getCurrentThreadCpuTime() - start) / (double) reps);
        }
        System.out.printf(Locale.ROOT, "  %s %9.1f us %7.1f GFLOP/s%n", name, bestNanos / 1e3, flops / bestNanos);
    }
}
