package news.pipeline.clean;

import java.io.CharArrayReader;
import java.io.IOException;
import java.nio.CharBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;

/**
 * Turns a raw page or text into a clean article: the headline, the body as paragraphs and the
 * metadata the page declares.
 *
 * <p>Thread-safe and immutable: one instance serves every stream thread. Deterministic: the same
 * input gives the same output (no clock, no randomness). Bounded: the content size is capped before
 * anything is decoded, the HTML parser caps nesting depth, and every pass over the page is linear
 * and iterative, so hostile pages (deep nesting, binary junk, huge tokens) cost bounded time.
 */
public final class ArticleCleaner {
    /** Version of the cleaning logic; part of every clean record. Bump it whenever output can change. */
    public static final String VERSION = "1.5.0";
    /** Default largest content accepted, in bytes. */
    public static final int DEFAULT_MAX_CONTENT_BYTES = 4 * 1024 * 1024;

    /** How deep the HTML tree may nest; deeper markup is flattened by the parser. */
    private static final int MAX_HTML_DEPTH = 256;
    /** How far into undeclared content HTML markup is looked for: a page shows it in its first lines. */
    private static final int SNIFF_CHARS = 2048;
    /** The most bytes one character takes in any charset a page comes in (UTF-8, GB18030). */
    private static final int MAX_BYTES_PER_CHAR = 4;

    private static final Pattern HTML_SNIFF =
            Pattern.compile("(?is)^\\s*(<!doctype\\s+html|<html[\\s>]|<head[\\s>]|<body[\\s>]|<\\?xml)|"
                    + "<(html|head|body|p|div|article|title|meta|br|h1|h2|span|a|table|script)[\\s>/]");
    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+(?:[|–—·»:/]|-|::)\\s+");
    /** Separators that never join the words of a headline itself. */
    private static final Pattern STRONG_SEPARATOR = Pattern.compile("\\s+(?:[|–—·»]|::)\\s+");

    /** A one-word {@code <h1>} is a site or section name, not a headline. */
    private static final int MIN_HEADING_WORDS = 2;
    /** The heading is the headline when it is at least half the declared title; shorter, it is a kicker. */
    private static final int HEADING_SHARE_DIVIDER = 2;
    /** A site name after a strong separator is a few words ("The Daily Example News"). */
    private static final int MAX_SITE_WORDS = 4;
    /** A site name before a strong separator is shorter still ("BBC News | ..."). */
    private static final int MAX_LEADING_SITE_WORDS = 3;
    /** After a plain hyphen, which also joins headline parts, only a one- or two-word name is a site. */
    private static final int MAX_HYPHENATED_SITE_WORDS = 2;
    /** What remains once a trailing site part goes is a headline of at least three words. */
    private static final int MIN_HEADLINE_WORDS = 3;
    /** When the site part leads, or follows a plain hyphen, the split is less sure: four headline words. */
    private static final int MIN_HEADLINE_WORDS_LESS_SURE = 4;

    private final int maxContentBytes;

    public ArticleCleaner(final int maxContentBytes) {
        if (maxContentBytes <= 0) {
            throw new IllegalArgumentException("maxContentBytes must be positive, was " + maxContentBytes);
        }
        this.maxContentBytes = maxContentBytes;
    }

    public ArticleCleaner() {
        this(DEFAULT_MAX_CONTENT_BYTES);
    }

    /** The largest content accepted, in bytes; for gzip-compressed content, once inflated. */
    public int maxContentBytes() {
        return maxContentBytes;
    }

    public CleanDocument clean(final RawDocument raw) throws RejectedDocumentException {
        final byte[] given = Objects.requireNonNull(raw, "raw").content();
        if (given == null || given.length == 0) {
            throw new RejectedDocumentException(Rejection.EMPTY_CONTENT, "content is empty (0 bytes)");
        }
        final byte[] content = Gzip.isGzip(given) ? inflate(given) : given;
        if (content.length > maxContentBytes) {
            throw new RejectedDocumentException(
                    Rejection.OVERSIZED,
                    String.format(
                            Locale.ROOT,
                            "content is %,d bytes, over the maximum of %,d bytes",
                            content.length,
                            maxContentBytes));
        }
        final DocumentFormat declared = declaredFormat(raw);
        final TextDecoder.Encoding encoding =
                TextDecoder.encodingOf(content, raw.contentType(), declared != DocumentFormat.TEXT);
        final DocumentFormat format = declared != null ? declared : sniff(content, encoding);
        // Script and style bodies are never read (JSON-LD excepted) and are half of a page's bytes:
        // cut before decoding and parsing, where the bytes allow it.
        final ByteRanges bytes = format == DocumentFormat.HTML && encoding.asciiCompatible()
                ? ScriptAndStyleBodies.cut(content, encoding.start())
                : ByteRanges.from(content, encoding.start());
        final CharBuffer text = TextDecoder.decode(bytes, encoding);
        if (!hasVisibleCharacter(text)) {
            throw new RejectedDocumentException(
                    Rejection.EMPTY_CONTENT,
                    String.format(Locale.ROOT, "content is only whitespace (%,d bytes)", content.length));
        }
        return format == DocumentFormat.HTML ? cleanHtml(text, content.length, raw) : cleanText(text.toString(), raw);
    }

