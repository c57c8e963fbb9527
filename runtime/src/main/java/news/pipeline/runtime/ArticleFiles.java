package news.pipeline.runtime;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import news.pipeline.clean.Gzip;
import news.pipeline.ids.ArticleIds;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.ByteBuffers;
import news.pipeline.serde.RawArticleJson;
import news.pipeline.topics.Topics;

/**
 * Reads articles to ingest: .html/.htm pages, .txt texts, .json (one object or an array of them)
 * and .jsonl (one object a line), each also gzip-compressed (.html.gz, .jsonl.gz...), from files,
 * folders (recursively, in name order) or stdin. JSON objects have the shape of
 * {@link RawArticleJson}. A line, array element or file that is not an article is a
 * {@link Problem} naming the file and line; the rest of the input is still read.
 */
public final class ArticleFiles {
    /** An article ready for the raw topic, and where it came from (for messages). */
    public record Article(String id, RawArticle raw, String origin) {}

    /** A part of the input that is not an article: where (file, file:line or file[index]) and why. */
    public record Problem(String origin, String reason) {
        @Override
        public String toString() {
            return origin + ": " + reason;
        }
    }

    /** What one input held: its articles and its problems. */
    public record Batch(List<Article> articles, List<Problem> problems) {
        static Batch of(final Article article) {
            return new Batch(List.of(article), List.of());
        }

        static Batch of(final Problem problem) {
            return new Batch(List.of(), List.of(problem));
        }

        /** The articles, for input that must be whole (the samples); else the first problem, thrown. */
        public List<Article> requireAll() {
            if (!problems.isEmpty()) {
                throw new InvalidArticleException(problems.get(0).toString());
            }
            return articles;
        }
    }

    private static final Pattern CANONICAL_LINK =
            Pattern.compile("<link\\b[^>]*\\brel\\s*=\\s*[\"']?canonical[\"']?[^>]*>", Pattern.CASE_INSENSITIVE);
    /** Only an absolute web URL is an id. Compiled once: String.matches would compile it for every page. */
    private static final Pattern ABSOLUTE_WEB_URL = Pattern.compile("(?i)https?://.+");

