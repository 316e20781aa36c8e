package nnet.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a numeric CSV from a stream. Rows of bare numbers take {@link PlainRow}'s single pass; other rows
 * are split into fields in place (no String per field) and their numbers read by {@link DecimalParser}.
 */
final class CsvParser {
    private static final int QUOTE_LIMIT = 40;

    private final LineReader lines;
    private final String file;
    private final DecimalParser number = new DecimalParser();

    /** Bounds of the current field's text in the line buffer, without surrounding spaces and quotes. */
    private int textStart;
    private int textEnd;
    private boolean textHasEscapedQuote;

    CsvParser(InputStream in, String file) throws IOException {
        this.lines = new LineReader(in, file);
        this.file = file;
    }

    CsvTable parse() throws IOException {
        if (!lines.nextNonBlank()) {
            throw new DataException(file + ": "
                    + (lines.sawAnyByte() ? "the file has only blank lines" : "the file is empty"));
        }
        String[] header = isNumericLine() ? null : headerFields();
        int columns = header != null ? header.length : countFields();
        String shapeSource = (header != null ? "the header" : "the first row") + " on line " + lines.number();
        RowStore rows = new RowStore(columns);
        boolean more = header == null || lines.nextNonBlank();
        while (more) {
            if (!rows.hasRoomForAnotherRow()) {
                throw error("the table has more than " + RowStore.MAX_VALUES + " values, more than one array "
                        + "can hold");
            }
            double[] block = rows.nextBlock();
            int offset = rows.nextOffset();
            if (!PlainRow.parse(lines.buffer(), lines.start(), lines.end(), columns, block, offset)) {
                parseRow(block, offset, columns, shapeSource);
            }
            rows.commit();
            more = lines.nextNonBlank();
        }
        return new CsvTable(header, rows.rows(), columns, rows.blocks(), rows.firstRows());
    }

    /**
     * Finds the field that starts at {@code p}, setting its text bounds, and returns the index of the comma
     * that ends it, or the line's end for the last field.
     */
    private int scanField(int p, int field) {
        byte[] b = lines.buffer();
        int start = skipSpaces(p);
        textHasEscapedQuote = false;
        if (start < lines.end() && b[start] == '"') {
            return scanQuotedField(start, field);
        }
        int comma = indexOf((byte) ',', start, lines.end());
        int end = comma < 0 ? lines.end() : comma;
        textStart = start;
        textEnd = trimEnd(start, end);
        return end;
    }

    private int scanQuotedField(int openQuote, int field) {
        byte[] b = lines.buffer();
        int close = openQuote + 1;
        while (true) {
            close = indexOf((byte) '"', close, lines.end());
            if (close < 0) {
                throw error("field " + field + " has an opening quote but no closing quote");
            }
            if (close + 1 < lines.end() && b[close + 1] == '"') {
                textHasEscapedQuote = true;
                close += 2;
            } else {
                break;
            }
        }
        textStart = skipSpaces(openQuote + 1);
        textEnd = trimEnd(textStart, close);
        int after = skipSpaces(close + 1);
        if (after < lines.end() && b[after] != ',') {
            throw error("field " + field + " has text after its closing quote");
        }
        return after;
    }

    private boolean isNumericLine() {
        int p = lines.start();
        for (int field = 1; ; field++) {
            int end = scanField(p, field);
            if (textStart == textEnd || !number.parse(lines.buffer(), textStart, textEnd)) {
                return false;
            }
            if (end >= lines.end()) {
                return true;
            }
            p = end + 1;
        }
    }

    private String[] headerFields() {
        List<String> names = new ArrayList<>();
        int p = lines.start();
        for (int field = 1; ; field++) {
            int end = scanField(p, field);
            names.add(fieldText());
            if (end >= lines.end()) {
                return names.toArray(new String[0]);
            }
            p = end + 1;
        }
    }

    private int countFields() {
        int p = lines.start();
        for (int field = 1; ; field++) {
            int end = scanField(p, field);
            if (end >= lines.end()) {
                return field;
            }
            p = end + 1;
        }
    }

    /** Parses the current line into {@code values[offset, offset + columns)}, or says what is wrong with it. */
    private void parseRow(double[] values, int offset, int columns, String shapeSource) {
        int p = lines.start();
        int field = 0;
        while (true) {
            int end = scanField(p, field + 1);
            if (field < columns) {
                values[offset + field] = parseNumber(field + 1);
            }
            field++;
            if (end >= lines.end()) {
                break;
            }
            p = end + 1;
        }
        if (field != columns) {
            throw error("expected " + columns + " fields (as in " + shapeSource + "), found " + field);
        }
    }

    private double parseNumber(int field) {
        if (textStart == textEnd) {
            throw error("field " + field + " is empty");
        }
        if (!number.parse(lines.buffer(), textStart, textEnd)) {
            throw error("field " + field + " '" + Excerpt.escape(Excerpt.cut(fieldText(), 0, QUOTE_LIMIT)) + "' is not a number");
        }
        return number.value;
    }

    private String fieldText() {
        String text = new String(lines.buffer(), textStart, textEnd - textStart, StandardCharsets.UTF_8);
        return textHasEscapedQuote ? text.replace("\"\"", "\"") : text;
    }

    private int skipSpaces(int p) {
        byte[] b = lines.buffer();
        while (p < lines.end() && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        return p;
    }

    private int trimEnd(int start, int end) {
        byte[] b = lines.buffer();
        while (end > start && (b[end - 1] == ' ' || b[end - 1] == '\t')) {
            end--;
        }
        return end;
    }

    private int indexOf(byte target, int from, int to) {
        byte[] b = lines.buffer();
        for (int i = from; i < to; i++) {
            if (b[i] == target) {
                return i;
            }
        }
        return -1;
    }

    private DataException error(String problem) {
        return new DataException(file + ":" + lines.number() + ": " + problem);
    }
}
