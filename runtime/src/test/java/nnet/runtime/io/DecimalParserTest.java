package nnet.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class DecimalParserTest {
    private final DecimalParser parser = new DecimalParser();

    private Double parse(String text) {
        byte[] bytes = ("xx" + text + "yy").getBytes(StandardCharsets.ISO_8859_1);
        return parser.parse(bytes, 2, bytes.length - 2) ? parser.value : null;
    }

    /** Same bits as Double.parseDouble: the fast path must round exactly like it. */
    @Property(tries = 5000)
    void agreesWithDoubleParseDoubleOnDecimalText(@ForAll("decimals") String text) {
        assertThat(parse(text)).as(text).isEqualTo(Double.parseDouble(text));
    }

    /** Mostly within the fast path: at most 15 digits and a small exponent. */
    @Property(tries = 5000)
    void agreesWithDoubleParseDoubleOnShortDecimalText(@ForAll("shortDecimals") String text) {
        assertThat(parse(text)).as(text).isEqualTo(Double.parseDouble(text));
    }

    @Property(tries = 2000)
    void readsBackEveryDoubleJavaPrints(@ForAll double value) {
        assertThat(parse(Double.toString(value))).isEqualTo(value);
    }

    @Property(tries = 2000)
    void readsBackEveryFloatJavaPrints(@ForAll float value) {
        assertThat(parse(Float.toString(value))).isEqualTo(Double.parseDouble(Float.toString(value)));
    }

    @Provide
    Arbitrary<String> decimals() {
        Arbitrary<String> sign = Arbitraries.of("", "-", "+");
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(20);
        Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "-", "+"),
                        Arbitraries.integers().between(0, 330)).as((e, s, n) -> e + s + n));
        Arbitrary<String> mantissa = Combinators.combine(digits, Arbitraries.of(true, false), digits)
                .as((whole, dot, fraction) -> whole + (dot ? "." : "") + fraction)
                .filter(m -> m.chars().anyMatch(Character::isDigit));
        return Combinators.combine(sign, mantissa, exponent).as((s, m, e) -> s + m + e);
    }

    @Provide
    Arbitrary<String> shortDecimals() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(8);
        Arbitrary<String> exponent = Arbitraries.integers().between(-25, 25).map(n -> n == 0 ? "" : "e" + n);
        return Combinators.combine(Arbitraries.of("", "-"), digits, digits, exponent)
                .as((s, whole, fraction, e) -> s + whole + "." + fraction + e);
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
