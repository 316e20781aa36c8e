package nnet.runtime.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import nnet.runtime.Tensor;

/** Writes a tensor's elements little-endian, in row-major order, through a fixed-size chunk buffer. */
final class ElementWriter {
    /** A multiple of every element size. */
    private static final int CHUNK_BYTES = 1 << 20;

    private ElementWriter() {
    }

    static long byteLength(Tensor t) {
        return (long) t.size() * t.dtype().bytes();
    }

    static void write(Tensor t, OutputStream out) throws IOException {
        int elementBytes = t.dtype().bytes();
        int perChunk = CHUNK_BYTES / elementBytes;
        int count = t.size();
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(byteLength(t), CHUNK_BYTES))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (int done = 0; done < count; ) {
            int n = Math.min(perChunk, count - done);
            chunk.clear();
            switch (t.dtype()) {
                case F32 -> chunk.asFloatBuffer().put(t.floats(), done, n);
                case F64 -> chunk.asDoubleBuffer().put(t.doubles(), done, n);
                case I32 -> chunk.asIntBuffer().put(t.ints(), done, n);
            }
            out.write(chunk.array(), 0, n * elementBytes);
            done += n;
        }
    }
}
