package nnet.runtime.kernels;

/**
 * Special functions the generated code needs and {@link Math} lacks: the error function and its
 * complement, for GELU and its gradient, the base-2 logarithm, and a tanh for float results.
 *
 * <p>erf and erfc use W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev approximations
 * for the error function", Math. Comp. 23 (1969) 631-638, coefficients as in his SPECFUN package), which
 * approximate to about 18 significant digits on three intervals of |x|: [0, 0.46875], (0.46875, 4] and
 * (4, inf). Evaluated in double, the results are within about 3 ulps (erf) and 5 ulps (erfc) of the exact
 * values, a relative error of about 1e-15 or less, wherever the result is a normal number; erfc keeps that
 * relative accuracy in its far tail, down to 2e-308 near x = 26.5. Each interval's formula is smooth; at
 * the two joins the values differ by rounding only.
 */
public final class MathFns {
    /** Below this |x|, erf(x) = x R(x^2); above it, erfc is approximated instead. */
    private static final double SMALL_BOUND = 0.46875;
    /** Between SMALL_BOUND and this, erfc(x) = exp(-x^2) R(x); above it, the asymptotic form in 1/x^2. */
    private static final double MIDDLE_BOUND = 4.0;
    /** Above this, erfc(x) < 2^-1075 / 2 rounds to zero (erfc(27.3) is about 4e-326). */
    private static final double ERFC_UNDERFLOW = 27.3;
    private static final double ONE_OVER_SQRT_PI = 0.56418958354775628695;
    private static final double LN_2 = 0.6931471805599453;

    // erf(x) = x * P(x^2) / Q(x^2) on [0, 0.46875]; coefficients lowest degree first.
    private static final double P1_0 = 3209.37758913846947;
    private static final double P1_1 = 377.485237685302021;
    private static final double P1_2 = 113.864154151050156;
    private static final double P1_3 = 3.16112374387056560;
    private static final double P1_4 = 0.185777706184603153;
    private static final double Q1_0 = 2844.23683343917062;
    private static final double Q1_1 = 1282.61652607737228;
    private static final double Q1_2 = 244.024637934444173;
    private static final double Q1_3 = 23.6012909523441209;

    // erfc(x) = exp(-x^2) * P(x) / Q(x) on (0.46875, 4].
    private static final double P2_0 = 1230.33935479799725;
    private static final double P2_1 = 2051.07837782607147;
    private static final double P2_2 = 1712.04761263407058;
    private static final double P2_3 = 881.952221241769090;
    private static final double P2_4 = 298.635138197400131;
    private static final double P2_5 = 66.1191906371416295;
    private static final double P2_6 = 8.88314979438837594;
    private static final double P2_7 = 0.564188496988670089;
    private static final double P2_8 = 2.15311535474403846e-8;
    private static final double Q2_0 = 1230.33935480374942;
    private static final double Q2_1 = 3439.36767414372164;
    private static final double Q2_2 = 4362.61909014324716;
    private static final double Q2_3 = 3290.79923573345963;
    private static final double Q2_4 = 1621.38957456669019;
    private static final double Q2_5 = 537.181101862009858;
    private static final double Q2_6 = 117.693950891312499;
    private static final double Q2_7 = 15.7449261107098347;

    // erfc(x) = exp(-x^2) / x * (1/sqrt(pi) - t P(t) / Q(t)), t = 1/x^2, on (4, inf).
    private static final double P3_0 = 6.58749161529837803e-4;
    private static final double P3_1 = 0.0160837851487422766;
    private static final double P3_2 = 0.125781726111229246;
    private static final double P3_3 = 0.360344899949804439;
    private static final double P3_4 = 0.305326634961232344;
    private static final double P3_5 = 0.0163153871373020978;
    private static final double Q3_0 = 0.00233520497626869185;
    private static final double Q3_1 = 0.0605183413124413191;
    private static final double Q3_2 = 0.527905102951428412;
    private static final double Q3_3 = 1.87295284992346047;
    private static final double Q3_4 = 2.56852019228982242;

    /** Below this |x|, tanh(x) = x - x^3/3 to double precision (the next term is 2x^5/15). */
    private static final double TANH_SERIES_BOUND = 0x1p-11;

    private MathFns() {
    }

