package nnet.runtime.kernels;

/**
 * Working memory of {@link FloatTiles} for one thread: the packed panels of op(B) and a tile of C. Buffers grow to the largest size asked for and are then reused, so calls in
 * steady state allocate nothing.
 */
final class FloatTileScratch {
    private static final ThreadLocal<FloatTileScratch> PER_THREAD = ThreadLocal.withInitial(FloatTileScratch::new);

    private float[] panels = new float[0];
    private final float[] tile = new float[FloatTiles.MR * FloatTiles.NR];

    private FloatTileScratch() {
    }

    static FloatTileScratch forCurrentThread() {
        return PER_THREAD.get();
    }

    float[] panels(int length) {
        if (panels.length < length) {
            panels = new float[length];
        }
        return panels;
    }

    float[] tile() {
        return tile;
    }
}