    private static final Pattern HREF =
            Pattern.compile("\\bhref\\s*=\\s*[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE);
    /** The canonical link sits in the head: no need to scan a whole large page for it. */
    private static final int HEAD_SCAN_BYTES = 64 * 1024;
    /**
     * The most one article may take, inflated when compressed: what the raw topic accepts. A larger
     * page could not be sent, and a gzip bomb stops here instead of filling the memory.
     */
    private static final int MAX_ARTICLE_BYTES = Topics.RAW_MAX_MESSAGE_BYTES;

    private static final List<String> EXTENSIONS = List.of(".html", ".htm", ".txt", ".json", ".jsonl");
    private static final String GZIP_EXTENSION = ".gz";
    private static final int READ_CHUNK_BYTES = 64 * 1024;

    private ArticleFiles() {}

    public static boolean isArticleFile(final Path path) {
        final String name = uncompressedName(path);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
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

    /** The articles of one file and, for each line or element that is not one, a problem. Never throws for content. */
    public static Batch read(final Path file) {
        final String origin = file.toString();
        final String name = uncompressedName(file);
        final boolean gzip = isCompressed(file);
        try {
            if (name.endsWith(".jsonl")) {
                try (InputStream in = open(file, gzip)) {
                    return fromJsonLines(in, origin);
                }
            }
            final byte[] bytes = gzip ? inflate(Files.readAllBytes(file)) : readBounded(file);
            if (name.endsWith(".json")) {
                return fromJson(new String(bytes, StandardCharsets.UTF_8), origin);
            }
            final ArticleFormat format = name.endsWith(".txt") ? ArticleFormat.TEXT : ArticleFormat.HTML;
            return Batch.of(fromContent(bytes, format, null, origin));
        } catch (TooLargeException e) {
            return Batch.of(new Problem(origin, e.getMessage()));
        } catch (IOException e) {
            final String reason = Gzip.problemOf(e);
            return Batch.of(
                    new Problem(origin, (gzip ? "not valid gzip or cannot be read: " : "cannot be read: ") + reason));
        }
    }

    /**
     * Stdin, inflated first when it is gzip: JSON lines when it starts with '{', a JSON array when it
     * starts with '[', otherwise one text or HTML article.
     */
    public static Batch readStdin(final InputStream in) throws IOException {
        final BufferedInputStream buffered = new BufferedInputStream(in);
        buffered.mark(2);
        final boolean gzip = buffered.read() == 0x1F && buffered.read() == 0x8B;
        buffered.reset();
        final InputStream input =
                gzip ? new BufferedInputStream(new GZIPInputStream(buffered, READ_CHUNK_BYTES)) : buffered;
        input.mark(READ_CHUNK_BYTES);
        final byte[] head = input.readNBytes(READ_CHUNK_BYTES);
        input.reset();
        final String start = new String(head, StandardCharsets.UTF_8).stripLeading();
        if (start.startsWith("{")) {
            return fromJsonLines(input, "stdin");
        }
        try {
            final byte[] bytes = readBounded(input, "stdin");
            if (start.startsWith("[")) {
                return fromJson(new String(bytes, StandardCharsets.UTF_8), "stdin");
            }
            final ArticleFormat format = start.startsWith("<") ? ArticleFormat.HTML : ArticleFormat.TEXT;
            return Batch.of(fromContent(bytes, format, null, "stdin"));
        } catch (TooLargeException e) {
            return Batch.of(new Problem("stdin", e.getMessage()));
        }
    }

    /** One JSON object a line, read a chunk at a time: a line is never longer in memory than an article may be. */
    private static Batch fromJsonLines(final InputStream in, final String origin) throws IOException {
        final List<Article> articles = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        final ByteArrayOutputStream line = new ByteArrayOutputStream();
        final byte[] chunk = new byte[READ_CHUNK_BYTES];
        int lineNumber = 1;
        boolean tooLong = false;
        int read;
        while ((read = in.read(chunk)) != -1) {
            int start = 0;
            for (int i = 0; i < read; i++) {
                if (chunk[i] != '\n') {
                    continue;
                }
                tooLong = append(line, chunk, start, i - start, tooLong);
                jsonLine(line, tooLong, origin, lineNumber, articles, problems);
                line.reset();
                tooLong = false;
                lineNumber++;
                start = i + 1;
            }
            tooLong = append(line, chunk, start, read - start, tooLong);
        }
        jsonLine(line, tooLong, origin, lineNumber, articles, problems);
        return new Batch(articles, problems);
    }

    /** Adds to the line unless it is already too long; returns whether it is. */
    private static boolean append(
            final ByteArrayOutputStream line,
            final byte[] bytes,
            final int from,
            final int length,
            final boolean tooLong) {
        if (tooLong || line.size() + (long) length > MAX_ARTICLE_BYTES) {
            line.reset();
            return true;
        }
        line.write(bytes, from, length);
        return false;
    }

    private static void jsonLine(
            final ByteArrayOutputStream bytes,
            final boolean tooLong,
            final String origin,
            final int lineNumber,
            final List<Article> articles,
            final List<Problem> problems) {
        final String where = origin + ":" + lineNumber;
        if (tooLong) {
            problems.add(new Problem(where, tooLargeMessage("the line")));
            return;
        }
        final String line = bytes.toString(StandardCharsets.UTF_8);
        if (line.isBlank()) {
            return;
        }
        try {
            articles.add(articleOf(parse(line, origin, lineNumber), where));
        } catch (Unreadable e) {
            problems.add(e.problem);
        }
    }

    /** A .json file: one object, or an array of them, each element an article or a problem of its own. */
    private static Batch fromJson(final String text, final String origin) {
        final JsonNode node;
        try {
            node = parse(text, origin, 0);
            if (!node.isArray()) {
                return Batch.of(articleOf(node, origin));
            }
        } catch (Unreadable e) {
            return Batch.of(e.problem);
        }
        final List<Article> articles = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            final String where = origin + "[" + i + "]";
            try {
                articles.add(articleOf(node.get(i), where));
            } catch (Unreadable e) {
                problems.add(e.problem);
            }
        }
        return new Batch(articles, problems);
    }

    /**
     * @param lineNumber the line's number in its file when the text is one line of it, else 0
     *                   (the parser's own line number is then the file's)
     */
    private static JsonNode parse(final String text, final String origin, final int lineNumber) throws Unreadable {
        try {
            return RawArticleJson.parse(text);
        } catch (JsonProcessingException e) {
            final JsonLocation at = e.getLocation();
            final int line = lineNumber > 0 ? lineNumber : at == null ? 0 : at.getLineNr();
            final String column = at == null || at.getColumnNr() < 1 ? "" : ", column " + at.getColumnNr();
            throw new Unreadable(new Problem(
                    origin + (line > 0 ? ":" + line : ""),
                    "not valid JSON" + column + ": " + RawArticleJson.problemOf(e)));
        }
    }

    /**
     * An article from a JSON object; its id is the one given, else derived as for a page or text.
     *
     * @throws InvalidArticleException naming the origin, when the object is not an article
     */
    public static Article fromJsonObject(final JsonNode node, final String origin) {
        try {
            return articleOf(node, origin);
        } catch (Unreadable e) {
            throw new InvalidArticleException(e.problem.toString());
        }
    }

    private static Article articleOf(final JsonNode node, final String origin) throws Unreadable {
        final RawArticle raw;
        try {
            raw = RawArticleJson.toRawArticle(node);
        } catch (RawArticleJson.InvalidJsonException e) {
            throw new Unreadable(new Problem(origin, e.getMessage()));
        }
        final String givenId = RawArticleJson.id(node);
        final String id =
                givenId != null ? givenId : idOf(ByteBuffers.copy(raw.getContent()), raw.getFormat(), raw.getUrl());
        return new Article(id, raw, origin);
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
        final Optional<MatchResult> link = HtmlTags.first(head, "link", "canonical", CANONICAL_LINK);
        if (link.isPresent()) {
            final Matcher href = HREF.matcher(link.get().group());
            if (href.find() && ABSOLUTE_WEB_URL.matcher(href.group(1)).matches()) {
                return href.group(1);
            }
        }
        return null;
    }

    private static String uncompressedName(final Path path) {
        final String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(GZIP_EXTENSION) ? name.substring(0, name.length() - GZIP_EXTENSION.length()) : name;
    }

    private static boolean isCompressed(final Path path) {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(GZIP_EXTENSION);
    }

    private static InputStream open(final Path file, final boolean gzip) throws IOException {
        final InputStream in = Files.newInputStream(file);
        return gzip ? new GZIPInputStream(in, READ_CHUNK_BYTES) : in;
    }

    private static byte[] inflate(final byte[] gzip) throws IOException, TooLargeException {
        try {
            return Gzip.inflate(gzip, MAX_ARTICLE_BYTES);
        } catch (Gzip.TooLargeException e) {
            throw new TooLargeException(e.getMessage() + " an article may have (what " + Topics.RAW_NAME + " accepts)");
        }
    }

    private static byte[] readBounded(final Path file) throws IOException, TooLargeException {
        if (Files.size(file) > MAX_ARTICLE_BYTES) {
            throw new TooLargeException(tooLargeMessage("the file"));
        }
        return Files.readAllBytes(file);
    }

    private static byte[] readBounded(final InputStream in, final String what) throws IOException, TooLargeException {
        final byte[] bytes = in.readNBytes(MAX_ARTICLE_BYTES + 1);
        if (bytes.length > MAX_ARTICLE_BYTES) {
            throw new TooLargeException(tooLargeMessage(what));
        }
        return bytes;
    }

    private static String tooLargeMessage(final String what) {
        return String.format(
                Locale.ROOT,
                "%s is over %,d bytes, the most an article may have (what %s accepts)",
                what,
                MAX_ARTICLE_BYTES,
                Topics.RAW_NAME);
    }

    /** A part of the input that is not an article. */
    private static final class Unreadable extends Exception {
        private final Problem problem;

        Unreadable(final Problem problem) {
            super(problem.toString());
            this.problem = problem;
        }
    }

    /** Input over the size an article may have. */
    private static final class TooLargeException extends Exception {
        TooLargeException(final String message) {
            super(message);
        }
    }
}
