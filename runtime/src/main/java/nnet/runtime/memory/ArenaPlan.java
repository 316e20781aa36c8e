package nnet.runtime.memory;

import java.util.Arrays;

/**
 * Where each buffer of one arena lives. Sizes are in elements of the arena's dtype.
 *
 * @param offsets       offset of each buffer, a multiple of {@link ArenaPlanner#ALIGN}; 0 for empty buffers
 * @param arenaSize     elements the arena needs: the highest offset + size, 0 if there are no buffers
 * @param unplannedSize elements needed if no two buffers shared memory: the sum of sizes, each rounded up to
 *                      ALIGN
 * @param lowerBound    the largest total size of the buffers live at one step, which no plan can beat
 */
public record ArenaPlan(long[] offsets, long arenaSize, long unplannedSize, long lowerBound) {

    /** Copies {@code offsets} so that the plan cannot change behind its owner's back. */
    public ArenaPlan {
        if (offsets == null) {
            throw new IllegalArgumentException("offsets must not be null");
        }
        if (arenaSize < 0 || unplannedSize < 0 || lowerBound < 0) {
            throw new IllegalArgumentException("sizes must not be negative: arenaSize=" + arenaSize
                    + ", unplannedSize=" + unplannedSize + ", lowerBound=" + lowerBound);
        }
        offsets = offsets.clone();
    }

    /** A copy of the offsets; use {@link #offset(int)} to read one without copying. */
    @Override
    public long[] offsets() {
        return offsets.clone();
    }

    public long offset(int buffer) {
        return offsets[buffer];
    }

    public int bufferCount() {
        return offsets.length;
    }

    /** For example "arena 1.23 MB (unplanned 4.56 MB, lower bound 1.10 MB)". */
    public String summary(int bytesPerElement) {
        if (bytesPerElement <= 0) {
            throw new IllegalArgumentException("bytesPerElement must be positive, got " + bytesPerElement);
        }
        return "arena " + ByteSize.format(arenaSize, bytesPerElement)
                + " (unplanned " + ByteSize.format(unplannedSize, bytesPerElement)
                + ", lower bound " + ByteSize.format(lowerBound, bytesPerElement) + ")";
    }

    /**
     * Checks this plan against the buffers it was made for: offsets aligned, every buffer inside the arena, and
     * no two buffers live at a common step overlapping in memory.
     *
     * @throws IllegalArgumentException if the buffers themselves are invalid or do not match the plan in number
     * @throws IllegalStateException    naming the buffer, or the two buffers, that break the plan
     */
    public void verify(long[] sizes, int[] first, int[] last) {
        BufferSet buffers = BufferSet.of(sizes, first, last);
        if (buffers.count() != offsets.length) {
            throw new IllegalArgumentException("plan has " + offsets.length + " offsets for "
                    + buffers.count() + " buffers");
        }
        for (int i = 0; i < offsets.length; i++) {
            checkPlacement(buffers, i);
        }
        OverlapChecker.check(buffers, offsets);
    }

    private void checkPlacement(BufferSet buffers, int i) {
        if (!Alignment.isAligned(offsets[i])) {
            throw new IllegalStateException("buffer " + i + " offset " + offsets[i]
                    + " is not a multiple of " + ArenaPlanner.ALIGN);
        }
        if (offsets[i] < 0 || offsets[i] > arenaSize - buffers.sizes()[i]) {
            throw new IllegalStateException(buffers.describe(i, offsets[i]) + " lies outside the arena of "
                    + arenaSize + " elements");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ArenaPlan p && Arrays.equals(offsets, p.offsets) && arenaSize == p.arenaSize
                && unplannedSize == p.unplannedSize && lowerBound == p.lowerBound;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(offsets) + Long.hashCode(arenaSize);
    }

    @Override
    public String toString() {
        return "ArenaPlan[" + offsets.length + " buffers, arenaSize=" + arenaSize + ", unplannedSize="
                + unplannedSize + ", lowerBound=" + lowerBound + "]";
    }
}
