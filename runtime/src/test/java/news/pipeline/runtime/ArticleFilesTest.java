package news.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import news.pipeline.ids.ArticleIds;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.serde.ByteBuffers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleFilesTest {

    @TempDir
    Path dir;

    @Test
    void jsonLinesTakeTheGivenIdOrDeriveItFromTheUrl() throws IOException {
        final Path file = dir.resolve("feed.jsonl");
        Files.writeString(file, """
                {"id": "given-1", "url": "https://news.example/a", "title": "A", "text": "Body A", "published_at": "2026-03-04T10:00:00+01:00"}

                {"url": "https://news.example/b?utm_source=x", "html": "<p>Body B</p>", "source": "feed", "published_at": 1700000000000}
                """);
        final List<ArticleFiles.Article> articles = ArticleFiles.read(file).requireAll();

        assertThat(articles).hasSize(2);
        assertThat(articles.get(0).id()).isEqualTo("given-1");
        assertThat(articles.get(0).raw().getFormat()).isEqualTo(ArticleFormat.TEXT);
        assertThat(articles.get(0).raw().getPublishedAt()).isEqualTo(Instant.parse("2026-03-04T09:00:00Z"));
        assertThat(articles.get(1).id()).isEqualTo(ArticleIds.fromUrl("https://news.example/b"));
        assertThat(articles.get(1).raw().getFormat()).isEqualTo(ArticleFormat.HTML);
        assertThat(articles.get(1).raw().getSource()).isEqualTo("feed");
        assertThat(articles.get(1).origin()).endsWith("feed.jsonl:3");
    }

    @Test
    void aPageIsIdentifiedByItsCanonicalUrlSoTwoCopiesGetOneId() throws IOException {
        final String page =
                "<html><head><link rel=\"canonical\" href=\"https://news.example/story\"></head><body><p>x</p></body></html>";
        Files.writeString(dir.resolve("one.html"), page);
        Files.writeString(dir.resolve("two.htm"), page.replace("<p>x</p>", "<p>x</p><!-- fetched later -->"));

        final List<Path> files = ArticleFiles.expand(dir);
        assertThat(files).hasSize(2);
        final String first = ArticleFiles.read(files.get(0)).requireAll().get(0).id();
        assertThat(ArticleFiles.read(files.get(1)).requireAll().get(0).id())
                .isEqualTo(first)
                .isEqualTo(ArticleIds.fromUrl("https://news.example/story"));
    }

    @Test
    void aTextWithNoUrlIsIdentifiedByItsContent() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "Some story.");
        final ArticleFiles.Article article =
                ArticleFiles.read(dir.resolve("a.txt")).requireAll().get(0);
        assertThat(article.id()).isEqualTo(ArticleIds.fromContent("Some story.".getBytes(StandardCharsets.UTF_8)));
        assertThat(article.raw().getFormat()).isEqualTo(ArticleFormat.TEXT);
    }

    @Test
    void stdinIsJsonLinesWhenItLooksLikeJsonElseOneArticle() throws IOException {
        assertThat(ArticleFiles.readStdin(new ByteArrayInputStream(
                                "{\"text\": \"a\"}\n{\"text\": \"b\"}\n".getBytes(StandardCharsets.UTF_8)))
                        .requireAll())
                .hasSize(2);
        assertThat(ArticleFiles.readStdin(
                                new ByteArrayInputStream("<html><p>x</p></html>".getBytes(StandardCharsets.UTF_8)))
                        .requireAll())
                .singleElement()
                .satisfies(a -> assertThat(a.raw().getFormat()).isEqualTo(ArticleFormat.HTML));
    }

    @Test
    void aJsonArticleWithoutContentIsAProblemWithItsPlace() {
        final Path file = dir.resolve("bad.json");
        writeString(file, "{\"url\": \"https://news.example/a\"}");
        assertThat(ArticleFiles.read(file).problems())
                .singleElement()
                .hasToString(file + ": a JSON article needs \"html\" or \"text\"");
        assertThatThrownBy(() -> ArticleFiles.read(file).requireAll())
                .isInstanceOf(InvalidArticleException.class)
                .hasMessage(file + ": a JSON article needs \"html\" or \"text\"");
    }

    @Test
    void everyBadLineOrElementIsAProblemOfItsOwnAndTheRestAreArticles() throws IOException {
        final Path lines = dir.resolve("feed.jsonl");
        Files.writeString(
                lines,
                "{\"text\": \"a\"}\n{bad\n[1]\n\n{\"text\": \"b\"}\n{\"text\": \"c\", \"published_at\": \"soon\"}");
        final ArticleFiles.Batch batch = ArticleFiles.read(lines);
        assertThat(batch.articles())
                .extracting(ArticleFiles.Article::origin)
                .containsExactly(lines + ":1", lines + ":5");
        assertThat(batch.problems())
                .extracting(ArticleFiles.Problem::toString)
                .containsExactly(
                        lines + ":2: not valid JSON, column 2: Unexpected character ('b' (code 98)): was expecting"
                                + " double-quote to start field name",
                        lines + ":3: a JSON array, not an object: a raw article is a JSON object with \"html\" or"
                                + " \"text\"",
                        lines + ":6: published_at is not ISO-8601 with an offset: soon");

        final Path array = dir.resolve("feed.json");
        Files.writeString(array, "[\n  {\"text\": \"a\"},\n  {\"html\": 3}\n]");
        final ArticleFiles.Batch elements = ArticleFiles.read(array);
        assertThat(elements.articles()).hasSize(1);
        assertThat(elements.problems())
                .extracting(ArticleFiles.Problem::toString)
                .containsExactly(array + "[1]: \"html\" must be a string, not a number");

        final Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "[\n  {\"text\": \"a\"},\n  {\"text\": }\n]");
        assertThat(ArticleFiles.read(broken).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.toString())
                        .startsWith(broken + ":3: not valid JSON")
                        .doesNotContain("\n"));

        assertThat(ArticleFiles.readStdin(new ByteArrayInputStream("{bad".getBytes(StandardCharsets.UTF_8)))
                        .problems())
                .singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith("stdin:1: not valid JSON"));
    }

    @Test
    void gzippedPagesAndJsonLinesAreReadInflated() throws IOException {
        final String page = "<html><head><link rel=\"canonical\" href=\"https://news.example/gz\"></head>"
                + "<body><p>A story.</p></body></html>";
        final Path html = dir.resolve("page.html.gz");
        Files.write(html, gzip(page.getBytes(StandardCharsets.UTF_8)));
        final Path lines = dir.resolve("feed.jsonl.gz");
        Files.write(lines, gzip("{\"text\": \"a\"}\n{\"text\": \"b\"}\n".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve("notes.gz"), "not an article file");

        assertThat(ArticleFiles.expand(dir)).containsExactly(lines, html);
        final ArticleFiles.Article article =
                ArticleFiles.read(html).requireAll().get(0);
        assertThat(ByteBuffers.copy(article.raw().getContent())).isEqualTo(page.getBytes(StandardCharsets.UTF_8));
        assertThat(article.id()).isEqualTo(ArticleIds.fromUrl("https://news.example/gz"));
        assertThat(article.raw().getFormat()).isEqualTo(ArticleFormat.HTML);
        assertThat(ArticleFiles.read(lines).requireAll())
                .extracting(ArticleFiles.Article::origin)
                .containsExactly(lines + ":1", lines + ":2");
        assertThat(ArticleFiles.readStdin(
                                new ByteArrayInputStream(gzip("{\"text\": \"a\"}".getBytes(StandardCharsets.UTF_8))))
                        .requireAll())
                .hasSize(1);
    }

    @Test
    void gzipBombsAndBrokenGzipAreProblemsNotOutOfMemoryErrors() throws IOException {
        final byte[] bomb = bomb();
        final Path page = dir.resolve("bomb.html.gz");
        Files.write(page, bomb);
        final Path lines = dir.resolve("bomb.jsonl.gz");
        Files.write(lines, bomb);
        final Path broken = dir.resolve("broken.txt.gz");
        Files.write(broken, Arrays.copyOf(bomb, 100));

        assertThat(ArticleFiles.read(page).problems())
                .extracting(ArticleFiles.Problem::toString)
                .containsExactly(String.format(
                        "%s: %,d bytes of gzip inflate to more than 16,777,216 bytes, the maximum an article may have"
                                + " (what news.articles.raw accepts)",
                        page, bomb.length));
        assertThat(ArticleFiles.read(lines).problems())
                .extracting(ArticleFiles.Problem::toString)
                .containsExactly(lines + ":1: the line is over 16,777,216 bytes, the most an article may have (what"
                        + " news.articles.raw accepts)");
        assertThat(ArticleFiles.read(broken).problems())
                .singleElement()
                .satisfies(p -> assertThat(p.toString()).startsWith(broken + ": not valid gzip or cannot be read: "));
    }

    private static void writeString(final Path file, final String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(final byte[] bytes) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        return out.toByteArray();
    }

    /** 100 MB of zeros, gzipped to about 100 KB. */
    private static byte[] bomb() throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            final byte[] zeros = new byte[1024 * 1024];
            for (int i = 0; i < 100; i++) {
                gzip.write(zeros);
            }
        }
        return out.toByteArray();
    }
}
