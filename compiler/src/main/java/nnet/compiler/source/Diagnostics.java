package nnet.compiler.source;

import java.util.ArrayList;
import java.util.List;

/** Collects diagnostics during one compilation; stops listing after a limit so garbage input stays readable. */
public final class Diagnostics {
    public static final int LIMIT = 50;

    private final List<Diagnostic> list = new ArrayList<>();
    private int errors;

    public void error(Span span, String message) {
        add(Diagnostic.error(span, message));
    }

    public void warning(Span span, String message) {
        add(Diagnostic.warning(span, message));
    }

    public void add(Diagnostic d) {
        if (d.severity() == Severity.ERROR) {
            errors++;
        }
        if (list.size() < LIMIT) {
            list.add(d);
        }
    }

    public boolean hasErrors() {
        return errors > 0;
    }

    public int errorCount() {
        return errors;
    }

    public List<Diagnostic> all() {
        return List.copyOf(list);
    }

    /** Throws a {@link CompilationException} holding everything so far, if there is any error. */
    public void throwIfErrors() {
        if (hasErrors()) {
            throw new CompilationException(all(), errors);
        }
    }
}
