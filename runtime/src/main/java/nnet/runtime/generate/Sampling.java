package nnet.runtime.generate;

import java.util.SplittableRandom;

/**
 * Drawing the next token from scores: greedy at temperature 0, else from softmax(scores / temperature)
 * restricted to the k best (top-k) and to the fewest best whose probability reaches p (top-p, nucleus);
 * ties are broken towards the lower id.
 */
final class Sampling {
    /** Ids in order of falling score, and their unnormalised probabilities: reused from draw to draw. */
    private final int[] order;
    private final double[] p;

    Sampling(int ids) {
        this.order = new int[ids];
        this.p = new double[ids];
    }

    int draw(double[] scores, double temperature, int topK, double topP, SplittableRandom random) {
        int kept = topK > 0 ? Math.min(topK, scores.length) : scores.length;
        // Only the best kept ids need ordering: a selection of them by insertion, best first.
        int ranked = temperature == 0 ? 1 : kept;
        rank(scores, ranked);
        if (temperature == 0) {
            return order[0];
        }
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

    /** Puts the {@code count} best ids first in {@code order}, best first, the lower id first on a tie. */
    private void rank(double[] scores, int count) {
        int filled = 0;
        for (int id = 0; id < scores.length; id++) {
            if (filled == count && !(scores[id] > scores[order[count - 1]])) {
                continue;
            }
            int at = Math.min(filled, count - 1);
            while (at > 0 && scores[id] > scores[order[at - 1]]) {
                order[at] = order[at - 1];
                at--;
            }
            order[at] = id;
            filled = Math.min(filled + 1, count);
        }
    }
}
