package nnet.compiler.check;

import static nnet.compiler.check.Shapes.axis;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of joining, cutting and rearranging: cat, stack, split, chunk, pad in every mode,
 * flip, roll, repeat and expand, over random shapes, dims and sizes (negative pads, shifts beyond the
 * dim, pieces that no gradient reaches).
 */
class LayoutGradientTest {
    private static final int TRIES = 40;

    private static void check(String name, Function<Random, ModelCase> generator) {
        OpGradientTest.check(name, TRIES, generator, GradientCheck.TOLERANCE);
    }

    private static List<String> shape(Random rnd, int minRank, int maxRank) {
        return OpGradientTest.shape(rnd, minRank, maxRank);
    }

    private static int size(List<String> shape, int axis) {
        return Integer.parseInt(shape.get(axis));
    }

    private static String list(List<?> items) {
        List<String> text = new ArrayList<>();
        items.forEach(i -> text.add(String.valueOf(i)));
        return "[" + String.join(", ", text) + "]";
    }

    @Test
    void cat() {
        check("cat", rnd -> {
            CaseBuilder b = new CaseBuilder("cat", rnd);
            List<String> s = shape(rnd, 1, 3);
            int d = rnd.nextInt(s.size());
            int count = 1 + rnd.nextInt(3);
            List<String> names = new ArrayList<>();
            int total = 0;
            for (int k = 0; k < count; k++) {
                List<String> own = new ArrayList<>(s);
                own.set(d, String.valueOf(1 + rnd.nextInt(3)));
                total += size(own, d);
                names.add(b.operand("x" + k, own, Values.uniform(-2, 2)));
            }
            List<String> out = new ArrayList<>(s);
            out.set(d, String.valueOf(total));
            String tensors = rnd.nextBoolean() ? list(names) : "(" + String.join(", ", names) + ",)";
            String dim = d == 0 && rnd.nextBoolean() ? "" : ", " + (rnd.nextBoolean() ? "dim = " : "") + axis(rnd, d, s.size());
            return b.weightedLoss(b.let("y", "cat(" + tensors + dim + ")"), out);
        });
    }

