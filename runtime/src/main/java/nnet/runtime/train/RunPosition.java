package nnet.runtime.train;

import java.util.List;

/**
 * Where a training run is, in the terms a resumed run needs to continue exactly: the epoch in progress
 * (1 for the first), how many of its batches are done, the running sums of its loss and metrics, and the
 * best validation loss so far. The optimizer step count and the random ops' seed belong to the model;
 * the data order is a function of the seed and the epoch (see {@link DataOrder}).
 */
public final class RunPosition {
    private int epoch;
    private int batch;
    private double[] savedSums;
    private Metrics metrics;
    private double bestLoss;
    private int bestEpoch;

    private RunPosition(int epoch, int batch, double[] savedSums, double bestLoss, int bestEpoch) {
        this.epoch = epoch;
        this.batch = batch;
        this.savedSums = savedSums;
        this.bestLoss = bestLoss;
        this.bestEpoch = bestEpoch;
    }

    /** The start of a run. */
    public static RunPosition start() {
        return new RunPosition(1, 0, null, Double.NaN, 0);
    }

    /** A position read back from a checkpoint; {@code sums} are those of {@link Metrics#sums()}. */
    static RunPosition restored(int epoch, int batch, double[] sums, double bestLoss, int bestEpoch) {
        if (epoch < 1 || batch < 0) {
            throw new IllegalArgumentException("epoch " + epoch + ", batch " + batch + " is no position of a run");
        }
        return new RunPosition(epoch, batch, batch == 0 ? null : sums.clone(), bestLoss, bestEpoch);
    }

    /** The epoch in progress, or the next one to run between epochs; 1 for the first. */
    public int epoch() {
        return epoch;
    }

    /** Batches of the epoch in progress that are done. */
    public int batch() {
        return batch;
    }

    /** The best validation loss at the end of an epoch so far; NaN before the first or without validation. */
    public double bestLoss() {
        return bestLoss;
    }

    /** The epoch that gave {@link #bestLoss()}, 0 for none. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The running figures of the epoch in progress: fresh at its start, continued when resumed within it. */
    Metrics epochMetrics(List<String> names) {
        if (metrics == null) {
            metrics = savedSums == null ? new Metrics(names, true) : Metrics.resumed(names, true, savedSums);
            savedSums = null;
        }
        return metrics;
    }

    /** The running sums to save: those of the epoch in progress, or of the position read back. */
    double[] sums(int metricCount) {
        if (metrics != null) {
            return metrics.sums();
        }
        return savedSums != null ? savedSums.clone() : new double[metricCount + 2];
    }

    void batchDone() {
        batch++;
    }

    void epochDone() {
        epoch++;
        batch = 0;
        metrics = null;
        savedSums = null;
    }

    /** Records the validation loss of the epoch just done if it is the best so far; says whether it was. */
    boolean offerValidationLoss(double loss, int ofEpoch) {
        if (Double.isNaN(bestLoss) || loss < bestLoss) {
            bestLoss = loss;
            bestEpoch = ofEpoch;
            return true;
        }
        return false;
    }
}
