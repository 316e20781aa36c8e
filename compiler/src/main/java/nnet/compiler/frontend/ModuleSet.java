package nnet.compiler.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import nnet.compiler.ast.Decl;
import nnet.compiler.ast.Module;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.SourceFile;

/**
 * The user's module and the standard-library modules it reaches: the prelude, always, and whatever
 * it imports (stdlib modules are class-path resources {@code nnet/stdlib/NAME.nnet}).
 */
final class ModuleSet {
    static final String PRELUDE = "prelude";
    private static final String STDLIB_PATH = "nnet/stdlib/";

    private final Diagnostics diagnostics;
    private final Map<String, Module> stdlib = new LinkedHashMap<>();
    private final Module main;

    ModuleSet(Module main, Diagnostics diagnostics) {
        this.main = main;
        this.diagnostics = diagnostics;
        load(PRELUDE, null);
        for (Decl.Import imp : main.imports()) {
            load(imp.module(), imp);
        }
    }

    private void load(String name, Decl.Import site) {
        if (stdlib.containsKey(name)) {
            return;
        }
        String text = readResource(name);
        if (text == null) {
            if (site != null) {
                diagnostics.error(site.span(), "no standard-library module named '" + name + "'");
            } else {
                throw new IllegalStateException("the standard library is missing module " + name);
            }
            return;
        }
        Module m = Parser.parse(name, new SourceFile("<stdlib>/" + name + ".nnet", text), diagnostics);
        stdlib.put(name, m);
        for (Decl.Import imp : m.imports()) {
            load(imp.module(), imp);
        }
    }

    private static String readResource(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z_0-9]*")) {
            return null;
        }
        try (InputStream in = ModuleSet.class.getClassLoader().getResourceAsStream(STDLIB_PATH + name + ".nnet")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read standard-library module " + name, e);
        }
    }

    Module main() {
        return main;
    }

    Module prelude() {
        return stdlib.get(PRELUDE);
    }

    /** A standard-library module by name, or null. */
    Module module(String name) {
        return stdlib.get(name);
    }

    /** Whether {@code from} imports {@code name} (the prelude imports nothing implicitly). */
    boolean imports(Module from, String name) {
        return from.imports().stream().anyMatch(i -> i.module().equals(name));
    }
}
