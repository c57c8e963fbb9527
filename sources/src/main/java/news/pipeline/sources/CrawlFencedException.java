package news.pipeline.sources;

/** Another instance under the same transactional id has taken over; this one must stop. */
public final class CrawlFencedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CrawlFencedException() {
        super("another instance with the same transactional id took over; this one stops (nothing was produced twice)");
    }
}
