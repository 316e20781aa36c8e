package nnet.runtime.data;

import static nnet.runtime.data.ToyModels.input;
import static nnet.runtime.data.ToyModels.model;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnet.runtime.ClassIndexOutOfRange;
import nnet.runtime.DType;
import nnet.runtime.io.DataException;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.testing.IdxFiles;
import nnet.testing.NpyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data sets from every kind of file, checked value by value as they are copied into an input. */
class DataFilesTest {
    private static final ModelInfo IMAGES = model(input("x", DType.F32, 1, 2, 3), input("label", DType.I32));
    private static final String INPUTS = "x: f32[batch, 1, 2, 3], label: i32[batch]";
    private static final double[] PIXELS = new double[24];
    private static final double[] LABELS = {3, 1, 0, 2};

    static {
        for (int i = 0; i < PIXELS.length; i++) {
            PIXELS[i] = (i * 37) % 256;
        }
    }

    @TempDir
    Path dir;

    private Path images(boolean gzip) {
        return IdxFiles.write(dir.resolve("images" + (gzip ? ".gz" : "")), IdxFiles.UBYTE, new int[] {4, 2, 3}, PIXELS,
                gzip);
    }

    private Path labels(double... values) {
        return IdxFiles.write(dir.resolve("labels"), IdxFiles.UBYTE, new int[] {values.length}, values, false);
    }

