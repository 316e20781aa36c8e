package nnet.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;
import nnet.runtime.Tensor;
import nnet.runtime.io.Npz;
import nnet.testing.IdxFiles;
import nnet.testing.Repo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The digits sample as a user runs it: compiled to a JAR by nnetc, then trained, evaluated and used for
 * predictions by {@code java -jar} in a separate JVM; bad data files fail with one line and leave the
 * saved weights alone. Also nnetc run on an .npz file and nnetc train on the XOR sample.
 */
class EndToEndTest {
    private static final Path DIGITS = Repo.path("samples/digits/digits.nnet");
    private static final Path DIGITS_CSV = Repo.path("samples/digits/digits.csv");
    private static final Pattern HELD_OUT = Pattern.compile("(?m)^held-out loss [0-9.]+\\s+accuracy ([0-9.]+)\\s+\\((\\d+) examples\\)$");

    @TempDir
    static Path dir;
    static Path jar;
    static Path weights;
    static Run training;

    record Run(int code, String out, String err) {
    }

    @BeforeAll
    static void compileAndTrain() throws Exception {
        jar = dir.resolve("digits.jar");
        CheckCliTest.Run compiled = CheckCliTest.nnetc("compile", DIGITS.toString(), "-o", jar.toString());
        assertThat(compiled.code()).as(compiled.err()).isZero();
        assertThat(compiled.out()).startsWith("wrote " + jar + ": model Digits, 9,610 parameters\n");
        weights = dir.resolve("digits.safetensors");
        training = java("train", "--data", DIGITS_CSV.toString(), "--epochs", "30", "--save", weights.toString(),
                "--log", "run.jsonl", "--log-every", "10", "--plot", "run.svg");
    }

    /** Runs the model JAR in a new JVM (the one running the tests), in the temporary directory. */
    /** Vector kernels from the first product on (the launcher passes its JVM options to the JVM it restarts). */
    private static final String NO_WARMUP = "-Dnnet.simd.warmup=false";

    static Run java(String... args) throws IOException, InterruptedException {
        return java(List.of(), args);
    }

    static Run java(List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        return java(Map.of(), jvmOptions, args);
    }

