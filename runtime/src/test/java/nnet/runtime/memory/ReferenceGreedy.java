package nnet.runtime.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Greedy-by-size best-fit written plainly, as the baseline the planner must match or beat: buffers by size
 * descending (ties by earlier first step), each into the smallest gap that holds it among the placed buffers
 * live at a common step, else above them.
 */
final class ReferenceGreedy {
    private ReferenceGreedy() {
    }

    static long arenaSize(Buffers b) {
        long[] offsets = new long[b.count()];
        List<Integer> placed = new ArrayList<>();
        long arena = 0;
        for (int i : sizeOrder(b)) {
            if (b.sizes()[i] == 0) {
                continue;
            }
            offsets[i] = bestFit(b, i, placed, offsets);
            placed.add(i);
            arena = Math.max(arena, offsets[i] + b.sizes()[i]);
        }
        return arena;
    }

    private static int[] sizeOrder(Buffers b) {
        return IntStream.range(0, b.count()).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> -b.sizes()[i]).thenComparingInt(i -> b.first()[i]))
                .mapToInt(Integer::intValue).toArray();
    }

    private static long bestFit(Buffers b, int i, List<Integer> placed, long[] offsets) {
        List<Integer> conflicts = new ArrayList<>(placed.stream().filter(j -> b.liveTogether(i, j)).toList());
        conflicts.sort(Comparator.comparingLong(j -> offsets[j]));
        long candidate = 0;
        long best = -1;
        long bestWaste = Long.MAX_VALUE;
        for (int j : conflicts) {
            long gap = offsets[j] - candidate;
            if (gap >= b.sizes()[i] && gap - b.sizes()[i] < bestWaste) {
                best = candidate;
                bestWaste = gap - b.sizes()[i];
            }
            candidate = Math.max(candidate, Buffers.roundUp16(offsets[j] + b.sizes()[j]));
        }
        return best >= 0 ? best : candidate;
    }
}
