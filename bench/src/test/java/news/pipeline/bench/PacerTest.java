package news.pipeline.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The ceiling's pacer, on a clock the test moves: it sleeps exactly as far as the stream is ahead. */
class PacerTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Long> sleeps = new ArrayList<>();
    private final Pacer pacer = new Pacer(100, now::get, nanos -> {
        sleeps.add(nanos);
        now.addAndGet(nanos);
    });

    @Test
    void recordsArrivingAllAtOnceAreSpacedToTheRate() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            pacer.awaitTurn();
        }
        // 100 a second: the first at once, then each 10 ms after the one before.
        assertThat(sleeps).containsExactly(10_000_000L, 10_000_000L, 10_000_000L);
    }

    @Test
    void aStreamBehindTheRateIsNotHeldBack() throws InterruptedException {
        pacer.awaitTurn();
        now.addAndGet(50_000_000L);
        pacer.awaitTurn();
        pacer.awaitTurn();
        assertThat(sleeps).isEmpty();
        // 50 ms after the first, records up to the sixth are due; the seventh waits its 10 ms.
        pacer.awaitTurn();
        pacer.awaitTurn();
        pacer.awaitTurn();
        assertThat(sleeps).isEmpty();
        pacer.awaitTurn();
        assertThat(sleeps).containsExactly(10_000_000L);
    }

    @Test
    void aPaceMustBePositive() {
        assertThatThrownBy(() -> new Pacer(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
