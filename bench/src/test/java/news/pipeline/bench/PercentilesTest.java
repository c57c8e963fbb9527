package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankOfOneToHundredIsTheValueItself() {
        final long[] values = new long[100];
        for (int i = 0; i < values.length; i++) {
            values[values.length - 1 - i] = i + 1;
        }
        final Percentiles p = Percentiles.of(values);
        assertThat(p.median()).isEqualTo(50);
        assertThat(p.p99()).isEqualTo(99);
        assertThat(p.max()).isEqualTo(100);
        assertThat(p.percentile(1)).isEqualTo(1);
        assertThat(p.mean()).isEqualTo(50.5);
    }

    @Test
    void aSingleOutlierInTenValuesIsTheP99() {
        final Percentiles p = Percentiles.of(new long[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1000});
        assertThat(p.median()).isEqualTo(1);
        assertThat(p.p99()).isEqualTo(1000);
    }

    @Test
    void onlyTheFirstCountValuesCount() {
        final Percentiles p = Percentiles.of(new long[] {5, 3, 0, 0}, 2);
        assertThat(p.count()).isEqualTo(2);
        assertThat(p.median()).isEqualTo(3);
    }

    @Test
    void theInputIsNotReordered() {
        final long[] values = {3, 1, 2};
        Percentiles.of(values);
        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void noValuesHaveNoPercentile() {
        assertThatThrownBy(() -> Percentiles.of(new long[0]).median()).isInstanceOf(IllegalStateException.class);
    }
}
