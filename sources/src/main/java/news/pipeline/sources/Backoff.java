package news.pipeline.sources;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.DoubleSupplier;

/**
 * How long to wait before trying a request again after a 429 or a 5xx: exponential backoff
 * with full jitter (so that many crawlers retrying one server do not come back in step), and
 * never sooner than the server's {@code Retry-After}.
 */
public final class Backoff {
    private final Duration base;
    private final Duration max;
    private final DoubleSupplier random;

    /**
     * @param base   the ceiling of the first wait; each further attempt doubles it
     * @param max    the longest wait the backoff itself chooses
     * @param random a uniform number in [0, 1)
     */
    public Backoff(final Duration base, final Duration max, final DoubleSupplier random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /**
     * @param attempt    1 for the first retry
     * @param retryAfter the response's Retry-After header, or null
     */
    public Duration delay(final int attempt, final String retryAfter, final Instant now) {
        final long ceilingMillis = Math.min(max.toMillis(), base.toMillis() << Math.min(Math.max(attempt - 1, 0), 30));
        final Duration jittered = Duration.ofMillis((long) (random.getAsDouble() * ceilingMillis));
        final Duration asked = retryAfter(retryAfter, now);
        return asked != null && asked.compareTo(jittered) > 0 ? asked : jittered;
    }

    /** Retry-After as delay-seconds or an HTTP date; null when absent or not understood. */
    static Duration retryAfter(final String value, final Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        final String text = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(text)));
        } catch (NumberFormatException notSeconds) {
            try {
                final Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }
}
