package nnet.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damages a valid file the ways files get damaged, or crafted: bits flipped, bytes overwritten,
 * deleted, duplicated or inserted, lines swapped, the end cut off, and sizes replaced by extreme
 * numbers, in binary (4 or 8 bytes, either byte order) or in text (a run of digits). Half the edits
 * fall in the first bytes, where formats keep their headers.
 */
public final class ByteEdits {
    private static final int HEADER_BYTES = 256;
    private static final long[] EXTREMES = {0, 1, -1, 0x7F, 0xFF, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 1L << 32,
        1L << 40, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final String[] EXTREME_TEXT = {"0", "-1", "2147483647", "2147483648", "4294967296",
        "99999999999999999999", "1e308", "-0", "nan", "inf", ""};

    private ByteEdits() {
    }

    /** One to {@code maxEdits} random edits of {@code valid}, with a description of each. */
    public static Fuzz.Case damage(byte[] valid, Random random, int maxEdits) {
        byte[] bytes = valid;
        List<String> edits = new ArrayList<>();
        for (int n = 1 + random.nextInt(maxEdits); n > 0; n--) {
            bytes = edit(bytes, random, edits);
        }
        return new Fuzz.Case(bytes, List.copyOf(edits));
    }

    private static byte[] edit(byte[] b, Random r, List<String> edits) {
        if (b.length == 0) {
            edits.add("insert 1 byte into the empty file");
            return new byte[] {(byte) r.nextInt(256)};
        }
        int at = position(b.length, r);
        switch (r.nextInt(9)) {
            case 0 -> {
                int bit = r.nextInt(8);
                edits.add("flip bit " + bit + " at " + at);
                byte[] out = b.clone();
                out[at] ^= (byte) (1 << bit);
                return out;
            }
            case 1 -> {
                int value = r.nextBoolean() ? r.nextInt(256) : new int[] {0, 0x7F, 0x80, 0xFF}[r.nextInt(4)];
                edits.add("set byte " + at + " to " + value);
                byte[] out = b.clone();
                out[at] = (byte) value;
                return out;
            }
            case 2 -> {
                int len = 1 + r.nextInt(Math.min(16, b.length - at));
                edits.add("delete " + len + " bytes at " + at);
                return splice(b, at, len, new byte[0]);
            }
            case 3 -> {
                int len = 1 + r.nextInt(Math.min(16, b.length - at));
                edits.add("duplicate " + len + " bytes at " + at);
                return splice(b, at, 0, Arrays.copyOfRange(b, at, at + len));
            }
            case 4 -> {
                byte[] inserted = new byte[1 + r.nextInt(8)];
                r.nextBytes(inserted);
                edits.add("insert " + inserted.length + " random bytes at " + at);
                return splice(b, at, 0, inserted);
            }
            case 5 -> {
                edits.add("truncate to " + at + " bytes");
                return Arrays.copyOf(b, at);
            }
            case 6 -> {
                return extremeBinary(b, at, r, edits);
            }
            case 7 -> {
                return extremeText(b, at, r, edits);
            }
            default -> {
                return swapLines(b, r, edits);
            }
        }
    }

    private static int position(int length, Random r) {
        return r.nextBoolean() ? r.nextInt(Math.min(length, HEADER_BYTES)) : r.nextInt(length);
    }

    private static byte[] splice(byte[] b, int at, int removed, byte[] inserted) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + inserted.length);
        out.write(b, 0, at);
        out.write(inserted, 0, inserted.length);
        out.write(b, at + removed, b.length - at - removed);
        return out.toByteArray();
    }

    private static byte[] extremeBinary(byte[] b, int at, Random r, List<String> edits) {
        long value = EXTREMES[r.nextInt(EXTREMES.length)];
        int width = r.nextBoolean() ? 4 : 8;
        boolean little = r.nextBoolean();
        edits.add("write " + value + " as " + width + " bytes " + (little ? "LE" : "BE") + " at " + at);
        byte[] out = b.clone();
        for (int i = 0; i < width && at + i < out.length; i++) {
            int shift = 8 * (little ? i : width - 1 - i);
            out[at + i] = (byte) (value >>> shift);
        }
        return out;
    }

    /** Replaces the run of digits at or after {@code at} (if any) with an extreme number. */
    private static byte[] extremeText(byte[] b, int at, Random r, List<String> edits) {
        int start = at;
        while (start < b.length && !Character.isDigit(b[start])) {
            start++;
        }
        if (start == b.length) {
            edits.add("no digits after " + at);
            return b;
        }
        int end = start;
        while (end < b.length && Character.isDigit(b[end])) {
            end++;
        }
        String value = EXTREME_TEXT[r.nextInt(EXTREME_TEXT.length)];
        edits.add("replace the number at " + start + " with '" + value + "'");
        return splice(b, start, end - start, value.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] swapLines(byte[] b, Random r, List<String> edits) {
        List<byte[]> lines = lines(b);
        if (lines.size() < 2) {
            edits.add("no lines to swap");
            return b;
        }
        int i = r.nextInt(lines.size());
        int j = r.nextInt(lines.size());
        edits.add("swap lines " + (i + 1) + " and " + (j + 1));
        byte[] li = lines.get(i);
        lines.set(i, lines.get(j));
        lines.set(j, li);
        ByteArrayOutputStream out = new ByteArrayOutputStream(b.length);
        lines.forEach(line -> out.write(line, 0, line.length));
        return out.toByteArray();
    }

    /** The lines of {@code b}, each with its '\n' (the last perhaps without). */
    private static List<byte[]> lines(byte[] b) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                lines.add(Arrays.copyOfRange(b, start, i + 1));
                start = i + 1;
            }
        }
        if (start < b.length) {
            lines.add(Arrays.copyOfRange(b, start, b.length));
        }
        return lines;
    }
}
