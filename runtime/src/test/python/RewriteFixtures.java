import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import nnet.runtime.Tensor;
import nnet.runtime.io.Npy;
import nnet.runtime.io.Npz;
import nnet.runtime.io.SafeTensors;

/**
 * The Java half of the reverse interop check: reads every fixture with our readers and writes it back with
 * our writers, so that make_io_fixtures.py --verify can read the results with NumPy and safetensors.
 * Run from the repository root after building the runtime module:
 *
 * <pre>
 * java -cp runtime/target/classes:$HOME/.m2/repository/com/fasterxml/jackson/core/jackson-core/2.22.3/jackson-core-2.22.3.jar \
 *     runtime/src/test/python/RewriteFixtures.java runtime/src/test/resources/io /tmp/rewritten
 * python3 runtime/src/test/python/make_io_fixtures.py --verify /tmp/rewritten
 * </pre>
 */
public class RewriteFixtures {
    public static void main(String[] args) throws Exception {
        Path in = Path.of(args[0]);
        Path out = Files.createDirectories(Path.of(args[1]));
        try (DirectoryStream<Path> npys = Files.newDirectoryStream(in, "*.npy")) {
            for (Path npy : npys) {
                if (npy.getFileName().toString().equals("int64_overflow.npy")) {
                    continue;
                }
                Tensor t;
                try (InputStream s = Files.newInputStream(npy)) {
                    t = Npy.read(s, npy.toString());
                }
                try (OutputStream s = Files.newOutputStream(out.resolve(npy.getFileName()))) {
                    Npy.write(s, t);
                }
            }
        }
        Npz.write(out.resolve("arrays.npz"), Npz.read(in.resolve("arrays.npz")));
        SafeTensors.Contents st = SafeTensors.read(in.resolve("mixed.safetensors"));
        SafeTensors.write(out.resolve("mixed.safetensors"), st.tensors(), st.metadata());
        System.out.println("rewrote the fixtures into " + out);
    }
}
