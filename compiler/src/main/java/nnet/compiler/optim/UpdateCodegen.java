package nnet.compiler.optim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nnet.compiler.codegen.Buf;
import nnet.compiler.codegen.CodeLayout;
import nnet.compiler.codegen.ClassGenerator;
import nnet.compiler.codegen.Ix;
import nnet.compiler.codegen.KernelWriter;
import nnet.compiler.codegen.Val;
import nnet.compiler.codegen.Var;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.memory.ModelLayout;
import nnet.runtime.DType;
import nnet.runtime.model.GradientClipping;
import org.objectweb.asm.commons.GeneratorAdapter;

/**
 * The optimizer step as generated code: for each float dtype, one loop over the trainable prefix of the
 * flat parameter array, updating parameters and optimizer state element by element.
 */
public final class UpdateCodegen implements ClassGenerator.UpdateEmitter {
    private final OptimizerRule rule;
    private final GradientClipping clipping;

    public UpdateCodegen(OptimizerRule rule, GradientClipping clipping) {
        this.rule = rule;
        this.clipping = clipping;
    }

    @Override
    public void emit(GeneratorAdapter ga, Map<String, Integer> dimLocals, ModelLayout layout) {
        if (rule == null) {
            return;
        }
        if (clipping != null) {
            clip(ga, dimLocals, layout);
        }
        CodeLayout names = new CodeLayout();
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            int n = layout.trainableSize(t);
            if (n == 0) {
                continue;
            }
            KernelWriter w = new KernelWriter(ga, t, dimLocals);
            TensorType flat = new TensorType(t, Shape.of(n));
            Buf hyper = w.bindArgument(0, new TensorType(DType.F64, Shape.of(2)));
            List<Var> step = new ArrayList<>();
            for (Var v : rule.prologue(w, hyper)) {
                // Per-step values are computed in double, then held in the loop's dtype so that the
                // element loop has no conversions in it.
                step.add(v.dtype() == t ? v : w.var(v.get()));
            }
            Buf param = w.bindArray(names.paramField(t), -1, flat);
            Buf grad = w.bindArray(names.gradField(t), -1, flat);
            List<Buf> slots = new ArrayList<>();
            for (int k = 0; k < rule.slots(); k++) {
                slots.add(w.bindArray(names.slotField(t), k, flat));
            }
            w.loop(Ix.c(0), Ix.c(n), i -> rule.element(w, param, grad, slots, i, step));
        }
    }

    /**
     * Clips the gradients in place before the step, as torch.nn.utils' clip_grad_value_ then
     * clip_grad_norm_: the norm is taken over every trainable gradient of both dtypes, summed in double.
     */
    private void clip(GeneratorAdapter ga, Map<String, Integer> dimLocals, ModelLayout layout) {
        KernelWriter w = new KernelWriter(ga, DType.F64, dimLocals);
        List<Buf> grads = new ArrayList<>();
        for (DType t : new DType[] {DType.F32, DType.F64}) {
            int n = layout.trainableSize(t);
            if (n > 0) {
                grads.add(w.bindArray(new CodeLayout().gradField(t), -1, new TensorType(t, Shape.of(n))));
            }
        }
        if (clipping.maxValue() > 0) {
            Val bound = Val.c(clipping.maxValue());
            for (Buf g : grads) {
                w.loop(Ix.c(0), w.numel(g.type().shape()), i -> w.store(g, i, w.load(g, i).max(bound.neg()).min(bound)));
            }
        }
        if (clipping.maxNorm() > 0) {
            Var squares = w.newVar(DType.F64);
            w.set(squares, Val.c(0));
            for (Buf g : grads) {
                w.loop(Ix.c(0), w.numel(g.type().shape()), i -> w.set(squares,
                        squares.get().plus(w.load(g, i).times(w.load(g, i)))));
            }
            Var scale = w.newVar(DType.F64);
            w.set(scale, Val.c(clipping.maxNorm()).div(squares.get().sqrt().plus(Val.c(1e-6))).min(Val.c(1)));
            for (Buf g : grads) {
                w.loop(Ix.c(0), w.numel(g.type().shape()), i -> w.store(g, i, w.load(g, i).times(scale.get())));
            }
        }
    }

    public int slots() {
        return rule == null ? 0 : rule.slots();
    }
}
