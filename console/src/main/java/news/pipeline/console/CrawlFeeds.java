package news.pipeline.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import news.pipeline.ops.CrawlStateReader;
import news.pipeline.ops.FeedState;
import news.pipeline.ops.FeedStates;
import news.pipeline.runtime.MissingTopicException;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.topics.Topics;

/**
 * The crawler's feeds for the Feeds page: each feed's state as {@code crawl --status} reads it
 * from news.crawl.seen (read_committed, no consumer group), caught up on each request. The reader
 * is opened on the first request, so that a cluster on which no crawler ever ran only says so.
 */
final class CrawlFeeds implements AutoCloseable {
    private final PipelineSettings settings;
    private final FeedStates feeds = new FeedStates();
    private CrawlStateReader reader;

    CrawlFeeds(final PipelineSettings settings) {
        this.settings = settings;
    }

    /** Every feed's state now, failing ones first, with the time they are measured against. */
    synchronized Map<String, Object> view(final Instant now) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("time", now.toEpochMilli());
        try {
            if (reader == null) {
                reader = new CrawlStateReader(settings);
            }
            reader.catchUp(feeds::apply);
        } catch (MissingTopicException e) {
            body.put("problem", "no " + Topics.CRAWL_SEEN.name() + " on this cluster: no crawler has run here");
            body.put("feeds", List.of());
            return body;
        }
        final List<Map<String, Object>> rows = new ArrayList<>();
        feeds.all().values().stream()
                .sorted((a, b) -> Boolean.compare(b.failing(), a.failing()))
                .forEach(state -> rows.add(row(state)));
        body.put("feeds", rows);
        return body;
    }

    private static Map<String, Object> row(final FeedState state) {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("url", state.url());
        row.put("failing", state.failing());
        row.put("lastPoll", state.lastPoll());
        row.put("lastStatus", state.lastStatus());
        row.put("lastOutcome", state.lastOutcome());
        row.put("lastError", state.lastError());
        row.put("consecutiveErrors", state.consecutiveErrors());
        row.put("etag", state.etag());
        row.put("lastModified", state.lastModified());
        row.put("nextPoll", state.nextPoll());
        row.put("articles", state.articles());
        return row;
    }

    @Override
    public synchronized void close() {
        if (reader != null) {
            reader.close();
        }
    }
}
