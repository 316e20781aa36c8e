package nnet.runtime.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import nnet.runtime.Model;
import nnet.runtime.Plural;
import nnet.runtime.data.Dataset;
import nnet.runtime.io.DataException;
import nnet.runtime.model.TrainConfig;
import nnet.runtime.train.Checkpoint;
import nnet.runtime.train.CheckpointDir;
import nnet.runtime.train.CheckpointPolicy;
import nnet.runtime.train.CheckpointWriter;
import nnet.runtime.train.RunPosition;
import nnet.runtime.train.RunSettings;
import nnet.runtime.train.TensorMatch;
import nnet.runtime.train.Trainer;
import nnet.runtime.train.TrainingInterrupted;
import nnet.runtime.train.Weights;

/**
 * What the train command does around the training loop: before it, checking and claiming every output
 * (so that a bad --save fails at once, not after hours), sweeping what killed saves left, and starting
 * from --init, --init-partial or --resume; during it, checkpoints and Ctrl-C; after it, releasing the
 * claims.
 */
final class TrainRun implements AutoCloseable {
    private final Model model;
    private final TrainConfig config;
    private final PrintStream out;
    private final PrintStream err;
    private final CheckpointPolicy policy;
    private final Checkpoint resume;
    private final OutputClaims claims;

    private TrainRun(Model model, TrainConfig config, PrintStream out, PrintStream err, CheckpointPolicy policy,
                     Checkpoint resume, OutputClaims claims) {
        this.model = model;
        this.config = config;
        this.out = out;
        this.err = err;
        this.policy = policy;
        this.resume = resume;
        this.claims = claims;
    }

    /**
     * Checks and claims the outputs of a run writing its weights to {@code target}, then puts the starting
     * weights into {@code model} (initialised already). Throws before anything is trained or written.
     */
    static TrainRun prepare(Model model, TrainConfig config, TrainOptions o, Path target, PrintStream out,
                            PrintStream err) {
        CheckpointOptions c = o.checkpoints;
        if ((o.init != null ? 1 : 0) + (c.initPartial != null ? 1 : 0) + (c.resume != null ? 1 : 0) > 1) {
            throw new UsageError("--init, --init-partial and --resume each say where training starts; give one");
        }
        CheckpointPolicy policy = c.policy(target);
        Checkpoint resume = c.resume == null ? null : Checkpoint.read(CheckpointDir.resolve(c.resume));
        OutputClaims claims = OutputClaims.claim(target, policy == null ? null : policy.dir(), err);
        try {
            if (resume == null && policy != null) {
                refuseToOverwriteUnfinished(policy.dir());
            }
            TrainRun run = new TrainRun(model, config, out, err, policy, resume, claims);
            run.loadStart(o);
            return run;
        } catch (RuntimeException e) {
            claims.close();
            throw e;
        }
    }

    /**
     * A fresh run replaces the checkpoints in its directory; when they are those of a run that never
     * finished, that is most likely a mistake that would throw away its progress.
     */
    private static void refuseToOverwriteUnfinished(CheckpointDir dir) {
        Optional<Path> latest = dir.latest();
        if (latest.isEmpty()) {
            return;
        }
        Checkpoint c = Checkpoint.read(latest.get());
        if (!c.finished()) {
            throw new UsageError(dir.path() + " holds the checkpoints of an unfinished run (epoch " + c.epoch()
                    + ", step " + c.step() + "); continue it with --resume " + dir.path() + ", or start afresh "
                    + "elsewhere with --checkpoint-dir (or after deleting them)");
        }
    }

    private void loadStart(TrainOptions o) {
        if (o.init != null) {
            try {
                Weights.load(model, o.init, warning -> err.println("warning: " + warning));
            } catch (DataException e) {
                throw new DataException(e.getMessage() + "; --init-partial " + o.init
                        + " loads only the tensors that fit", e);
            }
        } else if (o.checkpoints.initPartial != null) {
            report(o.checkpoints.initPartial, Weights.loadPartial(model, o.checkpoints.initPartial));
        }
    }

