package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import news.pipeline.ids.ArticleIds;
import news.pipeline.runtime.StreamsAppRunner;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.testkit.EmbeddedCluster;
import news.pipeline.testkit.NewsPages;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcWriter;

/**
 * {@code import-warc} from the command line, on WARC files written here with jwarc's writer,
 * through the running pipeline to enriched records; a second run produces nothing new.
 */
class ImportWarcIT {
    private static final Instant DATE = Instant.parse("2026-11-20T12:00:00Z");

    @TempDir
    static Path dataDir;

    @TempDir
    Path warcDir;

    private static EmbeddedCluster cluster;
    private static StreamsAppRunner pipeline;

    @BeforeAll
    static void start() throws Exception {
        cluster = new EmbeddedCluster(dataDir);
        pipeline = cluster.startPipeline();
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static CliRun importWarc(final String... args) {
        final List<String> all = new ArrayList<>(List.of(
                "import-warc", "--bootstrap-servers", cluster.settings().bootstrapServers(), "--progress", "none"));
        all.addAll(List.of(args));
        return CliRun.execute(all.toArray(String[]::new));
    }

    private static WarcResponse response(final String url, final int status, final String type, final byte[] body)
            throws IOException {
        final HttpResponse http = new HttpResponse.Builder(status, status == 200 ? "OK" : "Not Found")
                .body(MediaType.parse(type), body)
                .build();
        return new WarcResponse.Builder(URI.create(url)).date(DATE).body(http).build();
    }

    @Test
    void htmlResponsesComeOutEnrichedOnceAndTheRestIsCounted() throws Exception {
        final Path gzipped = warcDir.resolve("news-00001.warc.gz");
        final Path plain = warcDir.resolve("news-00002.warc");
        final List<String> expected = new ArrayList<>();
        final List<Long> offsets = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(gzipped, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                WarcWriter writer = new WarcWriter(channel, WarcCompression.GZIP)) {
            for (int n = 1; n <= 4; n++) {
                final String url = "https://news.example.test/world/" + n;
                writer.write(new WarcRequest.Builder(URI.create(url))
                        .date(DATE)
                        .body(new HttpRequest.Builder("GET", "/world/" + n).build())
                        .build());
                offsets.add(writer.position());
                writer.write(response(
                        url,
                        200,
                        "text/html; charset=utf-8",
                        NewsPages.SMALL.article(100 + n).getContent().array()));
                if (n != 3) {
                    expected.add(ArticleIds.fromUrl(url));
                }
            }
            writer.write(new WarcRevisit.Builder(URI.create("https://news.example.test/world/1"))
                    .date(DATE)
                    .body(new HttpResponse.Builder(200, "OK").build())
                    .build());
            writer.write(response("https://news.example.test/logo.png", 200, "image/png", new byte[] {1, 2, 3}));
            writer.write(response(
                    "https://news.example.test/gone",
                    404,
                    "text/html",
                    "<p>gone</p>".getBytes(StandardCharsets.UTF_8)));
        }
        // The third response's gzip member no longer starts as one.
        try (RandomAccessFile file = new RandomAccessFile(gzipped.toFile(), "rw")) {
            file.seek(offsets.get(2));
            file.write("broken".getBytes(StandardCharsets.US_ASCII));
        }
        try (WarcWriter writer = new WarcWriter(plain)) {
            final String url = "https://news.example.test/europe/9";
            writer.write(response(
                    url,
                    200,
                    "text/html",
                    NewsPages.SMALL.article(109).getContent().array()));
            expected.add(ArticleIds.fromUrl(url));
        }

        final CliRun first = importWarc(warcDir.toString());

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(first.out())
                .contains("4 produced")
                .contains("corrupt-record=1")
                .contains("not-html=1")
                .contains("status-404=1")
                .contains("not-a-response:revisit=1")
                .contains("MB/s");
        final AvroSerde<RawArticle> rawSerde = new AvroSerde<>(RawArticle.class);
        final List<ConsumerRecord<byte[], byte[]>> raw = cluster.readAllSettled(Topics.RAW.name());
        assertThat(raw.stream().map(record -> new String(record.key(), StandardCharsets.UTF_8)))
                .containsExactlyInAnyOrderElementsOf(expected);
        final RawArticle oneRaw = rawSerde.decode(raw.get(0).value());
        assertThat(oneRaw.getPublishedAt()).isEqualTo(DATE);
        assertThat(oneRaw.getContentType()).startsWith("text/html");
        assertThat(oneRaw.getSource()).startsWith("warc:news-0000");

        final AvroSerde<EnrichedArticle> serde = new AvroSerde<>(EnrichedArticle.class);
        final List<ConsumerRecord<byte[], byte[]>> enriched = cluster.readUntil(
                Topics.ENRICHED.name(),
                records -> records.stream()
                        .map(record -> new String(record.key(), StandardCharsets.UTF_8))
                        .collect(Collectors.toSet())
                        .containsAll(expected));
        assertThat(enriched)
                .allSatisfy(record ->
                        assertThat(serde.decode(record.value()).getText()).isNotBlank());

        final CliRun second = importWarc(warcDir.toString());

        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(second.out()).contains(" 0 produced, 4 produced before");
        assertThat(cluster.readAllSettled(Topics.RAW.name())).hasSize(expected.size());
    }

    @Test
    void hostAndDateFiltersAndADryRunNeedNoBroker() throws Exception {
        final Path file = warcDir.resolve("filters.warc.gz");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                WarcWriter writer = new WarcWriter(channel, WarcCompression.GZIP)) {
            writer.write(response(
                    "https://a.example.test/1",
                    200,
                    "text/html",
                    NewsPages.SMALL.article(201).getContent().array()));
            writer.write(response(
                    "https://b.example.test/2",
                    200,
                    "text/html",
                    NewsPages.SMALL.article(202).getContent().array()));
        }
        final CliRun dryRun = CliRun.execute(
                "import-warc",
                "--dry-run",
                "--progress",
                "none",
                "--bootstrap-servers",
                "127.0.0.1:1",
                "--host",
                "a.example.test",
                "--from",
                "2026-11-20",
                "--to",
                "2026-11-21",
                file.toString());

        assertThat(dryRun.exitCode()).isZero();
        assertThat(dryRun.out())
                .contains("2 record(s), 1 article(s) taken, 0 produced")
                .contains("other-host=1");
    }
}
