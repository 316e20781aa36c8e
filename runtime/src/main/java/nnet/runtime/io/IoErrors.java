package nnet.runtime.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Turns I/O failures into messages a person can act on. The JDK's file-system exceptions often carry only a
 * path as their message ("cannot read: /data/x.csv" says nothing), so the kind of failure is spelled out.
 */
final class IoErrors {
    private IoErrors() {
    }

    static DataException reading(Object file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataException(file + ": no such file", e);
        }
        return new DataException(file + ": cannot read: " + reason(e), e);
    }

    static DataException writing(Object file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new DataException(file + ": cannot write: its directory does not exist", e);
        }
        return new DataException(file + ": cannot write: " + reason(e), e);
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
