package nnet.runtime.io;

import static nnet.runtime.io.TestTensors.assertSameTensor;
import static nnet.runtime.io.TestTensors.assertSameTensors;
import static nnet.runtime.io.TestTensors.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import nnet.runtime.Tensor;
import nnet.testing.NpyFiles;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {
    @TempDir
    Path dir;

    // ---- files written by numpy.savez and numpy.savez_compressed ----

    @Test
    void readsStoredArchivesInFileOrderKeepingSlashesInNames() {
        assertFixture(Npz.read(fixture("arrays.npz")));
    }

    @Test
    void readsDeflatedArchives() {
        assertFixture(Npz.read(fixture("compressed.npz")));
    }

    private static void assertFixture(Map<String, Tensor> tensors) {
        assertThat(tensors).isInstanceOf(LinkedHashMap.class);
        assertThat(tensors.keySet()).containsExactly("grad/fc1.weight", "step", "b");
        assertSameTensor(tensors.get("grad/fc1.weight"), Tensor.of(new float[] {0.25f, -0.5f, 1, 2, 4, 8}, 3, 2));
        assertSameTensor(tensors.get("step"), Tensor.of(new int[] {12}));
        assertSameTensor(tensors.get("b"), Tensor.of(new double[] {1, 2, 3}, 3));
    }

    @Test
    void readsOnlyTheWantedArraysKeepingBytes() {
        Path file = NpyFiles.npz(dir.resolve("data.npz"), Map.of(
                "x_train", NpyFiles.npy("|u1", new int[] {2, 2}, 0, 9, 200, 255),
                "y_train", NpyFiles.npy("<i8", new int[] {2}, 3, 7)));
        Map<String, NumberArray> read = Npz.readNumbers(file, name -> name.startsWith("x"));
        assertThat(read.keySet()).containsExactly("x_train");
        assertThat(read.get("x_train").storage()).isEqualTo(NumberArray.Storage.UBYTE);
        assertThat((byte[]) read.get("x_train").data()).containsExactly(0, 9, -56, -1);
        assertThat(Npz.arrayNames(file)).containsExactlyInAnyOrder("x_train", "y_train");
        assertSameTensor(Npz.read(file).get("x_train"), Tensor.of(new int[] {0, 9, 200, 255}, 2, 2));
        assertSameTensor(Npz.read(file).get("y_train"), Tensor.of(new int[] {3, 7}, 2));
    }

    // ---- writing ----

    @Test
    void writesStoredNpyEntriesInMapOrder() throws IOException {
        Path file = dir.resolve("w.npz");
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("z/last", Tensor.of(new float[] {1f}, 1));
        tensors.put("a", Tensor.of(new int[] {2}));
        Npz.write(file, tensors);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = zip.stream().toList();
            assertThat(entries).extracting(ZipEntry::getName).containsExactly("z/last.npy", "a.npy");
            assertThat(entries).extracting(ZipEntry::getMethod).containsOnly(ZipEntry.STORED);
        }
        assertSameTensors(Npz.read(file), tensors);
    }

    @Test
    void writingTheSameTensorsGivesTheSameBytes() throws IOException {
        Map<String, Tensor> tensors = Map.of("w", Tensor.of(new double[] {1, 2}, 2));
        Npz.write(dir.resolve("1.npz"), tensors);
        Npz.write(dir.resolve("2.npz"), tensors);
        assertThat(Files.readAllBytes(dir.resolve("1.npz"))).isEqualTo(Files.readAllBytes(dir.resolve("2.npz")));
    }

    @Test
    void writingReplacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("w.npz");
        Npz.write(file, Map.of("old", Tensor.of(new int[] {1}, 1)));
        Npz.write(file, Map.of("new", Tensor.of(new int[] {2}, 1)));
        assertThat(Npz.read(file).keySet()).containsExactly("new");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void writeFailuresNameTheFile() {
        Path file = dir.resolve("missing-dir").resolve("w.npz");
        assertThatThrownBy(() -> Npz.write(file, Map.of("a", Tensor.of(new int[] {1}, 1))))
                .isInstanceOf(DataException.class).hasMessage(file + ": cannot write: its directory does not exist");
    }

    @Test
    void roundTrips() {
        Path file = dir.resolve("t.npz");
        Properties.forAll("NpzTest #1", 200, TestTensors::randomTensorMap, tensors -> {
            Npz.write(file, tensors);
            assertSameTensors(Npz.read(file), tensors);
        });
    }

    // ---- damaged and foreign files ----

    @Test
    void rejectsAMissingFile() {
        Path file = dir.resolve("nope.npz");
        assertThatThrownBy(() -> Npz.read(file)).isInstanceOf(DataException.class).hasMessage(file + ": no such file");
    }

    @Test
    void rejectsAFileThatIsNotAZip() throws IOException {
        Path file = dir.resolve("text.npz");
        Files.writeString(file, "just some text, not a zip archive");
        assertThatThrownBy(() -> Npz.read(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": not a .npz file: it is not a zip archive, or it is truncated");
    }

    @Test
    void rejectsAnEmptyFile() throws IOException {
        Path file = dir.resolve("empty.npz");
        Files.write(file, new byte[0]);
        assertThatThrownBy(() -> Npz.read(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": the file is empty");
    }

    @Test
    void rejectsATruncatedArchive() throws IOException {
        Path file = dir.resolve("cut.npz");
        byte[] whole = Files.readAllBytes(fixture("arrays.npz"));
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> Npz.read(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": not a .npz file: it is not a zip archive, or it is truncated");
    }

    @Test
    void rejectsEntriesThatAreNotNpy() throws IOException {
        Path file = zip("other.npz", Map.of("readme.txt", "hello".getBytes(StandardCharsets.UTF_8)), ZipEntry.DEFLATED);
        assertThatThrownBy(() -> Npz.read(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ": the entry readme.txt is not a .npy array");
    }

    @Test
    void namesTheEntryWhenAnArrayIsBroken() throws IOException {
        byte[] npy = npyBytes(Tensor.of(new double[] {1, 2, 3}, 3));
        Path file = zip("broken.npz", Map.of("grad/w.npy", Arrays.copyOf(npy, npy.length - 4)), ZipEntry.STORED);
        assertThatThrownBy(() -> Npz.read(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ":grad/w.npy: the data is truncated: expected 24 bytes, found 20");
    }

    @Test
    void rejectsBytesAfterAnArray() throws IOException {
        byte[] npy = npyBytes(Tensor.of(new int[] {1}, 1));
        Path file = zip("extra.npz", Map.of("w.npy", Arrays.copyOf(npy, npy.length + 3)), ZipEntry.DEFLATED);
        assertThatThrownBy(() -> Npz.read(file)).isInstanceOf(DataException.class)
                .hasMessage(file + ":w.npy: there are extra bytes after the array data");
    }

    @Test
    void reportsCorruptCompressedData() throws IOException {
        byte[] npy = npyBytes(Tensor.of(new float[64], 64));
        Path file = zip("corrupt.npz", Map.of("w.npy", npy), ZipEntry.DEFLATED);
        byte[] bytes = Files.readAllBytes(file);
        // The local header is 30 bytes plus the name; what follows is the deflate stream.
        for (int i = 30 + "w.npy".length(); i < 30 + "w.npy".length() + 8; i++) {
            bytes[i] = (byte) 0xFF;
        }
        Files.write(file, bytes);
        assertThatThrownBy(() -> Npz.read(file)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ":w.npy: the compressed data is damaged (");
    }

    @Test
    void reportsCompressedDataThatEndsEarly() throws IOException {
        byte[] npy = npyBytes(Tensor.of(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 8));
        Path file = zip("short.npz", Map.of("w.npy", npy), ZipEntry.DEFLATED);
        byte[] bytes = Files.readAllBytes(file);
        // Shrink the compressed size recorded in the central directory (offset 20 of its entry).
        int central = indexOf(bytes, new byte[] {0x50, 0x4b, 0x01, 0x02});
        ByteBuffer sizes = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        sizes.putInt(central + 20, sizes.getInt(central + 20) - 10);
        Files.write(file, bytes);
        assertThatThrownBy(() -> Npz.read(file)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(file + ":w.npy: the data is truncated: expected 32 bytes, found ");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        throw new AssertionError("not found");
    }

    private static byte[] npyBytes(Tensor t) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, t);
        return out.toByteArray();
    }

    private Path zip(String name, Map<String, byte[]> entries, int method) throws IOException {
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setMethod(method);
                if (method == ZipEntry.STORED) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(e.getValue());
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }
}
