package nnet.compiler.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nnet.testing.Repo;
import org.junit.jupiter.api.Test;

/**
 * The commands the READMEs show need nothing outside the repository: every sample file they name exists,
 * and the only outside files are those of the Fashion-MNIST package, which the same README first says
 * how to install. The quick start names no outside file at all.
 */
class ReadmeCommandsTest {
    private static final Pattern CODE_BLOCK = Pattern.compile("(?s)```\\n(.*?)```");
    private static final String FASHION_DIR = "/usr/share/datasets/fashion-mnist/";
    private static final Set<String> FASHION_FILES = Set.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    private static final String INSTALL = "apt-get install dataset-fashion-mnist";
    /** How command lines start; the other code blocks hold .nnet or Java source. */
    private static final Pattern COMMAND = Pattern.compile("^(\\./nnetc|nnetc|java|mvn|sudo|--data) .*");

    /** A path a command names, and where in its README the command is. */
    record Reference(Path readme, int offset, String path) {
    }

    private static List<Path> readmes() throws IOException {
        List<Path> files = new ArrayList<>(List.of(Repo.path("README.md")));
        try (Stream<Path> samples = Files.list(Repo.path("samples"))) {
            samples.map(s -> s.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        return files;
    }

    /** The paths in the commands of {@code readme}, with a shell variable set in their block expanded. */
    private static List<Reference> references(Path readme) throws IOException {
        String text = Files.readString(readme);
        List<Reference> refs = new ArrayList<>();
        Matcher block = CODE_BLOCK.matcher(text);
        while (block.find()) {
            String dir = null;
            for (String line : block.group(1).split("\n")) {
                if (line.startsWith("d=")) {
                    dir = line.substring(2);
                    continue;
                }
                if (!COMMAND.matcher(line).matches()) {
                    continue;
                }
                for (String token : line.trim().split("\\s+")) {
                    String path = token.substring(token.indexOf('=') + 1);
                    path = dir == null ? path : path.replace("$d", dir);
                    if (path.startsWith("samples/") || path.startsWith("/")) {
                        refs.add(new Reference(readme, block.start(), path));
                    }
                }
            }
        }
        return refs;
    }

    @Test
    void everyFileACommandNeedsIsInTheRepositoryOrInstalledAsTheReadmeSays() throws IOException {
        List<Reference> all = new ArrayList<>();
        for (Path readme : readmes()) {
            all.addAll(references(readme));
        }
        assertThat(all).extracting(Reference::path).contains("samples/digits/digits.nnet",
                "samples/fashion-mlp/mlp.nnet", FASHION_DIR + "train-images-idx3-ubyte.gz");
        for (Reference r : all) {
            if (r.path().startsWith("samples/")) {
                assertThat(Repo.path(r.path())).as(r.readme() + " names " + r.path()).isRegularFile();
            } else {
                assertThat(r.path()).as(r.readme() + " names a file outside the repository").startsWith(FASHION_DIR);
                assertThat(FASHION_FILES).as(r.readme() + " names " + r.path())
                        .contains(r.path().substring(FASHION_DIR.length()));
                int install = Files.readString(r.readme()).indexOf(INSTALL);
                assertThat(install).as(r.readme() + " says how to install " + r.path()).isBetween(0, r.offset());
            }
        }
    }

    @Test
    void theQuickStartNeedsOnlyTheRepository() throws IOException {
        String readme = Files.readString(Repo.path("README.md"));
        String quickStart = readme.substring(readme.indexOf("## Two commands"), readme.indexOf("## A tour"));
        Matcher block = CODE_BLOCK.matcher(quickStart);
        int blocks = 0;
        while (block.find()) {
            blocks++;
            assertThat(block.group(1)).doesNotContain(" /").doesNotContain("$");
        }
        assertThat(blocks).isEqualTo(2);
    }
}
