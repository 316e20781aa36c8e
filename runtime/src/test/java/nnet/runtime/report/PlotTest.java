package nnet.runtime.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import nnet.runtime.io.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** The SVG plot of a training history, drawn from a log read back, as a well-formed document. */
class PlotTest {
    @TempDir
    Path dir;

    private static final String LOG = """
            {"event":"start","model":"A<b>&c","steps_per_epoch":2,"epochs":3,"time":0}
            {"event":"step","epoch":1,"step":1,"loss":2.0,"time":0.1}
            {"event":"step","epoch":1,"step":2,"loss":1.0,"time":0.2}
            {"event":"epoch","epoch":1,"step":2,"loss":1.5,"accuracy":0.5,"cm":[[1,0],[0,1]],"val_loss":1.2,"val_accuracy":0.6,"lr":0.1,"time":0.3}
            {"event":"step","epoch":2,"step":3,"loss":0.5,"time":0.4}
            {"event":"step","epoch":2,"step":4,"loss":null,"time":0.5}
            {"event":"epoch","epoch":2,"step":4,"loss":0.4,"accuracy":0.8,"val_loss":0.6,"val_accuracy":0.7,"lr":0.1,"time":0.6}
            """;

    private History history() throws Exception {
        return LogReader.read(Files.writeString(dir.resolve("run.jsonl"), LOG));
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document d) {
        NodeList nodes = d.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void theLogComesBackAsAHistory() throws Exception {
        History h = history();
        assertThat(h.model()).isEqualTo("A<b>&c");
        assertThat(h.stepLosses()).extracting(p -> p[0]).containsExactly(0.5, 1.0, 1.5, 2.0);
        assertThat(h.perEpoch("val_loss")).extracting(p -> p[1]).containsExactly(1.2, 0.6);
        assertThat(h.metricNames()).containsExactly("accuracy");
        assertThat(h.lastEpoch()).isEqualTo(2);
    }

    @Test
    void thePlotIsWellFormedWithTitleAxesAndLegend() throws Exception {
        Document d = parse(SvgPlot.render(history()));
        List<String> texts = texts(d);
        assertThat(texts).contains("A<b>&c: training", "Loss", "Metrics", "epoch", "train, each step",
                "train, smoothed", "train, epoch mean", "validation", "accuracy, train", "accuracy, validation");
        assertThat(texts).contains("0", "1", "2");
        // Raw and smoothed steps, epoch means and validation loss, and two accuracy lines.
        assertThat(d.getElementsByTagName("polyline").getLength()).isEqualTo(6);
    }

    @Test
    void aLineThatIsNotJsonIsReportedWithItsNumber() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.jsonl"), LOG.lines().limit(2).reduce("", (a, b) -> a + b + "\n")
                + "{\"event\":\"step\",\"loss\":\n");
        assertThatThrownBy(() -> LogReader.read(bad)).isInstanceOf(DataException.class)
                .hasMessageStartingWith(bad + ":3: not a JSON line of a training log");
    }

    @Test
    void aFileWithoutRecordsIsRefused() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "{\"event\":\"start\"}\n");
        assertThatThrownBy(() -> LogReader.read(empty)).isInstanceOf(DataException.class)
                .hasMessageContaining("no step or epoch records");
        assertThatThrownBy(() -> LogReader.read(dir.resolve("missing.jsonl"))).hasMessageEndingWith("no such file");
    }

    @Test
    void longLinesAreThinnedEvenlyKeepingTheLast() {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < 10_001; i++) {
            points.add(new double[] {i, i});
        }
        List<double[]> thin = Series.thinned(points, 1000);
        assertThat(thin).hasSizeBetween(900, 1001);
        assertThat(thin.get(0)[0]).isEqualTo(0);
        assertThat(thin.get(thin.size() - 1)[0]).isEqualTo(10_000);
        assertThat(thin.get(1)[0] - thin.get(0)[0]).isEqualTo(11);
        assertThat(Series.thinned(points.subList(0, 10), 1000)).hasSize(10);
    }

    @Test
    void smoothingRemovesTheStartUpBias() {
        List<double[]> s = Series.smoothed(List.of(new double[] {1, 4}, new double[] {2, 4}, new double[] {3, Double.NaN}),
                0.9);
        assertThat(s).hasSize(2).allSatisfy(p -> assertThat(p[1]).isCloseTo(4, org.assertj.core.api.Assertions.within(1e-12)));
    }
}
