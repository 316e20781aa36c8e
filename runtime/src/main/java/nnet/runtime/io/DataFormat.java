package nnet.runtime.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The kinds of data file, told apart by their first bytes (after decompression, for gzip) rather than by
 * their names, which are often changed in downloading.
 */
public enum DataFormat {
    /** A zip archive of .npy arrays. */
    NPZ,
    /** One NumPy array. */
    NPY,
    /** One IDX array (MNIST's format). */
    IDX,
    /** None of the above, or a file that cannot be read: whoever reads it says what is wrong. */
    OTHER;

    private static final byte[] NPY_MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int PEEK_BYTES = NPY_MAGIC.length;

    /** The format of {@code path}; a name ending in ".npz" counts as NPZ, so damage there is told as such. */
    public static DataFormat of(Path path) {
        byte[] start;
        try (InputFile file = InputFile.open(path)) {
            start = file.stream().readNBytes(PEEK_BYTES);
        } catch (IOException | RuntimeException e) {
            start = new byte[0];
        }
        boolean npzName = String.valueOf(path.getFileName()).toLowerCase(Locale.ROOT).endsWith(".npz");
        if (npzName || isZip(start)) {
            return NPZ;
        }
        if (Arrays.equals(start, NPY_MAGIC)) {
            return NPY;
        }
        return looksLikeIdx(start) ? IDX : OTHER;
    }

    /** A zip archive starts with a local file header, PK\3\4, or when empty with the end record, PK\5\6. */
    private static boolean isZip(byte[] start) {
        return start.length >= 4 && start[0] == 'P' && start[1] == 'K'
                && (start[2] == 3 && start[3] == 4 || start[2] == 5 && start[3] == 6);
    }

    private static boolean looksLikeIdx(byte[] start) {
        if (start.length < 4 || start[0] != 0 || start[1] != 0 || start[3] == 0) {
            return false;
        }
        int type = start[2] & 0xFF;
        return type == 0x08 || type == 0x09 || (type >= 0x0B && type <= 0x0E);
    }
}
