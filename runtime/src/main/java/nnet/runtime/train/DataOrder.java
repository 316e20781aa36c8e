package nnet.runtime.train;

import java.util.SplittableRandom;

/**
 * The order in which an epoch visits the training examples: a fresh seeded permutation per epoch when
 * shuffling, drawn one after the other from a single random stream. The stream's state is thus its seed
 * and the number of permutations drawn, and a resumed run restores it by drawing the earlier epochs'
 * permutations again (cheap next to an epoch of training).
 */
final class DataOrder {
    private final SplittableRandom rng;
    private final boolean shuffle;
    private final int size;
    private int drawn;

    DataOrder(long seed, boolean shuffle, int size) {
        this.rng = new SplittableRandom(seed);
        this.shuffle = shuffle;
        this.size = size;
    }

    /** The order of epoch {@code epoch} (1 for the first); epochs are asked for in increasing order. */
    int[] of(int epoch) {
        if (!shuffle) {
            return Trainer.identity(size);
        }
        if (epoch <= drawn) {
            throw new IllegalStateException("epoch " + epoch + " was drawn already");
        }
        while (drawn < epoch - 1) {
            Trainer.permutation(size, rng);
            drawn++;
        }
        drawn++;
        return Trainer.permutation(size, rng);
    }
}
