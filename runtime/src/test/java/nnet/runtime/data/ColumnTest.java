package nnet.runtime.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nnet.runtime.io.DataException;
import nnet.runtime.io.NumberArray;
import nnet.runtime.io.NumberArray.Storage;
import org.junit.jupiter.api.Test;

/** Columns copy the records asked for, in order, converting every storage to every target exactly. */
class ColumnTest {
    private static final int[] PICK = {2, 0};

    private static Column column(Storage storage, Object data) {
        return Column.of(new NumberArray(storage, new int[] {3, 2}, data), Origin.array("t.idx"));
    }

    @Test
    void unsignedBytesBecomeZeroTo255() {
        Column c = column(Storage.UBYTE, new byte[] {0, 1, 2, 3, (byte) 255, (byte) 128});
        float[] f = new float[4];
        c.copy(PICK, 2, f);
        assertThat(f).containsExactly(255f, 128f, 0f, 1f);
        double[] d = new double[4];
        c.copy(PICK, 2, d);
        assertThat(d).containsExactly(255, 128, 0, 1);
        int[] i = new int[4];
        c.copy(PICK, 2, i);
        assertThat(i).containsExactly(255, 128, 0, 1);
    }

    @Test
    void signedBytesKeepTheirSign() {
        Column c = column(Storage.BYTE, new byte[] {-1, 1, 2, 3, -128, 127});
        float[] f = new float[4];
        c.copy(PICK, 2, f);
        assertThat(f).containsExactly(-128f, 127f, -1f, 1f);
        int[] i = new int[4];
        c.copy(PICK, 2, i);
        assertThat(i).containsExactly(-128, 127, -1, 1);
    }

    @Test
    void intsFloatsAndDoublesConvert() {
        Column ints = column(Storage.INT, new int[] {1, 2, 3, 4, 16_777_217, -5});
        float[] f = new float[4];
        ints.copy(PICK, 2, f);
        assertThat(f).containsExactly(16_777_216f, -5f, 1f, 2f);
        double[] d = new double[4];
        ints.copy(PICK, 2, d);
        assertThat(d).containsExactly(16_777_217, -5, 1, 2);

        Column floats = column(Storage.FLOAT, new float[] {0.1f, 2, 3, 4, -7, 1e30f});
        d = new double[4];
        floats.copy(PICK, 2, d);
        assertThat(d).containsExactly(-7, (double) 1e30f, (double) 0.1f, 2);
        int[] i = new int[4];
        floats.copy(PICK, 2, i);
        assertThat(i[0]).isEqualTo(-7);

        Column doubles = column(Storage.DOUBLE, new double[] {0.1, 2, 3, 4, 1.0 / 3, -0.0});
        f = new float[4];
        doubles.copy(PICK, 2, f);
        assertThat(f).containsExactly((float) (1.0 / 3), -0.0f, 0.1f, 2f);
        d = new double[4];
        doubles.copy(PICK, 2, d);
        assertThat(d).containsExactly(1.0 / 3, -0.0, 0.1, 2);
    }

    @Test
    void widthIsTheProductOfTheDimsAfterTheFirst() {
        Column c = Column.of(new NumberArray(Storage.UBYTE, new int[] {2, 1, 2, 3}, new byte[12]), Origin.array("a"));
        assertThat(c.examples()).isEqualTo(2);
        assertThat(c.width()).isEqualTo(6);
        Column empty = Column.of(new NumberArray(Storage.FLOAT, new int[] {0, 5}, new float[0]), Origin.array("a"));
        assertThat(empty.width()).isEqualTo(5);
    }

    @Test
    void integerChecksNameTheRecordAndElement() {
        column(Storage.FLOAT, new float[] {1, 2, 3, -4, 0, 5}).checkIntegral("label");
        column(Storage.UBYTE, new byte[6]).checkIntegral("label");
        assertThatThrownBy(() -> column(Storage.FLOAT, new float[] {1, 2, 3, 4.5f, 0, 5}).checkIntegral("label"))
                .isInstanceOf(DataException.class)
                .hasMessage("t.idx: example 1, element 1: 4.5 is not an integer, but input 'label' is i32");
        NumberArray labels = new NumberArray(Storage.DOUBLE, new int[] {3}, new double[] {0, 3e9, 1});
        assertThatThrownBy(() -> Column.of(labels, Origin.array("y.npy")).checkIntegral("label"))
                .isInstanceOf(DataException.class)
                .hasMessage("y.npy: example 1: 3.0E9 is too large for input 'label', which is i32");
        NumberArray nan = new NumberArray(Storage.FLOAT, new int[] {1}, new float[] {Float.NaN});
        assertThatThrownBy(() -> Column.of(nan, Origin.csv("y.csv")).checkIntegral("y"))
                .hasMessage("y.csv: data row 1: NaN is not an integer, but input 'y' is i32");
    }
}
