package nnet.runtime.io;

import java.nio.file.Path;

/**
 * A process that starts an atomic write of its argument and then hangs in the middle of it, announcing
 * on standard output when it got there: what a save looks like when Ctrl-C arrives.
 */
public final class SlowWrite {
    private SlowWrite() {
    }

    public static void main(String[] args) throws Exception {
        AtomicFiles.write(Path.of(args[0]), out -> {
            out.write(new byte[1 << 20]);
            out.flush();
            System.out.println("writing");
            System.out.flush();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
