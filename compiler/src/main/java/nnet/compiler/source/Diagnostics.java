package nnet.compiler.source;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

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

    public void note(Span span, String message) {
        add(Diagnostic.note(span, message));
    }

    public void add(Diagnostic d) {
        if (d.severity() == Severity.ERROR) {
            errors++;
        }
        if (list.size() < LIMIT) {
            list.add(d);
        }
    }

    /** A mark for {@link #rewriteSince}: how many diagnostics are listed so far. */
    public int mark() {
        return list.size();
    }

    /**
     * Replaces each diagnostic listed after {@code mark} by {@code f} of it, keeping its severity, and
     * drops those that then repeat one listed before.
     */
    public void rewriteSince(int mark, UnaryOperator<Diagnostic> f) {
        for (int i = mark; i < list.size(); i++) {
            Diagnostic d = f.apply(list.get(i));
            if (list.subList(0, i).contains(d)) {
                list.remove(i--);
                if (d.severity() == Severity.ERROR) {
                    errors--;
                }
            } else {
                list.set(i, d);
            }
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

    /** The diagnostics listed after {@code mark} (see {@link #mark()}). */
    public List<Diagnostic> since(int mark) {
        return List.copyOf(list.subList(mark, list.size()));
    }

    /** Throws a {@link CompilationException} holding everything so far, if there is any error. */
    public void throwIfErrors() {
        if (hasErrors()) {
            throw new CompilationException(all(), errors);
        }
    }
}
