package nnet.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import nnet.runtime.Tensor;
import nnet.testing.IdxFiles;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files must fail with a DataException that names the file, never with another exception: a
 * person who feeds a broken file to a command should see a message, not a stack trace.
 */
class CorruptInputTest {
    @TempDir
    Path dir;

    /** A valid file's bytes and a seed for damaging them. */
    private record Damage(byte[] valid, long seed) {
        byte[] apply() {
            return damage(valid, new Random(seed));
        }

        @Override
        public String toString() {
            return valid.length + " valid bytes damaged with seed " + seed;
        }
    }

    @Test
    void npyFailsOnlyWithDataException() {
        Properties.forAll("CorruptInputTest #1", 1000, (random, size) -> new Damage(npyBytes(TestTensors.randomTensor(random, size)),
                random.nextLong()), d -> {
            byte[] damaged = d.apply();
            expectSuccessOrDataException(() -> Npy.read(new ByteArrayInputStream(damaged), "x.npy"), "x.npy");
        });
    }

    @Test
    void npzFailsOnlyWithDataException() {
        Path file = dir.resolve("t.npz");
        Properties.forAll("CorruptInputTest #2", 300, (random, size) -> {
            Npz.write(file, TestTensors.randomTensorMap(random, size));
            return new Damage(readAllBytes(file), random.nextLong());
        }, d -> {
            Files.write(file, d.apply());
            expectSuccessOrDataException(() -> Npz.read(file), file.toString());
        });
    }

    @Test
    void safetensorsFailsOnlyWithDataException() {
        Path file = dir.resolve("t.safetensors");
        Properties.forAll("CorruptInputTest #3", 500, (random, size) -> {
            SafeTensors.write(file, TestTensors.randomTensorMap(random, size), Map.of("k", "v"));
            return new Damage(readAllBytes(file), random.nextLong());
        }, d -> {
            Files.write(file, d.apply());
            expectSuccessOrDataException(() -> SafeTensors.read(file), file.toString());
        });
    }

    @Test
    void csvFailsOnlyWithDataException() {
        byte[] csv = "a, \"b\",c\r\n1,2.5,-3e4\n\n\"4\", 5 ,nan\n7,8,9".getBytes(StandardCharsets.UTF_8);
        Path file = dir.resolve("t.csv");
        Properties.forAll("CorruptInputTest #4", 500, (random, size) -> new Damage(csv, random.nextLong()), d -> {
            Files.write(file, d.apply());
            expectSuccessOrDataException(() -> CsvTable.read(file), file.toString());
        });
    }

    @Test
    void idxFailsOnlyWithDataException() {
        Path file = dir.resolve("t-idx");
        int[] types = {IdxFiles.UBYTE, IdxFiles.BYTE, IdxFiles.SHORT, IdxFiles.INT, IdxFiles.FLOAT, IdxFiles.DOUBLE};
        Properties.forAll("CorruptInputTest #5", 500, (random, size) -> {
            int[] dims = {random.nextInt(1 + size), 1 + random.nextInt(4), 1 + random.nextInt(3)};
            double[] values = new double[dims[0] * dims[1] * dims[2]];
            Arrays.setAll(values, i -> random.nextInt(100));
            byte[] idx = IdxFiles.bytes(types[random.nextInt(types.length)], dims, values);
            return new Damage(random.nextBoolean() ? IdxFiles.gzip(idx) : idx, random.nextLong());
        }, d -> {
            Files.write(file, d.apply());
            expectSuccessOrDataException(() -> Idx.read(file), file.toString());
        });
    }

    private static byte[] npyBytes(Tensor t) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Npy.write(out, t);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAllBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Overwrites, truncates or inserts a few bytes, preferring the header, where the structure is. */
    private static byte[] damage(byte[] bytes, Random random) {
        byte[] result = bytes;
        for (int n = 1 + random.nextInt(3); n > 0 && result.length > 0; n--) {
            int at = random.nextBoolean() ? random.nextInt(Math.min(result.length, 200)) : random.nextInt(result.length);
            switch (random.nextInt(4)) {
                case 0 -> result = Arrays.copyOf(result, at);
                case 1 -> {
                    byte[] longer = new byte[result.length + 1];
                    System.arraycopy(result, 0, longer, 0, at);
                    longer[at] = (byte) random.nextInt(256);
                    System.arraycopy(result, at, longer, at + 1, result.length - at);
                    result = longer;
                }
                default -> {
                    result = result.clone();
                    result[at] = random.nextBoolean() ? (byte) random.nextInt(256) : (byte) "{}[](),:'\"0123456789-".charAt(random.nextInt(21));
                }
            }
        }
        return result;
    }

    private interface Reading {
        Object read() throws Exception;
    }

    private static void expectSuccessOrDataException(Reading reading, String file) {
        try {
            reading.read();
        } catch (DataException e) {
            assertThat(e.getMessage()).startsWith(file + ":");
        } catch (Exception e) {
            throw new AssertionError("expected a DataException, got " + e, e);
        }
    }
}
