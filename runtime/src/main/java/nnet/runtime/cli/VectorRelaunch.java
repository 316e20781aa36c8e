package nnet.runtime.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import nnet.runtime.kernels.Simd;

/**
 * Starts a command again in a JVM that has the Vector API when the current one lacks it. Java 17 keeps
 * the API in an incubator module that only {@code --add-modules} brings in, and neither a JAR's manifest
 * nor the program itself can add a module to a running JVM; so {@code java -jar model.jar train} would run
 * the scalar kernels. For the commands where the kernels dominate, the launching JVM starts a child with
 * the module, the same JVM options, class path and arguments, passes its exit code on and hides the JVM's
 * notice about incubator modules. Short commands run where they are: a second JVM would cost more than
 * it saves. {@code -Dnnet.simd=false} or {@code NNET_RELAUNCH=0} keeps everything in the first JVM.
 */
public final class VectorRelaunch {
    static final String MODULE = Simd.MODULE;
    private static final String NOTICE = "WARNING: Using incubator modules: " + MODULE;
    private static final String PARENT_PROPERTY = "nnet.launcher.pid";

    private VectorRelaunch() {
    }

    /** Data files above this size make eval and predict long enough to gain from the vector kernels. */
    static final long LARGE_DATA_BYTES = 16L << 20;

    /**
     * Runs {@code args} with {@code run}, here or in a child JVM with the Vector API: in the child when
     * this JVM lacks the module and the command is {@code train}, or {@code eval} or {@code predict} on
     * large data files.
     */
    public static int run(Class<?> mainClass, String[] args, ToIntFunction<String[]> run) {
        watchLauncher();
        if (!wanted(args)) {
            return run.applyAsInt(args);
        }
        Process child;
        try {
            child = start(mainClass, args);
        } catch (IOException e) {
            return run.applyAsInt(args);
        }
        return await(child);
    }

    private static boolean wanted(String[] args) {
        return args.length > 0 && heavy(args) && canRelaunch();
    }

    /** This JVM lacks the module, can name its own options, and nothing turns restarting off. */
    private static boolean canRelaunch() {
        return ModuleLayer.boot().findModule(MODULE).isEmpty()
                && ModuleLayer.boot().findModule("java.management").isPresent()
                && !"false".equals(System.getProperty("nnet.simd"))
                && !"0".equals(System.getenv("NNET_RELAUNCH"))
                && System.getProperty(PARENT_PROPERTY) == null;
    }

    /** Whether a command's kernels outweigh a second JVM's start and warm-up. */
    static boolean heavy(String[] args) {
        return switch (args[0]) {
            case "train" -> true;
            case "eval", "predict" -> dataBytes(args) > LARGE_DATA_BYTES;
            default -> false;
        };
    }

    /** The total size of the files named by --data options ({@code --data F}, {@code --data=NAME=F}). */
    private static long dataBytes(String[] args) {
        long total = 0;
        for (int i = 1; i < args.length; i++) {
            String value = null;
            if (args[i].equals("--data") && i + 1 < args.length) {
                value = args[++i];
            } else if (args[i].startsWith("--data=")) {
                value = args[i].substring("--data=".length());
            }
            if (value != null) {
                total += sizeOf(value);
            }
        }
        return total;
    }

    private static long sizeOf(String fileOrNamed) {
        for (String candidate : new String[] {fileOrNamed, fileOrNamed.substring(fileOrNamed.indexOf('=') + 1)}) {
            try {
                Path p = Path.of(candidate);
                if (Files.isRegularFile(p)) {
                    return Files.size(p);
                }
            } catch (IOException | java.nio.file.InvalidPathException e) {
                // Not a readable file: the command itself will say so.
            }
        }
        return 0;
    }

    private static Process start(Class<?> mainClass, String[] args) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new IOException("no java launcher at " + java);
        }
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("--add-modules");
        command.add(MODULE);
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-D" + PARENT_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(List.of(args));
        if (System.getenv("NNET_DEBUG") != null) {
            System.err.println("nnet: restarting java with --add-modules " + MODULE + " for the vector kernels");
        }
        return new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
    }

    /**
     * Waits for the child, copying its error stream without the notice, and passes its exit code on.
     * A polite kill (SIGTERM) of the launcher is passed to the child, which then saves what it must and
     * ends with its own code. Ctrl-C at a terminal reaches the child from the terminal itself, so the
     * launcher then only waits; without a terminal an interrupt is passed on as SIGTERM.
     */
    private static int await(Process child) {
        Thread copier = new Thread(() -> copyWithoutNotice(child.getErrorStream(), System.err), "stderr-copier");
        copier.setDaemon(true);
        copier.start();
        // Through the handle: Process.destroy would also close the child's error stream under the copier.
        ProcessHandle handle = child.toHandle();
        Signals.handle("TERM", handle::destroy);
        boolean terminal = System.console() != null;
        Signals.handle("INT", () -> {
            if (!terminal) {
                handle.destroy();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            handle.destroy();
            waitFor(child);
        }));
        int code = waitFor(child);
        try {
            copier.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return code;
    }

    private static int waitFor(Process child) {
        while (true) {
            try {
                return child.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The notice is the JVM's first line on the error stream; everything after it passes byte for byte. */
    static void copyWithoutNotice(InputStream in, OutputStream out) {
        try (in) {
            byte[] first = firstLine(in);
            String line = new String(first, StandardCharsets.UTF_8);
            if (!line.stripTrailing().equals(NOTICE)) {
                out.write(first);
                out.flush();
            }
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // The child's error stream closed under us: nothing is left to copy.
        }
    }

    private static byte[] firstLine(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        for (int b; line.size() <= NOTICE.length() + 1 && (b = in.read()) >= 0; ) {
            line.write(b);
            if (b == '\n') {
                break;
            }
        }
        return line.toByteArray();
    }

    /** Which kernels the heavy commands run on, for {@code info}. */
    public static String describeKernels() {
        if (!canRelaunch()) {
            return Simd.describe() + (!Simd.enabled() && "0".equals(System.getenv("NNET_RELAUNCH"))
                    ? " (NNET_RELAUNCH=0)" : "");
        }
        return "vector kernels for train (and eval or predict on data over 16 MB), which restart java with"
                + " --add-modules " + MODULE + "; scalar ones otherwise";
    }

    /**
     * In a child, the launcher's end means the user killed it (SIGKILL, which it cannot pass on): the
     * child must not run on unseen, holding its locks. A daemon thread looks every 50 ms.
     */
    private static void watchLauncher() {
        String pid = System.getProperty(PARENT_PROPERTY);
        if (pid == null) {
            return;
        }
        ProcessHandle parent;
        try {
            parent = ProcessHandle.of(Long.parseLong(pid)).orElse(null);
        } catch (NumberFormatException e) {
            return;
        }
        Thread watcher = new Thread(() -> {
            while (parent != null && parent.isAlive()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(137);
        }, "launcher-watch");
        watcher.setDaemon(true);
        watcher.start();
    }
}
