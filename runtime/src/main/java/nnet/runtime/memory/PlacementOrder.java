package nnet.runtime.memory;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Orders in which the packer may place buffers. Each ends with the buffer index as a tie-break so that a plan
 * depends only on its input.
 */
final class PlacementOrder {
    private PlacementOrder() {
    }

    /** Size descending, then earlier first step: large buffers claim memory, small ones fill the gaps. */
    static int[] bySize(BufferSet b) {
        return sort(b, bySizeDescending(b).thenComparingInt(i -> b.first()[i]));
    }

    /**
     * Buffers live at the step where memory is fullest first, then those at the next fullest step, and so on,
     * each group by size descending. The fullest step decides the arena, so its buffers are packed while memory
     * is still empty. {@code live} must be the profile of {@code b}'s own sizes.
     */
    static int[] byFullestStep(BufferSet b, LiveProfile live) {
        int[] fullness = fullestStepRanks(b, live);
        return sort(b, Comparator.<Integer>comparingInt(i -> fullness[i]).thenComparing(bySizeDescending(b))
                .thenComparingInt(i -> b.first()[i]));
    }

    /** First step ascending, then size descending: the order in which the program allocates. */
    static int[] byFirstStep(BufferSet b) {
        return sort(b, Comparator.<Integer>comparingInt(i -> b.first()[i]).thenComparing(bySizeDescending(b)));
    }

    /**
     * For each buffer, the rank of the fullest step during its life among all profile steps, fullest first
     * (ties by earlier step).
     */
    private static int[] fullestStepRanks(BufferSet b, LiveProfile live) {
        int m = live.steps().length;
        Integer[] stepsByFullness = new Integer[m];
        Arrays.setAll(stepsByFullness, j -> j);
        Arrays.sort(stepsByFullness, (j, k) -> Long.compare(live.live()[k], live.live()[j]));
        int[] rank = new int[m];
        for (int r = 0; r < m; r++) {
            rank[stepsByFullness[r]] = r;
        }
        RangeMin fullest = new RangeMin(rank);
        int[] ranks = new int[b.count()];
        for (int i = 0; i < ranks.length; i++) {
            // A buffer's own first step is a profile step, so the range is never empty.
            ranks[i] = fullest.min(live.indexAtOrBefore(b.first()[i]), live.indexAtOrBefore(b.last()[i]));
        }
        return ranks;
    }

    private static Comparator<Integer> bySizeDescending(BufferSet b) {
        return (i, j) -> Long.compare(b.sizes()[j], b.sizes()[i]);
    }

    private static int[] sort(BufferSet b, Comparator<Integer> order) {
        Integer[] indices = new Integer[b.count()];
        Arrays.setAll(indices, i -> i);
        Arrays.sort(indices, order.thenComparingInt(i -> i));
        return Arrays.stream(indices).mapToInt(Integer::intValue).toArray();
    }
}
