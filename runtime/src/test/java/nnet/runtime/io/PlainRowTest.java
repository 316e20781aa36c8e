package nnet.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PlainRowTest {
    private static double[] parse(String row, int columns) {
        byte[] b = ("<" + row + ">").getBytes(StandardCharsets.ISO_8859_1);
        double[] out = new double[columns + 2];
        return PlainRow.parse(b, 1, b.length - 1, columns, out, 1) ? out : null;
    }

    @Property(tries = 3000)
    void agreesWithDoubleParseDouble(@ForAll("plainRows") List<String> fields) {
        double[] out = parse(String.join(",", fields), fields.size());
        assertThat(out).isNotNull();
        for (int i = 0; i < fields.size(); i++) {
            assertThat(out[i + 1]).as(fields.get(i)).isEqualTo(Double.parseDouble(fields.get(i)));
        }
    }

    /** Up to 14 digits, within the fast path's limit of 15. */
    @Provide
    Arbitrary<List<String>> plainRows() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(7);
        Arbitrary<String> number = Combinators.combine(Arbitraries.of("", "-"), digits, Arbitraries.of(true, false),
                digits).as((sign, whole, dot, fraction) -> sign + whole + (dot ? "." + fraction : fraction))
                .filter(s -> s.chars().anyMatch(Character::isDigit));
        return number.list().ofMinSize(1).ofMaxSize(6);
    }

    @Test
    void keepsNegativeZero() {
        assertThat(Double.doubleToRawLongBits(parse("-0", 1)[1])).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }

    @Test
    void leavesAnythingElseToTheGeneralParser() {
        for (String row : new String[] {"1, 2", "1,2,", "1,2,3", "1", "\"1\",2", "1e3,2", "+1,2", "1,,", ",2",
                "1234567890123456,2", "nan,1", "1,-", "1,.", "1.2.3,4", "1,2\r"}) {
            assertThat(parse(row, 2)).as(row).isNull();
        }
    }
}
