package nnet.runtime.memory;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Orders in which the packer may place buffers. Large buffers placed first leave small ones to fill the gaps;
 * weighing size by lifetime instead puts long-lived buffers, which constrain the most others, at the bottom.
 * Neither wins on every schedule, so the planner tries each. Every order ends with the index as a tie-break so
 * that a plan depends only on its input.
 */
enum PlacementOrder {
    /** Size descending, then earlier first step. */
    BY_SIZE {
        @Override
        Comparator<Integer> comparator(BufferSet b) {
            return bySizeDescending(b).thenComparingInt(i -> b.first()[i]);
        }
    },
    /** Size times lifetime in steps, descending, then size descending, then earlier first step. */
    BY_AREA {
        @Override
        Comparator<Integer> comparator(BufferSet b) {
            Comparator<Integer> byArea = (i, j) -> compareProducts(b.sizes()[j], length(b, j), b.sizes()[i], length(b, i));
            return byArea.thenComparing(bySizeDescending(b)).thenComparingInt(i -> b.first()[i]);
        }
    };

    abstract Comparator<Integer> comparator(BufferSet buffers);

    /** All buffer indices in this order. */
    int[] sort(BufferSet buffers) {
        Integer[] indices = new Integer[buffers.count()];
        Arrays.setAll(indices, i -> i);
        Arrays.sort(indices, comparator(buffers).thenComparingInt(i -> i));
        return Arrays.stream(indices).mapToInt(Integer::intValue).toArray();
    }

    private static Comparator<Integer> bySizeDescending(BufferSet b) {
        return (i, j) -> Long.compare(b.sizes()[j], b.sizes()[i]);
    }

    /** Steps in the buffer's live interval, as a long since last - first + 1 can exceed int. */
    private static long length(BufferSet b, int i) {
        return (long) b.last()[i] - b.first()[i] + 1;
    }

    /** Compares a*b with c*d exactly for non-negative factors, whose products may exceed long. */
    static int compareProducts(long a, long b, long c, long d) {
        int high = Long.compare(Math.multiplyHigh(a, b), Math.multiplyHigh(c, d));
        return high != 0 ? high : Long.compareUnsigned(a * b, c * d);
    }
}
