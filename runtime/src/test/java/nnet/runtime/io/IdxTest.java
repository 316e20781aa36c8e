package nnet.runtime.io;

import static nnet.testing.IdxFiles.BYTE;
import static nnet.testing.IdxFiles.DOUBLE;
import static nnet.testing.IdxFiles.FLOAT;
import static nnet.testing.IdxFiles.INT;
import static nnet.testing.IdxFiles.SHORT;
import static nnet.testing.IdxFiles.UBYTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import nnet.runtime.io.NumberArray.Storage;
import nnet.testing.IdxFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxTest {
    @TempDir
    Path dir;

    private NumberArray read(String name, int type, int[] dims, double[] values, boolean gzip) {
        return Idx.read(IdxFiles.write(dir.resolve(name), type, dims, values, gzip));
    }

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static void assertError(Path file, String message) {
        assertThatThrownBy(() -> Idx.read(file)).isInstanceOf(DataException.class).hasMessage(file + ": " + message);
    }

    // ---- every element type, plain and compressed ----

    @Test
    void keepsUnsignedBytesAsBytes() {
        for (boolean gzip : new boolean[] {false, true}) {
            NumberArray a = read("u8" + gzip, UBYTE, new int[] {2, 3}, new double[] {0, 1, 127, 128, 254, 255}, gzip);
            assertThat(a.storage()).isEqualTo(Storage.UBYTE);
            assertThat(a.shape()).containsExactly(2, 3);
            assertThat((byte[]) a.data()).containsExactly(0, 1, 127, -128, -2, -1);
            assertThat(a.toTensor().ints()).containsExactly(0, 1, 127, 128, 254, 255);
        }
    }

    @Test
    void keepsSignedBytesAsBytes() {
        NumberArray a = read("i8", BYTE, new int[] {4}, new double[] {-128, -1, 0, 127}, true);
        assertThat(a.storage()).isEqualTo(Storage.BYTE);
        assertThat((byte[]) a.data()).containsExactly(-128, -1, 0, 127);
        assertThat(a.toTensor().ints()).containsExactly(-128, -1, 0, 127);
    }

    @Test
    void widensShortsToInt() {
        NumberArray a = read("s", SHORT, new int[] {2, 2}, new double[] {-32768, -1, 300, 32767}, false);
        assertThat(a.storage()).isEqualTo(Storage.INT);
        assertThat((int[]) a.data()).containsExactly(-32768, -1, 300, 32767);
    }

    @Test
    void readsBigEndianIntsFloatsAndDoubles() {
        NumberArray ints = read("i", INT, new int[] {3}, new double[] {Integer.MIN_VALUE, 258, Integer.MAX_VALUE}, true);
        assertThat(ints.storage()).isEqualTo(Storage.INT);
        assertThat((int[]) ints.data()).containsExactly(Integer.MIN_VALUE, 258, Integer.MAX_VALUE);
        NumberArray floats = read("f", FLOAT, new int[] {1, 2, 2}, new double[] {1.5, -0.0, 1e-30, 3e38}, false);
        assertThat(floats.storage()).isEqualTo(Storage.FLOAT);
        assertThat(floats.shape()).containsExactly(1, 2, 2);
        assertThat((float[]) floats.data()).containsExactly(1.5f, -0.0f, 1e-30f, 3e38f);
        NumberArray doubles = read("d", DOUBLE, new int[] {2}, new double[] {1.0 / 3, -1e300}, true);
        assertThat(doubles.storage()).isEqualTo(Storage.DOUBLE);
        assertThat((double[]) doubles.data()).containsExactly(1.0 / 3, -1e300);
    }

    @Test
    void knowsGzipByItsContentNotItsName() throws IOException {
        double[] values = {1, 2, 3, 4};
        Path zipped = IdxFiles.write(dir.resolve("images-idx3-ubyte"), UBYTE, new int[] {1, 2, 2}, values, true);
        Path plain = IdxFiles.write(dir.resolve("images-idx3-ubyte.gz"), UBYTE, new int[] {1, 2, 2}, values, false);
        assertThat(Files.readAllBytes(zipped)).startsWith(0x1F, 0x8B);
        assertThat((byte[]) Idx.read(zipped).data()).containsExactly(1, 2, 3, 4);
        assertThat((byte[]) Idx.read(plain).data()).containsExactly(1, 2, 3, 4);
    }

    /** A gzip file of two members records only the second's size, so the reader must grow its array. */
    @Test
    void readsLargeMultiMemberGzipWhoseTrailerDoesNotGiveTheSize() throws IOException {
        int examples = 5000;
        int[] dims = {examples, 28, 28};
        double[] values = new double[examples * 784];
        for (int i = 0; i < values.length; i++) {
            values[i] = (i * 31 + i / 784) % 256;
        }
        byte[] bytes = IdxFiles.bytes(UBYTE, dims, values);
        int split = 1000;
        byte[] first = IdxFiles.gzip(Arrays.copyOfRange(bytes, 0, split));
        byte[] second = IdxFiles.gzip(Arrays.copyOfRange(bytes, split, bytes.length));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        byte[] read = (byte[]) Idx.read(file("two-members.gz", both)).data();
        assertThat(read).hasSize(values.length);
        for (int i = 0; i < values.length; i++) {
            assertThat(read[i] & 0xFF).as("element %d", i).isEqualTo((int) values[i]);
        }
    }

    @Test
    void readsAnEmptyDataSet() {
        NumberArray a = read("none", FLOAT, new int[] {0, 28, 28}, new double[0], true);
        assertThat(a.shape()).containsExactly(0, 28, 28);
        assertThat(a.size()).isZero();
    }

    // ---- damaged files: one message each, naming the file ----

    @Test
    void rejectsFilesThatAreNotIdx() throws IOException {
        assertError(file("empty", new byte[0]), "the file is empty");
        assertError(file("short", new byte[] {0, 0, 8}), "not an IDX file: it has 3 bytes, fewer than the 4 of the magic number");
        assertError(file("csv", "1,2,3\n".getBytes()), "not an IDX file: it starts with 0x31 0x2C, not 0x00 0x00");
        assertError(file("type", new byte[] {0, 0, 0x0A, 1, 0, 0, 0, 0}), "unknown IDX element type 0x0A in the magic "
                + "number (known: 0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double)");
        assertError(file("rank0", new byte[] {0, 0, 8, 0, 7}),
                "the magic number declares 0 dimensions; a data set needs at least one, the examples");
        Path missing = dir.resolve("missing.gz");
        assertError(missing, "no such file");
    }

    @Test
    void rejectsTruncatedOrAbsurdDimensions() throws IOException {
        assertError(file("dims", new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0}),
                "the file ends in the dimension sizes: 3 dimensions need 12 bytes, found 5");
        assertError(file("huge", new byte[] {0, 0, 8, 2, 0, 0, 0, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}),
                "the size of dimension 1 is 4294967295, more than an array can hold");
        assertError(file("many", new byte[] {0, 0, 8, 2, 0, 1, 0, 0, 0, 1, 0, 0}),
                "shape [65536, 65536] has more than 2147483647 elements, more than a tensor can hold");
        // The dims promise 100000 × 784 doubles; a plain file's size shows at once that they are not there.
        assertError(file("promise", IdxFiles.bytes(DOUBLE, new int[] {100_000, 784}, new double[3])),
                "the file ends in example 0: 100000 examples of double[784] need 627200000 bytes of data, found 24");
    }

    @Test
    void namesTheExampleWhereThePlainDataEnds() throws IOException {
        byte[] full = IdxFiles.bytes(UBYTE, new int[] {3, 2, 2}, new double[12]);
        assertError(file("cut7", Arrays.copyOf(full, 16 + 7)),
                "the file ends in example 1: 3 examples of ubyte[2, 2] need 12 bytes of data, found 7");
        assertError(file("cut8", Arrays.copyOf(full, 16 + 8)),
                "the file ends before example 2: 3 examples of ubyte[2, 2] need 12 bytes of data, found 8");
        byte[] labels = IdxFiles.bytes(INT, new int[] {5}, new double[5]);
        assertError(file("labels", Arrays.copyOf(labels, labels.length - 1)),
                "the file ends in example 4: 5 examples of int need 20 bytes of data, found 19");
    }

    @Test
    void namesTheExampleWhereCompressedDataEnds() throws IOException {
        byte[] full = IdxFiles.bytes(SHORT, new int[] {3, 2}, new double[] {1, 2, 3, 4, 5, 6});
        assertError(file("short.gz", IdxFiles.gzip(Arrays.copyOf(full, 12 + 5))),
                "the decompressed data ends in example 1: 3 examples of short[2] need 12 bytes of data, found 5");
        double[] values = new double[1000 * 784];
        Arrays.setAll(values, i -> (i * 7919) % 251);
        byte[] gz = IdxFiles.gzip(IdxFiles.bytes(UBYTE, new int[] {1000, 28, 28}, values));
        byte[] cut = Arrays.copyOf(gz, gz.length / 2);
        long found = decompressedBeforeTheCut(cut) - 16;
        assertThat(found).isBetween(1L, 783_999L);
        assertError(file("cut.gz", cut), "the compressed data ends " + (found % 784 == 0 ? "before" : "in") + " example "
                + found / 784 + " (is the file truncated?): 1000 examples of ubyte[28, 28] need 784000 bytes of data, "
                + "found " + found);
    }

    /** How many bytes a gzip stream cut short yields before it fails, read one at a time. */
    private static long decompressedBeforeTheCut(byte[] cut) throws IOException {
        long n = 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(cut))) {
            while (in.read() >= 0) {
                n++;
            }
        } catch (EOFException expected) {
            return n;
        }
        throw new AssertionError("the stream was not cut");
    }

    @Test
    void rejectsBytesAfterTheData() throws IOException {
        byte[] full = IdxFiles.bytes(FLOAT, new int[] {2, 1}, new double[] {1, 2});
        byte[] longer = Arrays.copyOf(full, full.length + 3);
        String message = "3 bytes follow the data: 2 examples of float[1] take 8 bytes after the 12-byte header";
        assertError(file("extra", longer), message);
        assertError(file("extra.gz", IdxFiles.gzip(longer)), message);
    }

    @Test
    void rejectsDamagedGzip() throws IOException {
        byte[] gz = IdxFiles.gzip(IdxFiles.bytes(UBYTE, new int[] {4}, new double[] {1, 2, 3, 4}));
        byte[] badCrc = gz.clone();
        badCrc[gz.length - 8] ^= 1;
        assertError(file("crc.gz", badCrc), "the compressed data is damaged (Corrupt GZIP trailer)");
        assertError(file("trailer.gz", Arrays.copyOf(gz, gz.length - 3)),
                "the compressed data ends after the array, in the gzip trailer; is the file truncated?");
        assertError(file("header.gz", new byte[] {0x1F, (byte) 0x8B, 8}),
                "the compressed data ends early; is the file truncated?");
    }
}
