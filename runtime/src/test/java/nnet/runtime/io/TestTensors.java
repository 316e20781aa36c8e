package nnet.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import nnet.runtime.DType;
import nnet.runtime.Tensor;

/** Generators and assertions shared by the format tests. */
final class TestTensors {
    private TestTensors() {
    }

    private static final String NAME_CHARS = "abcXYZ019_./-éß中";

    /**
     * A tensor of a random dtype, rank 0 to 4 and dimensions 0 to 5 (so some are empty, and the range widens
     * with {@code size}), filled with random bits.
     */
    static Tensor randomTensor(Random random, int size) {
        DType dtype = DType.values()[random.nextInt(DType.values().length)];
        int[] shape = new int[random.nextInt(5)];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = random.nextInt(2 + size / 20);
        }
        return randomTensor(dtype, shape, random.nextLong());
    }

    /** Up to five tensors with names as a user might give them, including '/', '.', and non-ASCII letters. */
    static Map<String, Tensor> randomTensorMap(Random random, int size) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int n = random.nextInt(6); n > 0; n--) {
            tensors.put(randomName(random), randomTensor(random, size));
        }
        return tensors;
    }

    static String randomName(Random random) {
        StringBuilder name = new StringBuilder();
        for (int n = 1 + random.nextInt(12); n > 0; n--) {
            name.append(NAME_CHARS.charAt(random.nextInt(NAME_CHARS.length())));
        }
        return name.toString();
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
}
