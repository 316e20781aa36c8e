package nnet.runtime.io;

import java.io.IOException;

/** A consumer that may throw {@link IOException}, such as the body that writes a file's contents. */
@FunctionalInterface
public interface IOConsumer<T> {
    void accept(T value) throws IOException;
}
