package nnet.compiler.codegen;

import nnet.runtime.DType;
import nnet.runtime.ModelCode;
import nnet.runtime.kernels.Gemm;
import org.objectweb.asm.Type;

/** Names of the fields and runtime classes that generated code uses. */
public final class CodeLayout {
    public static final Type BASE = Type.getType(ModelCode.class);
    public static final Type GEMM = Type.getType(Gemm.class);
    public static final Type RANDOM = Type.getType(nnet.runtime.kernels.RandomStream.class);
    public static final String GENERATED_PACKAGE = "nnet/generated/";
    private int packedSlots;

    /** A new slot for a product's packing cache (see ModelCode.packedFloat). */
    public int nextPackedSlot() {
        return packedSlots++;
    }

    public String paramField(DType t) {
        return pick(t, "pf", "pd");
    }

    public String gradField(DType t) {
        return pick(t, "gf", "gd");
    }

    public String slotField(DType t) {
        return pick(t, "sf", "sd");
    }

    public String stateField(DType t) {
        return switch (t) {
            case F32 -> "tf";
            case F64 -> "td";
            case I32 -> "ti";
        };
    }

    public String arenaField(DType t) {
        return switch (t) {
            case F32 -> "af";
            case F64 -> "ad";
            case I32 -> "ai";
        };
    }

    private static String pick(DType t, String f32, String f64) {
        return switch (t) {
            case F32 -> f32;
            case F64 -> f64;
            case I32 -> throw new IllegalArgumentException("no i32 " + f32);
        };
    }
}