    @Test
    void stack() {
        check("stack", rnd -> {
            CaseBuilder b = new CaseBuilder("stack", rnd);
            List<String> s = shape(rnd, 0, 3);
            int count = 1 + rnd.nextInt(3);
            List<String> names = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                names.add(b.operand("x" + k, s, Values.uniform(-2, 2)));
            }
            int d = rnd.nextInt(s.size() + 1);
            List<String> out = new ArrayList<>(s);
            out.add(d, String.valueOf(count));
            return b.weightedLoss(b.let("y", "stack(" + list(names) + ", " + axis(rnd, d, s.size() + 1) + ")"), out);
        });
    }

    /** split or chunk into pieces; the loss weighs some pieces and leaves the others unused. */
    @Test
    void splitAndChunk() {
        check("split/chunk", rnd -> {
            CaseBuilder b = new CaseBuilder("split/chunk", rnd);
            List<String> s = Shapes.random(rnd, 1 + rnd.nextInt(3), 6);
            int d = rnd.nextInt(s.size());
            int n = size(s, d);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            List<Integer> sizes = new ArrayList<>();
            String call;
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    int piece = 1 + rnd.nextInt(n);
                    for (int at = 0; at < n; at += piece) {
                        sizes.add(Math.min(piece, n - at));
                    }
                    call = "split(" + x + ", " + piece + ", " + axis(rnd, d, s.size()) + ")";
                }
                case 1 -> {
                    for (int left = n; left > 0; ) {
                        int piece = 1 + rnd.nextInt(left);
                        sizes.add(piece);
                        left -= piece;
                    }
                    call = "split(" + x + ", " + list(sizes) + ", dim = " + axis(rnd, d, s.size()) + ")";
                }
                default -> {
                    int chunks = 1 + rnd.nextInt(n + 1);
                    int piece = (n + chunks - 1) / chunks;
                    for (int at = 0; at < n; at += piece) {
                        sizes.add(Math.min(piece, n - at));
                    }
                    call = "chunk(" + x + ", " + chunks + ", " + axis(rnd, d, s.size()) + ")";
                }
            }
            List<String> targets = new ArrayList<>();
            List<String> terms = new ArrayList<>();
            for (int k = 0; k < sizes.size(); k++) {
                boolean used = k == 0 || rnd.nextInt(3) != 0;
                targets.add(used ? "p" + k : "_");
                if (used) {
                    List<String> piece = new ArrayList<>(s);
                    piece.set(d, String.valueOf(sizes.get(k)));
                    terms.add("sum(p" + k + " * " + b.input("r" + k, piece, Values.uniform(-1, 1)) + ")");
                }
            }
            // A tuple of one is bound whole by a single name, as in Python; its item is taken by index.
            b.statement(String.join(", ", targets) + " = " + call + (sizes.size() == 1 ? "[0]" : ""));
            return b.build(String.join(" + ", terms));
        });
    }

    // ---------------------------------------------------------------- pad

    @Test
    void constantPad() {
        check("pad constant", rnd -> {
            CaseBuilder b = new CaseBuilder("pad constant", rnd);
            List<String> s = shape(rnd, 1, 3);
            int pairs = 1 + rnd.nextInt(s.size());
            List<Integer> pad = new ArrayList<>();
            List<String> out = new ArrayList<>(s);
            for (int k = 0; k < pairs; k++) {
                int d = s.size() - 1 - k;
                int n = size(s, d);
                int before;
                int after;
                do {
                    before = rnd.nextInt(n + 3) - n;
                    after = rnd.nextInt(n + 3) - n;
                } while (n + before + after <= 0);
                pad.add(before);
                pad.add(after);
                out.set(d, String.valueOf(n + before + after));
            }
            String x = b.operand("x", s, Values.uniform(-2, 2));
            String value = rnd.nextBoolean() ? "" : ", value = " + (rnd.nextInt(5) - 2) * 0.5;
            return b.weightedLoss(b.let("y", "pad(" + x + ", " + list(pad) + value + ")"), out);
        });
    }

    /** reflect, replicate and circular, on the ranks PyTorch pads in them, cutting as well as padding. */
    @Test
    void borderPads() {
        check("pad reflect/replicate/circular", rnd -> {
            String mode = List.of("reflect", "replicate", "circular").get(rnd.nextInt(3));
            CaseBuilder b = new CaseBuilder("pad " + mode, rnd);
            int pairs = 1 + rnd.nextInt(3);
            int lead = mode.equals("circular") ? 2 : 1 + rnd.nextInt(2);
            List<String> s = new ArrayList<>(Shapes.random(rnd, lead, 2));
            s.addAll(Shapes.random(rnd, pairs, 4));
            List<Integer> pad = new ArrayList<>();
            List<String> out = new ArrayList<>(s);
            for (int k = 0; k < pairs; k++) {
                int d = s.size() - 1 - k;
                int n = size(s, d);
                int before;
                int after;
                do {
                    before = rnd.nextInt(2 * n + 2) - n;
                    after = rnd.nextInt(2 * n + 2) - n;
                } while (n + before + after <= 0 || Math.max(before, after) > limit(mode, n, before, after));
                pad.add(before);
                pad.add(after);
                out.set(d, String.valueOf(n + before + after));
            }
            String x = b.operand("x", s, Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "pad(" + x + ", " + list(pad) + ", mode = \"" + mode + "\")"), out);
        });
    }

    /** The largest pad PyTorch takes: below the dim for reflect, within what the cuts leave for circular. */
    private static int limit(String mode, int n, int before, int after) {
        return switch (mode) {
            case "reflect" -> n - 1;
            case "circular" -> n - Math.max(0, -before) - Math.max(0, -after);
            default -> n + 1;
        };
    }

    // ---------------------------------------------------------------- flip, roll, repeat, expand

    @Test
    void flip() {
        check("flip", rnd -> {
            CaseBuilder b = new CaseBuilder("flip", rnd);
            List<String> s = shape(rnd, 1, 4);
            List<Integer> perm = Shapes.permutation(rnd, s.size());
            List<String> dims = new ArrayList<>();
            for (int p : perm.subList(0, rnd.nextInt(s.size() + 1))) {
                dims.add(axis(rnd, p, s.size()));
            }
            String x = b.operand("x", s, Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "flip(" + x + ", " + list(dims) + ")"), s);
        });
    }

    @Test
    void roll() {
        check("roll", rnd -> {
            CaseBuilder b = new CaseBuilder("roll", rnd);
            List<String> s = shape(rnd, 1, 3);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            if (rnd.nextInt(3) == 0) {
                return b.weightedLoss(b.let("y", "roll(" + x + ", " + (rnd.nextInt(13) - 6) + ")"), s);
            }
            int count = 1 + rnd.nextInt(s.size() + 1);
            List<Integer> shifts = new ArrayList<>();
            List<String> dims = new ArrayList<>();
            for (int k = 0; k < count; k++) {
                shifts.add(rnd.nextInt(13) - 6);
                dims.add(axis(rnd, rnd.nextInt(s.size()), s.size()));
            }
            return b.weightedLoss(b.let("y", "roll(" + x + ", " + list(shifts) + ", " + list(dims) + ")"), s);
        });
    }

    @Test
    void repeat() {
        check("repeat", rnd -> {
            CaseBuilder b = new CaseBuilder("repeat", rnd);
            List<String> s = shape(rnd, 0, 3);
            int extra = rnd.nextInt(2);
            List<Integer> sizes = new ArrayList<>();
            List<String> out = new ArrayList<>();
            for (int k = 0; k < s.size() + extra; k++) {
                int r = 1 + rnd.nextInt(3);
                sizes.add(r);
                out.add(String.valueOf(r * (k < extra ? 1 : size(s, k - extra))));
            }
            String x = b.operand("x", s, Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "repeat(" + x + ", " + list(sizes) + ")"), out);
        });
    }

    @Test
    void expand() {
        check("expand", rnd -> {
            CaseBuilder b = new CaseBuilder("expand", rnd);
            List<String> target = shape(rnd, 1, 4);
            List<String> s = Shapes.broadcastable(rnd, target, 0.5);
            int lead = target.size() - s.size();
            List<String> sizes = new ArrayList<>();
            for (int k = 0; k < target.size(); k++) {
                boolean kept = k >= lead && target.get(k).equals(s.get(k - lead));
                sizes.add(kept && rnd.nextBoolean() ? "-1" : target.get(k));
            }
            String x = b.operand("x", s, Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "expand(" + x + ", " + list(sizes) + ")"), target);
        });
    }
}
