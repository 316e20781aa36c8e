package nnet.runtime.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nnet.runtime.DType;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ParamInfo;
import nnet.runtime.model.ProgramInfo;
import nnet.runtime.model.Size;
import nnet.runtime.memory.MemoryNeeds;
import nnet.runtime.memory.ByteSize;

/**
 * What a model costs: the totals of its parameters, its floating-point operations per example (as the
 * compiler counted them: a multiply-add is 2) and the memory it needs at a given batch size, program by
 * program. Run-time dims other than the batch are taken as 1, and said so.
 */
final class CostLines {
    private CostLines() {
    }

    static String of(ModelInfo info) {
        StringBuilder sb = new StringBuilder();
        long all = info.parameterCount();
        long trainable = info.params().stream().filter(ParamInfo::trainable).mapToLong(ParamInfo::size).sum();
        sb.append(String.format(Locale.ROOT, "Parameters: %,d (%s): trainable %,d, frozen %,d%n", all,
                ByteSize.format(paramBytes(info), 1), trainable, all - trainable));
        sb.append(String.format(Locale.ROOT, "State buffers: %,d elements%n", LayerTable.stateElements(info)));
        String batch = MemoryNeeds.batchDim(info);
        if (info.program(ProgramInfo.PREDICT).isPresent()) {
            flops(sb, info, ProgramInfo.PREDICT, "forward (predict)", batch);
        } else {
            // A model without outputs has no predict program; its forward pass is the loss's.
            flops(sb, info, ProgramInfo.EVALUATE, "forward (evaluate: loss and metrics)", batch);
        }
        flops(sb, info, ProgramInfo.TRAIN, "training step (forward and backward)", batch);
        memory(sb, info);
        return sb.toString();
    }

    private static void flops(StringBuilder sb, ModelInfo info, String program, String what, String batch) {
        List<Size> terms = info.flops().get(program);
        if (terms == null || terms.isEmpty()) {
            return;
        }
        sb.append("FLOPs, ").append(what).append(": ").append(formatFlops(terms, info.dims(), batch)).append('\n');
    }

    /** "18,816 per example", "2,048·t per example + 1,290 per batch" when terms have other dims or none. */
    static String formatFlops(List<Size> terms, List<String> dims, String batch) {
        int b = dims.indexOf(batch);
        List<String> perExample = new ArrayList<>();
        List<String> perBatch = new ArrayList<>();
        for (Size s : terms) {
            List<String> rest = new ArrayList<>();
            boolean hasBatch = false;
            for (int d : s.dims()) {
                if (d == b && !hasBatch) {
                    hasBatch = true;
                } else {
                    rest.add(dims.get(d));
                }
            }
            String text = String.format(Locale.ROOT, "%,d", s.factor()) + (rest.isEmpty() ? "" : "·" + String.join("·", rest));
            (hasBatch ? perExample : perBatch).add(text);
        }
        String out = combine(perExample, " per example");
        String step = combine(perBatch, " per batch");
        return out.isEmpty() ? step : step.isEmpty() ? out : out + " + " + step;
    }

    private static String combine(List<String> parts, String unit) {
        if (parts.isEmpty()) {
            return "";
        }
        return (parts.size() == 1 ? parts.get(0) : "(" + String.join(" + ", parts) + ")") + unit;
    }

    private static void memory(StringBuilder sb, ModelInfo info) {
        int[] dimValues = MemoryNeeds.trainingDims(info);
        List<String> bound = new ArrayList<>();
        for (int i = 0; i < dimValues.length; i++) {
            bound.add(info.dims().get(i) + "=" + dimValues[i]);
        }
        long trainableBytes = 0;
        for (DType t : DType.values()) {
            trainableBytes += (long) info.trainableSize(t) * t.bytes();
        }
        sb.append("Memory").append(bound.isEmpty() ? "" : " with " + String.join(", ", bound)).append(": parameters ")
                .append(ByteSize.format(paramBytes(info), 1));
        if (info.program(ProgramInfo.TRAIN).isPresent()) {
            sb.append(", gradients ").append(ByteSize.format(trainableBytes, 1)).append(", optimizer state ")
                    .append(ByteSize.format(trainableBytes * info.slots(), 1));
        }
        sb.append('\n');
        for (ProgramInfo p : info.programs()) {
            sb.append("  program ").append(p.name()).append(": arena ").append(ByteSize.format(MemoryNeeds.arenaBytes(p, dimValues), 1))
                    .append(" in ").append(p.buffers().size()).append(" buffers, ").append(p.kernels())
                    .append(" kernels, inputs and outputs ").append(ByteSize.format(ioBytes(info, p, dimValues), 1))
                    .append('\n');
        }
    }

    private static long ioBytes(ModelInfo info, ProgramInfo p, int[] dimValues) {
        long total = 0;
        for (IoInfo io : info.io()) {
            if (p.reads().contains(io.slot()) || p.writes().contains(io.slot())) {
                long n = 1;
                for (Size s : io.shape()) {
                    n *= s.eval(dimValues);
                }
                total += n * io.dtype().bytes();
            }
        }
        return total;
    }

    private static long paramBytes(ModelInfo info) {
        return info.params().stream().mapToLong(p -> (long) p.size() * p.dtype().bytes()).sum();
    }
}
