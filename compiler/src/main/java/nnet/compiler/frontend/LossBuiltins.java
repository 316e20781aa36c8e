package nnet.compiler.frontend;

/**
 * Loss builtins whose PyTorch signatures take optional tensors (weight), which functions written in
 * .nnet cannot leave out. The other losses are in the standard library (losses.nnet). Each takes
 * PyTorch's arguments and defaults.
 */
final class LossBuiltins {
    private LossBuiltins() {
    }

    static void define(Builtins.Definer d) {
        ClassLossBuiltins.define(d);
    }
}
