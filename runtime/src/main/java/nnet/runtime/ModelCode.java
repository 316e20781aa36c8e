package nnet.runtime;

/**
 * The base class of the code generated for a model, instantiated once per binding of its run-time dims
 * (batch size...). The generated subclass only adds methods: one per program (predict, evaluate,
 * gradients), one per kernel, and the optimizer update; it reads the arrays below through these fields.
 */
public abstract class ModelCode {
    protected final float[] pf;
    protected final double[] pd;
    protected final float[] gf;
    protected final double[] gd;
    protected final float[][] sf;
    protected final double[][] sd;
    protected final float[] tf;
    protected final double[] td;
    protected final int[] ti;
    protected final float[] af;
    protected final double[] ad;
    protected final int[] ai;
    /** Input and output arrays by slot; the caller fills inputs and reads outputs. */
    protected final Object[] io;
    /** Values of the run-time dims, by index. */
    protected final int[] dims;
    /** Arena offsets: offsets[program][buffer]. */
    protected final int[][] offsets;
    protected final ModelState state;
    /**
     * In a loop of a program: the step being run (its index along the sequences) and how many steps
     * have run before it; generated loop bodies address per-step slices and double-buffered carries
     * with them.
     */
    protected int loopStep;
    protected int loopCount;

    /** Packed operands of products whose right-hand side stays the same over a loop, by kernel slot. */
    private Object[] packed = new Object[0];

    protected ModelCode(ModelState state, Arena arena, Object[] io, int[] dims, int[][] offsets) {
        this.state = state;
        this.pf = state.paramsF;
        this.pd = state.paramsD;
        this.gf = state.gradsF;
        this.gd = state.gradsD;
        this.sf = state.slotsF;
        this.sd = state.slotsD;
        this.tf = state.stateF;
        this.td = state.stateD;
        this.ti = state.stateI;
        this.af = arena.f32;
        this.ad = arena.f64;
        this.ai = arena.i32;
        this.io = io;
        this.dims = dims;
        this.offsets = offsets;
    }

    /** The packing cache of float product {@code slot}, made on first use (see Gemm.sgemmSameB). */
    protected final nnet.runtime.kernels.FloatPackedB packedFloat(int slot) {
        return packed(slot, nnet.runtime.kernels.FloatPackedB.class, nnet.runtime.kernels.FloatPackedB::new);
    }

    /** The packing cache of double product {@code slot}, made on first use (see Gemm.dgemmSameB). */
    protected final nnet.runtime.kernels.DoublePackedB packedDouble(int slot) {
        return packed(slot, nnet.runtime.kernels.DoublePackedB.class, nnet.runtime.kernels.DoublePackedB::new);
    }

    private <T> T packed(int slot, Class<T> type, java.util.function.Supplier<T> make) {
        if (slot >= packed.length) {
            packed = java.util.Arrays.copyOf(packed, slot + 1);
        }
        if (packed[slot] == null) {
            packed[slot] = make.get();
        }
        return type.cast(packed[slot]);
    }

    /** Runs one program (see the model's metadata for their indices) over the current inputs. */
    public abstract void run(int program);

    /**
     * One optimizer step over the gradients of the last gradients program. {@code hyper} holds the
     * step's run-time hyper-parameters in the order the optimizer's metadata lists them (learning rate
     * first), so that schedules need no recompilation.
     */
    public abstract void update(double[] hyper);

    /** The arena arrays of one executable: temporaries of every dtype. */
    public static final class Arena {
        public final float[] f32;
        public final double[] f64;
        public final int[] i32;

        public Arena(int sizeF, int sizeD, int sizeI) {
            f32 = new float[sizeF];
            f64 = new double[sizeD];
            i32 = new int[sizeI];
        }
    }
}
