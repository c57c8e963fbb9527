package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlternationTest {

    @Test
    void windowsGoInPairsOffOnThenOnOffAfterTheWarmUpPairs() {
        final List<Alternation.Slot> slots = Alternation.schedule(1, 3);

        assertThat(slots).extracting(Alternation.Slot::pair).containsExactly(-1, -1, 0, 0, 1, 1, 2, 2);
        assertThat(slots)
                .extracting(Alternation.Slot::on)
                .containsExactly(false, true, true, false, false, true, true, false);
    }

    @Test
    void aWindowSwitchesOnlyWhenItsStateDiffersFromTheOneBefore() {
        // The processors start with the thing off, so the first off window needs no switch.
        assertThat(Alternation.schedule(1, 3))
                .extracting(Alternation.Slot::switches)
                .containsExactly(false, true, false, true, false, true, false, true);
        // Without a warm-up pair the first window is the measured pair 0's off window.
        assertThat(Alternation.schedule(0, 2))
                .extracting(Alternation.Slot::on)
                .containsExactly(false, true, true, false);
    }

    @Test
    void aScheduleWithoutMeasuredPairsIsRefused() {
        assertThatThrownBy(() -> Alternation.schedule(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theScheduleLastsItsWindowsAndASettlingTimeAfterEachSwitch() {
        // 8 windows of 10 s; 4 of them begin with a switch (settling 1 s each).
        assertThat(Alternation.seconds(Alternation.schedule(1, 3), 10, 1)).isEqualTo(84);
    }

    @Test
    void pairsLeaveOutTheWarmUpAndPairRatesOnOverOff() {
        final List<Alternation.Window> windows = new ArrayList<>();
        for (final Alternation.Slot slot : Alternation.schedule(1, 2)) {
            // Warm-up windows slow, then on windows 2% slower than off.
            final double rate = slot.pair() < 0 ? 100 : slot.on() ? 980 : 1000;
            windows.add(window(slot, rate, true));
        }

        final List<Alternation.Pair> pairs = Alternation.pairs(windows);

        assertThat(pairs).extracting(Alternation.Pair::index).containsExactly(0, 1);
        assertThat(pairs).allSatisfy(pair -> assertThat(pair.rateRatio()).isCloseTo(0.98, within(1e-9)));
        assertThat(pairs).allSatisfy(pair -> assertThat(pair.on().slot().on()).isTrue());
    }

    @Test
    void aPairWhoseWindowEndedAfterTheBacklogRanOutIsLeftOut() {
        final List<Alternation.Slot> slots = Alternation.schedule(0, 2);
        final List<Alternation.Window> windows = List.of(
                window(slots.get(0), 1000, true),
                window(slots.get(1), 990, true),
                window(slots.get(2), 990, true),
                window(slots.get(3), 400, false));

        assertThat(Alternation.pairs(windows))
                .extracting(Alternation.Pair::index)
                .containsExactly(0);
    }

    @Test
    void aPairMissingAWindowIsLeftOut() {
        final List<Alternation.Slot> slots = Alternation.schedule(0, 2);
        final List<Alternation.Window> windows = List.of(
                window(slots.get(0), 1000, true), window(slots.get(1), 990, true), window(slots.get(2), 990, true));

        assertThat(Alternation.pairs(windows)).hasSize(1);
    }

    @Test
    void aBlockOfTwoPairsCancelsASteadyDriftThatEachPairAloneDoesNot() {
        // The rate rises by 100 articles/s every window; the thing costs nothing.
        final List<Alternation.Window> windows = new ArrayList<>();
        double rate = 1000;
        for (final Alternation.Slot slot : Alternation.schedule(0, 4)) {
            windows.add(window(slot, rate, true));
            rate += 100;
        }
        final List<Alternation.Pair> pairs = Alternation.pairs(windows);

        assertThat(pairs)
                .extracting(Alternation.Pair::rateRatio)
                .allSatisfy(ratio -> assertThat(ratio).isNotCloseTo(1, within(0.05)));
        assertThat(Alternation.blockRatios(pairs))
                .hasSize(2)
                .allSatisfy(ratio -> assertThat(ratio).isCloseTo(1, within(1e-9)));
    }

    @Test
    void aBlockMissingOneOfItsPairsIsLeftOut() {
        final List<Alternation.Window> windows = new ArrayList<>();
        for (final Alternation.Slot slot : Alternation.schedule(0, 3)) {
            windows.add(window(slot, 1000, slot.pair() != 1));
        }

        assertThat(Alternation.blockRatios(Alternation.pairs(windows))).isEmpty();
    }

    @Test
    void theCpuRatioAndTheSwitchedThreadsShareComeFromEachWindowsCpu() {
        final Alternation.Slot on = new Alternation.Slot(0, true, true);
        final Alternation.Slot off = new Alternation.Slot(0, false, true);
        final Alternation.Pair pair = new Alternation.Pair(
                0,
                new Alternation.Window(
                        on, 10, 10_000, 4.2, 0.07, 0.1, 0.01, true, Map.of("stream", 3.6, "switched", 0.07)),
                new Alternation.Window(
                        off, 10, 10_000, 4.0, 0, 0.1, 0.01, true, Map.of("stream", 3.5, "switched", 0.0)));

        assertThat(pair.cpuRatio()).isCloseTo(1.05, within(1e-9));
        assertThat(pair.cpuRatioWithoutJit()).isCloseTo(4.19 / 3.99, within(1e-9));
        assertThat(pair.on().cpuMsPerArticle()).isCloseTo(0.42, within(1e-9));
        assertThat(pair.on().switchedCpuShare()).isCloseTo(100 * 0.07 / 4.2, within(1e-9));
        // 0.1 s more of the stream threads' for the same articles, over the off window's 4.0 s
        assertThat(pair.cpuPointsOf("stream")).isCloseTo(2.5, within(1e-9));
        assertThat(pair.cpuPointsOf("switched")).isCloseTo(1.75, within(1e-9));
        assertThat(pair.cpuPointsOf("not measured")).isNaN();
    }

    @Test
    void theSpreadGivesTheMedianTheExtremesAndABootstrapIntervalAroundTheMedian() {
        final Alternation.Spread spread = Alternation.spread(List.of(1.02, 0.97, 0.99, 1.01, 0.95, 1.00, 0.98));

        assertThat(spread.count()).isEqualTo(7);
        assertThat(spread.median()).isEqualTo(0.99);
        assertThat(spread.min()).isEqualTo(0.95);
        assertThat(spread.max()).isEqualTo(1.02);
        assertThat(spread.low95()).isBetween(0.95, 0.99);
        assertThat(spread.high95()).isBetween(0.99, 1.02);
        assertThat(Alternation.spread(List.of(1.02, 0.97, 0.99, 1.01, 0.95, 1.00, 0.98)))
                .as("the same pairs, the same interval")
                .isEqualTo(spread);
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Alternation.spread(List.of(1.0, 0.9, 1.1, 0.8)).median()).isCloseTo(0.95, within(1e-12));
        assertThat(Alternation.spread(List.of()).count()).isZero();
    }

    @Test
    void theBacklogIsSizedForTheWholeScheduleWithItsTailLeftOut() {
        // 1,000 articles/s for 100 s, half as many again, and the last tenth of the output left out.
        assertThat(Alternation.articlesFor(1000, 100, 1.5)).isEqualTo(166_667);
        assertThat(Alternation.backlogLeft(89, 100)).isTrue();
        assertThat(Alternation.backlogLeft(90, 100)).isFalse();
        assertThatThrownBy(() -> Alternation.articlesFor(Double.NaN, 100, 1.5))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Alternation.Window window(
            final Alternation.Slot slot, final double articlesPerSecond, final boolean backlogLeft) {
        return new Alternation.Window(slot, 10, 10 * articlesPerSecond, 4, 0, 0.1, 0.01, backlogLeft, Map.of());
    }

    @Test
    void diskNeededCountsTheArticlesStillToLoadAndThoseStillToProcess() {
        // 10 million articles to load at 1.7 KB and 12 million to work through at 4 KB: 17 + 48 GB
        assertThat(Alternation.diskNeeded(10_000_000, 1_700, 12_000_000, 4_000)).isEqualTo(65_000_000_000L);
        assertThat(Alternation.diskNeeded(0, 1_700, 0, 4_000)).isZero();
    }

    @Test
    void theDiskHoldsARunOnlyWithItsHeadroomLeft() {
        final long needed = 40_000_000_000L;
        assertThat(Alternation.diskHolds(needed + Alternation.DISK_HEADROOM_BYTES, needed))
                .isTrue();
        assertThat(Alternation.diskHolds(needed + Alternation.DISK_HEADROOM_BYTES - 1, needed))
                .isFalse();
        // the 24-pair run that filled 80 GB: a 21-million-article backlog, most of it worked through
        assertThat(Alternation.diskHolds(80_000_000_000L, Alternation.diskNeeded(21_000_000, 1_700, 18_000_000, 4_000)))
                .isFalse();
    }
}
