package nnet.runtime.kernels;

/**
 * Whether the kernels use the Vector API. It is an incubator module in Java 17, present only when the JVM
 * is started with {@code --add-modules jdk.incubator.vector}; without it the kernels fall back to scalar
 * loops that HotSpot auto-vectorises, which give the same results bit for bit, more slowly. The system
 * property {@code nnet.simd=false} turns the Vector API off even when it is present (for comparisons and
 * for testing the fallback).
 */
public final class Simd {
    public static final String MODULE = "jdk.incubator.vector";
    private static final boolean ENABLED = detect();
    private static volatile boolean ready;

    static {
        if (ENABLED && "false".equals(System.getProperty("nnet.simd.warmup"))) {
            ready = true;
        } else if (ENABLED) {
            VectorWarmup.start(() -> ready = true);
        }
    }

    private Simd() {
    }

    /** True when the GEMM runs on Vector API register tiles. */
    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * True once the vector kernels are compiled (see {@link VectorWarmup}); until then the products that
     * may choose take the scalar path. {@code nnet.simd.warmup=false} makes them ready at once.
     */
    public static boolean ready() {
        return ready;
    }

    /** One line for {@code info} and benchmarks: which kernels run, and how to get the fast ones. */
    public static String describe() {
        if (ENABLED) {
            return "vector kernels, " + FloatTiles.LANES * Float.SIZE + "-bit (" + MODULE + ")";
        }
        if (!modulePresent()) {
            return "scalar kernels: start java with --add-modules " + MODULE + " for the vector ones";
        }
        return "scalar kernels (nnet.simd=false)";
    }

    private static boolean detect() {
        return !"false".equals(System.getProperty("nnet.simd")) && modulePresent();
    }

    private static boolean modulePresent() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }
}
