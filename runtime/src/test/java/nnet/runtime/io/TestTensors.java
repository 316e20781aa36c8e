package nnet.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import nnet.runtime.DType;
import nnet.runtime.Tensor;

/** Generators and assertions shared by the format tests. */
final class TestTensors {
    private TestTensors() {
    }

    /** Tensors of every dtype, rank 0 to 4, dimensions 0 to 5 (so some are empty), and arbitrary bits. */
    static Arbitrary<Tensor> tensors() {
        Arbitrary<int[]> shapes = Arbitraries.integers().between(0, 4)
                .flatMap(rank -> Arbitraries.integers().between(0, 5).array(int[].class).ofSize(rank));
        return Combinators.combine(Arbitraries.of(DType.class), shapes, Arbitraries.longs())
                .as(TestTensors::randomTensor);
    }

    /** Names as a user might give them, including '/', '.', and non-ASCII letters. */
    static Arbitrary<String> names() {
        return Arbitraries.strings().withChars("abcXYZ019_./-").withChars('é', 'ß', '中')
                .ofMinLength(1).ofMaxLength(12);
    }

    static Arbitrary<Map<String, Tensor>> tensorMaps() {
        return Arbitraries.maps(names(), tensors()).ofMaxSize(5).map(LinkedHashMap::new);
    }

    /** Random raw bits, so floats include NaN, infinities, subnormals and negative zero. */
    static Tensor randomTensor(DType dtype, int[] shape, long seed) {
        Random random = new Random(seed);
        Tensor t = Tensor.zeros(dtype, shape);
        for (int i = 0; i < t.size(); i++) {
            switch (dtype) {
                case F32 -> t.floats()[i] = Float.intBitsToFloat(random.nextInt());
                case F64 -> t.doubles()[i] = Double.longBitsToDouble(random.nextLong());
                case I32 -> t.ints()[i] = random.nextInt();
            }
        }
        return t;
    }

    /**
     * Exact equality. AssertJ compares arrays with Arrays.equals, which for float[] and double[] compares bit
     * patterns: -0.0 differs from 0.0 and NaN equals NaN.
     */
    static void assertSameTensor(Tensor actual, Tensor expected) {
        assertThat(actual.dtype()).isEqualTo(expected.dtype());
        assertThat(actual.shape()).containsExactly(expected.shape());
        assertThat(actual.data()).isEqualTo(expected.data());
    }

    static void assertSameTensors(Map<String, Tensor> actual, Map<String, Tensor> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, t) -> assertSameTensor(actual.get(name), t));
    }

    /** A fixture under src/test/resources/io/. */
    static Path fixture(String name) {
        try {
            return Path.of(TestTensors.class.getResource("/io/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test fixture io/" + name, e);
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
