package nnet.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import nnet.testing.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvTableTest {
    @TempDir
    Path dir;

    private CsvTable read(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return CsvTable.read(file);
    }

    // ---- shapes of valid files ----

    @Test
    void readsNumbersWithoutAHeader() throws IOException {
        CsvTable t = read("a.csv", "1,2,3\n4.5,-6,7e2\n");
        assertThat(t.header()).isNull();
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.columns()).isEqualTo(3);
        assertThat(t.values()).containsExactly(1, 2, 3, 4.5, -6, 700);
        assertThat(t.get(1, 2)).isEqualTo(700);
    }

    @Test
    void theFirstLineIsAHeaderWhenAnyFieldIsNotANumber() throws IOException {
        CsvTable t = read("h.csv", "x,2,label\n1,2,3\n");
        assertThat(t.header()).containsExactly("x", "2", "label");
        assertThat(t.rows()).isEqualTo(1);
        assertThat(t.values()).containsExactly(1, 2, 3);
        assertThat(read("e.csv", ",a\n1,2\n").header()).containsExactly("", "a");
    }

    @Test
    void aHeaderAloneGivesNoRows() throws IOException {
        CsvTable t = read("h.csv", "a,b\n");
        assertThat(t.header()).containsExactly("a", "b");
        assertThat(t.rows()).isZero();
        assertThat(t.columns()).isEqualTo(2);
        assertThat(t.values()).isEmpty();
    }

    @Test
    void acceptsCrlfSpacesBlankLinesAndNoFinalNewline() throws IOException {
        CsvTable t = read("w.csv", "\r\n  a , b\t\r\n\r\n 1 ,\t2 \r\n   \r\n\t\n3,4");
        assertThat(t.header()).containsExactly("a", "b");
        assertThat(t.values()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void acceptsQuotedFields() throws IOException {
        CsvTable t = read("q.csv", "\"name, with comma\",\"say \"\"hi\"\"\", plain\n\"1\" , \" 2.5 \",3\n");
        assertThat(t.header()).containsExactly("name, with comma", "say \"hi\"", "plain");
        assertThat(t.values()).containsExactly(1, 2.5, 3);
        assertThat(read("n.csv", "\"1\",\"2\"\n").header()).isNull();
    }

    @Test
    void readsNanAndInfinityQuietly() throws IOException {
        CsvTable t = read("s.csv", "nan,inf,-inf,NaN,Infinity,-Infinity\n");
        assertThat(t.header()).isNull();
        assertThat(t.values()).containsExactly(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @Test
    void skipsAUtf8ByteOrderMark() throws IOException {
        CsvTable t = read("bom.csv", "\uFEFFa,b\n1,2\n");
        assertThat(t.header()).containsExactly("a", "b");
    }

    @Test
    void knowsGzipByContentNotByName() throws IOException {
        Path plain = dir.resolve("plain.csv.gz");
        Files.writeString(plain, "1,2\n");
        assertThat(CsvTable.read(plain).values()).containsExactly(1, 2);
        Path zipped = dir.resolve("zipped.csv");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(zipped))) {
            out.write("3,4\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(CsvTable.read(zipped).values()).containsExactly(3, 4);
    }

    @Test
    void readsGzippedFiles() throws IOException {
        Path file = dir.resolve("d.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a,b\n1,2\n3,4\n".getBytes(StandardCharsets.UTF_8));
        }
        CsvTable t = CsvTable.read(file);
        assertThat(t.header()).containsExactly("a", "b");
        assertThat(t.values()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void readsLinesLongerThanTheReadBuffer() throws IOException {
        int columns = 30_000;
        StringBuilder sb = new StringBuilder();
        for (int row = 0; row < 3; row++) {
            for (int c = 0; c < columns; c++) {
                sb.append(c == 0 ? "" : ",").append(row * columns + c);
            }
            sb.append('\n');
        }
        CsvTable t = read("wide.csv", sb.toString());
        assertThat(t.rows()).isEqualTo(3);
        assertThat(t.columns()).isEqualTo(columns);
        double[] values = t.values();
        for (int i = 0; i < values.length; i++) {
            assertThat(values[i]).isEqualTo(i);
        }
    }

    @Test
    void rowsSpanningManyBlocksReadBackInOrder() throws IOException {
        int rows = 20_000;
        StringBuilder sb = new StringBuilder("a,b,c\n");
        for (int r = 0; r < rows; r++) {
            sb.append(r).append(',').append(-r).append(',').append(r * 0.5).append('\n');
        }
        CsvTable t = read("long.csv", sb.toString());
        assertThat(t.rows()).isEqualTo(rows);
        double[] values = t.values();
        for (int r = 0; r < rows; r++) {
            assertThat(t.get(r, 1)).isEqualTo(-r);
            assertThat(t.rowData(r)[t.rowOffset(r) + 2]).isEqualTo(r * 0.5);
            assertThat(values[r * 3]).isEqualTo(r);
        }
    }

    // ---- errors ----

    @Test
    void namesTheFileLineAndFieldOfABadNumber() {
        assertError("digits.csv", "a,b\n1,2\n\n3,x\n", "digits.csv:4: field 2 'x' is not a number");
        assertError("digits.csv", "1,2\n3,\"4x\"\n", "digits.csv:2: field 2 '4x' is not a number");
        assertError("digits.csv", "1,2\n1;2\n", "digits.csv:2: field 1 '1;2' is not a number");
        assertError("digits.csv", "1,2\n3," + "9".repeat(60) + "z\n",
                "digits.csv:2: field 2 '" + "9".repeat(40) + "…' is not a number");
    }

    @Test
    void saysHowManyFieldsWereExpectedAndFound() {
        assertError("rows.csv", "a,b,c\n1,2,3\n4,5\n", "rows.csv:3: expected 3 fields (as in the header on line 1), found 2");
        assertError("rows.csv", "\n1,2\n3,4,5\n", "rows.csv:3: expected 2 fields (as in the first row on line 2), found 3");
        assertError("rows.csv", "1,2\n3,4,\n", "rows.csv:2: expected 2 fields (as in the first row on line 1), found 3");
    }

    @Test
    void rejectsEmptyFieldsAndBrokenQuotes() {
        assertError("f.csv", "1,2\n3,  \n", "f.csv:2: field 2 is empty");
        assertError("f.csv", "1,2\n\"3,4\n", "f.csv:2: field 1 has an opening quote but no closing quote");
        assertError("f.csv", "1,2\n\"3\"x,4\n", "f.csv:2: field 1 has text after its closing quote");
    }

    @Test
    void rejectsEmptyFiles() {
        assertError("empty.csv", "", "empty.csv: the file is empty");
        assertError("blank.csv", "\n  \r\n\n", "blank.csv: the file has only blank lines");
    }

    @Test
    void rejectsMissingAndBrokenGzipFiles() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertThatThrownBy(() -> CsvTable.read(missing)).isInstanceOf(DataException.class)
                .hasMessage(missing + ": no such file");
        assertThatThrownBy(() -> CsvTable.read(dir)).isInstanceOf(DataException.class)
                .hasMessage(dir + ": cannot read: Is a directory");
        Path badHeader = dir.resolve("bad-header.csv.gz");
        Files.write(badHeader, new byte[] {0x1F, (byte) 0x8B, 7, 0, 0, 0, 0, 0, 0, 0, 1, 2});
        assertThatThrownBy(() -> CsvTable.read(badHeader)).isInstanceOf(DataException.class)
                .hasMessage(badHeader + ": not valid gzip data: Unsupported compression method");
        Path cut = dir.resolve("cut.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(cut))) {
            out.write("1,2\n".repeat(1000).getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> CsvTable.read(cut)).isInstanceOf(DataException.class)
                .hasMessage(cut + ": the compressed data ends early; is the file truncated?");
    }

    /** {@code message} starts with the file's name; the actual message starts with its full path. */
    private void assertError(String name, String text, String message) {
        Path file = dir.resolve(name);
        assertThatThrownBy(() -> {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            CsvTable.read(file);
        }).isInstanceOf(DataException.class).hasMessage(file + message.substring(name.length()));
    }

    // ---- random tables in random spellings read back exactly ----

    /** A table of random numbers spelled in random ways, and what reading it must give. */
    private record CsvCase(String text, boolean header, int rows, int columns, double[] values) {
        @Override
        public String toString() {
            return text.length() <= 300 ? text : text.substring(0, 300) + "...";
        }
    }

    @Test
    void readsBackWhatWasWritten() {
        Path file = dir.resolve("t.csv");
        Properties.forAll("CsvTableTest #1", 200, CsvTableTest::randomCsv, c -> {
            Files.writeString(file, c.text());
            if (c.rows() == 0 && !c.header()) {
                assertThatThrownBy(() -> CsvTable.read(file)).isInstanceOf(DataException.class);
                return;
            }
            CsvTable t = CsvTable.read(file);
            assertThat(t.header() != null).isEqualTo(c.header());
            assertThat(t.rows()).isEqualTo(c.rows());
            assertThat(t.columns()).isEqualTo(c.columns());
            assertThat(t.values()).isEqualTo(c.values());
        });
    }

    private static CsvCase randomCsv(Random random, int size) {
        int rows = random.nextInt(1 + size / 2);
        int columns = 1 + random.nextInt(12);
        boolean header = random.nextBoolean();
        double[] values = new double[rows * columns];
        StringBuilder csv = new StringBuilder();
        if (header) {
            for (int c = 0; c < columns; c++) {
                csv.append(c == 0 ? "" : ",").append("col").append(c);
            }
            csv.append(newline(random));
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                values[r * columns + c] = randomValue(random);
                csv.append(c == 0 ? "" : ",").append(spell(values[r * columns + c], random));
            }
            csv.append(newline(random));
            if (random.nextInt(10) == 0) {
                csv.append("  ").append(newline(random));
            }
        }
        return new CsvCase(csv.toString(), header, rows, columns, values);
    }

    private static double randomValue(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextInt(256);
            case 1 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
            case 2 -> Double.longBitsToDouble(random.nextLong());
            default -> Math.round(random.nextGaussian() * 1e4) / 1e4;
        };
    }

    private static String spell(double value, Random random) {
        String text = Double.isNaN(value) ? "nan" : Double.toString(value);
        if (value == Math.rint(value) && Math.abs(value) < 1e15 && random.nextBoolean()) {
            text = Long.toString((long) value);
            if (Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(-0.0)) {
                text = "-0";
            }
        }
        if (random.nextInt(5) == 0) {
            text = "\"" + text + "\"";
        }
        return " ".repeat(random.nextInt(2)) + text + " ".repeat(random.nextInt(2));
    }

    private static String newline(Random random) {
        return random.nextBoolean() ? "\n" : "\r\n";
    }
}
