package nnet.runtime.memory;

/** Minimum of any index range of a fixed int array in O(1), after O(m log m) preparation (a sparse table). */
final class RangeMin {
    /** levels[j][i] is the minimum of values[i .. i + 2^j - 1]. */
    private final int[][] levels;

    RangeMin(int[] values) {
        int depth = 32 - Integer.numberOfLeadingZeros(Math.max(1, values.length));
        levels = new int[depth][];
        levels[0] = values.clone();
        for (int j = 1; j < depth; j++) {
            int half = 1 << (j - 1);
            int[] below = levels[j - 1];
            int[] level = new int[values.length - (1 << j) + 1];
            for (int i = 0; i < level.length; i++) {
                level[i] = Math.min(below[i], below[i + half]);
            }
            levels[j] = level;
        }
    }

    /** Minimum of values[lo..hi], inclusive; lo <= hi. */
    int min(int lo, int hi) {
        int j = 31 - Integer.numberOfLeadingZeros(hi - lo + 1);
        return Math.min(levels[j][lo], levels[j][hi - (1 << j) + 1]);
    }
}
