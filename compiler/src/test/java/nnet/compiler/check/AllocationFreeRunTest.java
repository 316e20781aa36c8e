package nnet.compiler.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Random;
import nnet.compiler.api.Nnet;
import nnet.runtime.Executor;
import nnet.runtime.Model;
import org.junit.jupiter.api.Test;

/**
 * Running a program or a training step must not allocate: executors own all their memory. Measured with
 * the JVM's per-thread allocation counter over many steps, after the first ones have sized every
 * scratch buffer.
 */
class AllocationFreeRunTest {

    @Test
    void stepsPredictionsAndEvaluationsAllocateNothing() throws Exception {
        Model model = Nnet.compile(Path.of("../samples/digits/digits.nnet")).model("Digits");
        Executor ex = model.executor(32);
        Random rng = new Random(3);
        float[] x = (float[]) ex.inputArray("x");
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(17);
        }
        int[] label = (int[]) ex.inputArray("label");
        for (int i = 0; i < label.length; i++) {
            label[i] = rng.nextInt(10);
        }
        for (int i = 0; i < 50; i++) {
            ex.step(1e-3);
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        int runs = 500;
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < runs; i++) {
            ex.step(1e-3);
            ex.evaluate();
            ex.predict();
        }
        long perRun = (threads.getThreadAllocatedBytes(thread) - before) / runs;
        assertThat(perRun).as("bytes allocated per step+evaluate+predict").isLessThan(8);
    }
}
