package nnet.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.data.DataFiles;
import nnet.runtime.data.Dataset;

/**
 * How long the Fashion-MNIST training set (60,000 gzipped 28×28 ubyte images and their labels) takes to
 * load as a data set, and how much heap it holds and needs while loading; then how long copying every
 * example into batches of 100 takes, bytes becoming floats on the way. Not a JMH benchmark: a first load
 * is what a user waits for, so each load is timed once, cold and again warm.
 *
 * <p>Run, with the files of Debian's dataset-fashion-mnist package:
 * {@code java -Xmx200m -cp bench/target/benchmarks.jar nnet.bench.FashionMnistLoad [DIR]}
 */
public final class FashionMnistLoad {
    private static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";
    private static final int LOADS = 3;
    private static final int BATCH = 100;

    private FashionMnistLoad() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : DEFAULT_DIR);
        DataFiles files = DataFiles.perInput(Map.of(
                "x", dir.resolve("train-images-idx3-ubyte.gz"),
                "label", dir.resolve("train-labels-idx1-ubyte.gz")));
        // The benchmark MLP takes x: f32[batch, 784], which a [60000, 28, 28] array fills.
        Model model = Nnet.compile("mlp784.nnet", MlpBench.source()).model("Mlp");
        System.out.printf(Locale.ROOT, "%s, %s %s, max heap %d MB%n", dir, System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
        Dataset data = null;
        for (int load = 1; load <= LOADS; load++) {
            data = null;
            long before = settledHeap();
            resetPeaks();
            long start = System.nanoTime();
            data = files.load(model.info(), Set.of());
            double seconds = (System.nanoTime() - start) / 1e9;
            long peak = peakHeap();
            long held = settledHeap() - before;
            System.out.printf(Locale.ROOT, "load %d: %,d examples in %.2f s; heap held %.1f MB, peak while loading "
                    + "at most %.1f MB above the start%n", load, data.size(), seconds, held / 1e6,
                    (peak - before) / 1e6);
        }
        copyEveryBatch(model, data);
    }

    private static void copyEveryBatch(Model model, Dataset data) {
        Executor ex = model.executor(BATCH);
        int[] order = new int[data.size()];
        java.util.Arrays.setAll(order, i -> i);
        for (int round = 1; round <= LOADS; round++) {
            long start = System.nanoTime();
            for (int from = 0; from + BATCH <= data.size(); from += BATCH) {
                data.fill(ex, order, from, BATCH);
            }
            System.out.printf(Locale.ROOT, "copy %d: all examples into batches of %d in %.0f ms%n", round, BATCH,
                    (System.nanoTime() - start) / 1e6);
        }
    }

    /** Heap in use once garbage is collected (as far as System.gc lets us know). */
    private static long settledHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** The sum of every heap pool's peak: an upper bound, since the pools need not peak at the same moment. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
