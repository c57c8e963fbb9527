package news.pipeline.runtime;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import news.pipeline.ids.ArticleIds;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;

/**
 * Reads articles to ingest: .html/.htm pages, .txt texts, .json (one object or an array of them)
 * and .jsonl (one object a line), from files, folders (recursively, in name order) or stdin.
 * JSON objects take id, url, title, published_at (ISO-8601 or epoch milliseconds), source,
 * language, and html or text. Input that is not valid JSON, or not an article, throws
 * {@link InvalidArticleException} naming the file and line.
 */
public final class ArticleFiles {
    /** An article ready for the raw topic, and where it came from (for messages). */
    public record Article(String id, RawArticle raw, String origin) {}

    private static final Pattern CANONICAL_LINK =
            Pattern.compile("<link\\b[^>]*\\brel\\s*=\\s*[\"']?canonical[\"']?[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HREF =
            Pattern.compile("\\bhref\\s*=\\s*[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE);
    /** The canonical link sits in the head: no need to scan a whole large page for it. */
    private static final int HEAD_SCAN_BYTES = 64 * 1024;

    private ArticleFiles() {}

    public static boolean isArticleFile(final Path path) {
        final String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".html")
                || name.endsWith(".htm")
                || name.endsWith(".txt")
                || name.endsWith(".json")
                || name.endsWith(".jsonl");
    }

    /** Every article file under the path, in a stable order. */
    public static List<Path> expand(final Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(ArticleFiles::isArticleFile)
                    .sorted()
                    .toList();
        }
    }

    public static List<Article> read(final Path file) throws IOException {
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        final byte[] bytes = Files.readAllBytes(file);
        final String origin = file.toString();
        if (name.endsWith(".jsonl")) {
            return fromJsonLines(new String(bytes, StandardCharsets.UTF_8), origin);
        }
        if (name.endsWith(".json")) {
            return fromJson(parse(new String(bytes, StandardCharsets.UTF_8), origin, 0), origin);
        }
        final ArticleFormat format = name.endsWith(".txt") ? ArticleFormat.TEXT : ArticleFormat.HTML;
        return List.of(fromContent(bytes, format, null, origin));
    }

    /** Stdin holds JSON lines when it starts with '{' or '[', otherwise one text or HTML article. */
    public static List<Article> readStdin(final InputStream in) throws IOException {
        final byte[] bytes = in.readAllBytes();
        final String text = new String(bytes, StandardCharsets.UTF_8).stripLeading();
        if (text.startsWith("[")) {
            return fromJson(parse(text, "stdin", 0), "stdin");
        }
        if (text.startsWith("{")) {
            return fromJsonLines(text, "stdin");
        }
        final ArticleFormat format = text.startsWith("<") ? ArticleFormat.HTML : ArticleFormat.TEXT;
        return List.of(fromContent(bytes, format, null, "stdin"));
    }

    private static List<Article> fromJsonLines(final String text, final String origin) {
        final List<Article> articles = new ArrayList<>();
        int lineNumber = 0;
        for (final String line : text.split("\n")) {
            lineNumber++;
            if (!line.isBlank()) {
                articles.add(fromJsonObject(parse(line, origin, lineNumber), origin + ":" + lineNumber));
            }
        }
        return articles;
    }

    /**
     * @param lineNumber the line's number in its file when the text is one line of it, else 0
     *                   (the parser's own line number is then the file's)
     */
    private static JsonNode parse(final String text, final String origin, final int lineNumber) {
        try {
            return AvroJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            final JsonLocation at = e.getLocation();
            final int line = lineNumber > 0 ? lineNumber : at == null ? 0 : at.getLineNr();
            final String column = at == null || at.getColumnNr() < 1 ? "" : ", column " + at.getColumnNr();
            // Jackson's message runs over several lines and quotes the input: its first line says what is wrong.
            final String what =
                    e.getOriginalMessage().lines().findFirst().orElse("").strip();
            throw new InvalidArticleException(
                    origin + (line > 0 ? ":" + line : "") + ": not valid JSON" + column + ": " + what);
        }
    }

    private static List<Article> fromJson(final JsonNode node, final String origin) {
        if (!node.isArray()) {
            return List.of(fromJsonObject(node, origin));
        }
        final List<Article> articles = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            articles.add(fromJsonObject(node.get(i), origin + "[" + i + "]"));
        }
        return articles;
    }

    public static Article fromJsonObject(final JsonNode node, final String origin) {
        if (!node.isObject()) {
            throw new InvalidArticleException(origin + ": expected a JSON object, got " + node.getNodeType());
        }
        final boolean html = node.hasNonNull("html");
        if (!html && !node.hasNonNull("text")) {
            throw new InvalidArticleException(origin + ": a JSON article needs \"html\" or \"text\"");
        }
        final byte[] content = node.get(html ? "html" : "text").asText().getBytes(StandardCharsets.UTF_8);
        final String url = text(node, "url");
        final RawArticle.Builder raw = RawArticle.newBuilder()
                .setUrl(url)
                .setSource(text(node, "source"))
                .setFormat(html ? ArticleFormat.HTML : ArticleFormat.TEXT)
                .setContentType(html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8")
                .setContent(ByteBuffer.wrap(content))
                .setTitle(text(node, "title"))
                .setPublishedAt(instant(node.get("published_at"), origin))
                .setLanguage(text(node, "language"));
        final String givenId = text(node, "id");
        final String id =
                givenId != null ? givenId : idOf(content, html ? ArticleFormat.HTML : ArticleFormat.TEXT, url);
        return new Article(id, raw.build(), origin);
    }

    public static Article fromContent(
            final byte[] content, final ArticleFormat format, final String url, final String origin) {
        final RawArticle raw = RawArticle.newBuilder()
                .setUrl(url)
                .setFormat(format)
                // No charset: the cleaner reads it from a BOM or the page's meta charset.
                .setContentType(format == ArticleFormat.HTML ? "text/html" : "text/plain")
                .setContent(ByteBuffer.wrap(content))
                .build();
        return new Article(idOf(content, format, url), raw, origin);
    }

    /** The page's canonical URL when it declares one, else the URL given, else the content. */
    public static String idOf(final byte[] content, final ArticleFormat format, final String url) {
        if (format == ArticleFormat.HTML) {
            final String canonical = canonicalUrl(content);
            if (canonical != null) {
                return ArticleIds.fromUrl(canonical);
            }
        }
        return url != null ? ArticleIds.fromUrl(url) : ArticleIds.fromContent(content);
    }

    public static String canonicalUrl(final byte[] html) {
        final String head = new String(html, 0, Math.min(html.length, HEAD_SCAN_BYTES), StandardCharsets.ISO_8859_1);
        final Matcher link = CANONICAL_LINK.matcher(head);
        if (link.find()) {
            final Matcher href = HREF.matcher(link.group());
            if (href.find() && href.group(1).matches("(?i)https?://.+")) {
                return href.group(1);
            }
        }
        return null;
    }

    private static String text(final JsonNode node, final String field) {
        final JsonNode value = node.get(field);
        return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
    }

    private static Instant instant(final JsonNode value, final String origin) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return Instant.ofEpochMilli(value.asLong());
        }
        final String text = value.asText().strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new InvalidArticleException(origin + ": published_at is not ISO-8601 with an offset: " + text);
            }
        }
    }
}
