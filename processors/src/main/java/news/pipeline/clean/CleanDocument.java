package news.pipeline.clean;

import java.time.Instant;
import java.util.List;

/**
 * An article as the cleaner leaves it: the headline, the body as paragraphs, and the metadata the
 * page declares. Every metadata field is null when the page does not declare it.
 *
 * @param title        the headline without a " | Site name" suffix; empty when there is none
 * @param paragraphs   the body in reading order, each NFC-normalised, single-spaced, without line breaks
 * @param format       whether the content was HTML or plain text
 * @param author       the author or byline as declared
 * @param publishedAt  publication time as declared
 * @param modifiedAt   last modification time as declared
 * @param canonicalUrl absolute canonical URL (link rel=canonical, og:url)
 * @param siteName     the publication's name (og:site_name, JSON-LD publisher)
 * @param language     declared language, BCP 47 (html lang, og:locale)
 * @param description  the page's own summary (meta description, og:description)
 */
public record CleanDocument(
        String title,
        List<String> paragraphs,
        DocumentFormat format,
        String author,
        Instant publishedAt,
        Instant modifiedAt,
        String canonicalUrl,
        String siteName,
        String language,
        String description) {

    /** The body as one string: paragraphs separated by a blank line. */
    public String text() {
        return String.join("\n\n", paragraphs);
    }
}
