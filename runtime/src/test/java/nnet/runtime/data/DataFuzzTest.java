package nnet.runtime.data;

import static nnet.runtime.data.ToyModels.input;
import static nnet.runtime.data.ToyModels.model;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import nnet.runtime.DType;
import nnet.runtime.Tensor;
import nnet.runtime.io.DataException;
import nnet.runtime.io.Npz;
import nnet.runtime.io.SafeTensors;
import nnet.runtime.model.ModelInfo;
import nnet.testing.ByteEdits;
import nnet.testing.Fuzz;
import nnet.testing.IdxFiles;
import nnet.testing.NpyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged data and weights files, fed to the readers as a command would feed them: every outcome is
 * either the examples (which are then copied out whole) or a DataException of one line that names the
 * file. Each format gets a few seconds of cases (see {@link Fuzz}).
 */
class DataFuzzTest {
    private static final double SECONDS = 3;
    private static final double CASE_SECONDS = 10;
    private static final ModelInfo IMAGES = model(input("x", DType.F32, 2, 3), input("label", DType.I32));
    private static final ModelInfo TEXT = model(input("ids", DType.I32, 4), input("next", DType.I32, 4));

    @TempDir
    Path dir;

    @Test
    void csv() {
        byte[] valid = ("a,b,c,d,e,f,label\n1,2,3,4,5,6,0\n\"7\", 8.5 ,-9e1,0,0,1,2\n\n0,0,0,0,0,0,9\r\n"
                + "1e-3,nan,3,4,5,6,1").getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("d.csv");
        fuzz("csv", valid, file, () -> loadAll(DataFiles.of(file), IMAGES));
    }

    @Test
    void npz() {
        Map<String, Tensor> arrays = new LinkedHashMap<>();
        arrays.put("x", Tensor.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, 2, 2, 3));
        arrays.put("label", Tensor.of(new int[] {3, 1}, 2));
        Path file = dir.resolve("d.npz");
        Npz.write(file, arrays);
        fuzz("npz", read(file), file, () -> loadAll(DataFiles.of(file), IMAGES));
    }

    @Test
    void npyBesideIdx() {
        byte[] valid = NpyFiles.npy("<f4", new int[] {3, 6}, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18);
        Path images = dir.resolve("x.npy");
        Path labels = IdxFiles.write(dir.resolve("labels"), IdxFiles.UBYTE, new int[] {3}, new double[] {0, 1, 2}, false);
        fuzz("npy", valid, images, () -> loadAll(DataFiles.perInput(Map.of("x", images, "label", labels)), IMAGES));
    }

    @Test
    void idx() {
        double[] pixels = new double[18];
        java.util.Arrays.setAll(pixels, i -> i * 13 % 256);
        Path images = dir.resolve("images.gz");
        Path labels = dir.resolve("labels.npy");
        NpyFiles.write(labels, NpyFiles.npy("<i8", new int[] {3}, 0, 1, 2));
        byte[] plain = IdxFiles.bytes(IdxFiles.UBYTE, new int[] {3, 2, 3}, pixels);
        fuzz("idx", plain, images, () -> loadAll(DataFiles.perInput(Map.of("x", images, "label", labels)), IMAGES));
        fuzz("idx-gzip", IdxFiles.gzip(plain), images,
                () -> loadAll(DataFiles.perInput(Map.of("x", images, "label", labels)), IMAGES));
    }

    @Test
    void safetensors() {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("h.weight", Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        tensors.put("h.bias", Tensor.of(new double[] {0.5, -1}, 2));
        tensors.put("steps", Tensor.of(new int[] {7}, 1));
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, tensors, Map.of("model", "Toy", "epoch", "3"));
        fuzz("safetensors", read(file), file, () -> SafeTensors.read(file));
    }

    @Test
    void text() {
        byte[] valid = "To be, or not to be,\nthat is the question: ÿ€\n".getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("t.txt");
        fuzz("text", valid, file, () -> loadAll(DataFiles.of(file), TEXT));
    }

    @Test
    void vocabulary() {
        Path file = dir.resolve("w.safetensors.vocab");
        Vocabulary.of("To be, or not to be ÿ€").save(file);
        fuzz("vocabulary", read(file), file, () -> Vocabulary.load(file));
    }

    /** Reads the examples and copies every one of them out, as training would. */
    private static void loadAll(DataFiles files, ModelInfo info) {
        Dataset d = files.isText() ? files.loadText(info, null).dataset() : files.load(info, Set.of());
        int[] order = new int[d.size()];
        java.util.Arrays.setAll(order, i -> i);
        for (int i = 0; i < d.inputs().size(); i++) {
            int width = d.column(i).width();
            Object target = d.inputs().get(i).dtype() == DType.I32 ? new int[order.length * width]
                    : new float[order.length * width];
            d.copy(i, order, 0, order.length, target);
        }
    }

    private interface Reading {
        void run() throws Exception;
    }

    private void fuzz(String name, byte[] valid, Path file, Reading reading) {
        Fuzz.Outcome outcome = Fuzz.run("data " + name, SECONDS, CASE_SECONDS, r -> ByteEdits.damage(valid, r, 4), c -> {
            Files.write(file, c.bytes());
            try {
                reading.run();
            } catch (DataException e) {
                assertThat(e.getMessage()).startsWith(dir.toString()).doesNotContain("\n").hasSizeLessThan(1000);
            }
        });
        assertThat(outcome.cases()).isPositive();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
