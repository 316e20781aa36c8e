package nnet.runtime.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nnet.runtime.io.AtomicFiles;
import nnet.runtime.io.DataException;
import nnet.runtime.io.Utf8;

/**
 * The tokens of a text data set: its characters, numbered in code-point order (id i is the i-th
 * distinct character), or its bytes, whose ids are their values 0 to 255. A model trained on text is
 * saved with its vocabulary beside its weights ({@link #beside}), so that the same text gets the same
 * ids when it is evaluated or generates.
 */
public final class Vocabulary {
    private static final String HEADER = "nnet vocabulary 1";
    private static final String BYTES = HEADER + " bytes";
    /** The characters in code-point order; null for bytes. */
    private final int[] codePoints;

    private Vocabulary(int[] codePoints) {
        this.codePoints = codePoints;
    }

    /** The 256 byte values, for models that read text as bytes. */
    public static Vocabulary bytes() {
        return new Vocabulary(null);
    }

    public boolean isBytes() {
        return codePoints == null;
    }

    /** The distinct characters of {@code text}, in code-point order. */
    public static Vocabulary of(String text) {
        return new Vocabulary(text.codePoints().distinct().sorted().toArray());
    }

    public int size() {
        return isBytes() ? 256 : codePoints.length;
    }

    /** Bytes as ids, their values. */
    public static int[] encodeBytes(byte[] bytes) {
        int[] ids = new int[bytes.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = bytes[i] & 0xFF;
        }
        return ids;
    }

    /**
     * The text as ids (as bytes, its UTF-8 bytes); a character outside the vocabulary is an error naming
     * its line and column.
     */
    public int[] encode(String text, String file) {
        if (isBytes()) {
            return encodeBytes(text.getBytes(StandardCharsets.UTF_8));
        }
        int[] ids = new int[text.codePointCount(0, text.length())];
        int line = 1;
        int column = 1;
        for (int i = 0, k = 0; i < text.length(); k++) {
            int cp = text.codePointAt(i);
            int id = Arrays.binarySearch(codePoints, cp);
            if (id < 0) {
                throw new DataException(file + ":" + line + ":" + column + ": the character " + describe(cp)
                        + " is not among the " + size() + " characters the model was trained on");
            }
            ids[k] = id;
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += Character.charCount(cp);
        }
        return ids;
    }

    /** The text of a sequence of ids (for bytes decoded as UTF-8, a bad sequence replaced). */
    public String decode(int[] ids) {
        if (isBytes()) {
            byte[] b = new byte[ids.length];
            for (int i = 0; i < ids.length; i++) {
                b[i] = (byte) ids[i];
            }
            return new String(b, StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            sb.appendCodePoint(codePoints[id]);
        }
        return sb.toString();
    }

    /** The character of id {@code id}. */
    public String decode(int id) {
        return decode(new int[] {id});
    }

    private static String describe(int cp) {
        String hex = String.format("U+%04X", cp);
        return Character.isISOControl(cp) || Character.isWhitespace(cp) ? hex : "'" + new String(Character.toChars(cp))
                + "' (" + hex + ")";
    }

    /** Where the vocabulary of a weights file lives: beside it, with ".vocab" added to its name. */
    public static Path beside(Path weights) {
        return weights.resolveSibling(weights.getFileName() + ".vocab");
    }

    /** Writes the vocabulary, atomically: a header line, then each character's code point, one per line. */
    public void save(Path file) {
        StringBuilder sb = new StringBuilder(isBytes() ? BYTES : HEADER).append('\n');
        for (int cp : isBytes() ? new int[0] : codePoints) {
            sb.append(cp).append('\n');
        }
        try {
            AtomicFiles.write(file, os -> os.write(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new DataException(file + ": cannot write the vocabulary: " + e.getMessage(), e);
        }
    }

    public static Vocabulary load(Path file) {
        List<String> lines;
        try {
            lines = Utf8.decode(Files.readAllBytes(file)).lines().toList();
        } catch (Utf8.Malformed e) {
            throw new DataException(file + ":" + e.line + ": not a vocabulary file: " + e.getMessage());
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the vocabulary: " + e.getMessage(), e);
        }
        if (!lines.isEmpty() && lines.get(0).equals(BYTES) && lines.size() == 1) {
            return bytes();
        }
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new DataException(file + ": not a vocabulary file (it must start with '" + HEADER + "')");
        }
        List<Integer> cps = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            try {
                int cp = Integer.parseInt(lines.get(i).trim());
                if (!Character.isValidCodePoint(cp) || !cps.isEmpty() && cp <= cps.get(cps.size() - 1)) {
                    throw new NumberFormatException();
                }
                cps.add(cp);
            } catch (NumberFormatException e) {
                throw new DataException(file + ":" + (i + 1) + ": expected the code point of the next character,"
                        + " in increasing order, got '" + lines.get(i) + "'");
            }
        }
        return new Vocabulary(cps.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && Arrays.equals(codePoints, v.codePoints) && isBytes() == v.isBytes();
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(codePoints);
    }
}
