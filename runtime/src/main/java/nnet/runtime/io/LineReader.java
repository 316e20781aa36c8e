package nnet.runtime.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Hands out the lines of a stream as ranges of one reusable byte buffer, so that reading a line copies and
 * allocates nothing. The buffer grows only for a line longer than it.
 */
final class LineReader {
    private static final int BUFFER_BYTES = 1 << 16;
    private static final int MAX_LINE_BYTES = 1 << 30;

    private final InputStream in;
    private final String file;
    private byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private boolean endOfInput;
    private boolean sawAnyByte;

    private int number;
    private int start;
    private int end;

    LineReader(InputStream in, String file) throws IOException {
        this.in = in;
        this.file = file;
        skipByteOrderMark();
    }

    /** The buffer holding the current line; valid until the next call to {@link #next()}. */
    byte[] buffer() {
        return buffer;
    }

    /** Where the current line starts in {@link #buffer()}. */
    int start() {
        return start;
    }

    /** Where the current line ends, before its LF or CRLF. */
    int end() {
        return end;
    }

    /** The current line's number, from 1, counting blank lines. */
    int number() {
        return number;
    }

    boolean sawAnyByte() {
        return sawAnyByte;
    }

    /** Advances to the next line that has more than spaces and tabs; false at the end of the input. */
    boolean nextNonBlank() throws IOException {
        while (next()) {
            if (!isBlank()) {
                return true;
            }
        }
        return false;
    }

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException {
        int searchFrom = position;
        while (true) {
            int newline = indexOf((byte) '\n', searchFrom, limit);
            if (newline >= 0) {
                setLine(position, newline);
                position = newline + 1;
                return true;
            }
            if (endOfInput) {
                if (position < limit) {
                    setLine(position, limit);
                    position = limit;
                    return true;
                }
                return false;
            }
            int scanned = limit - position;
            fill();
            searchFrom = position + scanned;
        }
    }

    private void setLine(int from, int to) {
        number++;
        start = from;
        end = to > from && buffer[to - 1] == '\r' ? to - 1 : to;
    }

    private boolean isBlank() {
        for (int i = start; i < end; i++) {
            if (buffer[i] != ' ' && buffer[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** Spreadsheet programs often begin UTF-8 files with a byte order mark; it is not part of the data. */
    private void skipByteOrderMark() throws IOException {
        while (limit < 3 && !endOfInput) {
            fill();
        }
        if (limit >= 3 && (buffer[0] & 0xFF) == 0xEF && (buffer[1] & 0xFF) == 0xBB && (buffer[2] & 0xFF) == 0xBF) {
            position = 3;
        }
    }

    /** Moves the unread bytes to the front and reads more after them, growing the buffer for a long line. */
    private void fill() throws IOException {
        int unread = limit - position;
        System.arraycopy(buffer, position, buffer, 0, unread);
        position = 0;
        limit = unread;
        if (limit == buffer.length) {
            if (buffer.length >= MAX_LINE_BYTES) {
                throw new DataException(file + ":" + (number + 1) + ": the line is longer than "
                        + MAX_LINE_BYTES + " bytes");
            }
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, limit, buffer.length - limit);
        if (n < 0) {
            endOfInput = true;
        } else {
            limit += n;
            sawAnyByte |= n > 0;
        }
    }

    private int indexOf(byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
