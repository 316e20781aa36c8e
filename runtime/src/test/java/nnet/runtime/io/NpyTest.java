package nnet.runtime.io;

import static nnet.runtime.io.TestTensors.assertSameTensor;
import static nnet.runtime.io.TestTensors.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Arrays;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import nnet.runtime.Tensor;
import nnet.testing.IdxFiles;
import nnet.testing.NpyFiles;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {

    // ---- files written by NumPy (see src/test/python/make_io_fixtures.py) ----

    private static Tensor readFixture(String name) throws IOException {
        try (InputStream in = Files.newInputStream(fixture(name))) {
            return Npy.read(in, name);
        }
    }

    @Test
    void readsFloat32() throws IOException {
        assertSameTensor(readFixture("f32.npy"), Tensor.of(new float[] {1.5f, -2.25f, 3f, 0.1f, 1e-30f, -0f}, 2, 3));
    }

    @Test
    void readsFloat64() throws IOException {
        assertSameTensor(readFixture("f64.npy"),
                Tensor.of(new double[] {1.0 / 3, -1e300, Double.MIN_VALUE, Double.POSITIVE_INFINITY}, 4));
    }

    @Test
    void readsInt32() throws IOException {
        assertSameTensor(readFixture("i32.npy"), Tensor.of(new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1}, 2, 2));
    }

    @Test
    void readsFortranOrderAsRowMajor() throws IOException {
        float[] expected = new float[24];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = i;
        }
        assertSameTensor(readFixture("fortran_f32.npy"), Tensor.of(expected, 2, 3, 4));
        assertSameTensor(readFixture("fortran_i32.npy"), Tensor.of(new int[] {0, 1, 2, 3, 4, 5}, 3, 2));
    }

    @Test
    void readsBigEndian() throws IOException {
        assertSameTensor(readFixture("big_endian_f64.npy"),
                Tensor.of(new double[] {0.5, -1.0, 2.0, 1e-3, 3e100, -7.25}, 2, 3));
        assertSameTensor(readFixture("big_endian_f32.npy"), Tensor.of(new float[] {1f, -0.5f, 65504f}, 3));
        assertSameTensor(readFixture("big_endian_i32.npy"), Tensor.of(new int[] {1, -2, Integer.MAX_VALUE}, 3));
        assertSameTensor(readFixture("int64_big_endian.npy"), Tensor.of(new int[] {7, -8}, 2));
    }

    @Test
    void readsOtherIntegerTypesAsInt32() throws IOException {
        assertSameTensor(readFixture("int64.npy"), Tensor.of(new int[] {-5, Integer.MAX_VALUE, Integer.MIN_VALUE}, 3));
        assertSameTensor(readFixture("uint8.npy"), Tensor.of(new int[] {0, 127, 255}, 3));
        assertSameTensor(readFixture("int8.npy"), Tensor.of(new int[] {-128, -1, 127}, 3));
        assertSameTensor(readFixture("int16.npy"), Tensor.of(new int[] {-32768, 12345, 32767}, 3));
        assertSameTensor(readFixture("uint16.npy"), Tensor.of(new int[] {0, 40000, 65535}, 3));
        assertSameTensor(readFixture("bool.npy"), Tensor.of(new int[] {1, 0, 1, 1}, 4));
    }

    @Test
    void readsSingleByteTypesAsBytesWhenAskedForNumbers() throws IOException {
        NumberArray u8 = readNumbersFixture("uint8.npy");
        assertThat(u8.storage()).isEqualTo(NumberArray.Storage.UBYTE);
        assertThat((byte[]) u8.data()).containsExactly(0, 127, -1);
        NumberArray i8 = readNumbersFixture("int8.npy");
        assertThat(i8.storage()).isEqualTo(NumberArray.Storage.BYTE);
        assertThat((byte[]) i8.data()).containsExactly(-128, -1, 127);
        NumberArray bool = readNumbersFixture("bool.npy");
        assertThat(bool.storage()).isEqualTo(NumberArray.Storage.UBYTE);
        assertThat((byte[]) bool.data()).containsExactly(1, 0, 1, 1);
        NumberArray i16 = readNumbersFixture("int16.npy");
        assertThat(i16.storage()).isEqualTo(NumberArray.Storage.INT);
        assertThat((int[]) i16.data()).containsExactly(-32768, 12345, 32767);
    }

    private static NumberArray readNumbersFixture(String name) throws IOException {
        try (InputStream in = Files.newInputStream(fixture(name))) {
            return Npy.readNumbers(in, name);
        }
    }

    @Test
    void readsFortranOrderBytesAsRowMajor() {
        byte[] file = NpyFiles.npy("|u1", new int[] {2, 3}, 0, 3, 1, 4, 2, 5);
        String text = new String(file, StandardCharsets.ISO_8859_1).replace("False", "True ");
        NumberArray a = Npy.readNumbers(new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)), "f.npy");
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat((byte[]) a.data()).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void readsFilesPlainOrGzippedAndRejectsTrailingBytes(@TempDir Path dir) throws IOException {
        byte[] file = NpyFiles.npy("<f4", new int[] {2}, 1.5, -2);
        for (byte[] bytes : List.of(file, IdxFiles.gzip(file))) {
            NumberArray a = Npy.readNumbers(Files.write(dir.resolve("a.npy"), bytes));
            assertThat((float[]) a.data()).containsExactly(1.5f, -2f);
        }
        Path longer = Files.write(dir.resolve("longer.npy"), Arrays.copyOf(file, file.length + 1));
        assertThatThrownBy(() -> Npy.readNumbers(longer)).isInstanceOf(DataException.class)
                .hasMessage(longer + ": there are extra bytes after the array data");
        Path cut = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(file, file.length - 1));
        assertThatThrownBy(() -> Npy.readNumbers(cut)).isInstanceOf(DataException.class)
                .hasMessage(cut + ": the data is truncated: expected 8 bytes, found 7");
        Path missing = dir.resolve("missing.npy");
        assertThatThrownBy(() -> Npy.readNumbers(missing)).isInstanceOf(DataException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void readsFloat16AsFloat32() throws IOException {
        // 6e-8 is stored as the nearest half, the subnormal 2^-24.
        assertSameTensor(readFixture("f16.npy"),
                Tensor.of(new float[] {1f, -2.5f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY}, 5));
    }

    @Test
    void readsScalarsAsRankZero() throws IOException {
        assertSameTensor(readFixture("scalar_f64.npy"), Tensor.of(new double[] {3.25}));
        assertSameTensor(readFixture("scalar_i32.npy"), Tensor.of(new int[] {-7}));
    }

    @Test
    void readsEmptyArrays() throws IOException {
        assertSameTensor(readFixture("empty_f32.npy"), Tensor.of(new float[0], 0, 3));
    }

    @Test
    void readsFormatVersions2And3() throws IOException {
        assertSameTensor(readFixture("v2_f32.npy"), Tensor.of(new float[] {1f, 2f}, 2));
        assertSameTensor(readFixture("v3_i32.npy"), Tensor.of(new int[] {1, 2, 3}, 1, 3));
    }

    @Test
    void int64OutOfRangeNamesTheFileAndElement() {
        assertThatThrownBy(() -> readFixture("int64_overflow.npy"))
                .isInstanceOf(DataException.class)
                .hasMessage("int64_overflow.npy: element [1, 0] = 2147483648 does not fit in a 32-bit integer");
    }

    @Test
    void leavesTheStreamJustAfterTheData() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, Tensor.of(new int[] {1, 2}, 2));
        Npy.write(out, Tensor.of(new float[] {3f}, 1));
        InputStream in = new ByteArrayInputStream(out.toByteArray());
        assertSameTensor(Npy.read(in, "two"), Tensor.of(new int[] {1, 2}, 2));
        assertSameTensor(Npy.read(in, "two"), Tensor.of(new float[] {3f}, 1));
        assertThat(in.read()).isEqualTo(-1);
    }

    // ---- header text as other writers may spell it ----

    @Test
    void acceptsHeadersInAnyKeyOrderAndSpacing() {
        assertSameTensor(read("{'shape': (2,), 'fortran_order': False, 'descr': '<i4'}", 1, 2),
                Tensor.of(new int[] {1, 2}, 2));
        assertSameTensor(read("{ \"descr\" : \"<i4\" , \"fortran_order\" : False , \"shape\" : ( 1 , 2 ) , }", 1, 2),
                Tensor.of(new int[] {1, 2}, 1, 2));
        assertSameTensor(read("{'descr':'<i4','fortran_order':False,'shape':(2L,)}", 1, 2),
                Tensor.of(new int[] {1, 2}, 2));
        assertSameTensor(read("{'descr': '<i4', 'fortran_order': False, 'shape': ()}", 5), Tensor.of(new int[] {5}));
        assertSameTensor(read("{'descr': 'i4', 'fortran_order': False, 'shape': [2]}", 1, 2),
                Tensor.of(new int[] {1, 2}, 2));
    }

    @Test
    void rejectsMalformedHeadersWithAClearMessage() {
        assertHeaderError("{'descr' '<f4', 'fortran_order': False, 'shape': (2,)}",
                "x.npy: malformed header: expected ':' at character 10 of {'descr' '<f4',");
        assertHeaderError("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)",
                "x.npy: malformed header: it ends where ',' or '}' was expected");
        assertHeaderError("{'descr': '<f4', 'fortran_order': False}", "x.npy: the header has no 'shape'");
        assertHeaderError("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), 'x': 1}",
                "x.npy: the header has an unexpected key 'x'");
        assertHeaderError("{'descr': '<c8', 'fortran_order': False, 'shape': (2,)}",
                "x.npy: dtype '<c8' is not supported");
        assertHeaderError("{'descr': '|O', 'fortran_order': False, 'shape': (2,)}",
                "x.npy: dtype '|O' is not supported");
        assertHeaderError("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2,)}",
                "x.npy: structured arrays");
        assertHeaderError("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,)}",
                "x.npy: 'fortran_order' is not True or False: 0");
        assertHeaderError("{'descr': '<f4', 'fortran_order': False, 'shape': (2)}",
                "x.npy: 'shape' is not a tuple of integers: 2");
        assertHeaderError("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}",
                "x.npy: 'shape' [-1] has an entry that is not a non-negative integer");
        assertHeaderError("{'descr': '<f4', 'fortran_order': False, 'shape': (99999, 99999)}",
                "x.npy: shape [99999, 99999] has more than 2147483647 elements");
        assertHeaderError("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,)}",
                "x.npy: 'shape' [99999999999999999999] has a dimension too large to hold");
        assertHeaderError("{'descr': '<f4', 'descr': '<f4', 'shape': (2,)}",
                "x.npy: malformed header: key 'descr' appears twice");
        assertHeaderError("['descr']", "x.npy: the header is not a dict");
        assertHeaderError("{'descr': '<f4', 'fortran_order': False, 'shape': (+_,)}",
                "x.npy: malformed header: expected a number at character 52");
        assertHeaderError("{'descr': '<f4', 'fortran_order': Flase, 'shape': (2,)}",
                "x.npy: malformed header: unknown name 'Flase' at character 35 of {'descr'");
        assertHeaderError("{'descr': '<f4', 'fortran_order': False, 'shape': (2,)} x",
                "x.npy: malformed header: unexpected text after the end at character 57");
        assertHeaderError("{'descr': '<f4', 'fortran_order': False, 'shape': (2.5,)}",
                "x.npy: malformed header: only integer numbers are expected at character 52");
        assertHeaderError("{'descr': '<f4, 'fortran_order': False, 'shape': (2,)}",
                "x.npy: malformed header: expected ',' or '}' at character 18");
    }

    @Test
    void quotesADamagedHeaderOnOneLineAndCutsItAroundTheFault() {
        // Found by DataFuzzTest: a header length that takes in data bytes echoed a newline and raw binary.
        assertThatThrownBy(() -> read("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n\0\1 x", 1))
                .isInstanceOf(DataException.class).hasMessage("x.npy: malformed header: unexpected text after the end "
                        + "at character 59 of {'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\\n\\x00\\x01 x");
        assertThatThrownBy(() -> read("{'descr': '<f4', 'fortran_order': False, \0: (1,)}", 1))
                .isInstanceOf(DataException.class).hasMessageStartingWith("x.npy: malformed header: unexpected character "
                        + "'\\x00' at character 42 of");
        String padded = "{'descr': '<f4', " + " ".repeat(500) + "'fortran_order': Flase, 'shape': (1,)}";
        assertThatThrownBy(() -> read(padded, 1)).isInstanceOf(DataException.class)
                .hasMessage("x.npy: malformed header: unknown name 'Flase' at character 535 of …" + " ".repeat(162)
                        + "'fortran_order': Flase, 'shape': (1,)}");
    }

    private static void assertHeaderError(String header, String messageStart) {
        assertThatThrownBy(() -> read(header, 1, 2)).isInstanceOf(DataException.class).hasMessageStartingWith(messageStart);
    }

    // ---- damaged files ----

    @Test
    void rejectsEmptyAndForeignFiles() {
        assertError(new byte[0], "x.npy: the file is empty");
        assertError("PK\3\4 this is a zip".getBytes(StandardCharsets.ISO_8859_1),
                "x.npy: not a .npy file: it does not start with \\x93NUMPY");
        assertError(new byte[] {(byte) 0x93, 'N', 'U'}, "x.npy: not a .npy file: it does not start with \\x93NUMPY");
    }

    @Test
    void rejectsUnknownVersions() {
        byte[] file = npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1,)}", 1);
        file[6] = 4;
        assertError(file, "x.npy: unsupported .npy format version 4.0 (supported: 1.0, 2.0, 3.0)");
    }

    @Test
    void rejectsTruncationAnywhere() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, Tensor.of(new double[] {1, 2, 3}, 3));
        byte[] whole = out.toByteArray();
        assertError(Arrays.copyOf(whole, 7), "x.npy: the file is truncated in its format version");
        assertError(Arrays.copyOf(whole, 9), "x.npy: the file is truncated in its header length");
        assertError(Arrays.copyOf(whole, 40), "x.npy: the header is truncated: expected 118 bytes, found 30");
        assertError(Arrays.copyOf(whole, whole.length - 5), "x.npy: the data is truncated: expected 24 bytes, found 19");
    }

    @Test
    void aDamagedShapeFailsAsTruncatedWithoutAllocatingTheClaimedSize() {
        // 2e9 doubles would be 16 GB, more than the test JVM may allocate.
        assertError(npy("{'descr': '<f8', 'fortran_order': False, 'shape': (2000000000,)}", 1, 2),
                "x.npy: the data is truncated: expected 16000000000 bytes, found 8");
    }

    @Test
    void readsArraysLargerThanOneChunk() throws IOException {
        Tensor big = TestTensors.randomTensor(nnet.runtime.DType.F64, new int[] {3, 100_000}, 42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, big);
        assertSameTensor(Npy.read(new ByteArrayInputStream(out.toByteArray()), "big.npy"), big);
    }

    @Test
    void rejectsAnImplausibleHeaderLength() {
        byte[] file = npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1,)}", 1);
        file[6] = 2;
        ByteBuffer.wrap(file, 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 0x7FFFFFFF);
        assertError(file, "x.npy: the header length 2147483647 is implausibly large (limit 16777216 bytes)");
    }

    @Test
    void rejectsInvalidUtf8InVersion3Headers() {
        byte[] file = npy("{'descr': '<i4', 'fortran_order': False, 'shape': (1,)}", 1);
        file[6] = 3;
        byte[] v3 = new byte[file.length + 2];
        System.arraycopy(file, 0, v3, 0, 8);
        ByteBuffer.wrap(v3).order(ByteOrder.LITTLE_ENDIAN).putInt(8, (file[8] & 0xFF) | (file[9] & 0xFF) << 8);
        System.arraycopy(file, 10, v3, 12, file.length - 10);
        v3[14] = (byte) 0xFF;
        assertError(v3, "x.npy: the header is not valid UTF-8");
    }

    @Test
    void reportsCompressedStreamsThatEndEarlyOrAreDamaged() throws IOException {
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
            Npy.write(out, Tensor.of(new float[1000], 1000));
        }
        byte[] whole = deflated.toByteArray();
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        assertThatThrownBy(() -> Npy.read(new InflaterInputStream(new ByteArrayInputStream(cut)), "x.npy"))
                .isInstanceOf(DataException.class).hasMessage("x.npy: the compressed data ends early");
        byte[] damaged = whole.clone();
        damaged[0] = 0;
        assertThatThrownBy(() -> Npy.read(new InflaterInputStream(new ByteArrayInputStream(damaged)), "x.npy"))
                .isInstanceOf(DataException.class).hasMessageStartingWith("x.npy: the compressed data is damaged (");
    }

    private static void assertError(byte[] file, String message) {
        assertThatThrownBy(() -> Npy.read(new ByteArrayInputStream(file), "x.npy"))
                .isInstanceOf(DataException.class).hasMessage(message);
    }

    // ---- writing ----

    @Test
    void writesVersion1WithDataAlignedTo64Bytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3));
        byte[] bytes = out.toByteArray();
        assertThat(Arrays.copyOf(bytes, 8)).containsExactly(0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0);
        int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
        assertThat((10 + headerLength) % 64).isZero();
        String header = new String(bytes, 10, headerLength, StandardCharsets.ISO_8859_1);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").endsWith(" \n");
        assertThat(bytes).hasSize(10 + headerLength + 24);
    }

    @Test
    void writesVersion2WhenTheHeaderIsTooLongForVersion1() throws IOException {
        // 25000 dimensions of size 1 spell a shape tuple of 75000 characters.
        int[] shape = new int[25_000];
        Arrays.fill(shape, 1);
        Tensor t = Tensor.of(new int[] {7}, shape);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, t);
        byte[] bytes = out.toByteArray();
        assertThat(bytes[6]).isEqualTo((byte) 2);
        int headerLength = ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertThat(headerLength).isGreaterThan(0xFFFF);
        assertThat((12 + headerLength) % 64).isZero();
        assertSameTensor(Npy.read(new ByteArrayInputStream(bytes), "long.npy"), t);
    }

    @Test
    void spellsShapesAsPythonTuples() throws IOException {
        assertThat(headerOf(Tensor.of(new int[] {7}))).contains("'shape': ()");
        assertThat(headerOf(Tensor.of(new int[] {7}, 1))).contains("'shape': (1,)");
        assertThat(headerOf(Tensor.of(new double[0], 0, 4))).contains("'descr': '<f8'").contains("'shape': (0, 4)");
    }

    private static String headerOf(Tensor t) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, t);
        return new String(out.toByteArray(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void roundTrips() {
        Properties.forAll("NpyTest #1", 300, TestTensors::randomTensor, t -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Npy.write(out, t);
            byte[] bytes = out.toByteArray();
            int dataStart = bytes.length - t.size() * t.dtype().bytes();
            assertThat(dataStart % 64).isZero();
            assertSameTensor(Npy.read(new ByteArrayInputStream(bytes), "t.npy"), t);
        });
    }

    // ---- helpers ----

    /** A version 1.0 file with the given header text and int32 data. */
    private static byte[] npy(String header, int... data) {
        byte[] text = (header + "\n").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + text.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) text.length).put(text);
        for (int v : data) {
            b.putInt(v);
        }
        return b.array();
    }

    private static Tensor read(String header, int... data) {
        return Npy.read(new ByteArrayInputStream(npy(header, data)), "x.npy");
    }
}
