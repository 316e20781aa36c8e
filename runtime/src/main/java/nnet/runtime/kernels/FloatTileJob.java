package nnet.runtime.kernels;

/**
 * A {@link FloatTiles} product cut into parts for {@link Workers}: column ranges of C when it is wide
 * enough, so that each thread packs only its own panels of op(B), else row ranges, or row ranges of a
 * packed product. Every element of C is computed by the same chain of multiply-adds whatever the cut,
 * so the result does not depend on the number of threads. One job per calling thread is reused, so
 * products allocate nothing.
 */
final class FloatTileJob implements Workers.Task {
    /** Below this many multiply-adds a product stays on one thread: handing parts over costs microseconds. */
    static final long PARALLEL_FMAS = 1L << 18;
    private static final ThreadLocal<FloatTileJob> PER_THREAD = ThreadLocal.withInitial(FloatTileJob::new);

    private int rows;
    private int cols;
    private int depth;
    private float[] s;
    private int sOff;
    private int sRowStride;
    private int sDepthStride;
    private float[] x;
    private int xOff;
    private int xDepthStride;
    private int xColStride;
    private FloatPackedB packed;
    private float[] c;
    private int cOff;
    private int cRowStride;
    private int cColStride;
    private boolean accumulate;
    private boolean byColumns;
    private int chunk;

    private FloatTileJob() {
    }

    /** {@link FloatTiles#multiply} on all threads that can share the work. */
    static void multiply(int rows, int cols, int depth,
                         float[] s, int sOff, int sRowStride, int sDepthStride,
                         float[] x, int xOff, int xDepthStride, int xColStride,
                         float[] c, int cOff, int cRowStride, int cColStride, boolean accumulate) {
        int threads = threadsFor(rows, cols, depth);
        boolean byColumns = cols >= 2 * threads * FloatTiles.NR;
        int parts = threads == 1 ? 1 : Math.min(threads, byColumns ? blocks(cols, FloatTiles.NR) : blocks(rows, FloatTiles.MR));
        if (parts <= 1) {
            FloatTiles.multiply(rows, cols, depth, s, sOff, sRowStride, sDepthStride, x, xOff, xDepthStride, xColStride,
                    c, cOff, cRowStride, cColStride, accumulate);
            return;
        }
        FloatTileJob job = PER_THREAD.get();
        job.set(rows, cols, depth, s, sOff, sRowStride, sDepthStride, c, cOff, cRowStride, cColStride, accumulate);
        job.x = x;
        job.xOff = xOff;
        job.xDepthStride = xDepthStride;
        job.xColStride = xColStride;
        job.packed = null;
        job.split(parts, byColumns);
    }

    /** {@link FloatTiles#multiplyPacked} on all threads that can share the work, by rows. */
    static void multiplyPacked(int rows, float[] s, int sOff, int sRowStride, int sDepthStride, FloatPackedB x,
                               float[] c, int cOff, int cRowStride, boolean accumulate) {
        int threads = threadsFor(rows, x.n(), x.k());
        int parts = Math.min(threads, blocks(rows, FloatTiles.MR));
        if (parts <= 1) {
            FloatTiles.multiplyPacked(rows, s, sOff, sRowStride, sDepthStride, x, c, cOff, cRowStride, accumulate);
            return;
        }
        FloatTileJob job = PER_THREAD.get();
        job.set(rows, x.n(), x.k(), s, sOff, sRowStride, sDepthStride, c, cOff, cRowStride, 1, accumulate);
        job.x = null;
        job.packed = x;
        job.split(parts, false);
    }

    private static int threadsFor(int rows, int cols, int depth) {
        return (long) rows * cols * depth < PARALLEL_FMAS ? 1 : Workers.threads();
    }

    private static int blocks(int n, int block) {
        return (n + block - 1) / block;
    }

    private void set(int rows, int cols, int depth, float[] s, int sOff, int sRowStride, int sDepthStride,
                     float[] c, int cOff, int cRowStride, int cColStride, boolean accumulate) {
        this.rows = rows;
        this.cols = cols;
        this.depth = depth;
        this.s = s;
        this.sOff = sOff;
        this.sRowStride = sRowStride;
        this.sDepthStride = sDepthStride;
        this.c = c;
        this.cOff = cOff;
        this.cRowStride = cRowStride;
        this.cColStride = cColStride;
        this.accumulate = accumulate;
    }

    private void split(int parts, boolean byColumns) {
        this.byColumns = byColumns;
        int unit = byColumns ? FloatTiles.NR : FloatTiles.MR;
        this.chunk = blocks(blocks(byColumns ? cols : rows, unit), parts) * unit;
        try {
            Workers.run(parts, this);
        } finally {
            s = null;
            x = null;
            c = null;
            packed = null;
        }
    }

    @Override
    public void run(int part, int parts) {
        int from = part * chunk;
        int to = Math.min(byColumns ? cols : rows, from + chunk);
        if (from >= to) {
            return;
        }
        if (byColumns) {
            FloatTiles.multiply(rows, to - from, depth, s, sOff, sRowStride, sDepthStride,
                    x, xOff + from * xColStride, xDepthStride, xColStride,
                    c, cOff + from * cColStride, cRowStride, cColStride, accumulate);
        } else if (packed == null) {
            FloatTiles.multiply(to - from, cols, depth, s, sOff + from * sRowStride, sRowStride, sDepthStride,
                    x, xOff, xDepthStride, xColStride, c, cOff + from * cRowStride, cRowStride, cColStride, accumulate);
        } else {
            FloatTiles.multiplyPacked(to - from, s, sOff + from * sRowStride, sRowStride, sDepthStride, packed,
                    c, cOff + from * cRowStride, cRowStride, accumulate);
        }
    }
}