    /**
     * HTML when the first characters show markup, else plain text. Only a prefix is decoded: the
     * first {@value #SNIFF_CHARS} characters take at most four bytes each in any charset.
     */
    private static DocumentFormat sniff(final byte[] content, final TextDecoder.Encoding encoding) {
        final int length = Math.min(content.length - encoding.start(), SNIFF_CHARS * MAX_BYTES_PER_CHAR);
        final String prefix = new String(content, encoding.start(), length, encoding.charset());
        return HTML_SNIFF
                        .matcher(prefix.substring(0, Math.min(prefix.length(), SNIFF_CHARS)))
                        .find()
                ? DocumentFormat.HTML
                : DocumentFormat.TEXT;
    }

    /**
     * Content stored as fetched from a server that sent it gzip-compressed. Inflated to at most the
     * maximum content size, so that a gzip bomb is refused as OVERSIZED in bounded memory and time.
     */
    private byte[] inflate(final byte[] gzip) throws RejectedDocumentException {
        try {
            return Gzip.inflate(gzip, maxContentBytes);
        } catch (Gzip.TooLargeException e) {
            throw new RejectedDocumentException(Rejection.OVERSIZED, "gzip-compressed content: " + e.getMessage());
        } catch (IOException e) {
            throw new RejectedDocumentException(
                    Rejection.UNDECODABLE_TEXT,
                    "content starts like gzip (1F 8B) but does not inflate: " + Gzip.problemOf(e));
        }
    }

    /** The producer's declared format, else what the content type says; null when neither tells. */
    private static DocumentFormat declaredFormat(final RawDocument raw) {
        if (raw.declaredFormat() != null) {
            return raw.declaredFormat();
        }
        final String type = raw.contentType() == null ? "" : raw.contentType().toLowerCase(Locale.ROOT);
        if (type.contains("html") || type.contains("xml")) {
            return DocumentFormat.HTML;
        }
        if (type.startsWith("text/")) {
            return DocumentFormat.TEXT;
        }
        return null;
    }

    private static boolean hasVisibleCharacter(final CharBuffer text) {
        for (int i = text.position(), n = text.limit(); i < n; i++) {
            final char c = text.get(i);
            if (!TextNormalizer.isSpace(c) && !TextNormalizer.isInvisible(c)) {
                return true;
            }
        }
        return false;
    }

