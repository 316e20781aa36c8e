package nnet.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nnet.compiler.api.Nnet;
import nnet.compiler.train.ResumeFixture;
import nnet.runtime.Model;
import nnet.runtime.Tensor;
import nnet.runtime.io.SafeTensors;
import nnet.runtime.io.WriteLock;
import nnet.runtime.train.Checkpoint;
import nnet.runtime.train.RunPosition;
import nnet.runtime.train.RunSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nnetc train} with checkpoints as a user meets them: outputs checked and claimed before training,
 * nothing trained on an empty split, what killed saves left swept, checkpoints kept and resumed, and the
 * weights of another model refused or partly loaded with what differs named.
 */
class CheckpointCliTest {
    @TempDir
    Path dir;
    Path source;
    Path csv;

    @BeforeEach
    void files() throws IOException {
        source = ResumeFixture.source(dir, "blobs.nnet", ResumeFixture.SOURCE);
        csv = ResumeFixture.csv(dir.resolve("blobs.csv"), 150, 11);
    }

    private CheckCliTest.Run train(String... options) {
        List<String> args = new ArrayList<>(List.of("train", source.toString(), "--data", csv.toString(), "--quiet"));
        args.addAll(Arrays.asList(options));
        return CheckCliTest.nnetc(args.toArray(String[]::new));
    }

