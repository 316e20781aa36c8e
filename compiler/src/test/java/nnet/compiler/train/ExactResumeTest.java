package nnet.compiler.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import nnet.compiler.api.Nnet;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.data.DataFiles;
import nnet.runtime.data.Dataset;
import nnet.runtime.io.DataException;
import nnet.runtime.model.TrainConfig;
import nnet.runtime.train.Checkpoint;
import nnet.runtime.train.RunPosition;
import nnet.runtime.train.RunSettings;
import nnet.runtime.train.Trainer;
import nnet.runtime.train.TrainingInterrupted;
import nnet.runtime.train.TrainingListener;
import nnet.runtime.train.Weights;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run stopped after k steps, checkpointed, and resumed in a freshly compiled model takes exactly the
 * steps the uninterrupted run takes: every step's loss and the final parameters are equal bit for bit,
 * wherever k falls (within an epoch, at its end, in the first or last epoch).
 */
class ExactResumeTest {
    @TempDir
    static Path dir;
    static Path csv;

    @BeforeAll
    static void data() throws Exception {
        csv = ResumeFixture.csv(dir.resolve("blobs.csv"), 150, 11);
    }

    /** A model as a new process would have it: compiled anew, parameters from the seed. */
    private static Model freshModel(String source) {
        return Nnet.compile("blobs.nnet", source).model("Blobs");
    }

    private static Dataset[] splits(Model m) {
        Dataset all = DataFiles.of(csv).load(m.info(), Set.of());
        return Trainer.split(all, m.info().train());
    }

    private static RunSettings settings(Model m, Dataset[] parts) {
        return new RunSettings(m.info().train(), parts[0].size(), parts[1].size());
    }

    /** Each step's loss as raw bits, in step order, and the parameters at the end. */
    record Trace(List<Long> losses, Map<String, Tensor> params) {
    }

    private static TrainingListener recording(List<Long> losses) {
        return new TrainingListener() {
            @Override
            public void afterStep(RunPosition at, long step, double loss) {
                losses.add(Double.doubleToRawLongBits(loss));
            }
        };
    }

    private static Trace uninterrupted() {
        Model m = freshModel(ResumeFixture.SOURCE);
        Dataset[] parts = splits(m);
        List<Long> losses = new ArrayList<>();
        Trainer t = new Trainer(m, m.info().train(), null);
        t.addListener(recording(losses));
        t.fit(parts[0], parts[1]);
        return new Trace(losses, m.parameters());
    }

    /** Trains until step k, saves a checkpoint, then resumes it in a new model; {@code tamper} may spoil it. */
    private static Trace interruptedAt(long k, java.util.function.Consumer<Model> tamper) {
        Path file = dir.resolve("at-" + k + ".safetensors");
        List<Long> losses = new ArrayList<>();
        Model first = freshModel(ResumeFixture.SOURCE);
        Dataset[] parts = splits(first);
        Trainer t = new Trainer(first, first.info().train(), null);
        t.addListener(recording(losses));
        t.stopWhen(() -> first.steps() == k);
        try {
            t.fit(parts[0], parts[1]);
            throw new AssertionError("training did not stop at step " + k);
        } catch (TrainingInterrupted e) {
            assertThat(e.step()).isEqualTo(k);
            Checkpoint.write(file, first, settings(first, parts), e.position());
        }
        Model second = freshModel(ResumeFixture.SOURCE);
        Dataset[] again = splits(second);
        RunPosition at = Checkpoint.read(file).restore(second, settings(second, again));
        tamper.accept(second);
        Trainer resumed = new Trainer(second, second.info().train(), null);
        resumed.addListener(recording(losses));
        resumed.fit(again[0], again[1], at);
        return new Trace(losses, second.parameters());
    }

    private static void assertSameBits(Map<String, Tensor> a, Map<String, Tensor> b) {
        assertThat(b.keySet()).isEqualTo(a.keySet());
        a.forEach((name, t) -> assertThat(b.get(name).floats()).as(name).containsExactly(t.floats()));
    }

    @Test
    void resumingAnywhereGivesTheUninterruptedLossesBitForBit() {
        Trace reference = uninterrupted();
        int steps = reference.losses().size();
        int perEpoch = steps / freshModel(ResumeFixture.SOURCE).info().train().epochs();
        assertThat(perEpoch).as("steps per epoch: 120 examples in batches of 8").isEqualTo(15);
        SplittableRandom rng = new SplittableRandom(2024);
        List<Long> points = new ArrayList<>(List.of(1L, (long) perEpoch, (long) perEpoch + 1, (long) steps - 1));
        points.add(2L + rng.nextInt(steps - 3));
        for (long k : points) {
            Trace resumed = interruptedAt(k, m -> { });
            assertThat(resumed.losses()).as("losses when resumed after step " + k).isEqualTo(reference.losses());
            assertSameBits(reference.params(), resumed.params());
        }
    }

