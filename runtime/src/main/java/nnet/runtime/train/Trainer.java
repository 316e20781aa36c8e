package nnet.runtime.train;

import java.io.PrintStream;
import java.util.List;
import java.util.SplittableRandom;
import nnet.runtime.ClassIndexOutOfRange;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import nnet.runtime.data.Dataset;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ProgramInfo;
import nnet.runtime.model.TrainConfig;

/**
 * Mini-batch training: each epoch shuffles the training examples (seeded), takes one optimizer step per
 * batch and, when there is a validation set, evaluates on it. Listeners see every step and epoch.
 */
public final class Trainer {
    private final Model model;
    private final TrainConfig config;
    private final Batches batches;
    private final List<String> metricNames;
    private final Listeners listeners = new Listeners();
    private java.util.function.BooleanSupplier stopRequested = () -> false;

    /** {@code out} receives one line per epoch; null for silence (or for listeners of one's own). */
    public Trainer(Model model, TrainConfig config, PrintStream out) {
        if (model.info().program(ProgramInfo.TRAIN).isEmpty()) {
            throw new IllegalArgumentException("model " + model.info().name() + " has no loss to train on");
        }
        this.model = model;
        this.config = config;
        this.batches = new Batches(model);
        this.metricNames = model.info().io(IoInfo.Kind.METRIC).stream().map(IoInfo::name).toList();
        if (out != null) {
            listeners.add(new EpochLines(out, false));
        }
    }

