package nnet.runtime.cli;

/** A confusion matrix as a text table: a row per target class, a column per predicted class. */
final class ConfusionTable {
    private ConfusionTable() {
    }

    static String format(String name, long[][] counts) {
        int width = 1;
        for (long[] row : counts) {
            for (long v : row) {
                width = Math.max(width, Long.toString(v).length());
            }
        }
        width = Math.max(width, Integer.toString(counts.length - 1).length()) + 1;
        int label = Math.max(6, Integer.toString(counts.length - 1).length() + 1);
        StringBuilder sb = new StringBuilder(name).append(" (row: target class, column: predicted class)\n");
        sb.append(" ".repeat(label));
        for (int j = 0; j < counts.length; j++) {
            sb.append(pad(Integer.toString(j), width));
        }
        sb.append('\n');
        for (int i = 0; i < counts.length; i++) {
            sb.append(pad(Integer.toString(i), label - 2)).append("  ");
            for (long v : counts[i]) {
                sb.append(pad(Long.toString(v), width));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }
}
