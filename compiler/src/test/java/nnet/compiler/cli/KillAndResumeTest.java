package nnet.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nnet.compiler.train.ResumeFixture;
import nnet.runtime.io.SafeTensors;
import nnet.runtime.train.CheckpointDir;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training in a model JAR's own JVM, killed with SIGKILL at seeded random moments and resumed from its
 * newest checkpoint each time, ends with the weights and the per-epoch losses of a run that was never
 * interrupted; SIGTERM (as Ctrl-C) saves a checkpoint and says how to resume; a second run on the same
 * weights file is refused while the first trains.
 */
class KillAndResumeTest {
    private static final Pattern EPOCH_LINE = Pattern.compile("(?m)^(epoch +(\\d+)/\\d+ .*?)  [0-9,]+ samples/s$");
    private static final int EPOCHS = 5;

    @TempDir
    static Path dir;
    static Path jar;
    static Path csv;
    static Run reference;
    static Map<String, nnet.runtime.Tensor> referenceWeights;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void compileAndTrainUninterrupted() throws Exception {
        Path source = ResumeFixture.source(dir, "blobs.nnet", ResumeFixture.SOURCE);
        csv = ResumeFixture.csv(dir.resolve("blobs.csv"), 300, 5);
        jar = dir.resolve("blobs.jar");
        CheckCliTest.Run compiled = CheckCliTest.nnetc("compile", source.toString(), "-o", jar.toString());
        assertThat(compiled.code()).as(compiled.err()).isZero();
        Path weights = dir.resolve("reference.safetensors");
        reference = finish(start(train(weights)));
        assertThat(reference.code()).as(reference.err()).isZero();
        referenceWeights = SafeTensors.read(weights).tensors();
    }

    /** The train command line for weights {@code weights}, checkpointing every 12 steps beside them. */
    private static List<String> train(Path weights, String... more) {
        return train(EPOCHS, weights, more);
    }

    private static List<String> train(int epochs, Path weights, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", csv.toString(), "--epochs",
                Integer.toString(epochs), "--save", weights.toString(), "--checkpoint-every", "12", "--keep", "2"));
        args.addAll(Arrays.asList(more));
        return args;
    }

    /** A running model JAR, its standard output and error going to files that can be read meanwhile. */
    record Child(Process process, Path out, Path err) {
        String outSoFar() throws IOException {
            return Files.readString(out);
        }
    }

    private static Child start(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-jar", jar.toString()));
        command.addAll(args);
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        return new Child(p, out, err);
    }

    private static Run finish(Child c) throws Exception {
        if (!c.process().waitFor(60, TimeUnit.SECONDS)) {
            c.process().destroyForcibly();
            throw new AssertionError("timed out");
        }
        return new Run(c.process().exitValue(), c.outSoFar(), Files.readString(c.err()));
    }

    /** Waits until the child printed {@code lines} epoch lines, or ended. */
    private static void awaitEpochs(Child c, int lines) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (c.process().isAlive() && count(EPOCH_LINE.matcher(c.outSoFar())) < lines) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no progress: " + c.outSoFar());
            }
            Thread.sleep(2);
        }
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Each epoch's line without its speed, by epoch; an epoch printed twice must read the same twice. */
    private static Map<Integer, String> epochLines(List<String> outputs) {
        Map<Integer, String> lines = new TreeMap<>();
        for (String out : outputs) {
            Matcher m = EPOCH_LINE.matcher(out);
            while (m.find()) {
                String before = lines.put(Integer.parseInt(m.group(2)), m.group(1));
                assertThat(before == null || before.equals(m.group(1))).as(m.group(1) + " vs " + before).isTrue();
            }
        }
        return lines;
    }

    private static List<String> leftovers(Path d) throws IOException {
        try (Stream<Path> files = Files.walk(d)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp") || n.endsWith(".lock"))
                    .toList();
        }
    }

    @Test
    void killedAtRandomMomentsAndResumedItEndsAsIfNeverInterrupted() throws Exception {
        Path runDir = Files.createDirectory(dir.resolve("killed"));
        Path weights = runDir.resolve("w.safetensors");
        CheckpointDir checkpoints = new CheckpointDir(runDir.resolve("w-checkpoints"));
        SplittableRandom rng = new SplittableRandom(20261202);
        List<String> outputs = new ArrayList<>();
        int kills = 0;
        Run last = null;
        for (int attempt = 0; attempt < 12 && last == null; attempt++) {
            boolean resumable = Files.isDirectory(checkpoints.path()) && checkpoints.latest().isPresent();
            Child c = start(resumable ? train(weights, "--resume", checkpoints.path().toString()) : train(weights));
            if (kills < 3) {
                // After one or two epochs' lines (a checkpoint exists by then), and a little more.
                awaitEpochs(c, 1 + rng.nextInt(2));
                Thread.sleep(rng.nextInt(40));
                c.process().destroyForcibly();
                kills++;
            }
            Run r = finish(c);
            outputs.add(r.out());
            if (r.code() == 0) {
                last = r;
            } else {
                assertThat(kills).as("exit " + r.code() + ": " + r.err()).isPositive();
            }
        }
        assertThat(last).as("the last run completes").isNotNull();
        assertThat(outputs.stream().filter(o -> o.contains("resuming from ")).count()).as("resumed runs")
                .isGreaterThanOrEqualTo(kills - 1).isPositive();
        CheckpointCliTest.assertSameTensors(SafeTensors.read(weights).tensors(), referenceWeights);
        assertThat(epochLines(outputs)).isEqualTo(epochLines(List.of(reference.out()))).hasSize(EPOCHS);
        assertThat(last.out()).contains(reference.out().substring(reference.out().indexOf("held-out ")).split("\n")[0]);
        assertThat(leftovers(runDir)).isEmpty();
    }

    @Test
    void sigtermSavesACheckpointAndSaysHowToResume() throws Exception {
        Path runDir = Files.createDirectory(dir.resolve("terminated"));
        Path weights = runDir.resolve("w.safetensors");
        Child c = start(train(weights));
        awaitEpochs(c, 1);
        c.process().destroy();
        Run stopped = finish(c);
        assertThat(stopped.code()).as(stopped.err()).isEqualTo(130);
        Matcher m = Pattern.compile("interrupted at epoch \\d+, step (\\d+); saved a checkpoint to (\\S+)\nto continue, "
                + "run the same command with --resume (\\S+)\n$").matcher(stopped.err());
        assertThat(m.find()).as(stopped.err()).isTrue();
        assertThat(m.group(2)).isEqualTo(m.group(3));
        assertThat(Path.of(m.group(2))).isRegularFile();
        assertThat(leftovers(runDir)).isEmpty();

        Run resumed = finish(start(train(weights, "--resume", m.group(2))));
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("step " + m.group(1));
        CheckpointCliTest.assertSameTensors(SafeTensors.read(weights).tensors(), referenceWeights);
    }

    @Test
    void aSecondProcessWritingTheSameWeightsIsRefused() throws Exception {
        Path runDir = Files.createDirectory(dir.resolve("two"));
        Path weights = runDir.resolve("w.safetensors");
        Child first = start(train(400, weights));
        awaitEpochs(first, 1);
        Run second = finish(start(train(weights, "--checkpoint-dir", runDir.resolve("other").toString())));
        first.process().destroyForcibly();
        finish(first);
        assertThat(second.code()).isEqualTo(1);
        assertThat(second.err()).isEqualTo("error: " + weights + ": another training run is writing these weights; wait "
                + "for it to finish or choose another --save\n");
    }
}
