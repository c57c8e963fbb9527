package news.pipeline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The console counts by-country records from this process's publisher alone only while no other
 * process's publisher is in the group: another instance writes records this process does not see.
 */
class OnlyWriterTest {
    private static final String HERE_1 = "news-pipeline-publisher-1b2c-StreamThread-1-consumer";
    private static final String HERE_2 = "news-pipeline-publisher-1b2c-StreamThread-2-consumer";
    private static final String ELSEWHERE = "news-pipeline-publisher-9f8e-StreamThread-1-consumer";

    @Test
    void thisProcesssThreadsAloneInTheGroupWriteEverything() {
        assertThat(Console.onlyWriter(Set.of(HERE_1, HERE_2), List.of(HERE_1, HERE_2)))
                .isTrue();
        assertThat(Console.onlyWriter(Set.of(HERE_1, HERE_2), List.of(HERE_2))).isTrue();
        assertThat(Console.onlyWriter(Set.of(HERE_1), List.of()))
                .as("an empty group")
                .isTrue();
    }

    @Test
    void aMemberOfAnotherProcessWritesToo() {
        assertThat(Console.onlyWriter(Set.of(HERE_1, HERE_2), List.of(HERE_1, ELSEWHERE)))
                .isFalse();
        assertThat(Console.onlyWriter(Set.of(), List.of(ELSEWHERE))).isFalse();
    }
}
