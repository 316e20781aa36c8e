package nnet.compiler.frontend;

import static nnet.compiler.frontend.Signature.Kind.FLOAT;
import static nnet.compiler.frontend.Signature.Kind.INTS;
import static nnet.compiler.frontend.Signature.Kind.TENSOR;
import static nnet.compiler.frontend.Signature.oneOf;
import static nnet.compiler.frontend.Signature.optional;
import static nnet.compiler.frontend.Signature.required;

import java.util.ArrayList;
import java.util.List;
import nnet.compiler.ir.Dim;
import nnet.compiler.ir.Shape;
import nnet.compiler.ir.TensorType;
import nnet.compiler.ops.shape.AxisMap;
import nnet.compiler.ops.shape.Remap;
import nnet.compiler.ops.shape.Unmap;

/**
 * {@code torch.nn.functional.pad(input, pad, mode, value)} as PyTorch 1.13 defines it: {@code pad} holds
 * (before, after) pairs from the last dim backwards; negative sizes cut. "constant" fills with the value
 * (a cut, then the input written into a filled tensor); "reflect", "replicate" and "circular" read the
 * border through folded coordinates, one copy whose gradient adds back what was read more than once.
 * The non-constant modes take the ranks PyTorch takes.
 */
final class PadCall {
    private static final String[] MODES = {"constant", "reflect", "replicate", "circular"};

    private PadCall() {
    }

    static void define(Builtins.Definer d) {
        d.def("pad", Signature.of(required("input", TENSOR), required("pad", INTS), oneOf("mode", MODES),
                optional("value", FLOAT, Signature.NONE)), PadCall::pad);
    }

    private static Value pad(CallSite c) {
        TensorType t = c.type(0);
        Shape s = t.shape();
        List<Long> pad = c.intsArg(1);
        String mode = ((Value.Str) c.arg(2)).value();
        if (pad.size() % 2 != 0) {
            return c.error(1, "pad takes (before, after) pairs of sizes, got an odd number: " + pad.size());
        }
        if (pad.size() > 2 * s.rank()) {
            return c.error(1, "pad has " + pad.size() / 2 + " pairs, more than the " + s.rank() + " dims of " + t);
        }
        long[][] sides = new long[s.rank()][2];
        for (int k = 0; k < pad.size(); k++) {
            sides[s.rank() - 1 - k / 2][k % 2] = pad.get(k);
        }
        for (int d = 0; d < s.rank(); d++) {
            Value bad = checkDim(c, s.dim(d), d, sides[d], mode);
            if (bad != null) {
                return bad;
            }
        }
        if (mode.equals("constant")) {
            return constant(c, sides, c.given(3) ? c.floatArg(3) : 0);
        }
        Value bad = checkMode(c, mode, pad.size() / 2, t);
        return bad != null ? bad : folded(c, sides, mode);
    }

    /** The sizes of one dim: padded dims must be known, and something must remain; null when fine. */
    private static Value checkDim(CallSite c, Dim n, int axis, long[] side, String mode) {
        if (side[0] == 0 && side[1] == 0) {
            return null;
        }
        if (!n.isStatic()) {
            return c.error(1, "cannot pad dim " + axis + " of size " + n + ", bound at run time");
        }
        long size = n.value() + side[0] + side[1];
        if (size <= 0) {
            return c.error(1, "padding dim " + axis + " of size " + n + " by (" + side[0] + ", " + side[1]
                    + ") leaves no elements");
        }
        long cut = Math.max(0, -side[0]) + Math.max(0, -side[1]);
        long limit = mode.equals("reflect") ? n.value() - 1 : n.value() - cut;
        if (!mode.equals("constant") && !mode.equals("replicate") && Math.max(side[0], side[1]) > limit) {
            return c.error(1, "padding dim " + axis + " of size " + n + " by (" + side[0] + ", " + side[1]
                    + ") in mode \"" + mode + "\" needs pads of at most " + limit);
        }
        return null;
    }

    /**
     * The ranks PyTorch 1.13 pads in the other modes: k padded dims (1 to 3) after one or two others for
     * "reflect" and "replicate", and after exactly two (batch and channels) for "circular".
     */
    private static Value checkMode(CallSite c, String mode, int padded, TensorType t) {
        if (c.given(3) && c.floatArg(3) != 0) {
            return c.error(3, "pad mode \"" + mode + "\" takes no value");
        }
        int rank = t.rank();
        boolean circular = mode.equals("circular");
        boolean fits = circular ? rank == padded + 2 : rank == padded + 1 || rank == padded + 2;
        boolean ok = padded >= 1 && padded <= 3 && fits;
        if (ok) {
            return null;
        }
        String ranks = circular ? "rank " + (padded + 2) : "rank " + (padded + 1) + " or " + (padded + 2);
        return c.error(1, "pad mode \"" + mode + "\" pads the last 1, 2 or 3 dims" + (circular
                ? " of a tensor with 2 dims before them" : " of a tensor with 1 or 2 dims before them") + "; "
                + (padded == 1 ? "1 pair needs" : padded + " pairs need") + " a tensor of " + ranks + ", got " + t);
    }

