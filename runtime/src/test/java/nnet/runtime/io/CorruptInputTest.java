package nnet.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import nnet.runtime.Tensor;

/**
 * Damaged files must fail with a DataException that names the file, never with another exception: a
 * person who feeds a broken file to a command should see a message, not a stack trace.
 */
class CorruptInputTest {
    private static Path dir;

    @BeforeContainer
    static void createDir() throws IOException {
        dir = Files.createTempDirectory("corrupt-input");
    }

    @AfterContainer
    static void deleteDir() {
        TestTensors.deleteRecursively(dir);
    }

    @Property(tries = 1000)
    void npyFailsOnlyWithDataException(@ForAll("tensors") Tensor t, @ForAll long seed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Npy.write(out, t);
        byte[] damaged = damage(out.toByteArray(), new Random(seed));
        expectSuccessOrDataException(() -> Npy.read(new ByteArrayInputStream(damaged), "x.npy"), "x.npy");
    }

    @Property(tries = 300)
    void npzFailsOnlyWithDataException(@ForAll("tensorMaps") Map<String, Tensor> tensors, @ForAll long seed)
            throws IOException {
        Path file = dir.resolve("t.npz");
        Npz.write(file, tensors);
        Files.write(file, damage(Files.readAllBytes(file), new Random(seed)));
        expectSuccessOrDataException(() -> Npz.read(file), file.toString());
    }

    @Property(tries = 500)
    void safetensorsFailsOnlyWithDataException(@ForAll("tensorMaps") Map<String, Tensor> tensors,
            @ForAll long seed) throws IOException {
        Path file = dir.resolve("t.safetensors");
        SafeTensors.write(file, tensors, Map.of("k", "v"));
        Files.write(file, damage(Files.readAllBytes(file), new Random(seed)));
        expectSuccessOrDataException(() -> SafeTensors.read(file), file.toString());
    }

    @Property(tries = 500)
    void csvFailsOnlyWithDataException(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        String csv = "a, \"b\",c\r\n1,2.5,-3e4\n\n\"4\", 5 ,nan\n7,8,9";
        Path file = dir.resolve("t.csv");
        Files.write(file, damage(csv.getBytes(StandardCharsets.UTF_8), random));
        expectSuccessOrDataException(() -> CsvTable.read(file), file.toString());
    }

    @Provide
    Arbitrary<Tensor> tensors() {
        return TestTensors.tensors();
    }

    @Provide
    Arbitrary<Map<String, Tensor>> tensorMaps() {
        return TestTensors.tensorMaps();
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
