package nnet.compiler.frontend;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nnet.compiler.ast.Decl;
import nnet.compiler.ast.Module;
import nnet.compiler.source.Diagnostics;
import nnet.compiler.source.SourceFile;

/**
 * The user's file and the modules it reaches: the prelude, always, and whatever it imports, directly or
 * through other modules. Standard-library modules are class-path resources {@code nnet/stdlib/NAME.nnet}
 * and take precedence: {@code import nn} is always the standard library's, and a file nn.nnet where
 * user modules are looked for is reported rather than silently ignored. User modules are
 * {@link ImportPath found} beside the importing file or in the import path; only their functions are
 * visible, and an import cycle among them is an error.
 */
final class ModuleSet {
    static final String PRELUDE = "prelude";
    /** The files of the prelude: every model sees their functions without an import. */
    static final List<String> PRELUDE_PARTS = List.of(PRELUDE, "activations", "losses", "normalization", "metrics", "attention");
    /**
     * Files that a standard-library module is made of besides NAME.nnet, read from NAME/PART.nnet: one
     * module to import, kept in files of a readable size.
     */
    private static final Map<String, List<String>> MODULE_PARTS = Map.of("nn", List.of("transformer", "gpt", "moe"));
    private static final String STDLIB_PATH = "nnet/stdlib/";
    /** The standard-library modules meant to be imported, offered as suggestions for a misspelt import. */
    private static final List<String> IMPORTABLE = List.of("nn");

    private final Diagnostics diagnostics;
    private final ImportPath path;
    private final Module main;
    private final Map<String, Module> stdlib = new LinkedHashMap<>();
    private final Map<Path, Module> userModules = new LinkedHashMap<>();
    /** The directory and real path of each module read from a file (the main one too, if it is a file). */
    private final Map<Module, Path> directories = new IdentityHashMap<>();
    private final Map<Module, Path> realPaths = new IdentityHashMap<>();
    private final Map<Module, Map<String, Module>> imported = new IdentityHashMap<>();
    private final Map<Module, Set<String>> failed = new IdentityHashMap<>();
    /** The modules whose imports are being resolved, outermost first, to report cycles. */
    private final List<Module> resolving = new ArrayList<>();
    private boolean syntaxErrors;
    private boolean importErrors;

    /** {@code mainFile} is the path the main module was read from, or null for a source given as text. */
    ModuleSet(Module main, Path mainFile, ImportPath path, Diagnostics diagnostics) {
        this.main = main;
        this.path = path;
        this.diagnostics = diagnostics;
        if (mainFile != null) {
            directories.put(main, directoryOf(mainFile));
            realPaths.put(main, realPath(mainFile));
        }
        PRELUDE_PARTS.forEach(this::loadStdlib);
        resolve(main);
    }

