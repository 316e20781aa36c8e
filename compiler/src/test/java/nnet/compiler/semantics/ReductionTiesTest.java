package nnet.compiler.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import nnet.runtime.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Reductions at ties, zeros, infinities and NaN, where PyTorch defines what the value and the gradient
 * are; expected values worked out by hand from PyTorch's definitions.
 */
class ReductionTiesTest {
    private static final double NAN = Double.NaN;
    private static final double INF = Double.POSITIVE_INFINITY;

    private static Tensor matrix(int rows, double... v) {
        return Tensor.of(v, rows, v.length / rows);
    }

    private static Map<String, Tensor> gradients(Tensor x, String expr) {
        return Probe.with("x", x).gradients(expr);
    }

    private static Double[] boxed(Tensor t) {
        double[] d = t.doubles();
        Double[] out = new Double[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[i];
        }
        return out;
    }

    @Test
    void minOverAllElementsSharesTheGradientAmongTies() {
        Map<String, Tensor> r = gradients(matrix(2, 1, 0, 3, 0, 2, 0), "min(x)");
        assertThat(r.get("y").doubles()).containsExactly(0);
        assertThat(r.get("x").doubles()).containsExactly(0, 1.0 / 3, 0, 1.0 / 3, 0, 1.0 / 3);
    }

    @Test
    void minAlongADimSendsTheGradientToTheFirstMinimum() {
        Map<String, Tensor> r = gradients(matrix(2, 1, 0, 0, 0, 2, 0), "min(x, 1)");
        assertThat(r.get("y").doubles()).containsExactly(0, 0);
        assertThat(r.get("x").doubles()).containsExactly(0, 1, 0, 1, 0, 0);
    }

    /** As torch.max(x, dim): the value is NaN and the gradient goes to the first NaN. */
    @Test
    void maxAlongADimTakesTheFirstNaN() {
        Map<String, Tensor> r = gradients(matrix(1, 1, NAN, 3, NAN), "max(x, -1)");
        assertThat(boxed(r.get("y"))).containsExactly(NAN);
        assertThat(r.get("x").doubles()).containsExactly(0, 1, 0, 0);
    }

    @Test
    void amaxAndAminShareTheGradientEvenlyOverSeveralDims() {
        Map<String, Tensor> all = gradients(matrix(2, 1, 3, 3, 3, 2, 0), "amax(x, [0, 1])");
        assertThat(all.get("y").doubles()).containsExactly(3);
        Tensor kept = Probe.with("x", matrix(2, 1, 3, 3, 3, 2, 0)).value("min(x, keepdim = true)");
        assertThat(kept.shape()).containsExactly(1, 1);
        assertThat(kept.doubles()).containsExactly(0);
        assertThat(all.get("x").doubles()).containsExactly(0, 1.0 / 3, 1.0 / 3, 1.0 / 3, 0, 0);
        Map<String, Tensor> rows = gradients(matrix(2, 1, 0, 0, 5, 2, 7), "amin(x, 1, keepdim = true)");
        assertThat(rows.get("y").shape()).containsExactly(2, 1);
        assertThat(rows.get("y").doubles()).containsExactly(0, 2);
        assertThat(rows.get("x").doubles()).containsExactly(0, 0.5, 0.5, 0, 1, 0);
    }

    /** (dy / ties)·[x = amax]: with NaN no element equals the maximum, and 1/0·0 is NaN, as in PyTorch. */
    @Test
    void amaxOfARowWithNaNGivesNaNGradients() {
        Map<String, Tensor> r = gradients(matrix(1, 1, NAN, 3), "amax(x, 1)");
        assertThat(boxed(r.get("y"))).containsExactly(NAN);
        assertThat(boxed(r.get("x"))).containsExactly(NAN, NAN, NAN);
    }

    /** Over dims that are not adjacent, the input is permuted first; the result must not change. */
    @Test
    void amaxOverDimsThatAreNotAdjacent() {
        Tensor x = Tensor.of(new double[] {1, 8, 2, 3, 4, 6, 9, 6, 7, 0, 6, 5}, 2, 3, 2);
        Map<String, Tensor> r = gradients(x, "amax(x, [0, 2])");
        assertThat(r.get("y").doubles()).containsExactly(9, 7, 6);
        assertThat(r.get("x").doubles()).containsExactly(0, 0, 0, 0, 0, 0.5, 1, 0, 1, 0, 0.5, 0);
    }

