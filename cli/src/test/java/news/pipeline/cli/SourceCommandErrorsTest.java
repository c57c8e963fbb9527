package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** crawl and import-warc refuse bad arguments with one line and exit code 2, before touching Kafka. */
class SourceCommandErrorsTest {
    private static final String NOWHERE = "127.0.0.1:1";

    @TempDir
    Path dir;

    @Test
    void crawlWithoutFeedsSaysSo() {
        final CliRun result = CliRun.execute("crawl", "--once", "--bootstrap-servers", NOWHERE);
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.line()).isEqualTo("news-pipeline: crawl needs --feeds (or --status)");
    }

    @Test
    void aFeedThatIsNeitherAUrlNorAFileIsNamed() {
        final CliRun result =
                CliRun.execute("crawl", "--once", "--bootstrap-servers", NOWHERE, "--feeds", "news.example.org/rss");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.line()).contains("not a feed URL (http:// or https://) or a file: news.example.org/rss");
    }

    @Test
    void aBadLineInAFeedListIsNamedWithItsLineNumber() throws Exception {
        final Path list = dir.resolve("feeds.txt");
        Files.writeString(list, "# my feeds\nhttps://news.example.org/rss.xml\nftp://news.example.org/feed\n");
        final CliRun result =
                CliRun.execute("crawl", "--once", "--bootstrap-servers", NOWHERE, "--feeds", list.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.line()).contains("feeds.txt:3: not a feed URL");
    }

    @Test
    void aNegativeDelayIsRefused() {
        final CliRun result = CliRun.execute(
                "crawl",
                "--once",
                "--bootstrap-servers",
                NOWHERE,
                "--feeds",
                "https://news.example.org/rss",
                "--delay",
                "-1");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.line()).contains("--delay must be 0 or more");
    }

    @Test
    void importWarcOfAMissingFileOrAFolderWithoutWarcsSaysSo() {
        final CliRun missing = CliRun.execute(
                "import-warc",
                "--bootstrap-servers",
                NOWHERE,
                dir.resolve("none.warc.gz").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.line()).contains("no such file or folder");

        final CliRun empty = CliRun.execute("import-warc", "--bootstrap-servers", NOWHERE, dir.toString());
        assertThat(empty.exitCode()).isEqualTo(2);
        assertThat(empty.line()).contains("no .warc or .warc.gz files in");
    }

    @Test
    void importWarcWithABadTimeSaysWhatATimeLooksLike() throws Exception {
        final Path file = Files.createFile(dir.resolve("a.warc"));
        final CliRun result =
                CliRun.execute("import-warc", "--bootstrap-servers", NOWHERE, "--from", "yesterday", file.toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.line()).contains("not a date-time, date or duration: yesterday");
    }
}