    private static Path directoryOf(Path file) {
        return file.getParent() == null ? Path.of("") : file.getParent();
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private void resolve(Module from) {
        Map<String, Module> table = new LinkedHashMap<>();
        imported.put(from, table);
        failed.put(from, new HashSet<>());
        resolving.add(from);
        for (Decl.Import imp : from.imports()) {
            Module m = isStdlib(from) ? stdlibImport(imp) : userImport(from, imp);
            Module earlier = table.get(imp.alias());
            if (earlier != null && earlier != m || failed.get(from).contains(imp.alias())) {
                diagnostics.error(imp.span(), "'" + imp.alias() + "' already names an imported module in this file");
            } else if (m == null) {
                failed.get(from).add(imp.alias());
                importErrors = true;
            } else {
                table.put(imp.alias(), m);
            }
        }
        resolving.remove(resolving.size() - 1);
    }

    private Module stdlibImport(Decl.Import imp) {
        Module m = loadStdlib(imp.module());
        if (m == null) {
            diagnostics.error(imp.span(), "no standard-library module named '" + imp.module() + "'");
        }
        return m;
    }

    private Module loadStdlib(String name) {
        if (stdlib.containsKey(name)) {
            return stdlib.get(name);
        }
        String text = readResource(name);
        if (text == null) {
            if (PRELUDE_PARTS.contains(name)) {
                throw new IllegalStateException("the standard library is missing its prelude file " + name);
            }
            return null;
        }
        Module m = parse(name, new SourceFile("<stdlib>/" + name + ".nnet", text));
        List<Decl> decls = new ArrayList<>(m.decls());
        for (String part : MODULE_PARTS.getOrDefault(name, List.of())) {
            String file = name + "/" + part;
            decls.addAll(parse(name, new SourceFile("<stdlib>/" + file + ".nnet", readPart(file))).decls());
        }
        m = new Module(name, m.source(), List.copyOf(decls));
        stdlib.put(name, m);
        resolve(m);
        return m;
    }

    private Module userImport(Module from, Decl.Import imp) {
        String name = imp.module();
        ImportPath.Found found = path.find(name, directories.get(from));
        if (readResource(name) != null) {
            if (found != null && !found.real().equals(realPaths.get(from))) {
                diagnostics.error(imp.span(), "'" + name + "' is a standard-library module, and " + found.file()
                        + " would shadow it; rename that file (standard-library modules take precedence)");
            }
            return loadStdlib(name);
        }
        if (found == null) {
            diagnostics.error(imp.span(), unknown(name, from));
            return null;
        }
        if (found.refused() != null) {
            diagnostics.error(imp.span(), "module '" + name + "': " + found.refused());
            return null;
        }
        Module m = userModules.get(found.real());
        Module cycleStart = m != null ? m : found.real().equals(realPaths.get(main)) ? main : null;
        if (cycleStart != null && resolving.contains(cycleStart)) {
            diagnostics.error(imp.span(), "import cycle: " + cycle(cycleStart));
            return null;
        }
        return m != null ? m : loadUser(name, found, imp);
    }

    private String unknown(String name, Module from) {
        List<String> candidates = new ArrayList<>(IMPORTABLE);
        candidates.addAll(path.moduleNames(directories.get(from)));
        String s = Suggest.closest(name, candidates);
        return "no module named '" + name + "': it is not in the standard library, and "
                + path.searched(name, directories.get(from), from.source().name())
                + (s == null ? "" : "; did you mean '" + s + "'?");
    }

    private String cycle(Module start) {
        List<String> names = new ArrayList<>();
        for (Module m : resolving.subList(resolving.indexOf(start), resolving.size())) {
            names.add(m == main ? main.source().name() : m.name());
        }
        names.add(names.get(0));
        return String.join(" -> ", names);
    }

    private Module loadUser(String name, ImportPath.Found found, Decl.Import imp) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(found.real());
        } catch (IOException e) {
            diagnostics.error(imp.span(), "module '" + name + "': cannot read " + found.file() + ": " + e.getMessage());
            return null;
        }
        int errors = diagnostics.errorCount();
        SourceFile source = SourceFile.fromBytes(found.file().toString(), bytes, diagnostics::add);
        if (diagnostics.errorCount() > errors) {
            return null;
        }
        Module m = parse(name, source);
        userModules.put(found.real(), m);
        directories.put(m, directoryOf(found.file()));
        realPaths.put(m, found.real());
        resolve(m);
        return m;
    }

    private Module parse(String name, SourceFile source) {
        int errors = diagnostics.errorCount();
        Module m = Parser.parse(name, source, diagnostics);
        syntaxErrors |= diagnostics.errorCount() > errors;
        return m;
    }

    private static String readResource(String name) {
        return name.matches("[A-Za-z_][A-Za-z_0-9]*") ? readStdlibFile(name) : null;
    }

    private static String readPart(String file) {
        String text = readStdlibFile(file);
        if (text == null) {
            throw new IllegalStateException("the standard library is missing its file " + file + ".nnet");
        }
        return text;
    }

    /** The text of nnet/stdlib/FILE.nnet on the class path, or null when there is none. */
    private static String readStdlibFile(String file) {
        try (InputStream in = ModuleSet.class.getClassLoader().getResourceAsStream(STDLIB_PATH + file + ".nnet")) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read standard-library file " + file, e);
        }
    }

    Module main() {
        return main;
    }

    /** The prelude's files. */
    List<Module> prelude() {
        return PRELUDE_PARTS.stream().map(stdlib::get).toList();
    }

    /** Whether an imported module has a syntax error; its functions cannot be elaborated then. */
    boolean hasSyntaxErrors() {
        return syntaxErrors;
    }

    /** Whether some import failed; the calls of its functions then fail without a report of their own. */
    boolean hasImportErrors() {
        return importErrors;
    }

    /** The user modules read, in the order they were first imported. */
    List<Module> userModules() {
        return List.copyOf(userModules.values());
    }

    boolean isStdlib(Module m) {
        return stdlib.containsValue(m);
    }

    /** Whether {@code name} is a standard-library module, imported or not. */
    static boolean isStdlibModule(String name) {
        return readResource(name) != null;
    }

    /** The module {@code from} imports as {@code alias}, or null. */
    Module imported(Module from, String alias) {
        return imported.getOrDefault(from, Map.of()).get(alias);
    }

    /** Every module {@code from} imports, by the name it gives it. */
    Map<String, Module> imports(Module from) {
        return Collections.unmodifiableMap(imported.getOrDefault(from, Map.of()));
    }

    /** Whether {@code from} imports {@code alias} but the import failed, which has been reported. */
    boolean failedImport(Module from, String alias) {
        return failed.getOrDefault(from, Set.of()).contains(alias);
    }
}