    @Test
    void theOptimizerStateAndStepCountAreWhatMakeItExact() {
        Trace reference = uninterrupted();
        Trace freshAdam = interruptedAt(20, Model::resetOptimizer);
        assertThat(freshAdam.losses()).hasSameSizeAs(reference.losses()).isNotEqualTo(reference.losses());
        // The 21st step's forward pass already differs: its dropout masks are drawn for step count 20.
        Trace otherDropout = interruptedAt(20, m -> m.restoreSteps(m.steps() + 1));
        assertThat(otherDropout.losses().subList(20, 21)).isNotEqualTo(reference.losses().subList(20, 21));
    }

    @Test
    void aCheckpointOfAnotherModelIsRefusedNamingTheDifferences() {
        Model wide = freshModel(ResumeFixture.WIDER);
        Dataset[] parts = splits(wide);
        Path file = dir.resolve("wide.safetensors");
        Checkpoint.write(file, wide, settings(wide, parts), RunPosition.start());
        Model narrow = freshModel(ResumeFixture.SOURCE);
        Map<String, Tensor> before = narrow.parameters();
        assertThatThrownBy(() -> Checkpoint.read(file).restore(narrow, settings(narrow, parts)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": not a checkpoint of model Blobs: mis-shaped: mlp.layers.0.weight "
                        + "(f32[24, 4] in the file, f32[16, 4] in the model), mlp.layers.0.bias (f32[24] in the file, "
                        + "f32[16] in the model)")
                .hasMessageContaining("mlp.layers.1.weight (f32[3, 24] in the file, f32[3, 16] in the model)")
                .hasMessageContaining("mlp.norms.0.running_var (f32[24] in the file, f32[16] in the model)")
                .hasMessageNotContaining("optimizer/");
        assertSameBits(before, narrow.parameters());
    }

    @Test
    void aCheckpointOfAnotherOptimizerIsRefusedNamingIt() {
        String sgd = ResumeFixture.SOURCE.replace("adam(lr = 0.02)", "sgd(lr = 0.02, momentum = 0.9)");
        Model withSgd = freshModel(sgd);
        Dataset[] parts = splits(withSgd);
        Path file = dir.resolve("sgd.safetensors");
        Checkpoint.write(file, withSgd, settings(withSgd, parts), RunPosition.start());
        assertThatThrownBy(() -> Checkpoint.read(file).restore(freshModel(ResumeFixture.SOURCE),
                settings(withSgd, parts)))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": its optimizer state is not that of model Blobs's adam(")
                .hasMessageContaining("missing: optimizer/1/mlp.layers.0.weight");
    }

    @Test
    void otherSettingsOrDataAreRefusedNamingThem() {
        Model m = freshModel(ResumeFixture.SOURCE);
        Dataset[] parts = splits(m);
        Path file = dir.resolve("settings.safetensors");
        Checkpoint.write(file, m, settings(m, parts), RunPosition.start());
        TrainConfig other = m.info().train().withBatch(16).withEpochs(9);
        RunSettings changed = new RunSettings(other, parts[0].size() - 1, parts[1].size());
        assertThatThrownBy(() -> Checkpoint.read(file).restore(freshModel(ResumeFixture.SOURCE), changed))
                .isInstanceOf(DataException.class)
                .hasMessage(file + ": the checkpoint was taken with other settings or data: batch 8 there, 16 here; "
                        + "training examples 120 there, 119 here; an exact resume needs the same ones (only --epochs "
                        + "may change)");
    }

    @Test
    void weightsAreNoCheckpointAndACheckpointServesAsWeights() {
        Model m = freshModel(ResumeFixture.SOURCE);
        Dataset[] parts = splits(m);
        Path weights = dir.resolve("weights.safetensors");
        Weights.save(m, weights);
        assertThatThrownBy(() -> Checkpoint.read(weights)).isInstanceOf(DataException.class)
                .hasMessage(weights + ": not a checkpoint (it holds no optimizer state or position of a run); to start "
                        + "from its weights, use --init " + weights);
        new Trainer(m, m.info().train().withEpochs(1), null).fit(parts[0], parts[1]);
        Path ckpt = dir.resolve("as-weights.safetensors");
        Checkpoint.write(ckpt, m, settings(m, parts), RunPosition.start());
        Model other = freshModel(ResumeFixture.SOURCE);
        assertThat(Weights.load(other, ckpt)).isEmpty();
        assertSameBits(m.parameters(), other.parameters());
    }
}
