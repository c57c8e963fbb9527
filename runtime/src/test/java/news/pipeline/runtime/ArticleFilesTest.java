package news.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import news.pipeline.ids.ArticleIds;
import news.pipeline.schema.ArticleFormat;
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
        final List<ArticleFiles.Article> articles = ArticleFiles.read(file);

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
        final String first = ArticleFiles.read(files.get(0)).get(0).id();
        assertThat(ArticleFiles.read(files.get(1)).get(0).id())
                .isEqualTo(first)
                .isEqualTo(ArticleIds.fromUrl("https://news.example/story"));
    }

    @Test
    void aTextWithNoUrlIsIdentifiedByItsContent() throws IOException {
        Files.writeString(dir.resolve("a.txt"), "Some story.");
        final ArticleFiles.Article article =
                ArticleFiles.read(dir.resolve("a.txt")).get(0);
        assertThat(article.id()).isEqualTo(ArticleIds.fromContent("Some story.".getBytes(StandardCharsets.UTF_8)));
        assertThat(article.raw().getFormat()).isEqualTo(ArticleFormat.TEXT);
    }

    @Test
    void stdinIsJsonLinesWhenItLooksLikeJsonElseOneArticle() throws IOException {
        assertThat(ArticleFiles.readStdin(new ByteArrayInputStream(
                        "{\"text\": \"a\"}\n{\"text\": \"b\"}\n".getBytes(StandardCharsets.UTF_8))))
                .hasSize(2);
        assertThat(ArticleFiles.readStdin(
                        new ByteArrayInputStream("<html><p>x</p></html>".getBytes(StandardCharsets.UTF_8))))
                .singleElement()
                .satisfies(a -> assertThat(a.raw().getFormat()).isEqualTo(ArticleFormat.HTML));
    }

    @Test
    void aJsonArticleWithoutContentIsRefusedWithItsPlace() throws IOException {
        final Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"url\": \"https://news.example/a\"}");
        assertThatThrownBy(() -> ArticleFiles.read(file))
                .hasMessageContaining("bad.json")
                .hasMessageContaining("\"html\" or \"text\"");
    }

    @Test
    void jsonThatDoesNotParseIsRefusedWithItsFileLineAndWhatIsWrongOnOneLine() throws IOException {
        final Path lines = dir.resolve("feed.jsonl");
        Files.writeString(lines, "{\"text\": \"a\"}\n{bad\n");
        assertThatThrownBy(() -> ArticleFiles.read(lines))
                .isInstanceOf(InvalidArticleException.class)
                .hasMessageStartingWith(lines + ":2: not valid JSON, column 2: Unexpected character ('b'")
                .hasMessageNotContaining("\n");

        final Path array = dir.resolve("feed.json");
        Files.writeString(array, "[\n  {\"text\": \"a\"},\n  {\"text\": }\n]");
        assertThatThrownBy(() -> ArticleFiles.read(array))
                .isInstanceOf(InvalidArticleException.class)
                .hasMessageStartingWith(array + ":3: not valid JSON")
                .hasMessageNotContaining("\n");

        assertThatThrownBy(
                        () -> ArticleFiles.readStdin(new ByteArrayInputStream("{bad".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidArticleException.class)
                .hasMessageStartingWith("stdin:1: not valid JSON");
    }
}
