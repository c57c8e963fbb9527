package news.pipeline.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The crawler's feed states as news.crawl.seen keeps them: under the key {@code feed:} and the
 * feed's URL, the {@link FeedState} as JSON, and a tombstone when a feed is forgotten. The crawler
 * writes them with {@link #key} and {@link #value}; the crawler, {@code crawl --status} and the
 * console read them back through {@link #apply}, so that all agree on one encoding.
 */
public final class FeedStates {
    /** Key prefix of a feed's state. Article ids start with a letter and a dash, so they cannot clash. */
    public static final String KEY_PREFIX = "feed:";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, FeedState> feeds = new LinkedHashMap<>();

    public static boolean isFeedKey(final String key) {
        return key.startsWith(KEY_PREFIX);
    }

    /** The record key of a feed's state. */
    public static byte[] key(final String url) {
        return (KEY_PREFIX + url).getBytes(StandardCharsets.UTF_8);
    }

    /** The record value of a feed's state. */
    public static byte[] value(final FeedState state) {
        try {
            return JSON.writeValueAsBytes(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the state of " + state.url(), e);
        }
    }

    /**
     * Takes a record of news.crawl.seen into account.
     *
     * @return false when the record is not a feed's state (an article or link marked as seen)
     */
    public boolean apply(final String key, final byte[] value) {
        if (!isFeedKey(key)) {
            return false;
        }
        if (value == null) {
            feeds.remove(key.substring(KEY_PREFIX.length()));
        } else {
            final FeedState state = read(value);
            if (state != null) {
                feeds.put(state.url(), state);
            }
        }
        return true;
    }

    /** Remembers a state just written. */
    public void put(final FeedState state) {
        feeds.put(state.url(), state);
    }

    /** The feed's state, or a fresh one when it was never polled. */
    public FeedState get(final String url) {
        return feeds.getOrDefault(url, FeedState.fresh(url));
    }

    /** Every feed's state by URL, in the order they were first seen. */
    public Map<String, FeedState> all() {
        return Collections.unmodifiableMap(feeds);
    }

    private static FeedState read(final byte[] value) {
        try {
            return JSON.readValue(value, FeedState.class);
        } catch (IOException e) {
            // A state this version cannot read is ignored: the feed is polled as new, and produces nothing twice.
            return null;
        }
    }
}
