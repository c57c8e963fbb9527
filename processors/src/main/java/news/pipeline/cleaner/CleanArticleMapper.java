package news.pipeline.cleaner;

import java.nio.ByteBuffer;
import news.pipeline.clean.ArticleCleaner;
import news.pipeline.clean.CleanDocument;
import news.pipeline.clean.DocumentFormat;
import news.pipeline.clean.LanguageDetection;
import news.pipeline.clean.RawDocument;
import news.pipeline.clean.RejectedDocumentException;
import news.pipeline.deadletter.RejectedRecordException;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.LanguageSource;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.ByteBuffers;

/** Maps between the raw and clean Avro records and the cleaner's plain types. No Kafka here. */
public final class CleanArticleMapper {
    private final ArticleCleaner cleaner;

    public CleanArticleMapper(final ArticleCleaner cleaner) {
        this.cleaner = cleaner;
    }

    /** The largest content accepted, inflated, in bytes: the limit for gzip-compressed raw values too. */
    public int maxContentBytes() {
        return cleaner.maxContentBytes();
    }

    /**
     * Cleans one raw article.
     *
     * @throws RejectedRecordException when the content cannot become an article
     */
    public CleanArticle clean(final String id, final RawArticle raw) {
        final CleanDocument document;
        try {
            document = cleaner.clean(new RawDocument(
                    bytes(raw.getContent()),
                    raw.getContentType(),
                    formatOf(raw.getFormat()),
                    raw.getUrl(),
                    raw.getTitle()));
        } catch (RejectedDocumentException e) {
            throw new RejectedRecordException(
                    DeadLetterReason.valueOf(e.rejection().name()), e.getMessage());
        }
        final String title = firstNonBlank(document.title(), raw.getTitle(), "");
        final String declared = firstNonBlank(document.language(), raw.getLanguage(), null);
        final String language = declared != null ? declared : LanguageDetection.detect(title, document.text());
        return CleanArticle.newBuilder()
                .setId(id)
                .setUrl(raw.getUrl())
                .setCanonicalUrl(document.canonicalUrl())
                .setSource(raw.getSource())
                .setSiteName(document.siteName())
                .setFormat(document.format() == DocumentFormat.HTML ? ArticleFormat.HTML : ArticleFormat.TEXT)
                .setTitle(title)
                .setText(document.text())
                .setAuthor(document.author())
                .setPublishedAt(document.publishedAt() != null ? document.publishedAt() : raw.getPublishedAt())
                .setModifiedAt(document.modifiedAt())
                .setLanguage(language)
                .setLanguageSource(
                        declared != null ? LanguageSource.DECLARED : language != null ? LanguageSource.DETECTED : null)
                .setDescription(document.description())
                .setCleanerVersion(ArticleCleaner.VERSION)
                .build();
    }

    private static DocumentFormat formatOf(final ArticleFormat format) {
        if (format == null) {
            return null;
        }
        return switch (format) {
            case HTML -> DocumentFormat.HTML;
            case TEXT -> DocumentFormat.TEXT;
            case UNKNOWN -> null;
        };
    }

    /** The content's bytes; Avro decodes them into an array of their own, which the cleaner only reads. */
    private static byte[] bytes(final ByteBuffer buffer) {
        if (buffer.hasArray()
                && buffer.arrayOffset() == 0
                && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        return ByteBuffers.copy(buffer);
    }

    private static String firstNonBlank(final String first, final String second, final String otherwise) {
        if (first != null && !first.isBlank()) {
            return first;
        }
        if (second != null && !second.isBlank()) {
            return second.strip();
        }
        return otherwise;
    }
}
