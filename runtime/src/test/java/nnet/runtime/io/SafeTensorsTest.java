package nnet.runtime.io;

import static nnet.runtime.io.TestTensors.assertSameTensor;
import static nnet.runtime.io.TestTensors.assertSameTensors;
import static nnet.runtime.io.TestTensors.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import nnet.runtime.Tensor;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    // ---- a file written by the safetensors library (see src/test/python/make_io_fixtures.py) ----

    @Test
    void readsAFileWrittenByTheReferenceLibrary() {
        SafeTensors.Contents contents = SafeTensors.read(fixture("mixed.safetensors"));
        assertThat(contents.metadata()).containsExactlyInAnyOrderEntriesOf(Map.of("format", "nnet-test", "epoch", "3"));
        Map<String, Tensor> t = contents.tensors();
        assertThat(t).isInstanceOf(LinkedHashMap.class);
        // Header order, which the reference writer sorts by dtype size, then name.
        assertThat(t.keySet()).containsExactly("counts", "fc1.bias", "empty", "fc1.weight", "scalar", "labels",
                "half", "small", "bytes", "flags");
        assertSameTensor(t.get("fc1.weight"), Tensor.of(new float[] {0.5f, -1.5f, 2f, 3f, -4f, 1e-20f}, 2, 3));
        assertSameTensor(t.get("fc1.bias"), Tensor.of(new double[] {0.1, 0.2}, 2));
        assertSameTensor(t.get("labels"), Tensor.of(new int[] {3, -1, Integer.MAX_VALUE}, 3));
        assertSameTensor(t.get("half"), Tensor.of(new float[] {1f, -0.25f, 65504f}, 3));
        assertSameTensor(t.get("counts"), Tensor.of(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE}, 2));
        assertSameTensor(t.get("small"), Tensor.of(new int[] {-3, 4}, 2));
        assertSameTensor(t.get("bytes"), Tensor.of(new int[] {0, 200, 255}, 3));
        assertSameTensor(t.get("flags"), Tensor.of(new int[] {1, 0}, 2));
        assertSameTensor(t.get("scalar"), Tensor.of(new float[] {2.5f}));
        assertSameTensor(t.get("empty"), Tensor.of(new float[0], 0, 4));
    }

    // ---- dtypes NumPy cannot produce, assembled here byte by byte per the format's specification ----

    @Test
    void theSameContentsGiveTheSameBytesWhateverTheMetadataMapsOrder() throws IOException {
        Map<String, Tensor> tensors = Map.of("w", Tensor.of(new float[] {1, 2}, 2));
        Map<String, String> one = new LinkedHashMap<>();
        one.put("model", "M");
        one.put("format", "nnet");
        Map<String, String> other = new LinkedHashMap<>();
        other.put("format", "nnet");
        other.put("model", "M");
        SafeTensors.write(dir.resolve("one.safetensors"), tensors, one);
        SafeTensors.write(dir.resolve("other.safetensors"), tensors, other);
        assertThat(Files.readAllBytes(dir.resolve("one.safetensors")))
                .isEqualTo(Files.readAllBytes(dir.resolve("other.safetensors")));
    }

    @Test
    void readsBfloat16AndOtherIntegerWidths() throws IOException {
        ByteBuffer data = le(2 * 2 + 3 + 2 * 2 + 4 + 8);
        data.putShort((short) 0x3F80).putShort((short) 0xC0A0);          // BF16 1, -5
        data.put((byte) -128).put((byte) 0).put((byte) 127);              // I8
        data.putShort((short) 0xFFFF).putShort((short) 1);                // U16 65535, 1
        data.putInt(Integer.MAX_VALUE);                                   // U32
        data.putLong(42);                                                 // U64
        Path file = file("widths.safetensors", "{"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]},"
                + "\"i\":{\"dtype\":\"I8\",\"shape\":[3],\"data_offsets\":[4,7]},"
                + "\"u\":{\"dtype\":\"U16\",\"shape\":[2],\"data_offsets\":[7,11]},"
                + "\"w\":{\"dtype\":\"U32\",\"shape\":[],\"data_offsets\":[11,15]},"
                + "\"q\":{\"dtype\":\"U64\",\"shape\":[1,1],\"data_offsets\":[15,23]}}", data.array());
        Map<String, Tensor> t = SafeTensors.read(file).tensors();
        assertSameTensor(t.get("b"), Tensor.of(new float[] {1f, -5f}, 2));
        assertSameTensor(t.get("i"), Tensor.of(new int[] {-128, 0, 127}, 3));
        assertSameTensor(t.get("u"), Tensor.of(new int[] {65535, 1}, 2));
        assertSameTensor(t.get("w"), Tensor.of(new int[] {Integer.MAX_VALUE}));
        assertSameTensor(t.get("q"), Tensor.of(new int[] {42}, 1, 1));
    }

    @Test
    void acceptsUnknownFieldsTensorsInAnyOrderAndNoMetadata() throws IOException {
        ByteBuffer data = le(8).putInt(7).putFloat(1.5f);
        Path file = file("order.safetensors", " {\"late\":{\"data_offsets\":[4,8],\"shape\":[1],\"dtype\":\"F32\","
                + "\"extra\":{\"x\":[1,2]}},\"early\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[0,4]}}  ",
                data.array());
        SafeTensors.Contents contents = SafeTensors.read(file);
        assertThat(contents.metadata()).isEmpty();
        assertThat(contents.tensors().keySet()).containsExactly("late", "early");
        assertSameTensor(contents.tensors().get("late"), Tensor.of(new float[] {1.5f}, 1));
        assertSameTensor(contents.tensors().get("early"), Tensor.of(new int[] {7}, 1));
    }

    @Test
    void integersOutOfRangeNameTheTensorAndElement() throws IOException {
        ByteBuffer data = le(32).putLong(1).putLong(2).putLong(3).putLong(1L << 40);
        Path file = file("big.safetensors", "{\"n\":{\"dtype\":\"I64\",\"shape\":[2,2],\"data_offsets\":[0,32]}}",
                data.array());
        assertError(file, "tensor 'n': element [1, 1] = 1099511627776 does not fit in a 32-bit integer");
        Path unsigned = file("u.safetensors", "{\"n\":{\"dtype\":\"U64\",\"shape\":[1],\"data_offsets\":[0,8]}}",
                le(8).putLong(-1).array());
        assertError(unsigned, "tensor 'n': element [0] = 18446744073709551615 does not fit in a 32-bit integer");
        Path unsigned32 = file("u32.safetensors", "{\"n\":{\"dtype\":\"U32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                le(4).putInt(-1).array());
        assertError(unsigned32, "tensor 'n': element [0] = 4294967295 does not fit in a 32-bit integer");
    }

    // ---- writing ----

    @Test
    void writesAPaddedHeaderInMapOrderWithAlignedData() throws IOException {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("b", Tensor.of(new float[] {1f}, 1));
        tensors.put("a", Tensor.of(new double[] {2.0}, 1));
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, tensors, Map.of("k", "v"));
        byte[] bytes = Files.readAllBytes(file);
        long n = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(n % 8).isZero();
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat(header.strip()).isEqualTo("{\"__metadata__\":{\"k\":\"v\"},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]},"
                + "\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}");
        assertThat(header.substring(header.strip().length())).matches(" *");
        ByteBuffer data = ByteBuffer.wrap(bytes, 8 + (int) n, 12).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.getDouble(0)).isEqualTo(2.0);
        assertThat(data.getFloat(8)).isEqualTo(1f);
        assertThat(bytes).hasSize(8 + (int) n + 12);
    }

    @Test
    void writingReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("w.safetensors");
        SafeTensors.write(file, Map.of("old", Tensor.of(new int[] {1}, 1)), null);
        SafeTensors.write(file, Map.of("new", Tensor.of(new int[] {2}, 1)), Map.of());
        assertThat(SafeTensors.read(file).tensors().keySet()).containsExactly("new");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writeFailuresNameTheFile() {
        Path file = dir.resolve("missing-dir").resolve("w.safetensors");
        assertThatThrownBy(() -> SafeTensors.write(file, Map.of(), null)).isInstanceOf(DataException.class)
                .hasMessage(file + ": cannot write: its directory does not exist");
    }

    @Test
    void refusesATensorNamedLikeTheMetadata() {
        assertThatThrownBy(() -> SafeTensors.write(dir.resolve("w.safetensors"),
                Map.of("__metadata__", Tensor.of(new int[] {1}, 1)), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("w.safetensors")).doesNotExist();
    }

    @Test
    void roundTrips() {
        Path file = dir.resolve("t.safetensors");
        Properties.forAll("SafeTensorsTest #1", 200, (random, size) -> new SafeTensors.Contents(TestTensors.randomTensorMap(random, size),
                randomMetadata(random)), written -> {
            SafeTensors.write(file, written.tensors(), written.metadata());
            SafeTensors.Contents contents = SafeTensors.read(file);
            assertSameTensors(contents.tensors(), written.tensors());
            assertThat(contents.metadata()).containsExactlyEntriesOf(new java.util.TreeMap<>(written.metadata()));
        });
    }

    private static final String AWKWARD_CHARS = "\"\\\n\u0001é中";

    /** Keys and values of any characters, including quotes, backslashes and control characters. */
    private static Map<String, String> randomMetadata(Random random) {
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
            metadata.put(randomText(random, 8), randomText(random, 20));
        }
        return metadata;
    }

    private static String randomText(Random random, int maxLength) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(maxLength + 1); n > 0; n--) {
            text.append(random.nextInt(4) == 0 ? AWKWARD_CHARS.charAt(random.nextInt(AWKWARD_CHARS.length()))
                    : (char) (' ' + random.nextInt(95)));
        }
        return text.toString();
    }

    // ---- files the reference implementation would reject ----

    @Test
    void rejectsFilesTooSmallForAHeaderLength() throws IOException {
        Path file = dir.resolve("tiny.safetensors");
        Files.write(file, new byte[5]);
        assertError(file, "the file has 5 bytes, too few for a safetensors file, which starts with an 8-byte header length");
    }

    @Test
    void rejectsHeaderLengthsBeyondTheLimitOrTheFile() throws IOException {
        Path huge = dir.resolve("huge.safetensors");
        Files.write(huge, le(16).putLong(-1).array());
        assertError(huge, "the header length 18446744073709551615 is larger than the limit of 100000000 bytes; "
                + "this is probably not a safetensors file");
        Path past = dir.resolve("past.safetensors");
        Files.write(past, le(16).putLong(100).array());
        assertError(past, "the header length 100 goes past the end of the file, which has 16 bytes");
    }

    @Test
    void rejectsHeadersThatAreNotJsonObjects() throws IOException {
        assertError(file("a.safetensors", "[1, 2]", new byte[0]), "the header is not a JSON object");
        assertError(file("b.safetensors", "{\"a\": {\"dtype\": \"F32\",", new byte[0]),
                "the header is not valid JSON: ");
        assertError(file("c.safetensors", "{} {}", new byte[0]), "the header has more text after its JSON object");
        assertError(file("d.safetensors", "{}} ", new byte[0]),
                "the header is not valid JSON: Unexpected close marker '}': no open Object to close "
                + "(at character 3 of the header)");
        Path notUtf8 = dir.resolve("e.safetensors");
        Files.write(notUtf8, concat(le(8).putLong(4).array(), new byte[] {'{', (byte) 0xC3, '}', ' '}));
        assertError(notUtf8, "the header is not valid UTF-8");
    }

    @Test
    void rejectsMissingOrMistypedFields() throws IOException {
        assertError(file("a.safetensors", "{\"t\":{\"shape\":[1],\"data_offsets\":[0,4]}}", new byte[4]),
                "tensor 't' has no \"dtype\"");
        assertError(file("b.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[1]}}", new byte[4]),
                "tensor 't' has no \"data_offsets\"");
        assertError(file("c.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}",
                new byte[4]), "tensor 't': \"shape\" is not an array of non-negative integers");
        assertError(file("d.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}",
                new byte[4]), "tensor 't': \"shape\" is not an array of non-negative integers");
        assertError(file("e.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}",
                new byte[4]), "tensor 't': \"data_offsets\" must be [begin, end], found [0, 4, 8]");
        assertError(file("f.safetensors", "{\"t\":{\"dtype\":7,\"shape\":[1],\"data_offsets\":[0,4]}}",
                new byte[4]), "tensor 't': \"dtype\" is not a string");
        assertError(file("g.safetensors", "{\"t\":[1]}", new byte[4]), "tensor 't': its description is not a JSON object");
        assertError(file("h.safetensors", "{\"t\":{\"dtype\":\"F8_E4M3\",\"shape\":[4],\"data_offsets\":[0,4]}}",
                new byte[4]), "tensor 't': dtype F8_E4M3 is not supported");
        assertError(file("i.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[99999999999999999999],"
                + "\"data_offsets\":[0,4]}}", new byte[4]),
                "tensor 't': \"shape\" is not an array of non-negative integers in range");
        assertError(file("j.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[65536,65536],"
                + "\"data_offsets\":[0,4]}}", new byte[4]),
                "tensor 't': shape [65536, 65536] has more than 2147483647 elements");
    }

    @Test
    void rejectsBadMetadataAndDuplicateNames() throws IOException {
        assertError(file("a.safetensors", "{\"__metadata__\":{\"epoch\":3}}", new byte[0]),
                "__metadata__ value for 'epoch' is not a string");
        assertError(file("b.safetensors", "{\"__metadata__\":[]}", new byte[0]), "__metadata__ is not an object of strings");
        assertError(file("c.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"t\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", new byte[8]),
                "the header names 't' twice");
    }

    @Test
    void rejectsOffsetsOutOfRangeOverlappingOrWithGaps() throws IOException {
        assertError(file("past.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}",
                new byte[4]), "tensor 't': data_offsets [0, 8] go past the end of the data, which has 4 bytes");
        assertError(file("reversed.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[4,0]}}",
                new byte[4]), "tensor 't': data_offsets [4, 0] end before they begin");
        assertError(file("size.safetensors", "{\"t\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,20]}}",
                new byte[20]), "tensor 't': data_offsets [0, 20] hold 20 bytes but shape [2, 3] of F32 needs 24");
        assertError(file("overlap.safetensors", "{"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", new byte[12]),
                "tensor 'b': data_offsets [4, 12] overlap those of tensor 'a' [0, 8]");
        assertError(file("gap.safetensors", "{"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}", new byte[12]),
                "tensor 'b': data_offsets [8, 12] leave 4 unused bytes before them");
        assertError(file("short.safetensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}",
                new byte[6]), "the tensors cover 4 bytes but the data after the header has 6 bytes");
    }

    @Test
    void rejectsATruncatedCopyOfARealFile() throws IOException {
        byte[] whole = Files.readAllBytes(fixture("mixed.safetensors"));
        Path file = dir.resolve("cut.safetensors");
        Files.write(file, Arrays.copyOf(whole, whole.length - 1));
        assertError(file, "tensor 'flags': data_offsets [85, 87] go past the end of the data, which has 86 bytes");
    }

    @Test
    void rejectsAMissingFile() {
        Path file = dir.resolve("nope.safetensors");
        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": no such file");
    }

    // ---- helpers ----

    private static void assertError(Path file, String problem) {
        assertThatThrownBy(() -> SafeTensors.read(file)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ": " + problem);
    }

    private static ByteBuffer le(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** A file laid out per the specification: header length, JSON header, data. */
    private Path file(String name, String header, byte[] data) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve(name);
        Files.write(file, concat(concat(le(8).putLong(json.length).array(), json), data));
        return file;
    }
}
