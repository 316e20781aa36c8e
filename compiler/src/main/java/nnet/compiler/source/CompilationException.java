package nnet.compiler.source;

import java.util.List;

/** Thrown when a source does not compile; holds every diagnostic, in source order of discovery. */
public final class CompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient List<Diagnostic> diagnostics;
    private final int errorCount;

    public CompilationException(List<Diagnostic> diagnostics, int errorCount) {
        super(summary(diagnostics, errorCount));
        this.diagnostics = List.copyOf(diagnostics);
        this.errorCount = errorCount;
    }

    public CompilationException(Diagnostic single) {
        this(List.of(single), 1);
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public int errorCount() {
        return errorCount;
    }

    /** Every diagnostic rendered with its source line, then a count if some were left out. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            sb.append(d.render()).append('\n');
        }
        long shownErrors = diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).count();
        if (errorCount > shownErrors) {
            sb.append("... and ").append(errorCount - shownErrors).append(" more errors\n");
        }
        sb.append(errorCount).append(errorCount == 1 ? " error\n" : " errors\n");
        return sb.toString();
    }

    private static String summary(List<Diagnostic> diagnostics, int errorCount) {
        return diagnostics.isEmpty() ? errorCount + " errors" : diagnostics.get(0).toString()
                + (errorCount > 1 ? " (and " + (errorCount - 1) + " more)" : "");
    }
}
