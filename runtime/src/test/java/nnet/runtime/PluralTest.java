package nnet.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {
    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Plural.of(1, "epoch")).isEqualTo("1 epoch");
        assertThat(Plural.of(0, "epoch")).isEqualTo("0 epochs");
        assertThat(Plural.of(3, "class", "classes")).isEqualTo("3 classes");
    }
}