    @Test
    void prodGradientsWithZeros() {
        Map<String, Tensor> rows = gradients(matrix(3, 1, 2, 3, 2, 0, 3, 0, 2, 0), "prod(x, 1)");
        assertThat(rows.get("y").doubles()).containsExactly(6, 0, 0);
        assertThat(rows.get("x").doubles()).containsExactly(6, 3, 2, 0, 6, 0, 0, 0, 0);
        Map<String, Tensor> oneZero = gradients(matrix(2, 2, 0, 3, 4), "prod(x)");
        assertThat(oneZero.get("x").doubles()).containsExactly(0, 24, 0, 0);
        Map<String, Tensor> twoZeros = gradients(matrix(2, 2, 0, 0, 4), "prod(x)");
        assertThat(twoZeros.get("x").doubles()).containsExactly(0, 0, 0, 0);
    }

    @Test
    void prodOfAnEmptyDimIsOne() {
        assertThat(Probe.with("x", Tensor.zeros(nnet.runtime.DType.F64, 2, 0)).value("prod(x, 1)").doubles())
                .containsExactly(1, 1);
    }

    @Test
    void cumsumAndItsGradient() {
        Map<String, Tensor> r = Probe.with("x", matrix(2, 1, 2, 3, 4, 5, 6)).and("w", matrix(1, 1, 2, 3))
                .gradients("cumsum(x, 1) * w");
        assertThat(r.get("y").doubles()).containsExactly(1, 6, 18, 4, 18, 45);
        assertThat(r.get("x").doubles()).containsExactly(6, 5, 3, 6, 5, 3);
        Map<String, Tensor> down = gradients(matrix(2, 1, 2, 3, 4), "cumsum(x, dim = 0)");
        assertThat(down.get("y").doubles()).containsExactly(1, 2, 4, 6);
        assertThat(down.get("x").doubles()).containsExactly(2, 2, 1, 1);
    }

    /** Positions of the set elements of a mask (where it is 1), a common use of cumsum on integers. */
    @Test
    void cumsumOfIntegers() {
        Tensor mask = Tensor.of(new int[] {1, 0, 1, 1}, 4);
        assertThat(Probe.with("m", mask).value("cumsum(m, 0) - 1").ints()).containsExactly(0, 0, 1, 2);
    }

