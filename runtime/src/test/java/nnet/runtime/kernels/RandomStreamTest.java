package nnet.runtime.kernels;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomStreamTest {

    @Test
    void keysDifferBySeedStepAndStream() {
        Set<Long> keys = new HashSet<>();
        for (long seed = 0; seed < 4; seed++) {
            for (long step = 0; step < 50; step++) {
                for (int stream = 0; stream < 5; stream++) {
                    keys.add(RandomStream.key(seed, step, stream));
                }
            }
        }
        assertThat(keys).hasSize(4 * 50 * 5);
    }

    @Test
    void numbersAreAFunctionOfKeyAndIndexOnly() {
        long key = RandomStream.key(7, 3, 1);
        double forward = RandomStream.uniform(key, 12345);
        for (int i = 20000; i >= 0; i--) {
            RandomStream.uniform(key, i);
        }
        assertThat(RandomStream.uniform(key, 12345)).isEqualTo(forward);
    }

    @Test
    void numbersLieInTheUnitIntervalAndCoverIt() {
        long key = RandomStream.key(0, 0, 0);
        int bucketsHit = 0;
        boolean[] buckets = new boolean[64];
        for (int i = 0; i < 1_000_000; i++) {
            float u = RandomStream.uniformFloat(key, i);
            double d = RandomStream.uniform(key, i);
            assertThat(u).isGreaterThanOrEqualTo(0f).isLessThan(1f);
            assertThat(d).isGreaterThanOrEqualTo(0.0).isLessThan(1.0);
            buckets[(int) (u * 64)] = true;
        }
        for (boolean b : buckets) {
            bucketsHit += b ? 1 : 0;
        }
        assertThat(bucketsHit).isEqualTo(64);
    }
}
