package nnet.runtime.kernels;

/** Reference products computed by the definition, one element at a time. */
final class Naive {
    private Naive() {
    }

    /** The exact-as-double value of element (i, j) and, in [1], the sum of the magnitudes of its terms. */
    static double[] element(GemmCase g, float[] a, float[] b, float[] c0, int i, int j) {
        double sum = g.accumulate() ? c0[g.cIndex(i, j)] : 0;
        double magnitude = Math.abs(sum);
        for (int p = 0; p < g.k(); p++) {
            double term = (double) a[g.aIndex(i, p)] * b[g.bIndex(p, j)];
            sum += term;
            magnitude += Math.abs(term);
        }
        return new double[] {sum, magnitude};
    }

    static double[] element(GemmCase g, double[] a, double[] b, double[] c0, int i, int j) {
        double sum = g.accumulate() ? c0[g.cIndex(i, j)] : 0;
        double magnitude = Math.abs(sum);
        for (int p = 0; p < g.k(); p++) {
            double term = a[g.aIndex(i, p)] * b[g.bIndex(p, j)];
            sum += term;
            magnitude += Math.abs(term);
        }
        return new double[] {sum, magnitude};
    }

    /** Element (i, j) as one fused multiply-add per term, in increasing p, in float. */
    static float fmaChain(GemmCase g, float[] a, float[] b, float[] c0, int i, int j) {
        float sum = g.accumulate() ? c0[g.cIndex(i, j)] : 0f;
        for (int p = 0; p < g.k(); p++) {
            sum = Math.fma(a[g.aIndex(i, p)], b[g.bIndex(p, j)], sum);
        }
        return sum;
    }

    static double fmaChain(GemmCase g, double[] a, double[] b, double[] c0, int i, int j) {
        double sum = g.accumulate() ? c0[g.cIndex(i, j)] : 0.0;
        for (int p = 0; p < g.k(); p++) {
            sum = Math.fma(a[g.aIndex(i, p)], b[g.bIndex(p, j)], sum);
        }
        return sum;
    }
}
