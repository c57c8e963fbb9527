package news.pipeline.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HostPacerTest {
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<Long> sleeps = new ArrayList<>();
    private final HostPacer pacer = new HostPacer(Duration.ofSeconds(1), clock::get, millis -> {
        sleeps.add(millis);
        clock.addAndGet(millis);
    });

    @Test
    void theNextRequestToAHostWaitsForTheDelayAfterThePreviousEnded() throws InterruptedException {
        pacer.awaitTurn("a.example");
        pacer.finished("a.example", Duration.ZERO);
        clock.addAndGet(300);
        pacer.awaitTurn("A.example");

        assertThat(sleeps).containsExactly(700L);
    }

    @Test
    void otherHostsDoNotWait() throws InterruptedException {
        pacer.awaitTurn("a.example");
        pacer.finished("a.example", Duration.ZERO);
        pacer.awaitTurn("b.example");

        assertThat(sleeps).isEmpty();
    }

    @Test
    void aLongerCrawlDelayOrServerWaitWins() throws InterruptedException {
        pacer.crawlDelay("a.example", Duration.ofSeconds(5));
        pacer.finished("a.example", Duration.ZERO);
        pacer.awaitTurn("a.example");
        pacer.finished("b.example", Duration.ofSeconds(30));
        pacer.awaitTurn("b.example");
        pacer.crawlDelay("c.example", Duration.ofMillis(10));
        pacer.finished("c.example", Duration.ZERO);
        pacer.awaitTurn("c.example");

        assertThat(sleeps).containsExactly(5000L, 30_000L, 1000L);
    }
}
