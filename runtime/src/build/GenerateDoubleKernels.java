import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the double-precision kernel classes (GEMM, convolution, pooling, attention) from their float sources. The
 * two differ only in the element type (the block sizes are written in bytes), and Java has no generics
 * over primitives, so the double versions are generated at build time instead of being kept as hand-made
 * copies. Run by the build with the Java launcher: {@code java GenerateDoubleKernels.java SOURCE_DIR
 * TARGET_DIR}.
 */
public final class GenerateDoubleKernels {
    private static final List<String> CLASSES =
            List.of("Attention", "AttentionRows", "AttentionScratch", "AvgPool", "Bias", "Blocking", "Conv",
                    "DotTiles", "Dots", "Gemm", "Im2col", "Kernels", "MaxPool",
                    "TileJob", "TileOrientation", "TilePacking", "Tiles", "TileScratch",
                    "PackedB", "Packing", "Rows", "Scratch");
    private static final String PACKAGE = "nnet/runtime/kernels/";

    public static void main(String[] args) throws IOException {
        Path source = Path.of(args[0], PACKAGE);
        Path target = Path.of(args[1], PACKAGE);
        Files.createDirectories(target);
        for (String name : CLASSES) {
            String text = Files.readString(source.resolve("Float" + name + ".java"), StandardCharsets.UTF_8);
            String generated = text.replace("float", "double").replace("Float", "Double").replace("sgemm", "dgemm")
                    .replaceFirst("(?m)^package ([^;]+);$", "package $1;\n\n// Generated from Float" + name
                            + ".java by src/build/GenerateDoubleKernels.java; edit that file instead.");
            Path out = target.resolve("Double" + name + ".java");
            if (!Files.exists(out) || !Files.readString(out, StandardCharsets.UTF_8).equals(generated)) {
                Files.writeString(out, generated, StandardCharsets.UTF_8);
            }
        }
    }
}
