package nnet.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

class DecimalParserTest {
    private final DecimalParser parser = new DecimalParser();

    private Double parse(String text) {
        byte[] bytes = ("xx" + text + "yy").getBytes(StandardCharsets.ISO_8859_1);
        return parser.parse(bytes, 2, bytes.length - 2) ? parser.value : null;
    }

    // Expected values are boxed so that equals compares bits: NaN equals NaN, -0.0 differs from 0.0.

    /** Same bits as Double.parseDouble: the fast path must round exactly like it. */
    @Test
    void agreesWithDoubleParseDoubleOnDecimalText() {
        Properties.forAll("DecimalParserTest #1", 5000, DecimalParserTest::decimal,
                text -> assertThat(parse(text)).as(text).isEqualTo(Double.valueOf(Double.parseDouble(text))));
    }

    /** Mostly within the fast path: at most 15 digits and a small exponent. */
    @Test
    void agreesWithDoubleParseDoubleOnShortDecimalText() {
        Properties.forAll("DecimalParserTest #2", 5000, DecimalParserTest::shortDecimal,
                text -> assertThat(parse(text)).as(text).isEqualTo(Double.valueOf(Double.parseDouble(text))));
    }

    @Test
    void readsBackEveryDoubleJavaPrints() {
        Properties.forAll("DecimalParserTest #3", 3000, (random, size) -> randomDouble(random),
                value -> assertThat(parse(Double.toString(value))).isEqualTo(value));
    }

    @Test
    void readsBackEveryFloatJavaPrints() {
        Properties.forAll("DecimalParserTest #4", 3000, (random, size) -> (float) randomDouble(random), value -> {
            String text = Float.toString(value);
            assertThat(parse(text)).isEqualTo(Double.valueOf(Double.parseDouble(text)));
        });
    }

    private static final double[] SPECIAL_DOUBLES = {
        0.0, -0.0, 1.0, -1.0, 0.1, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE, Float.MIN_VALUE,
        Float.MAX_VALUE, 1e22, 1e23, 9007199254740993.0, Double.NaN, Double.POSITIVE_INFINITY,
    };

    /** Random bit patterns (every magnitude), short decimals, and values at the edges. */
    private static double randomDouble(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> SPECIAL_DOUBLES[random.nextInt(SPECIAL_DOUBLES.length)];
            case 1 -> random.nextInt(100_000) / 1000.0;
            default -> Double.longBitsToDouble(random.nextLong());
        };
    }

    /** Sign, up to 20 digits with or without a point, and an optional exponent up to 330. */
    private static String decimal(Random random, int size) {
        String mantissa = "";
        while (mantissa.chars().noneMatch(Character::isDigit)) {
            String whole = PlainRowTest.digits(random, random.nextInt(21));
            String fraction = PlainRowTest.digits(random, random.nextInt(21));
            mantissa = whole + (random.nextBoolean() ? "." : "") + fraction;
        }
        String sign = new String[] {"", "-", "+"}[random.nextInt(3)];
        String exponent = random.nextBoolean() ? ""
                : (random.nextBoolean() ? "e" : "E") + new String[] {"", "-", "+"}[random.nextInt(3)] + random.nextInt(331);
        return sign + mantissa + exponent;
    }

    private static String shortDecimal(Random random, int size) {
        String whole = PlainRowTest.digits(random, 1 + random.nextInt(8));
        String fraction = PlainRowTest.digits(random, 1 + random.nextInt(8));
        int exponent = random.nextInt(51) - 25;
        return (random.nextBoolean() ? "-" : "") + whole + "." + fraction + (exponent == 0 ? "" : "e" + exponent);
    }

    @Test
    void readsSpecialValuesAsNumPyAndJavaSpellThem() {
        assertThat(parse("nan")).isNaN();
        assertThat(parse("NaN")).isNaN();
        assertThat(parse("-nan")).isNaN();
        assertThat(parse("inf")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("-Infinity")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(parse("+INF")).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(parse("1e999")).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void keepsTheSignOfZero() {
        assertThat(Double.doubleToLongBits(parse("-0"))).isEqualTo(Double.doubleToLongBits(-0.0));
        assertThat(Double.doubleToLongBits(parse("-0.000e5"))).isEqualTo(Double.doubleToLongBits(-0.0));
        assertThat(Double.doubleToLongBits(parse("0"))).isEqualTo(0L);
    }

    @Test
    void readsCommonShapes() {
        assertThat(parse("255")).isEqualTo(255.0);
        assertThat(parse(".5")).isEqualTo(0.5);
        assertThat(parse("5.")).isEqualTo(5.0);
        assertThat(parse("0.1")).isEqualTo(0.1);
        assertThat(parse("1.7976931348623157e308")).isEqualTo(Double.MAX_VALUE);
        assertThat(parse("4.9e-324")).isEqualTo(Double.MIN_VALUE);
        assertThat(parse("0.30000000000000004")).isEqualTo(0.1 + 0.2);
    }

    @Test
    void rejectsWhatIsNotAPlainDecimalNumber() {
        for (String text : new String[] {"", "-", "+", ".", "e5", "1e", "1e+", "1.2.3", "1,5", "12a", "x", "0x1p3",
                "1d", "2f", "--1", "1 2", "infinit", "nana", "1e5.5", "١"}) {
            assertThat(parse(text)).as("'%s'", text).isNull();
        }
    }
}