    private static DataFiles files(Object... nameAndPath) {
        Map<String, Path> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndPath.length; i += 2) {
            m.put((String) nameAndPath[i], (Path) nameAndPath[i + 1]);
        }
        return DataFiles.perInput(m);
    }

    private static float[] floats(Dataset d, int input, int... order) {
        float[] out = new float[order.length * 6];
        d.copy(input, order, 0, order.length, out);
        return out;
    }

    private static int[] ints(Dataset d, int input, int... order) {
        int[] out = new int[order.length];
        d.copy(input, order, 0, order.length, out);
        return out;
    }

    /** The pixels of the given examples, as the f32 input receives them. */
    private static float[] pixels(int... examples) {
        float[] out = new float[examples.length * 6];
        for (int k = 0; k < examples.length; k++) {
            for (int j = 0; j < 6; j++) {
                out[k * 6 + j] = (float) PIXELS[examples[k] * 6 + j];
            }
        }
        return out;
    }

    // ---- every form of data ----

    @Test
    void idxImagesAndLabelsFeedTheInputsOfTheirNames() {
        Dataset d = files("label", labels(LABELS), "x", images(true)).load(IMAGES, Set.of());
        assertThat(d.size()).isEqualTo(4);
        assertThat(d.inputs()).extracting(IoInfo::name).containsExactly("x", "label");
        assertThat(floats(d, 0, 3, 0)).containsExactly(pixels(3, 0));
        // 148 is stored as the byte -108: unsigned, it must arrive as 148.
        assertThat(PIXELS[4]).isEqualTo(148);
        assertThat(floats(d, 0, 0)[4]).isEqualTo(148f);
        assertThat(ints(d, 1, 3, 0, 2)).containsExactly(2, 3, 0);
    }

    @Test
    void everyIdxTypeFeedsAFloatInput() {
        ModelInfo m = model(input("v", DType.F64, 2));
        double[] values = {-3, 7, 100, -100};
        for (int type : new int[] {IdxFiles.BYTE, IdxFiles.SHORT, IdxFiles.INT, IdxFiles.FLOAT, IdxFiles.DOUBLE}) {
            for (boolean gzip : new boolean[] {false, true}) {
                Path f = IdxFiles.write(dir.resolve("v" + type + gzip), type, new int[] {2, 2}, values, gzip);
                Dataset d = files("v", f).load(m, Set.of());
                double[] out = new double[4];
                d.copy(0, new int[] {1, 0}, 0, 2, out);
                assertThat(out).as("type %d, gzip %s", type, gzip).containsExactly(100, -100, -3, 7);
            }
        }
    }

    @Test
    void npyArraysFeedInputsOfAnyRankWithTheSameElementsPerExample() {
        Path x = NpyFiles.write(dir.resolve("x.npy"), NpyFiles.npy("|u1", new int[] {4, 6}, PIXELS));
        Path label = NpyFiles.write(dir.resolve("label.npy"), NpyFiles.npy("<i8", new int[] {4}, LABELS));
        Dataset d = files("x", x, "label", label).load(IMAGES, Set.of());
        assertThat(floats(d, 0, 2, 1)).containsExactly(pixels(2, 1));
        assertThat(ints(d, 1, 0, 1, 2, 3)).containsExactly(3, 1, 0, 2);
    }

    @Test
    void npzArraysFeedTheInputsOfTheirNamesAndOthersAreIgnored() {
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("x_test", NpyFiles.npy("|u1", new int[] {1, 6}, new double[6]));
        arrays.put("label", NpyFiles.npy("<f8", new int[] {4}, LABELS));
        arrays.put("x", NpyFiles.npy("<f4", new int[] {4, 1, 2, 3}, PIXELS));
        Path f = NpyFiles.npz(dir.resolve("data.npz"), arrays);
        Dataset d = DataFiles.of(f).load(IMAGES, Set.of());
        assertThat(d.size()).isEqualTo(4);
        assertThat(floats(d, 0, 1, 3)).containsExactly(pixels(1, 3));
        assertThat(ints(d, 1, 3, 2, 1, 0)).containsExactly(2, 0, 1, 3);
    }

    @Test
    void csvRowsFeedTheInputsInOrder() throws IOException {
        StringBuilder csv = new StringBuilder("p0,p1,p2,p3,p4,p5,label\n");
        for (int e = 0; e < 4; e++) {
            for (int j = 0; j < 6; j++) {
                csv.append((int) PIXELS[e * 6 + j]).append(',');
            }
            csv.append((int) LABELS[e]).append('\n');
        }
        Path f = Files.writeString(dir.resolve("d.csv"), csv);
        Dataset d = DataFiles.of(f).load(IMAGES, Set.of());
        assertThat(floats(d, 0, 3, 2)).containsExactly(pixels(3, 2));
        assertThat(ints(d, 1, 0, 3)).containsExactly(3, 2);
        assertThat(d.column(0)).isInstanceOf(ByteColumn.class);
        assertThat(d.column(1)).isInstanceOf(ByteColumn.class);
    }

    @Test
    void csvValuesThatAreNotBytesKeepTheInputsType() throws IOException {
        Path f = Files.writeString(dir.resolve("w.csv"), "0,1,2,3,4,256,0\n0,1,2,3,-0.0,5,1\n0.5,1,2,3,4,5,300\n");
        Dataset d = DataFiles.of(f).load(IMAGES, Set.of());
        assertThat(floats(d, 0, 0, 1, 2)).containsExactly(0, 1, 2, 3, 4, 256, 0, 1, 2, 3, -0.0f, 5, 0.5f, 1, 2, 3, 4, 5);
        assertThat(Float.floatToRawIntBits(floats(d, 0, 1)[4])).isEqualTo(Float.floatToRawIntBits(-0.0f));
        assertThat(ints(d, 1, 0, 1, 2)).containsExactly(0, 1, 300);
        assertThat(d.column(0)).isInstanceOf(FloatColumn.class);
        assertThat(d.column(1)).isInstanceOf(IntColumn.class);
        Path halves = Files.writeString(dir.resolve("h.csv"), "0,1,2,3,4,5,0\n0,1,2,3,4,5,1.5\n");
        assertThatThrownBy(() -> DataFiles.of(halves).load(IMAGES, Set.of())).isInstanceOf(DataException.class)
                .hasMessage(halves + ": data row 2, column 7: 1.5 is not an integer, but input 'label' is i32");
    }

    @Test
    void idxBytesStayBytesInMemory() {
        Dataset d = files("x", images(true), "label", labels(LABELS)).load(IMAGES, Set.of());
        assertThat(d.column(0)).isInstanceOf(ByteColumn.class);
        assertThat(d.column(1)).isInstanceOf(ByteColumn.class);
    }

    @Test
    void predictionsMayLeaveOutTheLabels() throws IOException {
        Dataset d = files("x", images(false)).load(IMAGES, Set.of("label"));
        assertThat(d.inputs()).extracting(IoInfo::name).containsExactly("x");
        Path broken = Files.write(dir.resolve("broken-labels"), new byte[] {1, 2, 3});
        Dataset ignored = files("x", images(false), "label", broken).load(IMAGES, Set.of("label"));
        assertThat(ignored.inputs()).extracting(IoInfo::name).containsExactly("x");
        Path npz = NpyFiles.npz(dir.resolve("x.npz"), Map.of("x", NpyFiles.npy("|u1", new int[] {4, 6}, PIXELS)));
        assertThat(DataFiles.of(npz).load(IMAGES, Set.of("label")).size()).isEqualTo(4);
    }

    @Test
    void subsetsAreViewsOfTheSameRecords() {
        Dataset d = files("x", images(true), "label", labels(LABELS)).load(IMAGES, Set.of());
        Dataset sub = d.subset(new int[] {3, 1}).subset(new int[] {1, 0});
        assertThat(sub.size()).isEqualTo(2);
        assertThat(floats(sub, 0, 0, 1)).containsExactly(pixels(1, 3));
        assertThat(ints(sub, 1, 0, 1)).containsExactly(1, 2);
    }

    // ---- mistakes, each with its message ----

    @Test
    void aClassIndexOutOfRangeNamesTheLabelFileAndExample() {
        Path labels = labels(3, 1, 0, 12);
        Dataset d = files("x", images(false), "label", labels).load(IMAGES, Set.of());
        String expected = labels + ": example 3: class index 12 is out of range; the model has 10 classes (0 to 9)";
        assertThat(d.badClassIndex(new ClassIndexOutOfRange(1, 12, 10), 3)).hasMessage(expected);
        Dataset sub = d.subset(new int[] {0, 3});
        assertThat(sub.badClassIndex(new ClassIndexOutOfRange(1, 12, 10), 1)).hasMessage(expected);
    }

    @Test
    void arraysMustMatchTheInputsShapes() {
        Path big = IdxFiles.write(dir.resolve("big"), IdxFiles.UBYTE, new int[] {4, 28, 28}, new double[4 * 784], true);
        assertThatThrownBy(() -> files("x", big, "label", labels(LABELS)).load(IMAGES, Set.of()))
                .isInstanceOf(DataException.class).hasMessage(big + ": the array is uint8[4, 28, 28], 784 elements per "
                        + "example, but input 'x' is f32[batch, 1, 2, 3], 6 per example");
        Path five = labels(1, 2, 3, 4, 5);
        Path images = images(false);
        assertThatThrownBy(() -> files("x", images, "label", five).load(IMAGES, Set.of()))
                .isInstanceOf(DataException.class).hasMessage(five + ": has 5 examples, but " + images
                        + " (input 'x') has 4");
        Path scalar = NpyFiles.write(dir.resolve("s.npy"), NpyFiles.npy("<f4", new int[0], 1));
        assertThatThrownBy(() -> files("x", images, "label", scalar).load(IMAGES, Set.of()))
                .isInstanceOf(DataException.class).hasMessage(scalar + ": the array is a single number (float32[]), "
                        + "but input 'label' needs examples along the first dimension");
    }

    @Test
    void integerInputsNeedIntegers() {
        Path halves = NpyFiles.write(dir.resolve("y.npy"), NpyFiles.npy("<f4", new int[] {4}, 0, 1.5, 2, 3));
        Path images = images(false);
        assertThatThrownBy(() -> files("x", images, "label", halves).load(IMAGES, Set.of()))
                .isInstanceOf(DataException.class)
                .hasMessage(halves + ": example 1: 1.5 is not an integer, but input 'label' is i32");
    }

    @Test
    void namesMustBeTheModelsInputs() {
        Path images = images(false);
        assertThatThrownBy(() -> files("x", images, "lable", labels(LABELS)).load(IMAGES, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("model Toy has no input 'lable'; its inputs: " + INPUTS);
        assertThatThrownBy(() -> files("x", images).load(IMAGES, Set.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no data for input 'label'; give label=FILE for it (inputs: " + INPUTS + ")");
        Map<String, byte[]> arrays = new LinkedHashMap<>();
        arrays.put("images", NpyFiles.npy("|u1", new int[] {4, 6}, PIXELS));
        arrays.put("labels", NpyFiles.npy("|u1", new int[] {4}, LABELS));
        Path npz = NpyFiles.npz(dir.resolve("named.npz"), arrays);
        assertThatThrownBy(() -> DataFiles.of(npz).load(IMAGES, Set.of()))
                .isInstanceOf(DataException.class).hasMessage(npz + ": has no array named 'x' (input x: f32[batch, 1, "
                        + "2, 3]); its arrays: images, labels; the model's inputs: " + INPUTS);
    }

    @Test
    void eachFormFeedsTheKindOfFileItIsFor() {
        Path images = images(true);
        assertThatThrownBy(() -> DataFiles.of(images).load(IMAGES, Set.of()))
                .isInstanceOf(DataException.class).hasMessage(images + ": holds one IDX array, not every input; "
                        + "give it for the input it feeds, as NAME=" + images + " (inputs: " + INPUTS + ")");
        Path npz = NpyFiles.npz(dir.resolve("all.npz"), Map.of("x", NpyFiles.npy("|u1", new int[] {4, 6}, PIXELS)));
        assertThatThrownBy(() -> files("x", npz, "label", labels(LABELS)).load(IMAGES, Set.of()))
                .isInstanceOf(DataException.class).hasMessage(npz + ": is an .npz archive, not one array; give it "
                        + "alone, as --data " + npz + ", to feed the inputs from the arrays of their names");
    }

    @Test
    void damagedAndEmptyFilesAreReportedByName() {
        Path labels = IdxFiles.write(dir.resolve("cut"), java.util.Arrays.copyOf(
                IdxFiles.bytes(IdxFiles.UBYTE, new int[] {4}, LABELS), 8 + 3), false);
        Path images = images(true);
        assertThatThrownBy(() -> files("x", images, "label", labels).load(IMAGES, Set.of()))
                .isInstanceOf(DataException.class)
                .hasMessage(labels + ": the file ends before example 3: 4 examples of ubyte need 4 bytes of data, "
                        + "found 3");
        Path none = IdxFiles.write(dir.resolve("none"), IdxFiles.UBYTE, new int[] {0, 6}, new double[0], false);
        Path noLabels = IdxFiles.write(dir.resolve("nolabels"), IdxFiles.UBYTE, new int[] {0}, new double[0], false);
        assertThatThrownBy(() -> files("x", none, "label", noLabels).load(IMAGES, Set.of()))
                .isInstanceOf(DataException.class).hasMessage(none + ", " + noLabels + ": no examples");
        assertThat(List.of(none, noLabels)).allMatch(Files::exists);
    }
}
