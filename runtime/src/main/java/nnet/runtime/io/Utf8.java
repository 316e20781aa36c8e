package nnet.runtime.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 decoding for text files read by people's tools: a byte sequence that is not UTF-8 is
 * reported where it is (line, column and byte offset) rather than silently replaced with U+FFFD, which
 * would surface later as a puzzling character or, in a data set, as a character the text never had.
 */
public final class Utf8 {
    private static final char BOM = '\uFEFF';

    private Utf8() {
    }

    /** Where the first bytes that are not UTF-8 are: 1-based line and column (in characters), 0-based offset. */
    public static final class Malformed extends Exception {
        public final int line;
        public final int column;
        public final long offset;
        public final int firstByte;

        Malformed(int line, int column, long offset, int firstByte) {
            super(String.format("not valid UTF-8: byte 0x%02X at line %d, column %d (byte offset %d)", firstByte, line,
                    column, offset), null, false, false);
            this.line = line;
            this.column = column;
            this.offset = offset;
            this.firstByte = firstByte;
        }
    }

    /** {@code bytes} as text, without the byte order mark that some editors put first. */
    public static String decodeWithoutBom(byte[] bytes) throws Malformed {
        return decode(bytes, hasBom(bytes) ? 3 : 0);
    }

    /** Whether {@code bytes} start with UTF-8's byte order mark, EF BB BF. */
    public static boolean hasBom(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    }

    /** {@code bytes} as text, every character as it is. */
    public static String decode(byte[] bytes) throws Malformed {
        return decode(bytes, 0);
    }

    private static String decode(byte[] bytes, int from) throws Malformed {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
        CharBuffer out = CharBuffer.allocate(bytes.length - from);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw malformed(out.flip(), in.position(), bytes[in.position()] & 0xFF);
        }
        decoder.flush(out);
        return out.flip().toString();
    }

    private static Malformed malformed(CharBuffer before, long offset, int firstByte) {
        int line = 1;
        int column = 1;
        while (before.hasRemaining()) {
            char c = before.get();
            if (c == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c)) {
                column++;
            }
        }
        return new Malformed(line, column, offset, firstByte);
    }
}
