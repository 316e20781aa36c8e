package nnet.runtime.generate;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

/**
 * Drawing the next token from scores: greedy at temperature 0, else from softmax(scores / temperature)
 * restricted to the k best (top-k) and to the fewest best whose probability reaches p (top-p, nucleus);
 * ties are broken towards the lower id.
 */
final class Sampling {
    private Sampling() {
    }

    static int draw(double[] scores, double temperature, int topK, double topP, SplittableRandom random) {
        Integer[] order = new Integer[scores.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparingInt(i -> i));
        if (temperature == 0) {
            return order[0];
        }
        int kept = topK > 0 ? Math.min(topK, order.length) : order.length;
        double[] p = new double[kept];
        double best = scores[order[0]] / temperature;
        double total = 0;
        for (int r = 0; r < kept; r++) {
            p[r] = Math.exp(scores[order[r]] / temperature - best);
            total += p[r];
        }
        if (topP > 0 && topP < 1) {
            double cumulative = 0;
            for (int r = 0; r < kept; r++) {
                cumulative += p[r] / total;
                if (cumulative >= topP) {
                    kept = r + 1;
                    break;
                }
            }
            total = 0;
            for (int r = 0; r < kept; r++) {
                total += p[r];
            }
        }
        double u = random.nextDouble() * total;
        for (int r = 0; r < kept; r++) {
            u -= p[r];
            if (u < 0) {
                return order[r];
            }
        }
        return order[kept - 1];
    }
}
