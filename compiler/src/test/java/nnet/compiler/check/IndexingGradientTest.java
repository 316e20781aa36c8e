package nnet.compiler.check;

import static nnet.compiler.check.Shapes.axis;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Gradient checks of indexing: slices in the language's syntax, narrow, embedding, index_select,
 * gather, take_along_dim and scatter_add, over random shapes, dims, slices and indices (i32 inputs
 * drawn in range). Repeated indices are common at these sizes, so the checks cover gradients that add up.
 */
class IndexingGradientTest {
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

    // ---------------------------------------------------------------- slicing syntax

    /** Python's slice.indices for a positive step: the length of start:stop:step over n items. */
    static int sliceLength(Integer start, Integer stop, int step, int n) {
        int first = start == null ? 0 : Math.max(0, Math.min(n, start < 0 ? start + n : start));
        int end = stop == null ? n : Math.max(0, Math.min(n, stop < 0 ? stop + n : stop));
        return end > first ? (end - first + step - 1) / step : 0;
    }

    /** A random entry for a dim of size n: whole, an int, or a non-empty slice with bounds that may need clamping. */
    static String entry(Random rnd, int n) {
        switch (rnd.nextInt(4)) {
            case 0:
                return ":";
            case 1:
                return String.valueOf(rnd.nextInt(2 * n) - n);
            default:
                while (true) {
                    Integer start = rnd.nextInt(3) == 0 ? null : rnd.nextInt(2 * n + 3) - n - 1;
                    Integer stop = rnd.nextInt(3) == 0 ? null : rnd.nextInt(2 * n + 3) - n - 1;
                    Integer step = rnd.nextInt(3) == 0 ? null : 1 + rnd.nextInt(3);
                    if (sliceLength(start, stop, step == null ? 1 : step, n) > 0) {
                        return (start == null ? "" : start) + ":" + (stop == null ? "" : stop)
                                + (step == null ? "" : ":" + step);
                    }
                }
        }
    }

    @Test
    void slicing() {
        check("slicing", rnd -> {
            CaseBuilder b = new CaseBuilder("slicing", rnd);
            List<String> s = Shapes.random(rnd, 1 + rnd.nextInt(4), 5);
            int rank = s.size();
            // Entries for the first dims, then maybe '...' and entries for the last dims.
            boolean ellipsis = rnd.nextBoolean();
            int before = rnd.nextInt(rank + 1);
            int after = ellipsis ? rnd.nextInt(rank - before + 1) : 0;
            List<String> written = new ArrayList<>();
            for (int d = 0; d < before; d++) {
                written.add(entry(rnd, size(s, d)));
            }
            if (ellipsis || written.isEmpty()) {
                written.add("...");
            }
            for (int d = rank - after; d < rank; d++) {
                written.add(entry(rnd, size(s, d)));
            }
            if (rnd.nextInt(3) == 0) {
                written.add(rnd.nextInt(written.size() + 1), "None");
            }
            String x = b.operand("x", s, Values.uniform(-2, 2));
            String y = b.let("y", x + "[" + String.join(", ", written) + "]");
            return b.weightedLoss(y, resultShape(s, written));
        });
    }

    /** NumPy's basic indexing: the result shape of x[written] for x of shape s. */
    static List<String> resultShape(List<String> s, List<String> written) {
        int consumed = 0;
        for (String w : written) {
            consumed += w.equals("...") || w.equals("None") ? 0 : 1;
        }
        List<String> out = new ArrayList<>();
        int d = 0;
        for (String w : written) {
            if (w.equals("None")) {
                out.add("1");
            } else if (w.equals("...")) {
                for (int k = 0; k < s.size() - consumed; k++) {
                    out.add(s.get(d++));
                }
            } else if (w.contains(":")) {
                String[] parts = (w + " ").split(":", -1);
                Integer start = parts[0].isBlank() ? null : Integer.valueOf(parts[0].trim());
                Integer stop = parts[1].isBlank() ? null : Integer.valueOf(parts[1].trim());
                int step = parts.length < 3 || parts[2].isBlank() ? 1 : Integer.parseInt(parts[2].trim());
                out.add(String.valueOf(sliceLength(start, stop, step, size(s, d++))));
            } else {
                d++;
            }
        }
        out.addAll(s.subList(d, s.size()));
        return out;
    }

    @Test
    void narrow() {
        check("narrow", rnd -> {
            CaseBuilder b = new CaseBuilder("narrow", rnd);
            List<String> s = shape(rnd, 1, 4);
            int d = rnd.nextInt(s.size());
            int n = size(s, d);
            int start = rnd.nextInt(n);
            int length = 1 + rnd.nextInt(n - start);
            String written = rnd.nextBoolean() ? String.valueOf(start) : String.valueOf(start - n);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            List<String> out = new ArrayList<>(s);
            out.set(d, String.valueOf(length));
            return b.weightedLoss(b.let("y", "narrow(" + x + ", " + axis(rnd, d, s.size()) + ", " + written + ", "
                    + length + ")"), out);
        });
    }

