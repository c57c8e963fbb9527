package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadTest {
    private final Workload workload = new Workload(
            "w",
            "three records",
            List.of(new byte[] {1}, new byte[] {2, 2}, new byte[] {3, 3, 3}),
            new int[] {2, 0, Workload.DEAD_LETTER},
            7);

    @Test
    void articlesCycleThroughThePool() {
        assertThat(workload.value(0)).containsExactly(1);
        assertThat(workload.value(4)).containsExactly(2, 2);
        assertThat(workload.fanOut(5)).isEqualTo(Workload.DEAD_LETTER);
    }

    @Test
    void theExpectedOutputCountsByCountryRecordsAndDeadLettersAndLeavesOutArticlesWithNoCountry() {
        // articles 0..6 use pool records 0 1 2 0 1 2 0: fan-outs 2 0 dl 2 0 dl 2
        final Workload.Expected expected = workload.expected(0, 7);
        assertThat(expected.byCountryRecords()).isEqualTo(6);
        assertThat(expected.deadLetters()).isEqualTo(2);
        assertThat(expected.records()).isEqualTo(8);
        assertThat(expected.visibleArticles()).isEqualTo(5);
        assertThat(expected.articlesWithCountries()).isEqualTo(3);
    }

    @Test
    void aRangeFurtherOnContinuesTheCycle() {
        final Workload.Expected expected = workload.expected(7, 9);
        assertThat(expected.byCountryRecords()).isZero();
        assertThat(expected.deadLetters()).isEqualTo(1);
    }

    @Test
    void thePoolNeedsOneFanOutPerRecord() {
        assertThatThrownBy(() -> new Workload("w", "", List.of(new byte[0]), new int[2], 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(workload.totalBytes()).isEqualTo(6);
    }
}
