package news.pipeline.sources;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Produces the articles a {@link WarcArticleReader} reads to the raw topic, in transactions of a
 * bounded size, each with the marks in news.crawl.seen: an article produced before, by an import
 * or the crawler, is not produced again, and a second run over the same files produces nothing.
 */
public final class WarcImporter implements WarcArticleReader.Sink {
    /** Raw record headers that say where an imported article came from. */
    public static final String HEADER_FILE = "news.warc.file";

    public static final String HEADER_OFFSET = "news.warc.offset";
    public static final String HEADER_DATE = "news.warc.date";

    private final CrawlLedger ledger;
    private final int batchArticles;
    private final long batchBytes;
    private final List<CrawlLedger.Produce> pending = new ArrayList<>();
    private final Set<String> pendingIds = new HashSet<>();
    private long pendingBytes;
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong alreadyProduced = new AtomicLong();

    /**
     * @param batchArticles the most articles in one transaction
     * @param batchBytes    the most content bytes in one transaction: memory stays bounded whatever the pages
     */
    public WarcImporter(final CrawlLedger ledger, final int batchArticles, final long batchBytes) {
        this.ledger = ledger;
        this.batchArticles = batchArticles;
        this.batchBytes = batchBytes;
    }

    @Override
    public void accept(final WarcArticleReader.Article article) {
        if (ledger.seen(article.id()) || pendingIds.contains(article.id())) {
            alreadyProduced.incrementAndGet();
            return;
        }
        final Map<String, String> headers = new LinkedHashMap<>();
        headers.put(HEADER_FILE, article.warcFile());
        headers.put(HEADER_OFFSET, String.valueOf(article.offset()));
        headers.put(HEADER_DATE, String.valueOf(article.raw().getPublishedAt()));
        pending.add(new CrawlLedger.Produce(article.id(), article.raw(), headers, List.of(article.id()), null));
        pendingIds.add(article.id());
        pendingBytes += article.raw().getContent().remaining();
        if (pending.size() >= batchArticles || pendingBytes >= batchBytes) {
            flush();
        }
    }

    /** Produces what is pending, in one transaction. */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        // Another writer (the crawler, a parallel import) may have produced some of these meanwhile.
        ledger.catchUp();
        final List<CrawlLedger.Produce> fresh = new ArrayList<>();
        for (final CrawlLedger.Produce article : pending) {
            if (ledger.seen(article.id())) {
                alreadyProduced.incrementAndGet();
            } else {
                fresh.add(article);
            }
        }
        ledger.commit(fresh, List.of());
        produced.addAndGet(fresh.size());
        pending.clear();
        pendingIds.clear();
        pendingBytes = 0;
    }

    public long produced() {
        return produced.get();
    }

    public long alreadyProduced() {
        return alreadyProduced.get();
    }
}
