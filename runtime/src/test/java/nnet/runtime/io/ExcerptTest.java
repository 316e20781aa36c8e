package nnet.runtime.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcerptTest {
    @Test
    void shortTextIsShownWhole() {
        assertThat(Excerpt.cut("abc", 1, 10)).isEqualTo("abc");
    }

    @Test
    void longTextIsCutToAWindowAroundThePlace() {
        String text = "0123456789".repeat(10);
        assertThat(Excerpt.cut(text, 0, 10)).isEqualTo("0123456789…");
        assertThat(Excerpt.cut(text, 55, 10)).isEqualTo("…0123456789…");
        assertThat(Excerpt.cut(text, 99, 10)).isEqualTo("…0123456789");
        assertThat(Excerpt.window(100, 55, 10)).containsExactly(50, 60);
        assertThat(Excerpt.window(100, 1000, 10)).containsExactly(90, 100);
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(Excerpt.escape("a\nb\tc\0\u0085é😀")).isEqualTo("a\\nb\\tc\\x00\\x85é😀");
        assertThat(Excerpt.escape("😀".substring(0, 1))).isEqualTo("\\ud83d");
    }
}
