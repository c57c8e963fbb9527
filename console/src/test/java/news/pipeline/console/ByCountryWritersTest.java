package news.pipeline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The console counts by-country records from this process's publisher alone only while no one else
 * writes to the topic: no other process's publisher in the group (another instance writes records
 * this process does not see), and no replay wrote since the last look.
 */
class ByCountryWritersTest {
    private static final String HERE_1 = "news-pipeline-publisher-1b2c-StreamThread-1-consumer";
    private static final String HERE_2 = "news-pipeline-publisher-1b2c-StreamThread-2-consumer";
    private static final String ELSEWHERE = "news-pipeline-publisher-9f8e-StreamThread-1-consumer";

    @Test
    void thisProcesssThreadsAloneInTheGroupWriteEverything() {
        assertThat(ByCountryWriters.onlyWriter(Set.of(HERE_1, HERE_2), List.of(HERE_1, HERE_2)))
                .isTrue();
        assertThat(ByCountryWriters.onlyWriter(Set.of(HERE_1, HERE_2), List.of(HERE_2)))
                .isTrue();
        assertThat(ByCountryWriters.onlyWriter(Set.of(HERE_1), List.of()))
                .as("an empty group")
                .isTrue();
    }

    @Test
    void aMemberOfAnotherProcessWritesToo() {
        assertThat(ByCountryWriters.onlyWriter(Set.of(HERE_1, HERE_2), List.of(HERE_1, ELSEWHERE)))
                .isFalse();
        assertThat(ByCountryWriters.onlyWriter(Set.of(), List.of(ELSEWHERE))).isFalse();
    }

    @Test
    void aReplayWroteWhenOneOfItsLastBatchesChangedOrItIsNew() {
        final String none = "#OptionalLong.empty";
        final Map<String, String> before = Map.of("0/7001", "41@1000" + none, "3/7001", "-1@1200" + none);

        assertThat(ByCountryWriters.wroteSince(before, Map.copyOf(before))).isFalse();
        assertThat(ByCountryWriters.wroteSince(before, Map.of("0/7001", "41@1000" + none, "3/7001", "-1@1900" + none)))
                .as("another transaction's end marker, stamped later")
                .isTrue();
        assertThat(ByCountryWriters.wroteSince(
                        before, Map.of("0/7001", "42@1000#OptionalLong[77]", "3/7001", "-1@1200" + none)))
                .as("a data batch with an old record time")
                .isTrue();
        assertThat(ByCountryWriters.wroteSince(
                        before,
                        Map.of(
                                "0/7001",
                                "41@1000" + none,
                                "3/7001",
                                "-1@1200" + none,
                                "5/7001",
                                "0@3000#OptionalLong[9]")))
                .as("a partition it had not written to")
                .isTrue();
        assertThat(ByCountryWriters.wroteSince(before, Map.of("0/7001", "41@1000" + none)))
                .as("a producer's state expired on a partition")
                .isFalse();
        assertThat(ByCountryWriters.wroteSince(Map.of(), Map.of("1/7002", "3@10" + none)))
                .as("a new replay")
                .isTrue();
        assertThat(ByCountryWriters.wroteSince(Map.of(), Map.of())).isFalse();
    }
}
