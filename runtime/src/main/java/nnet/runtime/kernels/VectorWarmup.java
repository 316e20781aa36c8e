package nnet.runtime.kernels;

/**
 * Brings the vector kernels up to speed before the products use them. Until HotSpot's optimising
 * compiler has compiled them, Vector API calls run as allocated objects, tens of times slower than the
 * scalar loops, which made short runs slower with the module than without. The scalar and vector
 * kernels give the same results bit for bit, so products take the scalar path while a background thread
 * runs both on small problems of every shape class, and switch once the vector ones are clearly the
 * faster. On a loaded machine compilation can take many seconds; if they never win, products stay scalar.
 */
final class VectorWarmup {
    /** Rounds before the timings are judged at all, and the winning rounds in a row that end the warm-up. */
    private static final int MIN_ROUNDS = 10;
    private static final int WINNING_ROUNDS = 3;
    /** A round counts as won when the vector kernels take at most this fraction of the scalar ones' time. */
    private static final double WIN = 0.7;
    private static final long MAX_NANOS = 30_000_000_000L;

    private VectorWarmup() {
    }

    static void start(Runnable whenWarm) {
        Thread t = new Thread(() -> {
            if (run().won()) {
                whenWarm.run();
            }
        }, "nnet-vector-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** How a warm-up went: its rounds, whether the vector kernels won, its length, their last ratio. */
    record Outcome(int rounds, boolean won, long nanos, double lastRatio) {
    }

    static Outcome run() {
        Problems problems = new Problems();
        long begin = System.nanoTime();
        int won = 0;
        int round = 0;
        double ratio = Double.NaN;
        while (won < WINNING_ROUNDS && System.nanoTime() - begin < MAX_NANOS) {
            round++;
            long t0 = System.nanoTime();
            problems.runAll(true);
            long t1 = System.nanoTime();
            problems.runAll(false);
            long t2 = System.nanoTime();
            ratio = (double) (t1 - t0) / Math.max(1, t2 - t1);
            won = round >= MIN_ROUNDS && ratio <= WIN ? won + 1 : 0;
        }
        return new Outcome(round, won == WINNING_ROUNDS, System.nanoTime() - begin, ratio);
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

        /** All the problems on the vector kernels, or on the scalar ones. */
        void runAll(boolean vector) {
            for (int[] s : SHAPES) {
                for (int t = 0; t < 4; t++) {
                    boolean transA = (t & 1) != 0;
                    boolean transB = (t & 2) != 0;
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    int lda = transA ? m : k;
                    int ldb = transB ? k : n;
                    if (!vector) {
                        FloatGemm.blocked(transA, transB, m, n, k, fa, 0, lda, fb, 0, ldb, fc, 0, n, t == 3);
                        DoubleGemm.blocked(transA, transB, m, n, k, da, 0, lda, db, 0, ldb, dc, 0, n, t == 3);
                        continue;
                    }
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
