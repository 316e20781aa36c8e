package nnet.compiler.jar;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import nnet.compiler.driver.CompiledModel;
import nnet.runtime.cli.ModelMain;
import nnet.runtime.io.AtomicFiles;

/**
 * Writes a self-contained, runnable model JAR: the generated class, the model's metadata, and the
 * runtime with the two libraries it uses (picocli, jackson-core), copied from wherever they are on the
 * compiler's class path. Nothing of ANTLR or ASM goes in. Entries carry a fixed time, so the same model
 * gives the same bytes.
 */
public final class ModelJar {
    private static final long FIXED_TIME = 315532800000L;

    /** A package to bundle, found through a class it contains. */
    private record Bundle(Class<?> marker, String prefix) {
    }

    private static final List<Bundle> BUNDLES = List.of(
            new Bundle(ModelMain.class, "nnet/runtime/"),
            new Bundle(picocli.CommandLine.class, "picocli/"),
            new Bundle(com.fasterxml.jackson.core.JsonFactory.class, "com/fasterxml/jackson/core/"));

    private ModelJar() {
    }

    public static void write(CompiledModel model, Path target) throws IOException {
        AtomicFiles.write(target, out -> writeTo(model, out));
    }

    private static void writeTo(CompiledModel model, OutputStream raw) throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.put(Attributes.Name.MAIN_CLASS, ModelMain.class.getName());
        a.putValue("Created-By", "nnetc");
        a.putValue("Nnet-Model", model.info().name());
        try (JarOutputStream jar = new JarOutputStream(raw)) {
            put(jar, "META-INF/MANIFEST.MF", manifestBytes(manifest));
            put(jar, model.internalName() + ".class", model.classBytes());
            put(jar, ModelMain.INFO_RESOURCE, serialize(model.info()));
            put(jar, "META-INF/nnet/THIRD-PARTY.txt", thirdParty());
            Set<String> written = new LinkedHashSet<>();
            for (Bundle b : BUNDLES) {
                copyBundle(b, jar, written);
            }
        }
    }

    private static byte[] manifestBytes(Manifest m) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        m.write(bytes);
        return bytes.toByteArray();
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    private static byte[] thirdParty() {
        return ("This model JAR bundles the nnet runtime and these libraries, unchanged:\n"
                + "- picocli (https://picocli.info), Apache License 2.0\n"
                + "- jackson-core (https://github.com/FasterXML/jackson-core), Apache License 2.0\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static void put(JarOutputStream jar, String name, byte[] bytes) throws IOException {
        JarEntry e = new JarEntry(name);
        e.setTime(FIXED_TIME);
        jar.putNextEntry(e);
        jar.write(bytes);
        jar.closeEntry();
    }

    private static void copyBundle(Bundle b, JarOutputStream jar, Set<String> written) throws IOException {
        Path source;
        try {
            source = Path.of(b.marker().getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IOException("cannot locate the classes of " + b.prefix() + " to bundle", e);
        }
        if (Files.isDirectory(source)) {
            copyDirectory(source, b.prefix(), jar, written);
        } else {
            copyJar(source, b.prefix(), jar, written);
        }
    }

    private static void copyDirectory(Path root, String prefix, JarOutputStream jar, Set<String> written)
            throws IOException {
        Path dir = root.resolve(prefix);
        if (!Files.isDirectory(dir)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path f : files) {
            String name = root.relativize(f).toString().replace('\\', '/');
            if (written.add(name)) {
                put(jar, name, Files.readAllBytes(f));
            }
        }
    }

    private static void copyJar(Path file, String prefix, JarOutputStream jar, Set<String> written) throws IOException {
        try (JarFile in = new JarFile(file.toFile())) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().startsWith(prefix) && written.add(e.getName())) {
                    try (InputStream s = in.getInputStream(e)) {
                        put(jar, e.getName(), s.readAllBytes());
                    }
                }
            }
        }
    }
}
