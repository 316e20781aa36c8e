package nnet.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;

class PlainRowTest {
    private static double[] parse(String row, int columns) {
        byte[] b = ("<" + row + ">").getBytes(StandardCharsets.ISO_8859_1);
        double[] out = new double[columns + 2];
        return PlainRow.parse(b, 1, b.length - 1, columns, out, 1) ? out : null;
    }

    @Test
    void agreesWithDoubleParseDouble() {
        Properties.forAll("PlainRowTest #1", 3000, PlainRowTest::plainRow, fields -> {
            double[] out = parse(String.join(",", fields), fields.size());
            assertThat(out).isNotNull();
            for (int i = 0; i < fields.size(); i++) {
                // Boxed, so that equals compares bits and tells -0.0 from 0.0.
                Double expected = Double.parseDouble(fields.get(i));
                assertThat(Double.valueOf(out[i + 1])).as(fields.get(i)).isEqualTo(expected);
            }
        });
    }

    /** One to six numbers of up to 14 digits, within the fast path's limit of 15. */
    private static List<String> plainRow(Random random, int size) {
        List<String> fields = new ArrayList<>();
        for (int n = 1 + random.nextInt(6); n > 0; n--) {
            String whole = digits(random, random.nextInt(8));
            String fraction = digits(random, random.nextInt(8));
            if (whole.isEmpty() && fraction.isEmpty()) {
                whole = "0";
            }
            String sign = random.nextBoolean() ? "-" : "";
            fields.add(sign + whole + (random.nextBoolean() ? "." + fraction : fraction));
        }
        return fields;
    }

    static String digits(Random random, int count) {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
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
