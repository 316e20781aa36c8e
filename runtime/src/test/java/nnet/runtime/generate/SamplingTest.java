package nnet.runtime.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Drawing from scores: greedy takes the best (the lower id on a tie); draws follow softmax(scores / T)
 * within statistical bounds; top-k and top-p never draw outside the best k, or the nucleus.
 */
class SamplingTest {
    private static final double[] SCORES = {1.0, 3.0, 2.0, 3.0, -1.0};

    @Test
    void greedyTakesTheBestAndTheLowerIdOnATie() {
        assertThat(new Sampling(SCORES.length).draw(SCORES, 0, 0, 0, new SplittableRandom(1))).isEqualTo(1);
        assertThat(new Sampling(SCORES.length).draw(SCORES, 1, 1, 0, new SplittableRandom(1))).isEqualTo(1);
    }

    @Test
    void drawsFollowTheSoftmaxOfTheScoresOverTheTemperature() {
        double temperature = 1.7;
        double[] p = new double[SCORES.length];
        double total = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(SCORES[i] / temperature);
            total += p[i];
        }
        int n = 200_000;
        int[] counts = new int[SCORES.length];
        SplittableRandom random = new SplittableRandom(7);
        for (int k = 0; k < n; k++) {
            counts[new Sampling(SCORES.length).draw(SCORES, temperature, 0, 0, random)]++;
        }
        for (int i = 0; i < p.length; i++) {
            double expected = p[i] / total;
            double sigma = Math.sqrt(expected * (1 - expected) / n);
            assertThat((double) counts[i] / n).as("id %d", i).isBetween(expected - 5 * sigma, expected + 5 * sigma);
        }
    }

    @Test
    void topKAndTopPKeepOnlyTheBest() {
        SplittableRandom random = new SplittableRandom(3);
        boolean[] seenK = new boolean[SCORES.length];
        boolean[] seenP = new boolean[SCORES.length];
        for (int k = 0; k < 5_000; k++) {
            seenK[new Sampling(SCORES.length).draw(SCORES, 5, 3, 0, random)] = true;
            // With T = 1 ids 1 and 3 hold 2·e³/(e + 2e³ + e² + e⁻¹) = 0.74 of the probability: p = 0.7 keeps them.
            seenP[new Sampling(SCORES.length).draw(SCORES, 1, 0, 0.7, random)] = true;
        }
        assertThat(seenK).containsExactly(false, true, true, true, false);
        assertThat(seenP).containsExactly(false, true, false, true, false);
    }
}
