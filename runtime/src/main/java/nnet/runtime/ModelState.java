package nnet.runtime;

/**
 * Everything a model keeps across steps and shares between its executables for different batch sizes:
 * parameters, their gradients, the optimizer's state and the model's state buffers, each as one flat
 * array per dtype so that the optimizer update is a single loop. Parameters with gradients come first
 * in each array.
 */
public final class ModelState {
    public final float[] paramsF;
    public final double[] paramsD;
    public final float[] gradsF;
    public final double[] gradsD;
    /** Optimizer slots (momentum, second moment...): slots[k] is laid out like the parameters. */
    public final float[][] slotsF;
    public final double[][] slotsD;
    /** State buffers (running statistics...), which programs read and write but nothing trains. */
    public final float[] stateF;
    public final double[] stateD;
    public final int[] stateI;
    /** Optimizer steps taken so far (Adam's t); random ops draw new numbers at every step. */
    public long step;
    /** The seed of the random ops (dropout...), set when the model is initialised. */
    public long seed;

    public ModelState(int sizeF, int sizeD, int trainableF, int trainableD, int slots, int[] stateSizes) {
        stateF = new float[stateSizes[DType.F32.ordinal()]];
        stateD = new double[stateSizes[DType.F64.ordinal()]];
        stateI = new int[stateSizes[DType.I32.ordinal()]];
        paramsF = new float[sizeF];
        paramsD = new double[sizeD];
        gradsF = new float[trainableF];
        gradsD = new double[trainableD];
        slotsF = new float[slots][trainableF];
        slotsD = new double[slots][trainableD];
    }
}
