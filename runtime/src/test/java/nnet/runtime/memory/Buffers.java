package nnet.runtime.memory;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/** A buffer set for tests, with a generator and brute-force oracles that share no code with the planner. */
record Buffers(long[] sizes, int[] first, int[] last) {

    /**
     * Up to {@code maxCount} buffers, often few: sizes from 0 to tens of millions, unaligned ones common,
     * lifetimes mostly short with some spanning most of the schedule.
     */
    static Buffers random(Random random, int maxCount) {
        int count = random.nextBoolean() ? random.nextInt(Math.min(maxCount, 20) + 1) : random.nextInt(maxCount + 1);
        long[] sizes = new long[count];
        int[] first = new int[count];
        int[] last = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = randomSize(random);
            first[i] = random.nextInt(201);
            last[i] = first[i] + randomLength(random);
        }
        return new Buffers(sizes, first, last);
    }

    private static long randomSize(Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return 0;
        }
        long max = kind < 4 ? 64 : kind < 9 ? 100_000 : 50_000_000;
        return 1 + (long) (random.nextDouble() * max);
    }

    private static int randomLength(Random random) {
        int kind = random.nextInt(10);
        return random.nextInt(kind < 6 ? 6 : kind < 9 ? 41 : 201);
    }

    /** The same set without buffers from..to-1, renumbering the rest. */
    Buffers without(int from, int to) {
        int[] kept = IntStream.range(0, count()).filter(i -> i < from || i >= to).toArray();
        return new Buffers(Arrays.stream(kept).mapToLong(i -> sizes[i]).toArray(),
                Arrays.stream(kept).map(i -> first[i]).toArray(), Arrays.stream(kept).map(i -> last[i]).toArray());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(count() + " buffers (size@first..last):");
        for (int i = 0; i < count(); i++) {
            s.append(' ').append(sizes[i]).append('@').append(first[i]).append("..").append(last[i]);
        }
        return s.toString();
    }

    ArenaPlan plan() {
        return ArenaPlanner.plan(sizes, first, last);
    }

    int count() {
        return sizes.length;
    }

    boolean liveTogether(int i, int j) {
        return first[i] <= last[j] && first[j] <= last[i];
    }

    /** The largest total size live at any step, trying every step. */
    long naiveLowerBound() {
        int lastStep = Arrays.stream(last).max().orElse(0);
        int firstStep = Arrays.stream(first).min().orElse(0);
        long max = 0;
        for (int step = firstStep; step <= lastStep; step++) {
            long live = 0;
            for (int i = 0; i < count(); i++) {
                live += first[i] <= step && step <= last[i] ? sizes[i] : 0;
            }
            max = Math.max(max, live);
        }
        return max;
    }

    /** Description of the first pair of live-together buffers that overlap in memory, or null. */
    String firstOverlap(long[] offsets) {
        for (int i = 0; i < count(); i++) {
            for (int j = i + 1; j < count(); j++) {
                boolean memoryOverlaps = offsets[i] < offsets[j] + sizes[j] && offsets[j] < offsets[i] + sizes[i];
                if (sizes[i] > 0 && sizes[j] > 0 && liveTogether(i, j) && memoryOverlaps) {
                    return "buffers " + i + " and " + j;
                }
            }
        }
        return null;
    }

    static long roundUp16(long n) {
        return (n + 15) / 16 * 16;
    }
}
