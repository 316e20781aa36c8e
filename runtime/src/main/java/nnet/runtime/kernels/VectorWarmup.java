package nnet.runtime.kernels;

/**
 * Brings the vector kernels up to speed before the products use them. Until HotSpot's optimising
 * compiler has compiled them, Vector API calls run as allocated objects, tens of times slower than the
 * scalar loops, which made short runs slower with the module than without. The scalar and vector
 * kernels give the same results bit for bit, so products take the scalar path while a background thread
 * runs the vector one on small problems of every shape class, and switch once its timings settle.
 */
final class VectorWarmup {
    /** Rounds before the timings are judged at all, and the settled rounds that end the warm-up. */
    private static final int MIN_ROUNDS = 40;
    private static final int SETTLED_ROUNDS = 8;
    /** A round counts as settled within this factor of the fastest one. */
    private static final double SETTLED = 1.25;
    private static final long MAX_NANOS = 8_000_000_000L;

    private VectorWarmup() {
    }

    static void start(Runnable whenWarm) {
        Thread t = new Thread(() -> {
            try {
                run();
            } finally {
                whenWarm.run();
            }
        }, "nnet-vector-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** How a warm-up went: its rounds, whether the timings settled (or time ran out), its length. */
    record Outcome(int rounds, boolean settled, long nanos, long fastestRoundNanos) {
    }

    static Outcome run() {
        Problems problems = new Problems();
        long begin = System.nanoTime();
        long fastest = Long.MAX_VALUE;
        int settled = 0;
        int round = 0;
        while (settled < SETTLED_ROUNDS && System.nanoTime() - begin < MAX_NANOS) {
            round++;
            long t0 = System.nanoTime();
            problems.runAll();
            long took = System.nanoTime() - t0;
            fastest = Math.min(fastest, took);
            settled = round >= MIN_ROUNDS && took <= fastest * SETTLED ? settled + 1 : 0;
        }
        return new Outcome(round, settled == SETTLED_ROUNDS, System.nanoTime() - begin, fastest);
    }

    /** Products of both precisions, both orientations, every transposition, full tiles and edges. */
    private static final class Problems {
        private static final int[][] SHAPES = {{37, 45, 70}, {96, 64, 160}, {5, 83, 29}};
        private final float[] fa = new float[160 * 96];
        private final float[] fb = new float[160 * 96];
        private final float[] fc = new float[96 * 96];
        private final double[] da = new double[160 * 96];
        private final double[] db = new double[160 * 96];
        private final double[] dc = new double[96 * 96];
        private final FloatPackedB fPacked = new FloatPackedB();
        private final DoublePackedB dPacked = new DoublePackedB();

        Problems() {
            for (int i = 0; i < fa.length; i++) {
                fa[i] = (i % 13) * 0.25f - 1;
                fb[i] = (i % 7) * 0.5f - 1.5f;
                da[i] = fa[i];
                db[i] = fb[i];
            }
        }

        void runAll() {
            for (int[] s : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    boolean transA = (t & 1) != 0;
                    boolean transB = (t & 2) != 0;
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    int lda = transA ? m : k;
                    int ldb = transB ? k : n;
                    FloatGemm.tiles(transA, transB, m, n, k, fa, 0, lda, fb, 0, ldb, fc, 0, n, t == 3);
                    DoubleGemm.tiles(transA, transB, m, n, k, da, 0, lda, db, 0, ldb, dc, 0, n, t == 3);
                    FloatGemm.multiplyPacked(transA, m, fa, 0, lda, fPacked.pack(transB, n, k, fb, 0, ldb), fc, 0, n,
                            false);
                    DoubleGemm.multiplyPacked(transA, m, da, 0, lda, dPacked.pack(transB, n, k, db, 0, ldb), dc, 0, n,
                            false);
                }
            }
        }
    }
}