    /** Adds a listener told of every step and epoch of {@link #fit}; returns this trainer. */
    public Trainer listen(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Tells {@code listener} of every step and epoch (checkpoints are written by one). */
    public void addListener(TrainingListener listener) {
        listen(listener);
    }

    /** Asked after every step; when true, training stops there with {@link TrainingInterrupted}. */
    public void stopWhen(java.util.function.BooleanSupplier requested) {
        this.stopRequested = requested;
    }

    /** What a training run ends with: the last epoch's training and validation figures. */
    public record Result(Metrics train, Metrics validation, double examplesPerSecond) {
    }

    /** Splits {@code data} into training and validation examples as the config says, seeded. */
    public static Dataset[] split(Dataset data, TrainConfig config) {
        int[] order = permutation(data.size(), new SplittableRandom(config.seed() ^ 0x5eedL));
        int held = (int) Math.round(data.size() * config.validation());
        int[] val = java.util.Arrays.copyOfRange(order, 0, held);
        int[] train = java.util.Arrays.copyOfRange(order, held, order.length);
        java.util.Arrays.sort(val);
        java.util.Arrays.sort(train);
        return new Dataset[] {data.subset(train), held == 0 ? null : data.subset(val)};
    }

    public Result fit(Dataset train, Dataset validation) {
        return fit(train, validation, RunPosition.start());
    }

    /**
     * Trains from {@code at} (the start, or where a checkpoint was taken) to the last epoch; the model must
     * hold the parameters and optimizer state of that point. Resumed this way, a run takes exactly the steps
     * the uninterrupted run takes from there.
     */
    public Result fit(Dataset train, Dataset validation, RunPosition at) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("there are no training examples");
        }
        DataOrder orders = new DataOrder(config.seed(), config.shuffle(), train.size());
        Metrics last = null;
        Metrics lastVal = null;
        double rate = 0;
        listeners.started(new TrainingListener.Plan(model.info().name(), train.size(),
                validation == null ? 0 : validation.size(), config.batch(), steps(train.size()), config.epochs(),
                config.optimizer().describe()));
        for (int epoch = at.epoch(); epoch <= config.epochs(); epoch++) {
            int[] order = orders.of(epoch);
            long start = System.nanoTime();
            int firstBatch = at.batch();
            double lr = config.learningRate(epoch - 1);
            listeners.epochStarted(epoch, lr);
            last = epoch(train, order, lr, at, epoch, start);
            double seconds = (System.nanoTime() - start) / 1e9;
            rate = (train.size() - Math.min(train.size(), (long) firstBatch * config.batch())) / Math.max(seconds, 1e-9);
            lastVal = validation == null ? null : evaluate(validation, config.batch());
            listeners.epochEnded(new TrainingListener.Epoch(epoch, (long) epoch * steps(train.size()), lr, last,
                    lastVal, rate, (System.nanoTime() - start) / 1e9));
            at.epochDone();
            listeners.afterEpoch(at, last, lastVal);
        }
        listeners.finished();
        return new Result(last, lastVal, rate);
    }

    private int steps(int examples) {
        return (examples + config.batch() - 1) / config.batch();
    }

    private Metrics epoch(Dataset data, int[] order, double lr, RunPosition at, int epoch, long start) {
        Metrics m = at.epochMetrics(metricNames);
        int steps = steps(data.size());
        for (int from = at.batch() * config.batch(); from < data.size(); from += config.batch()) {
            int count = Math.min(config.batch(), data.size() - from);
            Executor ex = batches.of(count);
            data.fill(ex, order, from, count);
            try {
                ex.step(lr);
            } catch (ClassIndexOutOfRange e) {
                throw data.badClassIndex(e, order[from + e.row()]);
            }
            if (!Double.isFinite(ex.loss())) {
                throw new TrainingDiverged(model.info().name(), ex.loss(), epoch, from / config.batch() + 1);
            }
            m.add(ex, count);
            at.batchDone();
            if (listeners.any()) {
                Metrics batch = new Metrics(metricNames, true);
                batch.add(ex, count);
                int inEpoch = from / config.batch() + 1;
                listeners.stepEnded(new TrainingListener.Step(epoch, (long) (epoch - 1) * steps + inEpoch, inEpoch,
                        steps, count, lr, batch, m, (System.nanoTime() - start) / 1e9));
            }
            afterStep(at, ex.loss());
        }
        return m;
    }

    private void afterStep(RunPosition at, double loss) {
        listeners.afterStep(at, model.steps(), loss);
        if (stopRequested.getAsBoolean()) {
            throw new TrainingInterrupted(at, model.steps());
        }
    }

    /** Loss and metrics over a dataset in evaluation mode. */
    public Metrics evaluate(Dataset data, int batch) {
        return evaluate(batches, metricNames, data, batch);
    }

    /**
     * The loss and metrics of a model on {@code data}, {@code batch} examples at a time, for a model that
     * has a loss but need not train (no train section).
     */
    public static Metrics evaluate(Model model, Dataset data, int batch) {
        if (model.info().program(ProgramInfo.EVALUATE).isEmpty()) {
            throw new IllegalArgumentException("model " + model.info().name() + " has no loss to evaluate");
        }
        List<String> metrics = model.info().io(IoInfo.Kind.METRIC).stream().map(IoInfo::name).toList();
        return evaluate(new Batches(model), metrics, data, batch);
    }

    private static Metrics evaluate(Batches batches, List<String> metricNames, Dataset data, int batch) {
        Metrics m = new Metrics(metricNames, true);
        int[] order = identity(data.size());
        for (int from = 0; from < data.size(); from += batch) {
            int count = Math.min(batch, data.size() - from);
            Executor ex = batches.of(count);
            data.fill(ex, order, from, count);
            try {
                ex.evaluate();
            } catch (ClassIndexOutOfRange e) {
                throw data.badClassIndex(e, order[from + e.row()]);
            }
            m.add(ex, count);
        }
        return m;
    }

    static int[] permutation(int n, SplittableRandom rng) {
        int[] p = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        return p;
    }

    /** The loss became NaN or infinite; further steps would only spread it. */
    public static final class TrainingDiverged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TrainingDiverged(String model, double loss, int epoch, int step) {
            super("training " + model + " diverged in epoch " + epoch + ", step " + step + ": the loss became " + loss
                    + "; try a smaller learning rate");
        }
    }
}
