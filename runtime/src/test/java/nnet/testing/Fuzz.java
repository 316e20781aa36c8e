package nnet.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A fuzzing campaign bounded in time: damaged inputs are drawn one after another, each from its own
 * seed, and checked until the campaign's time is up. Seeds follow a fixed sequence (from
 * {@code -Dnnet.test.seed} and the campaign's name), so a run repeats the cases of the last one and
 * merely goes further on a faster machine; {@code -Dnnet.fuzz.replay=SEED} runs the one case of that
 * seed, and {@code -Dnnet.fuzz.scale=X} scales every campaign's time. Each case runs on a worker
 * thread with a time limit, so a hang fails the test instead of stalling the build. A failure reports
 * the seed, the edits that made the input and the input itself, which it also writes to
 * {@code target/fuzz-failures/} byte for byte.
 */
public final class Fuzz {
    private static final long BASE_SEED = Long.getLong("nnet.test.seed", 20_261_126L);
    private static final Long REPLAY = Long.getLong("nnet.fuzz.replay");
    private static final double SCALE = Double.parseDouble(System.getProperty("nnet.fuzz.scale", "1"));
    private static final int SHOWN_BYTES = 1500;

    private Fuzz() {
    }

    /** A generated input and the edits that made it from a valid one. */
    public record Case(byte[] bytes, List<String> edits) {
        public String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Checks one case; throws when the outcome is not acceptable. */
    @FunctionalInterface
    public interface Check {
        void check(Case c) throws Exception;
    }

    /** What a campaign did, so that a test can insist that it ran at all. */
    public record Outcome(int cases, long millis) {
    }

    /**
     * Runs {@code check} on cases from {@code generator} for {@code seconds} (at least one case), each
     * within {@code caseSeconds}.
     */
    public static Outcome run(String name, double seconds, double caseSeconds, Function<Random, Case> generator,
            Check check) {
        ExecutorService worker = Executors.newSingleThreadExecutor(Fuzz::daemon);
        try {
            if (REPLAY != null) {
                runOne(name, REPLAY, caseSeconds, generator, check, worker);
                return new Outcome(1, 0);
            }
            long start = System.nanoTime();
            long budget = (long) (seconds * SCALE * 1e9);
            long base = BASE_SEED ^ name.hashCode();
            int n = 0;
            do {
                runOne(name, Properties.spread(base + n), caseSeconds, generator, check, worker);
                n++;
            } while (System.nanoTime() - start < budget);
            Outcome outcome = new Outcome(n, (System.nanoTime() - start) / 1_000_000);
            System.out.println(name + ": " + n + " cases in " + outcome.millis() + " ms");
            return outcome;
        } finally {
            worker.shutdownNow();
        }
    }

    private static void runOne(String name, long seed, double caseSeconds, Function<Random, Case> generator, Check check,
            ExecutorService worker) {
        Case c = generator.apply(new Random(seed));
        Future<?> done = worker.submit(() -> {
            check.check(c);
            return null;
        });
        try {
            done.get((long) (caseSeconds * 1000), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw failure(name, seed, c, "failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            done.cancel(true);
            throw failure(name, seed, c, "did not finish within " + caseSeconds + " s", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failure(name, seed, c, "was interrupted", e);
        }
    }

    private static AssertionError failure(String name, long seed, Case c, String what, Throwable cause) {
        String saved = save(name, seed, c.bytes());
        return new AssertionError(name + ": the case of seed " + seed + " " + what
                + "\n  replay: -Dnnet.fuzz.replay=" + seed
                + "\n  edits: " + c.edits()
                + "\n  input (" + c.bytes().length + " bytes" + saved + "): " + show(c.bytes()), cause);
    }

    private static String save(String name, long seed, byte[] bytes) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "fuzz-failures"));
            Path file = dir.resolve(name.replaceAll("[^A-Za-z0-9_.-]", "_") + "-" + seed + ".bin");
            Files.write(file, bytes);
            return ", saved to " + file.toAbsolutePath();
        } catch (IOException e) {
            return ", not saved: " + e.getMessage();
        }
    }

    /** Printable ASCII as it is, anything else escaped, cut after the first {@value #SHOWN_BYTES} bytes. */
    static String show(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < Math.min(bytes.length, SHOWN_BYTES); i++) {
            int b = bytes[i] & 0xFF;
            if (b == '\n') {
                sb.append("\\n");
            } else if (b == '"' || b == '\\') {
                sb.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7F) {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        return sb.append(bytes.length > SHOWN_BYTES ? "\"..." : "\"").toString();
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "fuzz-case");
        t.setDaemon(true);
        return t;
    }
}
