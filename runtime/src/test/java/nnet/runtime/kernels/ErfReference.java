package nnet.runtime.kernels;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * erf and erfc to about 50 significant digits, for checking {@link MathFns}: the Maclaurin series for
 * |x| <= 3 (cancellation there costs at most 4 of the 60 working digits, and 1 - erf another 5), and
 * Laplace's continued fraction for erfc beyond, evaluated with more and more terms until two evaluations
 * agree.
 */
final class ErfReference {
    private static final MathContext MC = new MathContext(60);
    private static final BigDecimal PI = new BigDecimal(
            "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899863");
    private static final BigDecimal SQRT_PI = PI.sqrt(MC);
    private static final BigDecimal TWO = BigDecimal.valueOf(2);
    private static final BigDecimal SERIES_LIMIT = BigDecimal.valueOf(3);
    private static final BigDecimal NEGLIGIBLE = new BigDecimal("1e-70");
    /** Beyond this, erfc(x) < 1e-390: zero as far as any double is concerned. */
    private static final BigDecimal FAR = BigDecimal.valueOf(30);

    private ErfReference() {
    }

    static BigDecimal erf(double x) {
        BigDecimal v = new BigDecimal(x);
        if (v.abs().compareTo(SERIES_LIMIT) <= 0) {
            return series(v);
        }
        BigDecimal r = BigDecimal.ONE.subtract(continuedFraction(v.abs()), MC);
        return x < 0 ? r.negate() : r;
    }

    static BigDecimal erfc(double x) {
        BigDecimal v = new BigDecimal(x);
        if (v.abs().compareTo(SERIES_LIMIT) <= 0) {
            return BigDecimal.ONE.subtract(series(v), MC);
        }
        BigDecimal tail = continuedFraction(v.abs());
        return x < 0 ? TWO.subtract(tail, MC) : tail;
    }

    /** erf(x) = 2/sqrt(pi) * sum over n of (-1)^n x^(2n+1) / (n! (2n+1)). */
    private static BigDecimal series(BigDecimal x) {
        BigDecimal minusXSquared = x.multiply(x, MC).negate();
        BigDecimal power = x; // (-1)^n x^(2n+1) / n!
        BigDecimal sum = x;
        for (int n = 1; power.abs().compareTo(NEGLIGIBLE) > 0 || n < 3; n++) {
            power = power.multiply(minusXSquared, MC).divide(BigDecimal.valueOf(n), MC);
            sum = sum.add(power.divide(BigDecimal.valueOf(2L * n + 1), MC), MC);
        }
        return sum.multiply(TWO, MC).divide(SQRT_PI, MC);
    }

    /** erfc(x) = exp(-x^2) / sqrt(pi) / (x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + ...))))) for x > 0. */
    private static BigDecimal continuedFraction(BigDecimal x) {
        if (x.compareTo(FAR) > 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal previous = null;
        for (int terms = 20; terms <= 10_000; terms *= 2) {
            BigDecimal tail = x;
            for (int k = terms; k >= 1; k--) {
                tail = x.add(BigDecimal.valueOf(k).divide(TWO.multiply(tail, MC), MC), MC);
            }
            BigDecimal value = expOfMinusSquare(x).divide(SQRT_PI.multiply(tail, MC), MC);
            if (previous != null && agree(previous, value)) {
                return value;
            }
            previous = value;
        }
        throw new AssertionError("continued fraction did not converge at " + x);
    }

    private static boolean agree(BigDecimal a, BigDecimal b) {
        return a.subtract(b).abs().compareTo(b.abs().multiply(new BigDecimal("1e-50"))) <= 0;
    }

    /** exp(-x^2) = 1 / exp(x^2), with exp(z) = exp(z / 2^s)^(2^s) so that the series sees z / 2^s < 1. */
    private static BigDecimal expOfMinusSquare(BigDecimal x) {
        MathContext wide = new MathContext(MC.getPrecision() + 10);
        BigDecimal z = x.multiply(x, wide);
        int squarings = 0;
        while (z.compareTo(BigDecimal.ONE) > 0) {
            z = z.divide(TWO, wide);
            squarings++;
        }
        BigDecimal term = BigDecimal.ONE;
        BigDecimal sum = BigDecimal.ONE;
        for (int n = 1; term.compareTo(new BigDecimal("1e-80")) > 0; n++) {
            term = term.multiply(z, wide).divide(BigDecimal.valueOf(n), wide);
            sum = sum.add(term, wide);
        }
        for (int i = 0; i < squarings; i++) {
            sum = sum.multiply(sum, wide);
        }
        return BigDecimal.ONE.divide(sum, MC);
    }
}
