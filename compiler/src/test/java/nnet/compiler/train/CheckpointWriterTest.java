package nnet.compiler.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnet.compiler.api.Nnet;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.data.DataFiles;
import nnet.runtime.data.Dataset;
import nnet.runtime.io.SafeTensors;
import nnet.runtime.train.CheckpointDir;
import nnet.runtime.train.CheckpointPolicy;
import nnet.runtime.train.CheckpointWriter;
import nnet.runtime.train.Metrics;
import nnet.runtime.train.RunPosition;
import nnet.runtime.train.RunSettings;
import nnet.runtime.train.Trainer;
import nnet.runtime.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoints a run leaves: the newest few, and the one of the epoch with the lowest validation loss. */
class CheckpointWriterTest {
    @TempDir
    Path dir;

    /** Each epoch's validation loss and the parameters at its end. */
    private record Epochs(Model model, List<Double> losses, List<Map<String, Tensor>> params)
            implements TrainingListener {
        @Override
        public void afterEpoch(RunPosition at, Metrics train, Metrics validation) {
            losses.add(validation.loss());
            params.add(model.parameters());
        }
    }

    @Test
    void theNewestAreKeptAndTheBestIsThatOfTheLowestValidationLoss() throws Exception {
        // A high learning rate, so that the validation loss goes up and down from epoch to epoch.
        String source = ResumeFixture.SOURCE.replace("adam(lr = 0.02)", "adam(lr = 0.2)").replace("epochs = 5",
                "epochs = 8");
        Model m = Nnet.compile("blobs.nnet", source).model("Blobs");
        Dataset all = DataFiles.of(ResumeFixture.csv(dir.resolve("blobs.csv"), 150, 11)).load(m.info(), Set.of());
        Dataset[] parts = Trainer.split(all, m.info().train());
        CheckpointDir ckpts = new CheckpointDir(dir.resolve("ck"));
        Trainer t = new Trainer(m, m.info().train(), null);
        t.addListener(new CheckpointWriter(m, new RunSettings(m.info().train(), parts[0].size(), parts[1].size()),
                new CheckpointPolicy(ckpts, 0, true, 2)));
        Epochs epochs = new Epochs(m, new ArrayList<>(), new ArrayList<>());
        t.addListener(epochs);
        t.fit(parts[0], parts[1]);

        assertThat(ckpts.checkpoints()).extracting(p -> p.getFileName().toString())
                .containsExactly("checkpoint-0000000105.safetensors", "checkpoint-0000000120.safetensors");
        int best = 0;
        for (int e = 1; e < epochs.losses().size(); e++) {
            best = epochs.losses().get(e) < epochs.losses().get(best) ? e : best;
        }
        assertThat(best).as("the best epoch is not the last " + epochs.losses()).isLessThan(7);
        SafeTensors.Contents saved = SafeTensors.read(ckpts.best());
        assertThat(saved.metadata()).containsEntry("best_epoch", Integer.toString(best + 1))
                .containsEntry("best_validation_loss", Double.toString(epochs.losses().get(best)));
        epochs.params().get(best).forEach((name, value) -> assertThat(saved.tensors().get(name).floats()).as(name)
                .containsExactly(value.floats()));
    }

    @Test
    void epochCheckpointsWaitForTheMinimumIntervalButTheLastIsAlwaysWritten() throws Exception {
        Model m = Nnet.compile("blobs.nnet", ResumeFixture.SOURCE).model("Blobs");
        Dataset all = DataFiles.of(ResumeFixture.csv(dir.resolve("blobs.csv"), 150, 11)).load(m.info(), Set.of());
        Dataset[] parts = Trainer.split(all, m.info().train());
        RunSettings settings = new RunSettings(m.info().train(), parts[0].size(), parts[1].size());
        CheckpointDir ckpts = new CheckpointDir(dir.resolve("ck"));
        Trainer t = new Trainer(m, m.info().train(), null);
        t.addListener(new CheckpointWriter(m, settings, new CheckpointPolicy(ckpts, 0, true, 3600, 10)));
        t.fit(parts[0], parts[1]);
        assertThat(ckpts.checkpoints()).extracting(p -> p.getFileName().toString())
                .containsExactly("checkpoint-0000000075.safetensors");
        assertThat(ckpts.best()).isRegularFile();
    }
}