    @Test
    void logsumexpOfInfinitiesAndNaN() {
        Map<String, Tensor> r = gradients(matrix(4, 1, 2, 3, -INF, -INF, -INF, INF, 1, 2, NAN, 1, 2),
                "logsumexp(x, 1)");
        double lse = 3 + Math.log(Math.exp(-2) + Math.exp(-1) + 1);
        assertThat(boxed(r.get("y"))).containsExactly(lse, -INF, INF, NAN);
        Double[] g = boxed(r.get("x"));
        assertThat(g[0] + g[1] + g[2]).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-15));
        assertThat(g[2]).isEqualTo(Math.exp(3 - lse));
        assertThat(java.util.Arrays.copyOfRange(g, 3, 12)).containsExactly(NAN, NAN, NAN, NAN, 0.0, 0.0, NAN, NAN, NAN);
    }

    @Test
    void logsumexpDoesNotOverflow() {
        Tensor x = Tensor.of(new float[] {1000, 1000}, 2);
        assertThat(Probe.with("x", x).value("logsumexp(x, 0)").floats()).containsExactly(1000 + (float) Math.log(2));
        assertThat(Probe.with("x", Tensor.zeros(nnet.runtime.DType.F64, 0)).value("logsumexp(x, 0)").doubles())
                .containsExactly(-INF);
    }

    /** The 2-norm has gradient x/‖x‖, 0 at 0; the ∞-norm shares it among ties with the sign of x. */
    @Test
    void normGradients() {
        Map<String, Tensor> two = gradients(matrix(2, 3, -4, 0, 0), "norm(x, dim = 1)");
        assertThat(two.get("y").doubles()).containsExactly(5, 0);
        assertThat(two.get("x").doubles()).containsExactly(0.6, -0.8, 0, 0);
        Map<String, Tensor> inf = gradients(matrix(1, -2, 2, 1), "norm(x, \"inf\", 1)");
        assertThat(inf.get("y").doubles()).containsExactly(2);
        assertThat(inf.get("x").doubles()).containsExactly(-0.5, 0.5, 0);
        Map<String, Tensor> one = gradients(matrix(1, -2, 0, 1), "norm(x, 1)");
        assertThat(one.get("y").doubles()).containsExactly(3);
        assertThat(one.get("x").doubles()).containsExactly(-1, 0, 1);
        Map<String, Tensor> half = gradients(matrix(1, 4, 0, 1), "norm(x, 0.5)");
        assertThat(half.get("y").doubles()).containsExactly(9);
        assertThat(half.get("x").doubles()).containsExactly(1.5, 0, 3);
        assertThat(gradients(matrix(1, 3, 4), "norm(x, \"fro\")").get("y").doubles()).containsExactly(5);
    }

    @Test
    void argmaxAndArgminTakeTheFirstExtremeOrTheFirstNaN() {
        Probe p = Probe.with("x", matrix(3, 1, 3, 3, NAN, 2, NAN, 0, 0, 5));
        assertThat(p.value("argmax(x, 1)").ints()).containsExactly(1, 0, 2);
        assertThat(p.value("argmin(x, dim = 1)").ints()).containsExactly(0, 0, 0);
        Probe q = Probe.with("x", matrix(2, 1, 3, 3, 0));
        assertThat(q.value("argmax(x)").ints()).containsExactly(1);
        assertThat(q.value("argmax(x)").rank()).isZero();
        Tensor kept = q.value("argmax(x, keepdim = true)");
        assertThat(kept.shape()).containsExactly(1, 1);
        assertThat(kept.ints()).containsExactly(1);
        assertThat(q.value("argmin(x, 0, true)").ints()).containsExactly(0, 1);
        assertThat(Probe.with("i", Tensor.of(new int[] {1, 3, 3}, 3)).value("argmax(i)").ints()).containsExactly(1);
    }

    /** Indices pass no gradient, and a model that also uses them elsewhere differentiates as usual. */
    @Test
    void argmaxPassesNoGradient() {
        Map<String, Tensor> r = gradients(matrix(2, 1, 3, 2, 0), "x * float(argmax(x, 1, true)) + x");
        assertThat(r.get("y").doubles()).containsExactly(2, 6, 2, 0);
        assertThat(r.get("x").doubles()).containsExactly(2, 2, 1, 1);
    }

    /** Over a run-time dim the kernels take sizes from the executor; the same model for two batch sizes. */
    @Test
    void reductionsOverARunTimeDim() {
        nnet.runtime.Model m = nnet.compiler.api.Nnet.compile("batch.nnet", """
                model Batch {
                  input x: f64[batch, 3, 2]
                  output a = amax(x, [0, 2])
                  output l = logsumexp(x, [0, 2])
                  output p = prod(x, 0)
                  output c = cumsum(x, 0)
                  output i = argmax(x)
                }
                """).model();
        for (int batch : new int[] {1, 3}) {
            double[] v = new double[batch * 6];
            for (int k = 0; k < v.length; k++) {
                v[k] = Math.sin(k + 1);
            }
            nnet.runtime.Executor ex = m.executor(batch);
            ex.setInput("x", Tensor.of(v, batch, 3, 2));
            ex.predict();
            double[] amax = new double[3];
            double[] sumExp = new double[3];
            double[] prod = {1, 1, 1, 1, 1, 1};
            double[] cumsum = new double[v.length];
            java.util.Arrays.fill(amax, Double.NEGATIVE_INFINITY);
            int argmax = 0;
            for (int k = 0; k < v.length; k++) {
                amax[k / 2 % 3] = Math.max(amax[k / 2 % 3], v[k]);
                sumExp[k / 2 % 3] += Math.exp(v[k]);
                prod[k % 6] *= v[k];
                cumsum[k] = v[k] + (k >= 6 ? cumsum[k - 6] : 0);
                argmax = v[k] > v[argmax] ? k : argmax;
            }
            assertThat(ex.output("a").doubles()).containsExactly(amax);
            for (int j = 0; j < 3; j++) {
                assertThat(ex.output("l").doubles()[j]).isCloseTo(Math.log(sumExp[j]),
                        org.assertj.core.api.Assertions.within(1e-14));
            }
            assertThat(ex.output("p").doubles()).containsExactly(prod);
            assertThat(ex.output("c").doubles()).containsExactly(cumsum);
            assertThat(ex.output("i").ints()).containsExactly(argmax);
        }
    }

    @Test
    void sumAndMeanConvertToTheDtypeGiven() {
        Probe p = Probe.with("i", Tensor.of(new int[] {1, 2}, 2));
        assertThat(p.value("sum(i, dtype = f64)").doubles()).containsExactly(3);
        assertThat(p.value("mean(i, 0, false, f32)").floats()).containsExactly(1.5f);
    }
}
