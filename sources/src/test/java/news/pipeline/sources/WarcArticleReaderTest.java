package news.pipeline.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import news.pipeline.ids.ArticleIds;
import news.pipeline.sources.WarcArticleReader.Inflation;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class WarcArticleReaderTest {
    private static final Instant DAY = Instant.parse("2026-11-20T12:00:00Z");
    private static final WarcFilters ANY = new WarcFilters(null, null, List.of(), List.of(), 1024 * 1024);

    @TempDir
    Path dir;

    private static List<WarcArticleReader.Article> read(final WarcArticleReader reader, final Path file)
            throws Exception {
        final List<WarcArticleReader.Article> articles = new ArrayList<>();
        reader.read(file, articles::add);
        return articles;
    }

    private static TestWarcs mixed() throws Exception {
        return new TestWarcs()
                .request("https://news.example.test/a", DAY)
                .html("https://news.example.test/a", DAY, TestWarcs.page("en", "A"))
                .revisit("https://news.example.test/a", DAY.plusSeconds(60))
                .response("https://news.example.test/report.pdf", DAY, 200, "application/pdf", "%PDF-1.7")
                .response("https://news.example.test/gone", DAY, 404, "text/html", "<html>gone</html>")
                .response(
                        "https://news.example.test/b",
                        DAY,
                        200,
                        "text/html; charset=windows-1252",
                        TestWarcs.page("fr", "B"));
    }

    /** Each compression with each way of inflating (which changes nothing for an uncompressed file). */
    static Stream<Arguments> compressionsAndInflations() {
        return Stream.of(
                Arguments.of(true, Inflation.LIBDEFLATE_WHEN_PRESENT),
                Arguments.of(true, Inflation.JDK),
                Arguments.of(false, Inflation.LIBDEFLATE_WHEN_PRESENT));
    }

    @Test
    void libdeflateIsFoundWhereTheSystemHasIt() {
        final boolean installed = Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib64")
                .anyMatch(libs -> Path.of(libs, "libdeflate.so.0").toFile().exists());
        if (!installed) {
            final String message = "libdeflate is not installed; on Debian: apt-get install libdeflate0";
            if (System.getenv("CI") != null) {
                Assertions.fail(message + ". CI is set, so this test may not be skipped.");
            }
            Assumptions.abort(message);
        }
        assertThat(Libdeflate.problem()).isNull();
        assertThat(new WarcArticleReader(ANY).inflater()).isEqualTo("libdeflate");
        assertThat(new WarcArticleReader(ANY, Inflation.JDK).inflater()).isEqualTo("jdk");
    }

    @ParameterizedTest
    @MethodSource("compressionsAndInflations")
    void takesHtmlResponsesWithStatus200AndCountsTheRest(final boolean gzip, final Inflation inflation)
            throws Exception {
        final Path file = dir.resolve(gzip ? "mixed.warc.gz" : "mixed.warc");
        final List<Long> offsets = mixed().write(file, gzip);
        final WarcArticleReader reader = new WarcArticleReader(ANY, inflation);

        final List<WarcArticleReader.Article> articles = read(reader, file);

        assertThat(articles)
                .extracting(article -> article.raw().getUrl())
                .containsExactly("https://news.example.test/a", "https://news.example.test/b");
        // Where each record starts in the file, compressed or not.
        assertThat(articles)
                .extracting(WarcArticleReader.Article::offset)
                .containsExactly(offsets.get(1), offsets.get(5));
        final WarcArticleReader.Article b = articles.get(1);
        assertThat(b.id()).isEqualTo(ArticleIds.fromUrl("https://news.example.test/b"));
        assertThat(b.raw().getContentType()).isEqualTo("text/html;charset=windows-1252");
        assertThat(b.raw().getPublishedAt()).isEqualTo(DAY);
        assertThat(StandardCharsets.UTF_8.decode(b.raw().getContent()).toString())
                .contains("<h1>B</h1>");
        assertThat(reader.records()).isEqualTo(6);
        assertThat(reader.skipped())
                .containsEntry("not-a-response:request", 1L)
                .containsEntry("not-a-response:revisit", 1L)
                .containsEntry("not-html", 1L)
                .containsEntry("status-404", 1L);
        assertThat(reader.bytesDone()).isEqualTo(file.toFile().length());
    }

    @ParameterizedTest
    @MethodSource("compressionsAndInflations")
    void aCorruptRecordIsSkippedAndCountedAndTheRecordsAfterItAreRead(final boolean gzip, final Inflation inflation)
            throws Exception {
        final Path file = dir.resolve(gzip ? "corrupt.warc.gz" : "corrupt.warc");
        final TestWarcs warcs = new TestWarcs();
        for (int n = 0; n < 6; n++) {
            warcs.html("https://news.example.test/" + n, DAY, TestWarcs.page("en", "Story " + n));
        }
        final List<Long> offsets = warcs.write(file, gzip);
        // The third record's start is no record any more.
        TestWarcs.corrupt(file, offsets.get(2), "garbage!".getBytes(StandardCharsets.US_ASCII));
        final WarcArticleReader reader = new WarcArticleReader(ANY, inflation);

        final List<WarcArticleReader.Article> articles = read(reader, file);

        assertThat(articles)
                .extracting(article -> article.raw().getUrl())
                .containsExactly(
                        "https://news.example.test/0",
                        "https://news.example.test/1",
                        "https://news.example.test/3",
                        "https://news.example.test/4",
                        "https://news.example.test/5");
        assertThat(articles)
                .extracting(WarcArticleReader.Article::offset)
                .containsExactly(offsets.get(0), offsets.get(1), offsets.get(3), offsets.get(4), offsets.get(5));
        assertThat(reader.skipped()).isEqualTo(Map.of("corrupt-record", 1L));
    }

    @ParameterizedTest
    @EnumSource(Inflation.class)
    void garbageInsideACompressedRecordIsSkippedToo(final Inflation inflation) throws Exception {
        final Path file = dir.resolve("inside.warc.gz");
        final TestWarcs warcs = new TestWarcs();
        for (int n = 0; n < 4; n++) {
            warcs.html("https://news.example.test/" + n, DAY, TestWarcs.page("en", "Story " + n));
        }
        final List<Long> offsets = warcs.write(file, true);
        final byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0xff);
        TestWarcs.corrupt(file, offsets.get(1) + 40, garbage);
        final WarcArticleReader reader = new WarcArticleReader(ANY, inflation);

        final List<WarcArticleReader.Article> articles = read(reader, file);

        assertThat(articles)
                .extracting(article -> article.raw().getUrl())
                .contains("https://news.example.test/0", "https://news.example.test/2", "https://news.example.test/3")
                .doesNotContain("https://news.example.test/1");
        assertThat(reader.skipped()).containsEntry("corrupt-record", 1L);
    }

    @Test
    void garbageInsideARecordIsSkippedWhenMoreFollowsThanLibdeflatesBuffersHold() throws Exception {
        final Path file = dir.resolve("inside-long.warc.gz");
        final TestWarcs warcs = new TestWarcs();
        for (int n = 0; n < 40; n++) {
            warcs.html("https://news.example.test/" + n, DAY, TestWarcs.page("en", "Story " + n));
        }
        final List<Long> offsets = warcs.write(file, true);
        final byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0xff);
        TestWarcs.corrupt(file, offsets.get(1) + 40, garbage);
        // A window of 4 KiB cannot tell the garbage from a member cut off by the window: jwarc settles it.
        final WarcArticleReader reader =
                new WarcArticleReader(ANY, Inflation.LIBDEFLATE_WHEN_PRESENT, 4 << 10, 64 << 10);

        final List<WarcArticleReader.Article> articles = read(reader, file);

        assertThat(articles).hasSize(39);
        assertThat(articles)
                .extracting(WarcArticleReader.Article::offset)
                .doesNotContain(offsets.get(1))
                .contains(offsets.get(0), offsets.get(2), offsets.get(39));
        assertThat(reader.skipped()).isEqualTo(Map.of("corrupt-record", 1L));
    }

    @ParameterizedTest
    @EnumSource(Inflation.class)
    void aRecordWhoseOnlyFaultIsItsGzipChecksumIsReadAsJwarcReadsIt(final Inflation inflation) throws Exception {
        final Path file = dir.resolve("crc.warc.gz");
        final TestWarcs warcs = new TestWarcs();
        for (int n = 0; n < 3; n++) {
            warcs.html("https://news.example.test/" + n, DAY, TestWarcs.page("en", "Story " + n));
        }
        final List<Long> offsets = warcs.write(file, true);
        // A member's trailer is its CRC-32, then its size: the CRC of the second record's member, changed.
        TestWarcs.corrupt(file, offsets.get(2) - 8, new byte[] {0, 0, 0, 0});
        final WarcArticleReader reader = new WarcArticleReader(ANY, inflation);

        assertThat(read(reader, file))
                .extracting(WarcArticleReader.Article::offset)
                .isEqualTo(offsets);
        assertThat(reader.skipped()).isEmpty();
    }

    @Test
    void recordsTooLargeForLibdeflatesBuffersAreReadWholeByJwarcAndTheRestAsBefore() throws Exception {
        final Path file = dir.resolve("large.warc.gz");
        // Inflates to more than the 64 KiB allowed; and, being random, takes more than the 16 KiB of input allowed.
        final String long1 = "<html><body>" + "x".repeat(200_000) + "</body></html>";
        final StringBuilder random = new StringBuilder("<html><body>");
        final Random letters = new Random(7);
        while (random.length() < 60_000) {
            random.append((char) ('a' + letters.nextInt(26)));
        }
        final String long2 = random.append("</body></html>").toString();
        final TestWarcs warcs = new TestWarcs()
                .html("https://news.example.test/0", DAY, TestWarcs.page("en", "0"))
                .html("https://news.example.test/long1", DAY, long1)
                .html("https://news.example.test/1", DAY, TestWarcs.page("en", "1"))
                .html("https://news.example.test/long2", DAY, long2)
                .html("https://news.example.test/2", DAY, TestWarcs.page("en", "2"));
        final List<Long> offsets = warcs.write(file, true);
        final WarcArticleReader reader =
                new WarcArticleReader(ANY, Inflation.LIBDEFLATE_WHEN_PRESENT, 16 << 10, 64 << 10);

        final List<WarcArticleReader.Article> articles = read(reader, file);

        assertThat(articles)
                .extracting(article -> article.raw().getUrl())
                .containsExactly(
                        "https://news.example.test/0",
                        "https://news.example.test/long1",
                        "https://news.example.test/1",
                        "https://news.example.test/long2",
                        "https://news.example.test/2");
        assertThat(articles).extracting(WarcArticleReader.Article::offset).isEqualTo(offsets);
        assertThat(StandardCharsets.UTF_8
                        .decode(articles.get(1).raw().getContent())
                        .toString())
                .isEqualTo(long1);
        assertThat(StandardCharsets.UTF_8
                        .decode(articles.get(3).raw().getContent())
                        .toString())
                .isEqualTo(long2);
        assertThat(reader.records()).isEqualTo(5);
        assertThat(reader.skipped()).isEmpty();
        assertThat(reader.bytesDone()).isEqualTo(file.toFile().length());
    }

    @ParameterizedTest
    @EnumSource(Inflation.class)
    void aWarcCompressedWholeAsOneGzipMemberIsReadToo(final Inflation inflation) throws Exception {
        final Path plain = dir.resolve("whole.warc");
        mixed().write(plain, false);
        final Path file = dir.resolve("whole.warc.gz");
        try (GZIPOutputStream gzip = new GZIPOutputStream(Files.newOutputStream(file))) {
            Files.copy(plain, gzip);
        }
        final WarcArticleReader reader = new WarcArticleReader(ANY, inflation);

        assertThat(read(reader, file))
                .extracting(article -> article.raw().getUrl())
                .containsExactly("https://news.example.test/a", "https://news.example.test/b");
        assertThat(reader.records()).isEqualTo(6);
        assertThat(reader.skipped()).doesNotContainKey("corrupt-record");
    }

    @Test
    void filtersByDateHostAndDeclaredLanguage() throws Exception {
        final Path file = dir.resolve("filters.warc.gz");
        new TestWarcs()
                .html("https://www.news.example.test/1", DAY, TestWarcs.page("en-GB", "1"))
                .html("https://news.example.test/2", DAY.plusSeconds(86_400 * 3), TestWarcs.page("en", "2"))
                .html("https://othernews.example.test/3", DAY, TestWarcs.page("en", "3"))
                .html("https://news.example.test/4", DAY, TestWarcs.page("de", "4"))
                .html("https://news.example.test/5", DAY.minusSeconds(86_400 * 3), TestWarcs.page("en", "5"))
                .write(file, true);
        final WarcFilters filters = new WarcFilters(
                DAY.minusSeconds(86_400),
                DAY.plusSeconds(86_400),
                List.of("news.example.test"),
                List.of("en"),
                1 << 20);
        final WarcArticleReader reader = new WarcArticleReader(filters);

        final List<WarcArticleReader.Article> articles = read(reader, file);

        assertThat(articles)
                .extracting(article -> article.raw().getUrl())
                .containsExactly("https://www.news.example.test/1");
        assertThat(reader.skipped()).isEqualTo(Map.of("outside-dates", 2L, "other-host", 1L, "other-language", 1L));
    }

    @Test
    void aLanguageIsTakenFromTheHtmlTagOrAContentLanguageMetaWhateverTheirCase() throws Exception {
        final Path file = dir.resolve("languages.warc.gz");
        new TestWarcs()
                .html(
                        "https://news.example.test/upper",
                        DAY,
                        "<!DOCTYPE html><HTML CLASS=x LANG='DE-at'><p>1</p></HTML>")
                .html(
                        "https://news.example.test/meta",
                        DAY,
                        "<html><head><meta charset=utf-8><META HTTP-EQUIV=\"Content-Language\" content=\"de\"></head>")
                .html(
                        "https://news.example.test/elsewhere",
                        DAY,
                        "<html class=\"lang-de\"><body><p lang=de>Guten Tag</p><p>content-language: de</p></body></html>")
                .html("https://news.example.test/english", DAY, TestWarcs.page("en", "E"))
                .write(file, true);
        final WarcArticleReader reader =
                new WarcArticleReader(new WarcFilters(null, null, List.of(), List.of("de"), 1 << 20));

        final List<WarcArticleReader.Article> articles = read(reader, file);

        assertThat(articles)
                .extracting(article -> article.raw().getUrl())
                .containsExactly("https://news.example.test/upper", "https://news.example.test/meta");
        assertThat(reader.skipped()).isEqualTo(Map.of("other-language", 2L));
    }

    @Test
    void aPageOverTheCapIsSkippedAndCounted() throws Exception {
        final Path file = dir.resolve("big.warc");
        new TestWarcs()
                .html("https://news.example.test/big", DAY, "<html>" + "x".repeat(5000) + "</html>")
                .html("https://news.example.test/small", DAY, TestWarcs.page("en", "small"))
                .write(file, false);
        final WarcArticleReader reader = new WarcArticleReader(new WarcFilters(null, null, List.of(), List.of(), 1000));

        assertThat(read(reader, file))
                .extracting(article -> article.raw().getUrl())
                .containsExactly("https://news.example.test/small");
        assertThat(reader.skipped()).isEqualTo(Map.of("too-large", 1L));
    }
}
