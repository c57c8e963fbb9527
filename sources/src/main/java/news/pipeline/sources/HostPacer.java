package news.pipeline.sources;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Spaces the requests to each host: the next request to a host starts no sooner than the delay
 * after the previous one ended. The delay is the crawler's, or robots.txt's Crawl-delay when that
 * is longer. One crawler thread fetches, so there is never more than one request to a host at a
 * time.
 */
public final class HostPacer {
    /** Waits; {@link Thread#sleep(long)} but in tests. */
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final Duration delay;
    private final LongSupplier clockMillis;
    private final Sleeper sleeper;
    private final Map<String, Long> nextAllowed = new HashMap<>();
    private final Map<String, Long> crawlDelays = new HashMap<>();

    public HostPacer(final Duration delay, final LongSupplier clockMillis, final Sleeper sleeper) {
        this.delay = delay;
        this.clockMillis = clockMillis;
        this.sleeper = sleeper;
    }

    /** Robots.txt asked for this delay between requests to the host. */
    public void crawlDelay(final String host, final Duration asked) {
        crawlDelays.put(key(host), asked.toMillis());
    }

    /** The delay between two requests to the host. */
    public Duration delayOf(final String host) {
        return Duration.ofMillis(Math.max(delay.toMillis(), crawlDelays.getOrDefault(key(host), 0L)));
    }

    /** Waits until a request to the host may start. */
    public void awaitTurn(final String host) throws InterruptedException {
        final long wait = nextAllowed.getOrDefault(key(host), 0L) - clockMillis.getAsLong();
        if (wait > 0) {
            sleeper.sleep(wait);
        }
    }

    /** A request to the host has ended; {@code extra} is any longer wait the server asked for. */
    public void finished(final String host, final Duration extra) {
        final long spacing = Math.max(delayOf(host).toMillis(), extra.toMillis());
        nextAllowed.put(key(host), clockMillis.getAsLong() + spacing);
    }

    private static String key(final String host) {
        return host.toLowerCase(Locale.ROOT);
    }
}
