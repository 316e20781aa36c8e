package nnet.runtime.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.zip.ZipException;
import nnet.runtime.io.IdxHeader.IdxType;

/**
 * Reads IDX files, the format of MNIST and Fashion-MNIST, plain or gzip-compressed (recognised by content).
 * The first dimension counts the examples. Bytes stay bytes in memory (60,000 Fashion-MNIST images take
 * 47 MB, not 188 MB as floats); shorts are widened to int; the rest keep their type.
 */
public final class Idx {
    private Idx() {
    }

    /**
     * Reads the whole array of {@code path}, checking the header against the data: a message names the file,
     * and for data that ends early the example it ends in.
     *
     * @throws DataException if the file cannot be read or is not a valid IDX file
     */
    public static NumberArray read(Path path) {
        try (InputFile file = InputFile.open(path)) {
            return read(file);
        } catch (BadFormat e) {
            throw new DataException(path + ": " + e.getMessage());
        } catch (ZipException e) {
            throw new DataException(path + ": the compressed data is damaged (" + e.getMessage() + ")", e);
        } catch (EOFException e) {
            throw new DataException(path + ": the compressed data ends early; is the file truncated?", e);
        } catch (IOException e) {
            throw IoErrors.reading(path, e);
        }
    }

    private static NumberArray read(InputFile file) throws IOException {
        Source source = new Source(file.stream());
        IdxHeader header = readHeader(source);
        if (!file.gzip()) {
            checkFileSize(header, file.size());
        }
        // Gzip hides the size until the end; its trailer tells it in advance, so the array can be allocated
        // once at its final size instead of grown (which would briefly need half as much again).
        long total = header.headerBytes() + header.dataBytes();
        boolean sizeKnown = !file.gzip() || file.gzipSize() == (total & 0xFFFFFFFFL);
        Object data = readData(header, source, sizeKnown, file.gzip());
        long extra = source.skipRest();
        if (source.cut) {
            throw new BadFormat("the compressed data ends after the array, in the gzip trailer; "
                    + "is the file truncated?");
        }
        if (extra > 0) {
            throw trailing(header, extra);
        }
        return new NumberArray(header.type().storage, header.shape(), data);
    }

    private static IdxHeader readHeader(Source source) throws IOException {
        byte[] magic = new byte[IdxHeader.MAGIC_BYTES];
        int got = source.read(magic, magic.length);
        if (source.cut) {
            throw new BadFormat("the compressed data ends in the header; is the file truncated?");
        }
        IdxType type = IdxHeader.type(magic, got);
        int rank = magic[3] & 0xFF;
        byte[] dims = new byte[rank * IdxHeader.DIM_BYTES];
        got = source.read(dims, dims.length);
        if (got < dims.length) {
            throw new BadFormat((source.cut ? "the compressed data" : "the file") + " ends in the dimension sizes: "
                    + rank + " dimensions need " + dims.length + " bytes, found " + got);
        }
        return new IdxHeader(type, IdxHeader.shape(dims));
    }

    /** A plain file's size tells at once whether the data is all there, before anything is allocated. */
    private static void checkFileSize(IdxHeader header, long size) {
        long expected = header.headerBytes() + header.dataBytes();
        if (size < expected) {
            throw truncated(header, size - header.headerBytes(), "the file");
        }
        if (size > expected) {
            throw trailing(header, size - expected);
        }
    }

    private static Object readData(IdxHeader header, Source source, boolean sizeKnown, boolean gzip)
            throws IOException {
        int count = (int) (header.dataBytes() / header.type().element.bytes());
        try {
            if (header.type().element.bytes() == 1) {
                return ElementReader.readBytes(count, source, sizeKnown);
            }
            return ElementReader.read(header.type().element, ByteOrder.BIG_ENDIAN, count, source, sizeKnown);
        } catch (ElementReader.Truncated e) {
            String subject = source.cut ? "the compressed data" : gzip ? "the decompressed data" : "the file";
            throw truncated(header, e.found, subject);
        }
    }

    private static BadFormat truncated(IdxHeader header, long found, String subject) {
        long perExample = Math.max(header.bytesPerExample(), 1);
        long example = found / perExample;
        String where = (found % perExample == 0 ? "before example " : "in example ") + example;
        String hint = subject.equals("the compressed data") ? " (is the file truncated?)" : "";
        return new BadFormat(subject + " ends " + where + hint + ": " + header.describeData() + " need "
                + header.dataBytes() + " bytes of data, found " + found);
    }

    private static BadFormat trailing(IdxHeader header, long extra) {
        return new BadFormat(extra + " bytes follow the data: " + header.describeData() + " take "
                + header.dataBytes() + " bytes after the " + header.headerBytes() + "-byte header");
    }

    /**
     * Reads as much as there is; when gzip data stops in the middle of a compressed block (the inflater's
     * EOFException), it returns what arrived and notes the cut, so the message can still name the example.
     */
    private static final class Source implements ElementReader.ByteSource {
        private final InputStream in;
        boolean cut;

        Source(InputStream in) {
            this.in = in;
        }

        @Override
        public int read(byte[] buffer, int length) throws IOException {
            int total = 0;
            while (total < length && !cut) {
                int n;
                try {
                    n = in.read(buffer, total, length - total);
                } catch (EOFException e) {
                    cut = true;
                    break;
                }
                if (n < 0) {
                    break;
                }
                total += n;
            }
            return total;
        }

        /** Reads to the end (which also checks a gzip trailer) and returns how many bytes there were. */
        long skipRest() throws IOException {
            byte[] buffer = new byte[8192];
            long count = 0;
            for (int n; (n = read(buffer, buffer.length)) > 0; ) {
                count += n;
            }
            return count;
        }
    }
}