    static Run java(Map<String, String> env, List<String> jvmOptions, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(Arrays.asList(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().putAll(env);
        Process p = builder.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void noStackTrace(Run r) {
        assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("internal error");
    }

    @Test
    void theJarHoldsTheRuntimeButNotTheCompiler() throws IOException {
        try (ZipFile z = new ZipFile(jar.toFile())) {
            List<String> names = z.stream().map(e -> e.getName()).toList();
            assertThat(names).contains("nnet/generated/Digits.class", "nnet/runtime/cli/ModelMain.class",
                    "META-INF/nnet/model.info");
            assertThat(names).noneMatch(n -> n.startsWith("org/antlr/") || n.startsWith("org/objectweb/asm/")
                    || n.startsWith("nnet/compiler/") || n.startsWith("nnet/grammar/"));
        }
    }

    @Test
    void infoDescribesTheModel() throws Exception {
        Run r = java("info");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("model Digits\n").contains("input x: f32[batch, 64]", "parameters: 9,610",
                "h.weight: f32[128, 64]", "Parameters: 9,610 (38.44 kB): trainable 9,610, frozen 0",
                "FLOPs, forward (predict): ", "Memory with batch=32: ")
                .containsPattern("(?m)^h \\(linear\\) +f32\\[batch, 128\\] +8,320 +9$");
    }

    @Test
    void theJarWritesALogAndAPlotAndPlotsTheLogAgain() throws Exception {
        assertThat(training.code()).as(training.err()).isZero();
        // 45 steps per epoch, logged every 10th and the last of each epoch.
        List<String> log = Files.readAllLines(dir.resolve("run.jsonl"));
        assertThat(log.stream().filter(l -> l.contains("\"event\":\"epoch\"")).count()).isEqualTo(30);
        long expected = java.util.stream.LongStream.rangeClosed(1, 30 * 45).filter(s -> s % 10 == 0 || s % 45 == 0).count();
        assertThat(log.stream().filter(l -> l.contains("\"event\":\"step\"")).count()).isEqualTo(expected);
        Run r = java("plot", "run.jsonl", "-o", "again.svg");
        assertThat(r.code()).as(r.err()).isZero();
        // The live plot has every step; the one from the log the steps logged. Both have every epoch.
        for (String svg : List.of("run.svg", "again.svg")) {
            javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(svg).toFile());
            assertThat(Files.readString(dir.resolve(svg))).contains(">Digits: training<", ">accuracy, validation<");
        }
    }

    @Test
    void trainRestartsJavaWithTheVectorApiQuietlyAndTrainsAsWithout() throws Exception {
        String[] train = {"train", "--data", DIGITS_CSV.toString(), "--epochs", "2", "--save"};
        // Without the warm-up, so that the restarted JVM's products all run on the vector kernels.
        Run vector = java(Map.of("NNET_DEBUG", "1"), List.of(NO_WARMUP), concat(train, "vector.safetensors"));
        Run scalar = java(Map.of("NNET_RELAUNCH", "0", "NNET_DEBUG", "1"), List.of(), concat(train, "scalar.safetensors"));
        assertThat(vector.code()).as(vector.err()).isZero();
        assertThat(scalar.code()).as(scalar.err()).isZero();
        assertThat(vector.err()).isEqualTo("nnet: restarting java with --add-modules jdk.incubator.vector for the"
                + " vector kernels\n");
        assertThat(scalar.err()).isEmpty();
        assertThat(withoutSpeeds(vector.out()).replace("vector", "scalar"))
                .isEqualTo(withoutSpeeds(scalar.out()));
        assertThat(Files.readAllBytes(dir.resolve("vector.safetensors")))
                .isEqualTo(Files.readAllBytes(dir.resolve("scalar.safetensors")));
        assertThat(java("info").out()).contains("kernels: vector kernels for train");
        assertThat(java(Map.of("NNET_RELAUNCH", "0"), List.of(), "info").out())
                .contains("kernels: scalar kernels: start java with --add-modules jdk.incubator.vector");
    }

    @Test
    void anyNumberOfThreadsTrainsTheSameWeightsBitForBit() throws Exception {
        String[] train = {"train", "--data", DIGITS_CSV.toString(), "--epochs", "2", "--batch", "100", "--quiet", "--save"};
        for (int threads : new int[] {1, 3}) {
            Run r = java(List.of(NO_WARMUP), concat(concat(train, "threads" + threads + ".safetensors"),
                    "--threads=" + threads));
            assertThat(r.code()).as(r.err()).isZero();
        }
        assertThat(Files.readAllBytes(dir.resolve("threads3.safetensors")))
                .isEqualTo(Files.readAllBytes(dir.resolve("threads1.safetensors")));
        Run bad = java("train", "--data", DIGITS_CSV.toString(), "--threads", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("error: --threads: the number of threads must be between 1 and 1024, got 0");
    }

    @Test
    void theRestartedJvmEndsWhenItsLauncherIsKilled() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                jar.toString(), "train", "--data", DIGITS_CSV.toString(), "--epochs", "100000", "--quiet",
                "--no-checkpoints", "--save", "orphan.safetensors");
        Process launcher = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            ProcessHandle child = null;
            for (int i = 0; i < 600 && child == null; i++) {
                child = launcher.descendants().findFirst().orElse(null);
                Thread.sleep(50);
            }
            assertThat(child).as("the JVM restarted with the Vector API").isNotNull();
            launcher.destroyForcibly().waitFor();
            assertThat(child.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    private static String[] concat(String[] head, String last) {
        String[] all = Arrays.copyOf(head, head.length + 1);
        all[head.length] = last;
        return all;
    }

    private static String withoutSpeeds(String out) {
        return out.replaceAll("[\\d,]+ samples/s", "");
    }

    @Test
    void trainingReachesTheExpectedAccuracy() {
        assertThat(training.code()).as(training.err()).isZero();
        assertThat(training.err()).isEmpty();
        assertThat(training.out()).contains("epoch 30/30").endsWith("saved weights to " + weights + "\n");
        Matcher m = HELD_OUT.matcher(training.out());
        assertThat(m.find()).as(training.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(0.95);
        assertThat(Integer.parseInt(m.group(2))).isEqualTo(359);
        assertThat(weights).isRegularFile();
    }

    @Test
    void evalAndPredictUseTheSavedWeights() throws Exception {
        Run eval = java("eval", "--data", DIGITS_CSV.toString(), "--weights", weights.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        Matcher m = Pattern.compile("^loss [0-9.]+\\s+accuracy ([0-9.]+)\\s+\\(1797 examples\\)\n$").matcher(eval.out());
        assertThat(m.find()).as(eval.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(0.95);

        Path predictions = dir.resolve("predictions.csv");
        Run predict = java("predict", "--data", DIGITS_CSV.toString(), "--weights", weights.toString(),
                "--out", predictions.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        List<String> rows = Files.readAllLines(predictions);
        List<String> data = Files.readAllLines(DIGITS_CSV);
        assertThat(rows).hasSize(data.size());
        List<String> header = List.of(rows.get(0).split(","));
        assertThat(header).hasSize(11).endsWith("probs_argmax");
        int agree = 0;
        for (int i = 1; i < rows.size(); i++) {
            String[] p = rows.get(i).split(",");
            String[] d = data.get(i).split(",");
            double sum = 0;
            for (int k = 0; k < 10; k++) {
                sum += Double.parseDouble(p[k]);
            }
            assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
            if (p[10].equals(d[d.length - 1])) {
                agree++;
            }
        }
        assertThat(agree / (double) (rows.size() - 1)).isGreaterThanOrEqualTo(0.95);
    }

    /** The digits as MNIST would store them: 8×8 ubyte images and ubyte labels in IDX files, gzipped. */
    private static Path[] digitsAsIdx() throws IOException {
        List<String> lines = Files.readAllLines(DIGITS_CSV);
        int n = lines.size() - 1;
        double[] pixels = new double[n * 64];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            String[] fields = lines.get(i + 1).split(",");
            for (int j = 0; j < 64; j++) {
                pixels[i * 64 + j] = Double.parseDouble(fields[j]);
            }
            labels[i] = Double.parseDouble(fields[64]);
        }
        return new Path[] {
            IdxFiles.write(dir.resolve("digits-images-idx3-ubyte.gz"), IdxFiles.UBYTE, new int[] {n, 8, 8}, pixels,
                    true),
            IdxFiles.write(dir.resolve("digits-labels-idx1-ubyte.gz"), IdxFiles.UBYTE, new int[] {n}, labels, true),
        };
    }

    @Test
    void theJarReadsIdxFilesAsItReadsTheCsv() throws Exception {
        Path[] idx = digitsAsIdx();
        Run csvEval = java("eval", "--data", DIGITS_CSV.toString(), "--weights", weights.toString());
        Run idxEval = java("eval", "--data", "x=" + idx[0], "--data", "label=" + idx[1], "--weights",
                weights.toString());
        assertThat(idxEval.code()).as(idxEval.err()).isZero();
        assertThat(idxEval.out()).isEqualTo(csvEval.out()).contains("(1797 examples)");

        Path fromCsv = dir.resolve("from-csv.csv");
        Path fromIdx = dir.resolve("from-idx.csv");
        java("predict", "--data", DIGITS_CSV.toString(), "--weights", weights.toString(), "--out", fromCsv.toString());
        Run predict = java("predict", "--data", "x=" + idx[0], "--weights", weights.toString(), "--out",
                fromIdx.toString());
        assertThat(predict.code()).as(predict.err()).isZero();
        assertThat(Files.readAllLines(fromIdx)).hasSize(1798).isEqualTo(Files.readAllLines(fromCsv));

        Run wrongName = java("eval", "--data", "pixels=" + idx[0], "--data", "label=" + idx[1]);
        assertThat(wrongName.code()).isEqualTo(1);
        assertThat(wrongName.err()).isEqualTo("error: model Digits has no input 'pixels'; its inputs: "
                + "x: f32[batch, 64], label: i32[batch]\n");
    }

    @Test
    void runningOutOfHeapIsOneLineSayingHowToGetMore() throws Exception {
        Path images = dir.resolve("many-images");
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(
                Files.newOutputStream(images)))) {
            out.writeInt(0x0803);
            out.writeInt(300_000);
            out.writeInt(8);
            out.writeInt(8);
            out.write(new byte[300_000 * 64]);
        }
        Run r = java(List.of("-Xmx16m"), "predict", "--data", "x=" + images, "--weights", weights.toString());
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).matches("error: out of memory: the Java heap \\(\\d+ MB\\) is too small for this data "
                + "or model; give it more, as in java -Xmx4g -jar \\.\\.\\.\n");
    }

    private static String sha256(Path f) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f)));
    }

    /** The sample's header and first rows, with line 4 (data row 3) replaced. */
    private static Path badCsv(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(DIGITS_CSV).subList(0, 6));
        lines.set(3, edit.apply(lines.get(3)));
        Path f = dir.resolve(name);
        Files.write(f, lines);
        return f;
    }

    @Test
    void badDataIsOneLineNamingTheFileAndLeavesTheWeightsAlone() throws Exception {
        String before = sha256(weights);
        Path notNumber = badCsv("not-a-number.csv", l -> "x" + l.substring(1));
        Path columns = badCsv("columns.csv", l -> l.substring(0, l.lastIndexOf(',')));
        Path label = badCsv("label.csv", l -> l.substring(0, l.lastIndexOf(',')) + ",12");
        Map<Path, String> expected = Map.of(
                notNumber, "error: " + notNumber + ":4: field 1 'x' is not a number\n",
                columns, "error: " + columns + ":4: expected 65 fields (as in the header on line 1), found 64\n",
                label, "error: " + label + ": data row 3: class index 12 is out of range; the model has 10 classes "
                        + "(0 to 9)\n");
        for (Map.Entry<Path, String> e : expected.entrySet()) {
            List<String[]> commands = new ArrayList<>();
            commands.add(new String[] {"train", "--data", e.getKey().toString(), "--epochs", "1", "--save",
                weights.toString()});
            commands.add(new String[] {"eval", "--data", e.getKey().toString(), "--weights", weights.toString()});
            if (e.getKey() != label) {
                // Predictions do not read labels.
                commands.add(new String[] {"predict", "--data", e.getKey().toString(), "--weights", weights.toString(),
                    "--out", dir.resolve("p.csv").toString()});
            }
            for (String[] args : commands) {
                Run r = java(args);
                assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(1);
                assertThat(r.err()).as(String.join(" ", args)).isEqualTo(e.getValue());
                noStackTrace(r);
            }
        }
        assertThat(sha256(weights)).isEqualTo(before);
        assertThat(java("eval", "--data", DIGITS_CSV.toString(), "--weights", weights.toString()).code()).isZero();
    }

    @Test
    void nnetcRunWritesOutputsLossAndGradients() throws IOException {
        Path in = dir.resolve("in.npz");
        float[] x = new float[5 * 64];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7) % 17;
        }
        Npz.write(in, Map.of("x", Tensor.of(x, 5, 64), "label", Tensor.of(new int[] {0, 1, 2, 3, 9}, 5)));
        Path out = dir.resolve("out.npz");
        CheckCliTest.Run r = CheckCliTest.nnetc("run", DIGITS.toString(), "--inputs", in.toString(), "--out",
                out.toString(), "--grad");
        assertThat(r.code()).as(r.err()).isZero();
        Map<String, Tensor> result = Npz.read(out);
        assertThat(result.keySet()).contains("loss", "accuracy", "grad/h.weight", "grad/h.bias", "grad/logits.weight",
                "grad/logits.bias", "h.weight");
        assertThat(result.get("grad/h.weight").shape()).containsExactly(128, 64);
        assertThat(result.get("grad/logits.bias").shape()).containsExactly(10);
        double loss = result.get("loss").getDouble(0);
        assertThat(loss).isBetween(1.0, 4.0);

        Path predictOut = dir.resolve("predict.npz");
        Npz.write(in, Map.of("x", Tensor.of(x, 5, 64)));
        r = CheckCliTest.nnetc("run", DIGITS.toString(), "--inputs", in.toString(), "--out", predictOut.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Tensor probs = Npz.read(predictOut).get("probs");
        assertThat(probs.shape()).containsExactly(5, 10);
        double sum = 0;
        for (int k = 0; k < 10; k++) {
            sum += probs.getDouble(k);
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));

        r = CheckCliTest.nnetc("run", DIGITS.toString(), "--inputs", in.toString(), "--out", predictOut.toString(),
                "--grad");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("error: " + in + ": --grad needs the inputs label\n");
    }

    @Test
    void xorTrainsToPerfectAccuracy() throws IOException {
        Path saved = dir.resolve("xor.safetensors");
        CheckCliTest.Run r = CheckCliTest.nnetc("train", Repo.path("samples/xor/xor.nnet").toString(), "--data",
                Repo.path("samples/xor/xor.csv").toString(), "--save", saved.toString());
        assertThat(r.code()).as(r.err()).isZero();
        Matcher m = Pattern.compile("(?m)^training loss ([0-9.]+)\\s+accuracy ([0-9.]+)\\s+\\(4 examples\\)$")
                .matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(2))).isEqualTo(1.0);
        assertThat(Double.parseDouble(m.group(1))).isLessThan(0.1);
        assertThat(Files.readString(saved, StandardCharsets.ISO_8859_1)).contains("h.weight", "logits.bias");
    }
}
