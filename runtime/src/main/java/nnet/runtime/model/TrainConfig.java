package nnet.runtime.model;

import java.io.Serializable;

/**
 * How a model trains: optimizer, mini-batch size, number of epochs, the seed of every random choice
 * (initialisation, shuffling, the validation split), the fraction of examples held out for validation
 * (0 for none), the learning-rate schedule over epochs (null: constant) and the clipping of gradients
 * (null: none), which the generated update applies.
 */
public record TrainConfig(OptimizerSpec optimizer, int batch, int epochs, long seed, double validation,
                          boolean shuffle, ScheduleSpec schedule, GradientClipping clipping) implements Serializable {

    public TrainConfig(OptimizerSpec optimizer, int batch, int epochs, long seed, double validation, boolean shuffle) {
        this(optimizer, batch, epochs, seed, validation, shuffle, null, null);
    }

    /** The learning rate of epoch {@code epoch} (0 for the first). */
    public double learningRate(int epoch) {
        double base = optimizer.get("lr");
        return schedule == null ? base : schedule.rate(base, epoch);
    }

    public TrainConfig withEpochs(int e) {
        return new TrainConfig(optimizer, batch, e, seed, validation, shuffle, schedule, clipping);
    }

    public TrainConfig withBatch(int b) {
        return new TrainConfig(optimizer, b, epochs, seed, validation, shuffle, schedule, clipping);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(optimizer, batch, epochs, s, validation, shuffle, schedule, clipping);
    }

    public TrainConfig withValidation(double v) {
        return new TrainConfig(optimizer, batch, epochs, seed, v, shuffle, schedule, clipping);
    }

    /** The same optimizer with another learning rate; the rate is a run-time value of the update code. */
    public TrainConfig withLearningRate(double lr) {
        java.util.Map<String, Double> hyper = new java.util.HashMap<>(optimizer.hyper());
        hyper.put("lr", lr);
        return new TrainConfig(new OptimizerSpec(optimizer.kind(), hyper), batch, epochs, seed, validation, shuffle, schedule, clipping);
    }
}