    /** The size left of each padded dim after its negative sides cut; unpadded dims are left out (-1). */
    private static long[] kept(Shape s, long[][] sides) {
        long[] out = new long[s.rank()];
        for (int d = 0; d < s.rank(); d++) {
            boolean padded = sides[d][0] != 0 || sides[d][1] != 0;
            out[d] = padded ? s.dim(d).value() - Math.max(0, -sides[d][0]) - Math.max(0, -sides[d][1]) : -1;
        }
        return out;
    }

    /** Maps that cut the negative sides away, or null when no side is negative. */
    private static List<AxisMap> cuts(Shape s, long[][] sides, long[] kept) {
        List<AxisMap> maps = new ArrayList<>();
        boolean any = false;
        for (int d = 0; d < s.rank(); d++) {
            any |= sides[d][0] < 0 || sides[d][1] < 0;
            maps.add(kept[d] < 0 ? AxisMap.all(s.dim(d)) : AxisMap.Affine.of(Math.max(0, -sides[d][0]), 1, kept[d]));
        }
        return any ? maps : null;
    }

    /** The input with its negative sides cut, in the graph (the input itself when nothing is cut). */
    private static int cut(CallSite c, long[][] sides, long[] kept) {
        List<AxisMap> maps = cuts(c.type(0).shape(), sides, kept);
        return maps == null ? c.node(0) : c.model.graph.add(new Remap("pad", maps), c.node(0));
    }

    /** Cuts (negative sizes) as a slice, then writes what is left into a tensor filled with the value. */
    private static Value constant(CallSite c, long[][] sides, double value) {
        Shape s = c.type(0).shape();
        Shape shape = padded(s, sides);
        long[] kept = kept(s, sides);
        for (long k : kept) {
            if (k == 0 || k < -1) {
                // Everything of the input is cut away along a dim: only the value remains.
                return c.model.guarded(c.span, () -> c.model.build.expand(c.model.build.constant(value,
                        c.type(0).dtype()), shape));
            }
        }
        List<AxisMap> place = new ArrayList<>();
        boolean grows = false;
        for (int d = 0; d < s.rank(); d++) {
            place.add(kept[d] < 0 ? AxisMap.all(s.dim(d)) : AxisMap.Affine.of(Math.max(0, sides[d][0]), 1, kept[d]));
            grows |= sides[d][0] > 0 || sides[d][1] > 0;
        }
        boolean grown = grows;
        return c.model.guarded(c.span, () -> {
            int x = cut(c, sides, kept);
            return grown ? c.model.graph.add(new Unmap("pad", place, shape, value), x) : x;
        });
    }

    /** The shape after padding; the dims padded are known (checked before). */
    private static Shape padded(Shape s, long[][] sides) {
        List<Dim> out = new ArrayList<>();
        for (int d = 0; d < s.rank(); d++) {
            boolean same = sides[d][0] == 0 && sides[d][1] == 0;
            out.add(same ? s.dim(d) : Dim.of(s.dim(d).value() + sides[d][0] + sides[d][1]));
        }
        return new Shape(out);
    }

    /**
     * The border modes as one copy through folded coordinates. "reflect" and "replicate" fold about the
     * input's own edges, even where a negative side cuts; "circular" wraps around what is left after the
     * cuts, as PyTorch does, so it cuts first.
     */
    private static Value folded(CallSite c, long[][] sides, String mode) {
        Shape s = c.type(0).shape();
        boolean circular = mode.equals("circular");
        AxisMap.Fold fold = circular ? AxisMap.Fold.WRAP
                : mode.equals("reflect") ? AxisMap.Fold.REFLECT : AxisMap.Fold.CLAMP;
        long[] kept = kept(s, sides);
        List<AxisMap> maps = new ArrayList<>();
        for (int d = 0; d < s.rank(); d++) {
            Dim n = s.dim(d);
            long before = circular ? Math.max(0, sides[d][0]) : sides[d][0];
            maps.add(kept[d] < 0 ? AxisMap.all(n)
                    : new AxisMap.Border(fold, before, Dim.of(n.value() + sides[d][0] + sides[d][1])));
        }
        return c.model.guarded(c.span, () -> c.model.graph.add(new Remap("pad", maps),
                circular ? cut(c, sides, kept) : c.node(0)));
    }
}
