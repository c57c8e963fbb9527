package news.pipeline.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LagTrendTest {

    @Test
    void aGrowingBacklogIsRising() {
        assertThat(LagTrend.of(
                        List.of(new LagTrend.Point(0, 10), new LagTrend.Point(10, 40), new LagTrend.Point(20, 90))))
                .isEqualTo(LagTrend.RISING);
    }

    @Test
    void aShrinkingBacklogIsFalling() {
        assertThat(LagTrend.of(
                        List.of(new LagTrend.Point(0, 500), new LagTrend.Point(10, 300), new LagTrend.Point(20, 120))))
                .isEqualTo(LagTrend.FALLING);
    }

    @Test
    void aFewRecordsUpAndDownOverMinutesAreSteady() {
        assertThat(LagTrend.of(
                        List.of(new LagTrend.Point(0, 3), new LagTrend.Point(120, 4), new LagTrend.Point(240, 3))))
                .isEqualTo(LagTrend.STEADY);
    }

    @Test
    void oneMeasurementHasNoTrend() {
        assertThat(LagTrend.of(List.of(new LagTrend.Point(0, 1000)))).isEqualTo(LagTrend.STEADY);
    }
}
