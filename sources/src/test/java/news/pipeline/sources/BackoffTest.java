package news.pipeline.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

    @Test
    void theCeilingDoublesWithEachAttemptUpToTheMaximum() {
        final Backoff highest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.999);
        assertThat(highest.delay(1, null, NOW)).isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
        assertThat(highest.delay(2, null, NOW)).isBetween(Duration.ofMillis(1990), Duration.ofSeconds(2));
        assertThat(highest.delay(3, null, NOW)).isBetween(Duration.ofMillis(3990), Duration.ofSeconds(4));
        assertThat(highest.delay(10, null, NOW)).isBetween(Duration.ofMillis(9980), Duration.ofSeconds(10));
    }

    @Test
    void jitterSpreadsTheWaitBelowTheCeiling() {
        final Backoff lowest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.0);
        final Backoff middle = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.5);
        assertThat(lowest.delay(3, null, NOW)).isZero();
        assertThat(middle.delay(3, null, NOW)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void retryAfterInSecondsOrAsADateIsALowerBound() {
        final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), () -> 0.5);
        assertThat(backoff.delay(1, "120", NOW)).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.delay(1, "Tue, 01 Dec 2026 10:00:30 GMT", NOW)).isEqualTo(Duration.ofSeconds(30));
        // A Retry-After sooner than the backoff, in the past, or not understood does not shorten it.
        assertThat(backoff.delay(3, "0", NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(3, "Tue, 01 Dec 2026 09:00:00 GMT", NOW)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(3, "soon", NOW)).isEqualTo(Duration.ofSeconds(2));
    }
}
