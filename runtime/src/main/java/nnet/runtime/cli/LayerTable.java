package nnet.runtime.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nnet.runtime.model.IoInfo;
import nnet.runtime.model.LayerInfo;
import nnet.runtime.model.ModelInfo;
import nnet.runtime.model.ParamInfo;

/**
 * The model as a table in the manner of Keras' summary: its inputs, each call that declares parameters
 * with what it returns and how many parameters it holds, then its outputs, loss and metrics. A call made
 * inside another is indented under it and named relative to it ({@code downsample.0} in {@code layer2}).
 */
final class LayerTable {
    private record Row(String name, String shape, String params, String line) {
    }

    private LayerTable() {
    }

    static String of(ModelInfo info) {
        List<Row> rows = new ArrayList<>();
        for (IoInfo io : info.io(IoInfo.Kind.INPUT)) {
            rows.add(new Row(io.name() + " (input)", io.describe(info.dims()), "", ""));
        }
        List<String> enclosing = new ArrayList<>();
        for (LayerInfo l : info.layers()) {
            enclosing.removeIf(e -> !l.scope().startsWith(e + "."));
            String parent = enclosing.isEmpty() ? "" : enclosing.get(enclosing.size() - 1) + ".";
            String name = "  ".repeat(enclosing.size()) + l.scope().substring(parent.length()) + " (" + l.function() + ")";
            rows.add(new Row(name, l.output(), count(parameters(info, l.scope() + ".")), l.line() > 0 ? "" + l.line() : ""));
            enclosing.add(l.scope());
        }
        long own = info.params().stream().filter(p -> outsideLayers(info, p.name())).mapToLong(ParamInfo::size).sum();
        if (own > 0) {
            rows.add(new Row("(the model's own parameters)", "", count(own), ""));
        }
        for (IoInfo.Kind kind : List.of(IoInfo.Kind.OUTPUT, IoInfo.Kind.LOSS, IoInfo.Kind.METRIC)) {
            for (IoInfo io : info.io(kind)) {
                String what = kind == IoInfo.Kind.LOSS ? "" : " (" + kind.name().toLowerCase(Locale.ROOT) + ")";
                rows.add(new Row(io.name() + what, io.describe(info.dims()), "", ""));
            }
        }
        return render(rows);
    }

    private static String render(List<Row> rows) {
        Row header = new Row("Layer (function)", "Output shape", "Param #", "Line");
        int[] w = {header.name().length(), header.shape().length(), header.params().length(), header.line().length()};
        for (Row r : rows) {
            w[0] = Math.max(w[0], r.name().length());
            w[1] = Math.max(w[1], r.shape().length());
            w[2] = Math.max(w[2], r.params().length());
        }
        int total = w[0] + w[1] + w[2] + w[3] + 6;
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        sb.append("-".repeat(total)).append('\n');
        rows.forEach(r -> line(sb, r, w));
        sb.append("=".repeat(total)).append('\n');
        return sb.toString();
    }

    private static void line(StringBuilder sb, Row r, int[] w) {
        String text = pad(r.name(), w[0]) + "  " + pad(r.shape(), w[1]) + "  " + padLeft(r.params(), w[2]) + "  "
                + padLeft(r.line(), w[3]);
        sb.append(text.stripTrailing()).append('\n');
    }

    /** Parameters and state buffers whose names start with the prefix. */
    static long parameters(ModelInfo info, String prefix) {
        long n = 0;
        for (ParamInfo p : info.params()) {
            n += p.name().startsWith(prefix) ? p.size() : 0;
        }
        return n;
    }

    static long stateElements(ModelInfo info) {
        return info.states().stream().mapToLong(s -> nnet.runtime.Tensor.numel(s.shape())).sum();
    }

    private static boolean outsideLayers(ModelInfo info, String param) {
        return info.layers().stream().noneMatch(l -> param.startsWith(l.scope() + "."));
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String pad(String s, int w) {
        return s + " ".repeat(Math.max(0, w - s.length()));
    }

    private static String padLeft(String s, int w) {
        return " ".repeat(Math.max(0, w - s.length())) + s;
    }
}