    private static CleanDocument cleanText(final String text, final RawDocument raw) throws RejectedDocumentException {
        final PlainTextExtractor.Extracted extracted = PlainTextExtractor.extract(text, raw.titleHint());
        if (extracted.paragraphs().isEmpty()) {
            throw new RejectedDocumentException(
                    Rejection.NO_TEXT,
                    String.format(
                            Locale.ROOT,
                            "no article text in %,d characters of plain text: only a title, site labels or interface"
                                    + " lines remained",
                            text.length()));
        }
        return new CleanDocument(
                extracted.title(),
                List.copyOf(extracted.paragraphs()),
                DocumentFormat.TEXT,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private static CleanDocument cleanHtml(final CharBuffer html, final int bytes, final RawDocument raw)
            throws RejectedDocumentException {
        final Parser parser = Parser.htmlParser();
        parser.setMaxDepth(MAX_HTML_DEPTH);
        final String base = raw.url() == null ? "" : raw.url();
        final Document doc = parser.parseInput(
                new CharArrayReader(html.array(), html.arrayOffset() + html.position(), html.remaining()), base);
        final HtmlMetadata.Metadata meta = HtmlMetadata.read(doc, raw.url());
        final String title = title(doc, meta, raw.titleHint());
        final List<String> extracted = ParagraphPolish.polish(HtmlArticleExtractor.extract(doc.body()), title);
        final List<String> declared = DeclaredArticleBody.orExtracted(extracted, meta.articleBody());
        // A declared body gets the same clean-up as the page's text: it may repeat the headline or a byline.
        final List<String> paragraphs = declared == extracted ? extracted : ParagraphPolish.polish(declared, title);
        if (paragraphs.isEmpty()) {
            throw new RejectedDocumentException(
                    Rejection.NO_TEXT,
                    String.format(
                            Locale.ROOT,
                            "no article text in the HTML page (%,d bytes, %,d visible characters): nothing was left after"
                                    + " removing markup, navigation and boilerplate",
                            bytes,
                            doc.body() == null
                                    ? 0
                                    : TextNormalizer.visibleLength(doc.body().text())));
        }
        return new CleanDocument(
                title,
                List.copyOf(paragraphs),
                DocumentFormat.HTML,
                meta.author(),
                meta.publishedAt(),
                meta.modifiedAt(),
                meta.canonicalUrl(),
                meta.siteName(),
                meta.language(),
                meta.description());
    }

    /**
     * The headline: the page's {@code <h1>} when the declared title contains it (it then has no
     * site suffix), else the declared title (OpenGraph, JSON-LD, {@code <title>}) without its
     * " | Site" part, else the feed's title hint.
     */
    static String title(final Document doc, final HtmlMetadata.Metadata meta, final String titleHint) {
        final String declared = meta.title() != null ? meta.title() : TextNormalizer.clean(doc.title());
        final String stripped = declared.isEmpty() ? "" : stripSiteName(declared, meta.siteName());
        final String heading = meta.heading();
        final String headingKey = TextNormalizer.dedupeKey(heading);
        final boolean headingIsSite =
                meta.siteName() != null && headingKey.equals(TextNormalizer.dedupeKey(meta.siteName()));
        if (!heading.isEmpty() && !headingIsSite && BoilerplateLines.wordCount(heading) >= MIN_HEADING_WORDS) {
            final String strippedKey = TextNormalizer.dedupeKey(stripped);
            // The page's own heading is the headline when the declared title is it plus decoration.
            if (stripped.isEmpty()
                    || (strippedKey.contains(headingKey)
                            && headingKey.length() * HEADING_SHARE_DIVIDER >= strippedKey.length())) {
                return heading;
            }
        }
        if (!stripped.isEmpty()) {
            return stripped;
        }
        if (!heading.isEmpty()) {
            return heading;
        }
        return titleHint == null ? "" : TextNormalizer.clean(titleHint);
    }

    /** "Headline | Site" or "Site - Headline" without the site part. */
    static String stripSiteName(final String title, final String siteName) {
        final String[] parts = TITLE_SEPARATOR.split(title);
        if (parts.length < 2) {
            return title;
        }
        final String siteKey = siteName == null ? null : TextNormalizer.dedupeKey(siteName);
        final String last = parts[parts.length - 1];
        final String first = parts[0];
        if (siteKey != null && !siteKey.isEmpty()) {
            if (TextNormalizer.dedupeKey(last).equals(siteKey) || siteKey.contains(TextNormalizer.dedupeKey(last))) {
                return title.substring(0, title.lastIndexOf(last))
                        .replaceAll("\\s+(?:[|–—·»:/]|-|::)\\s*$", "")
                        .trim();
            }
            if (TextNormalizer.dedupeKey(first).equals(siteKey)) {
                return title.substring(first.length())
                        .replaceAll("^\\s*(?:[|–—·»:/]|-|::)\\s+", "")
                        .trim();
            }
        }
        // Without a declared site name: a short part after (or before) a strong separator such as
        // a bar is the site; after a plain hyphen only a one- or two-word name is, since hyphens
        // also join the parts of headlines.
        final Matcher separator = STRONG_SEPARATOR.matcher(title);
        int firstStart = -1;
        int firstEnd = -1;
        int lastStart = -1;
        int lastEnd = -1;
        while (separator.find()) {
            if (firstStart < 0) {
                firstStart = separator.start();
                firstEnd = separator.end();
            }
            lastStart = separator.start();
            lastEnd = separator.end();
        }
        if (lastStart > 0
                && BoilerplateLines.wordCount(title.substring(lastEnd)) <= MAX_SITE_WORDS
                && BoilerplateLines.wordCount(title.substring(0, lastStart)) >= MIN_HEADLINE_WORDS) {
            return title.substring(0, lastStart).trim();
        }
        if (firstStart > 0
                && BoilerplateLines.wordCount(title.substring(0, firstStart)) <= MAX_LEADING_SITE_WORDS
                && BoilerplateLines.wordCount(title.substring(firstEnd)) >= MIN_HEADLINE_WORDS_LESS_SURE) {
            return title.substring(firstEnd).trim();
        }
        final int hyphen = title.lastIndexOf(" - ");
        if (hyphen > 0
                && BoilerplateLines.wordCount(title.substring(hyphen)) <= MAX_HYPHENATED_SITE_WORDS
                && BoilerplateLines.wordCount(title.substring(0, hyphen)) >= MIN_HEADLINE_WORDS_LESS_SURE) {
            return title.substring(0, hyphen).trim();
        }
        return title;
    }
}
