package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EndToEndBenchmarkTest {

    @Test
    void articlesOutScaleTheRecordsReadToArticles() {
        // 1,000 warm-up articles put 1,500 records out, then 2,000 measured ones 3,000.
        assertThat(EndToEndBenchmark.articlesOut(0, 0, 1_500, 1_000)).isZero();
        assertThat(EndToEndBenchmark.articlesOut(750, 0, 1_500, 1_000)).isEqualTo(500);
        assertThat(EndToEndBenchmark.articlesOut(1_500, 0, 1_500, 1_000)).isEqualTo(1_000);
        assertThat(EndToEndBenchmark.articlesOut(2_000, 0, 1_500, 1_000))
                .as("the measured ones' records")
                .isEqualTo(1_000);

        assertThat(EndToEndBenchmark.articlesOut(1_200, 1_500, 3_000, 2_000))
                .as("still in the warm-up")
                .isZero();
        assertThat(EndToEndBenchmark.articlesOut(3_000, 1_500, 3_000, 2_000)).isEqualTo(1_000);
        assertThat(EndToEndBenchmark.articlesOut(4_500, 1_500, 3_000, 2_000)).isEqualTo(2_000);
        assertThat(EndToEndBenchmark.articlesOut(5_000, 1_500, 3_000, 2_000))
                .as("stray records")
                .isEqualTo(2_000);

        assertThat(EndToEndBenchmark.articlesOut(10, 0, 0, 1_000))
                .as("no records expected")
                .isZero();
    }

    @Test
    void recordsByTakesTheCountOfTheLastPollNotAfterTheTime() {
        final long[] times = {100, 200, 300, 0};
        final long[] counts = {5, 12, 40, 0};
        assertThat(EndConsumer.recordsBy(times, counts, 3, 99))
                .as("before the first poll")
                .isZero();
        assertThat(EndConsumer.recordsBy(times, counts, 3, 100)).isEqualTo(5);
        assertThat(EndConsumer.recordsBy(times, counts, 3, 250)).isEqualTo(12);
        assertThat(EndConsumer.recordsBy(times, counts, 3, 10_000))
                .as("only the first three entries are filled")
                .isEqualTo(40);
        assertThat(EndConsumer.recordsBy(times, counts, 0, 10_000)).isZero();
    }

    @Test
    void theLatencyRunFollowingTheMeasuredRateOffersASustainableShareOfIt() {
        assertThat(EndToEndBenchmark.sustainable(280)).isEqualTo(196);
        assertThat(EndToEndBenchmark.sustainable(0.4)).as("never nothing").isEqualTo(1);
        assertThat(EndToEndBenchmark.sustainable(Double.NaN)).isEqualTo(1);
    }
}