    /**
     * tanh(x) for a result that is rounded to float: 1 - 2/(e^2|x| + 1) with x's sign, through the
     * intrinsic exp, several times faster than {@link Math#tanh}, which runs outside compiled code. The
     * cancellation for small |x| costs at most about 5e-13 relative (the series takes over below
     * 2^-11), far below float's half ulp, so the rounded results equal {@code (float) Math.tanh(x)} but for
     * double roundings near a tie; for double results use Math.tanh.
     */
    public static double tanhForFloat(double x) {
        double ax = Math.abs(x);
        double r = ax < TANH_SERIES_BOUND ? ax * (1 - ax * ax * (1.0 / 3)) : 1 - 2 / (Math.exp(2 * ax) + 1);
        return Math.copySign(r, x);
    }

    /**
     * The base-2 logarithm, within about 2 ulps, and exact at powers of two as C's log2 is (so that
     * log2(8) is 3, not 2.9999999999999996); log2(0) = -inf, negative numbers and NaN give NaN.
     */
    public static double log2(double x) {
        if (x > 0 && x < Double.POSITIVE_INFINITY) {
            int e = Math.getExponent(x);
            if (e >= Double.MIN_EXPONENT && x == Math.scalb(1.0, e)) {
                return e;
            }
        }
        return Math.log(x) / LN_2;
    }

    /** The error function, 2/sqrt(pi) times the integral of exp(-t^2) from 0 to x. Odd; erf(-0) = -0. */
    public static double erf(double x) {
        double y = Math.abs(x);
        if (y <= SMALL_BOUND) {
            return x * smallRatio(x * x);
        }
        if (Double.isNaN(x)) {
            return x;
        }
        double r = 1.0 - erfcPositive(y);
        return x < 0 ? -r : r;
    }

    /** The complementary error function, 1 - erf(x), accurate in relative terms also where it is tiny. */
    public static double erfc(double x) {
        double y = Math.abs(x);
        if (y <= SMALL_BOUND) {
            return 1.0 - x * smallRatio(x * x);
        }
        if (Double.isNaN(x)) {
            return x;
        }
        double tail = erfcPositive(y);
        return x < 0 ? 2.0 - tail : tail;
    }

    /** erf in float, rounded from the double result. */
    public static float erf(float x) {
        return (float) erf((double) x);
    }

    /** erfc in float, rounded from the double result. */
    public static float erfc(float x) {
        return (float) erfc((double) x);
    }

    /** erf(x) / x for x^2 = t on the small interval. */
    private static double smallRatio(double t) {
        double num = P1_0 + t * (P1_1 + t * (P1_2 + t * (P1_3 + t * P1_4)));
        double den = Q1_0 + t * (Q1_1 + t * (Q1_2 + t * (Q1_3 + t)));
        return num / den;
    }

    /** erfc(y) for y > SMALL_BOUND (y may be +infinity). */
    private static double erfcPositive(double y) {
        if (y >= ERFC_UNDERFLOW) {
            return 0.0;
        }
        double scaled = y <= MIDDLE_BOUND ? middleRatio(y) : largeRatio(y);
        return timesExpMinusSquare(scaled, y);
    }

    /** erfc(y) exp(y^2) on the middle interval. */
    private static double middleRatio(double y) {
        double num = P2_0 + y * (P2_1 + y * (P2_2 + y * (P2_3 + y * (P2_4 + y * (P2_5 + y * (P2_6
                + y * (P2_7 + y * P2_8)))))));
        double den = Q2_0 + y * (Q2_1 + y * (Q2_2 + y * (Q2_3 + y * (Q2_4 + y * (Q2_5 + y * (Q2_6
                + y * (Q2_7 + y)))))));
        return num / den;
    }

    /** erfc(y) exp(y^2) above the middle interval, from the asymptotic form in t = 1/y^2. */
    private static double largeRatio(double y) {
        double t = 1.0 / (y * y);
        double num = P3_0 + t * (P3_1 + t * (P3_2 + t * (P3_3 + t * (P3_4 + t * P3_5))));
        double den = Q3_0 + t * (Q3_1 + t * (Q3_2 + t * (Q3_3 + t * (Q3_4 + t))));
        return (ONE_OVER_SQRT_PI - t * num / den) / y;
    }

    /**
     * s * exp(-y^2) without the error of rounding y^2: y*y is off by up to half an ulp of y^2 (5.7e-14 at
     * y = 27), and exp turns that absolute error into the same relative error. Instead y^2 = h^2 + (y-h)(y+h)
     * with h = y rounded down to a multiple of 1/16, so that h*h is exact and the rest is small. The tiny
     * factor exp(-h^2) comes last, so the result only leaves the normal range when it has to.
     */
    private static double timesExpMinusSquare(double s, double y) {
        double h = Math.floor(y * 16.0) / 16.0;
        double d = (y - h) * (y + h);
        return s * Math.exp(-d) * Math.exp(-h * h);
    }
}