    private void report(Path file, TensorMatch match) {
        int total = match.matched().size() + match.missing().size() + match.misshaped().size();
        out.printf(Locale.ROOT, "loaded %d of the model's %d tensors from %s%s%n", match.matched().size(), total,
                file, match.differences().isEmpty() ? "" : "; " + match.differences()
                        + " (those of the model start from their initialisers, the others are ignored)");
        if (!match.narrowed().isEmpty()) {
            err.println("warning: " + match.narrowedWarning(file));
        }
        if (match.matched().isEmpty()) {
            throw new DataException(file + ": no tensor of it fits model " + model.info().name()
                    + "; is it the file of another model?");
        }
    }

    /**
     * Trains on the splits from the start or the resumed checkpoint, writing checkpoints as the policy says.
     * On Ctrl-C it saves a checkpoint where the run stopped and throws {@link TrainingInterrupted} saying
     * how to resume.
     */
    Trainer.Result fit(Trainer trainer, Dataset train, Dataset validation) {
        RunSettings settings = new RunSettings(config, train.size(), validation == null ? 0 : validation.size());
        RunPosition at = resume == null ? RunPosition.start() : restore(settings);
        if (at.epoch() > config.epochs()) {
            return finished(trainer, train, validation);
        }
        if (policy == null) {
            return trainer.fit(train, validation, at);
        }
        CheckpointWriter writer = new CheckpointWriter(model, settings, policy);
        trainer.addListener(writer);
        try (StopSignals signals = StopSignals.install(err)) {
            trainer.stopWhen(signals::requested);
            return trainer.fit(train, validation, at);
        } catch (TrainingInterrupted e) {
            Path saved = writer.save(e.position());
            throw new TrainingInterrupted("interrupted at epoch " + e.position().epoch() + ", step " + e.step()
                    + "; saved a checkpoint to " + saved + "\nto continue, run the same command with --resume "
                    + saved, e);
        }
    }

    /**
     * A checkpoint taken when its run had done all its epochs: the run only lacks its weights file (it was
     * killed while saving it, say), so the figures are evaluated again and the weights saved.
     */
    private Trainer.Result finished(Trainer trainer, Dataset train, Dataset validation) {
        out.println("the run had done all " + Plural.of(config.epochs(), "epoch") + " when " + resume.file() + " was written; "
                + "saving its weights (give a larger --epochs to train further)");
        return new Trainer.Result(trainer.evaluate(train, config.batch()),
                validation == null ? null : trainer.evaluate(validation, config.batch()), 0);
    }

    private RunPosition restore(RunSettings settings) {
        RunPosition at = resume.restore(model, settings);
        if (at.epoch() > config.epochs()) {
            return at;
        }
        out.printf(Locale.ROOT, "resuming from %s: epoch %d, %d batches into it, step %d%n", resume.file(),
                at.epoch(), at.batch(), resume.step());
        return at;
    }

    /** Where the checkpoints went, for the closing lines; null without checkpoints. */
    CheckpointDir checkpoints() {
        return policy == null ? null : policy.dir();
    }

    @Override
    public void close() {
        claims.close();
    }

    /**
     * Refuses to train on nothing, or to validate on nothing when a validation split was asked for; an empty
     * data file is refused when it is read.
     */
    static void requireExamples(Dataset all, Dataset[] parts, TrainConfig config) {
        if (parts[0].size() == 0) {
            throw new UsageError("validation " + config.validation() + " holds out all " + Plural.of(all.size(), "example")
                    + ", leaving none to train on; use a smaller fraction");
        }
        if (config.validation() > 0 && parts[1] == null) {
            throw new UsageError("validation " + config.validation() + " of " + Plural.of(all.size(), "example") + " holds out "
                    + "none; use a larger fraction, or 0 for no validation");
        }
    }
}