    // ---------------------------------------------------------------- selection by indices

    @Test
    void embedding() {
        check("embedding", rnd -> {
            CaseBuilder b = new CaseBuilder("embedding", rnd);
            int num = 1 + rnd.nextInt(5);
            int dim = 1 + rnd.nextInt(4);
            List<String> idShape = shape(rnd, 0, 2);
            String w = b.operand("w", Shapes.of(num, dim), Values.uniform(-2, 2));
            // Sometimes the last row is padding, which the ids avoid: the other rows' gradients are unchanged.
            boolean padding = num > 1 && rnd.nextBoolean();
            String ids = b.labels("ids", idShape, padding ? num - 1 : num);
            String call = "embedding(" + ids + ", " + w
                    + (padding ? ", padding_idx = " + (rnd.nextBoolean() ? num - 1 : -1) : "") + ")";
            List<String> out = new ArrayList<>(idShape);
            out.add(String.valueOf(dim));
            return b.weightedLoss(b.let("y", call), out);
        });
    }

    @Test
    void indexSelect() {
        check("index_select", rnd -> {
            CaseBuilder b = new CaseBuilder("index_select", rnd);
            List<String> s = shape(rnd, 1, 3);
            int d = rnd.nextInt(s.size());
            List<String> indexShape = rnd.nextInt(4) == 0 ? List.of() : Shapes.random(rnd, 1, 5);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            String index = b.labels("index", indexShape, size(s, d));
            List<String> out = new ArrayList<>(s);
            out.set(d, indexShape.isEmpty() ? "1" : indexShape.get(0));
            return b.weightedLoss(b.let("y", "index_select(" + x + ", " + axis(rnd, d, s.size()) + ", " + index + ")"),
                    out);
        });
    }

    /** A shape for an index along dim d of a tensor of shape s: no larger in the other dims, any size along d. */
    private static List<String> indexShape(Random rnd, List<String> s, int d) {
        List<String> out = new ArrayList<>();
        for (int k = 0; k < s.size(); k++) {
            out.add(String.valueOf(k == d ? 1 + rnd.nextInt(4) : 1 + rnd.nextInt(size(s, k))));
        }
        return out;
    }

    @Test
    void gather() {
        check("gather", rnd -> {
            CaseBuilder b = new CaseBuilder("gather", rnd);
            List<String> s = shape(rnd, 1, 3);
            int d = rnd.nextInt(s.size());
            List<String> is = indexShape(rnd, s, d);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            String index = b.labels("index", is, size(s, d));
            return b.weightedLoss(b.let("y", "gather(" + x + ", " + axis(rnd, d, s.size()) + ", " + index + ")"), is);
        });
    }

    @Test
    void takeAlongDim() {
        check("take_along_dim", rnd -> {
            CaseBuilder b = new CaseBuilder("take_along_dim", rnd);
            List<String> s = shape(rnd, 1, 3);
            String x = b.operand("x", s, Values.uniform(-2, 2));
            if (rnd.nextInt(3) == 0) {
                List<String> is = shape(rnd, 0, 2);
                String index = b.labels("index", is, Shapes.staticNumel(s));
                return b.weightedLoss(b.let("y", "take_along_dim(" + x + ", " + index + ")"),
                        List.of(String.valueOf(Shapes.staticNumel(is))));
            }
            int d = rnd.nextInt(s.size());
            // Dims other than d broadcast: each side may have 1 where the other has more.
            List<String> xs = new ArrayList<>(s);
            List<String> is = new ArrayList<>();
            List<String> out = new ArrayList<>();
            for (int k = 0; k < s.size(); k++) {
                String own = k == d ? String.valueOf(1 + rnd.nextInt(4)) : rnd.nextInt(4) == 0 ? "1" : s.get(k);
                is.add(own);
                out.add(k == d ? own : Shapes.isOne(own) ? s.get(k) : own);
            }
            x = b.operand("x2", xs, Values.uniform(-2, 2));
            String index = b.labels("index", is, size(s, d));
            return b.weightedLoss(b.let("y", "take_along_dim(" + x + ", " + index + ", " + axis(rnd, d, s.size()) + ")"),
                    out);
        });
    }

    @Test
    void scatterAdd() {
        check("scatter_add", rnd -> {
            CaseBuilder b = new CaseBuilder("scatter_add", rnd);
            List<String> s = shape(rnd, 1, 3);
            int d = rnd.nextInt(s.size());
            List<String> is = indexShape(rnd, s, d);
            List<String> src = new ArrayList<>();
            for (String k : is) {
                src.add(String.valueOf(Integer.parseInt(k) + (rnd.nextInt(3) == 0 ? 1 : 0)));
            }
            String x = b.operand("x", s, Values.uniform(-2, 2));
            String index = b.labels("index", is, size(s, d));
            String source = b.operand("src", src, Values.uniform(-2, 2));
            return b.weightedLoss(b.let("y", "scatter_add(" + x + ", " + axis(rnd, d, s.size()) + ", " + index + ", "
                    + source + ")"), s);
        });
    }
}