    private static void noStackTrace(CheckCliTest.Run r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error");
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> files = Files.list(d)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Same names, shapes and values bit for bit. */
    static void assertSameTensors(Map<String, Tensor> actual, Map<String, Tensor> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, t) -> {
            Tensor a = actual.get(name);
            assertThat(a.shape()).as(name).isEqualTo(t.shape());
            for (int i = 0; i < t.size(); i++) {
                assertThat(Double.doubleToRawLongBits(a.getDouble(i))).as(name + "[" + i + "]")
                        .isEqualTo(Double.doubleToRawLongBits(t.getDouble(i)));
            }
        });
    }

    @Test
    void aMissingOrUnusableOutputFailsBeforeAnyTraining() throws IOException {
        Path missing = dir.resolve("no/such/w.safetensors");
        CheckCliTest.Run r = train("--save", missing.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo("error: " + missing + ": cannot write the weights: directory " + missing.getParent()
                + " does not exist\n");

        Path isDir = Files.createDirectory(dir.resolve("w.safetensors"));
        r = train("--save", isDir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + isDir + ": is a directory; --save names the weights file to write\n");

        Path file = Files.writeString(dir.resolve("taken"), "x");
        r = train("--save", dir.resolve("ok.safetensors").toString(), "--checkpoint-dir", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + file + ": is a file, not a directory for --checkpoint-dir\n");
        assertThat(dir.resolve("ok.safetensors")).doesNotExist();
    }

    @Test
    void anEmptySplitIsRefusedAndTheOldWeightsStay() throws IOException {
        Path weights = dir.resolve("w.safetensors");
        assertThat(train("--save", weights.toString(), "--epochs", "1").code()).isZero();
        byte[] before = Files.readAllBytes(weights);

        Path headerOnly = Files.writeString(dir.resolve("empty.csv"), "x0,x1,x2,x3,label\n");
        CheckCliTest.Run r = CheckCliTest.nnetc("train", source.toString(), "--data", headerOnly.toString(), "--save",
                weights.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + headerOnly + ": no examples\n");

        Path noRows = dir.resolve("empty.npz");
        nnet.runtime.io.Npz.write(noRows, Map.of("x", Tensor.zeros(nnet.runtime.DType.F32, 0, 4), "label",
                Tensor.zeros(nnet.runtime.DType.I32, 0)));
        r = CheckCliTest.nnetc("train", source.toString(), "--data", noRows.toString(), "--save", weights.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + noRows + ":x.npy, " + noRows + ":label.npy: no examples\n");

        r = train("--save", weights.toString(), "--validation", "0.999");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: validation 0.999 holds out all 150 examples, leaving none to train on; "
                + "use a smaller fraction\n");

        Path two = ResumeFixture.csv(dir.resolve("two.csv"), 2, 1);
        r = CheckCliTest.nnetc("train", source.toString(), "--data", two.toString(), "--save", weights.toString(),
                "--validation", "0.1");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: validation 0.1 of 2 examples holds out none; use a larger fraction, or 0 "
                + "for no validation\n");
        assertThat(Files.readAllBytes(weights)).isEqualTo(before);
    }

    @Test
    void checkpointsAreKeptAsAskedAndAFinishedRunCanBeExtended() throws IOException {
        Path weights = dir.resolve("w.safetensors");
        CheckCliTest.Run r = train("--save", weights.toString(), "--epochs", "3", "--checkpoint-every", "7",
                "--keep", "2");
        assertThat(r.code()).as(r.err()).isZero();
        Path ckpts = dir.resolve("w-checkpoints");
        assertThat(r.out()).contains("checkpoints in " + ckpts + " (best.safetensors: the lowest validation loss)\n");
        // 15 steps an epoch: every 7 steps and the last; the two newest are 42 and 45.
        assertThat(names(ckpts)).containsExactly("best.safetensors", "checkpoint-0000000042.safetensors",
                "checkpoint-0000000045.safetensors");

        // As when the run was killed while saving its weights: resuming saves them.
        Map<String, Tensor> trained = SafeTensors.read(weights).tensors();
        Files.delete(weights);
        r = train("--save", weights.toString(), "--resume", ckpts.toString(), "--epochs", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("the run had done all 3 epochs when " + ckpts.resolve(
                "checkpoint-0000000045.safetensors") + " was written; saving its weights (give a larger --epochs to "
                + "train further)\n");
        assertSameTensors(SafeTensors.read(weights).tensors(), trained);

        r = train("--save", weights.toString(), "--resume", ckpts.toString(), "--epochs", "5");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("resuming from " + ckpts.resolve("checkpoint-0000000045.safetensors")
                + ": epoch 4, 0 batches into it, step 45\n");
        Path straight = dir.resolve("straight.safetensors");
        assertThat(train("--save", straight.toString(), "--epochs", "5").code()).isZero();
        assertSameTensors(SafeTensors.read(weights).tensors(), SafeTensors.read(straight).tensors());
    }

    @Test
    void aFreshRunDoesNotThrowAwayAnUnfinishedRun() throws IOException {
        Path weights = dir.resolve("w.safetensors");
        Path ckpts = Files.createDirectory(dir.resolve("w-checkpoints"));
        Model m = Nnet.compile(source).model("Blobs");
        Checkpoint.write(ckpts.resolve("checkpoint-0000000003.safetensors"), m,
                new RunSettings(m.info().train(), 120, 30), RunPosition.start());
        CheckCliTest.Run r = train("--save", weights.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: " + ckpts + " holds the checkpoints of an unfinished run (epoch 1, step 0);"
                + " continue it with --resume " + ckpts + ", or start afresh elsewhere with --checkpoint-dir (or after "
                + "deleting them)\n");
        assertThat(weights).doesNotExist();

        r = train("--save", weights.toString(), "--resume", weights.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + weights + ": no such checkpoint file or directory\n");
        r = train("--save", weights.toString(), "--resume", ckpts.toString(), "--init", csv.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: --init, --init-partial and --resume each say where training starts; give "
                + "one\n");
    }

    @Test
    void whatKilledSavesLeftIsSweptAndOnlyThat() throws IOException {
        Path weights = dir.resolve("w.safetensors");
        Path ckpts = Files.createDirectory(dir.resolve("w-checkpoints"));
        Path staleWeights = Files.write(dir.resolve(".w.safetensors.1f2e3d.tmp"), new byte[3000]);
        Path staleCkpt = Files.write(ckpts.resolve(".checkpoint-0000000030.safetensors.abc.tmp"), new byte[500]);
        Path someoneElses = Files.write(dir.resolve(".other.safetensors.abc.tmp"), new byte[10]);
        CheckCliTest.Run r = train("--save", weights.toString(), "--epochs", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).isEqualTo("note: removed 3 KB of unfinished saves of " + weights + ", left by a run that was "
                + "killed while saving\nnote: removed 500 bytes of unfinished checkpoints in " + ckpts + ", left by a "
                + "run that was killed while saving\n");
        assertThat(staleWeights).doesNotExist();
        assertThat(staleCkpt).doesNotExist();
        assertThat(someoneElses).exists();
        assertThat(names(dir)).noneMatch(n -> n.endsWith(".lock"));
    }

    @Test
    void aSecondRunOnTheSameWeightsIsRefused() throws IOException {
        Path weights = dir.resolve("w.safetensors");
        WriteLock held = WriteLock.acquire(WriteLock.fileFor(weights), "held by the test");
        try {
            CheckCliTest.Run r = train("--save", weights.toString());
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).isEqualTo("error: " + weights + ": another training run is writing these weights; wait "
                    + "for it to finish or choose another --save\n");
        } finally {
            held.close();
        }
        assertThat(weights).doesNotExist();
        assertThat(train("--save", weights.toString(), "--epochs", "1").code()).isZero();
    }

    @Test
    void theWeightsOfAnotherModelAreRefusedOrPartlyLoadedNamingTheDifferences() throws IOException {
        Path wide = dir.resolve("wide.safetensors");
        Path wideSource = ResumeFixture.source(dir, "wide.nnet", ResumeFixture.WIDER);
        CheckCliTest.Run r = CheckCliTest.nnetc("train", wideSource.toString(), "--data", csv.toString(), "--epochs",
                "1", "--save", wide.toString(), "--no-checkpoints", "--quiet");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Tensor> tensors = new java.util.LinkedHashMap<>(SafeTensors.read(wide).tensors());
        tensors.put("extra.weight", Tensor.of(new float[] {1}, 1));
        tensors.remove("mlp.layers.1.bias");
        SafeTensors.write(wide, tensors, Map.of());

        Path weights = dir.resolve("w.safetensors");
        r = train("--save", weights.toString(), "--init", wide.toString());
        assertThat(r.code()).isEqualTo(1);
        noStackTrace(r);
        assertThat(r.err()).startsWith("error: " + wide + ": not the weights of model Blobs: missing: mlp.layers.1.bias; "
                + "unexpected: extra.weight; mis-shaped: mlp.layers.0.weight (f32[24, 4] in the file, f32[16, 4] in the "
                + "model), ").endsWith("; --init-partial " + wide + " loads only the tensors that fit\n");

        r = train("--save", weights.toString(), "--init-partial", wide.toString(), "--epochs", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("loaded 1 of the model's 9 tensors from " + wide + "; missing: mlp.layers.1.bias;"
                + " unexpected: extra.weight; mis-shaped: mlp.layers.0.weight");
        assertThat(r.out()).contains("(those of the model start from their initialisers, the others are ignored)\n");
        assertThat(SafeTensors.read(weights).tensors().keySet()).doesNotContain("extra.weight");
    }

    @Test
    void checkpointOptionsAreChecked() {
        String weights = dir.resolve("w.safetensors").toString();
        CheckCliTest.Run r = train("--save", weights, "--checkpoint-every", "0");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: --checkpoint-every takes a positive number of steps or 'epoch', got '0'\n");
        r = train("--save", weights, "--no-checkpoints", "--keep", "2");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("error: --no-checkpoints cannot be combined with");
        assertThat(dir.resolve("w.safetensors")).doesNotExist();
    }
}
