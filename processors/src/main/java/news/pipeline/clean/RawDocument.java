package news.pipeline.clean;

/**
 * What the cleaner is given: the content exactly as fetched, and what its producer said about it.
 *
 * @param content     the undecoded bytes of the page or text
 * @param contentType the MIME type as delivered, with its charset parameter if any; null when unknown
 * @param declaredFormat HTML, TEXT, or null to decide from the content type and the content itself
 * @param url         where it was fetched from; null when unknown
 * @param titleHint   a title given by the feed, used when the content has none; null when absent
 */
public record RawDocument(
        byte[] content, String contentType, DocumentFormat declaredFormat, String url, String titleHint) {}
