package news.pipeline.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import news.pipeline.clean.ArticleCleaner;
import news.pipeline.cli.PipelineSettings;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, fault 4, on the real pipeline: the five hostile pages (10 MiB, 100,000-deep nesting, a
 * tag with a million attributes, invalid UTF-8, one 4 MiB token) among good articles. The
 * processors run in their own JVM with a 512 MiB heap: that is the memory bound they must hold to.
 * It runs twice: with the content cap as shipped (4 MiB: the three largest pages are refused as
 * OVERSIZED before any parsing), and with the cap raised to 12 MiB so that every hostile page is
 * really parsed. Each hostile record must come out cleaned or dead-lettered with a clear reason,
 * and no good record may be lost or doubled.
 *
 * <p>The good-record rate with the hostile pages among them is measured against the rate without
 * them and printed; it is not asserted, because a timed assertion flakes on a loaded CI box.
 */
@Tag("fault")
class HostileHtmlFaultIT {
    private static final int WARM_UP = 5_000;
    private static final int MEASURED = 10_000;
    private static final String HEAP = "512m";
    private static final Set<DeadLetterReason> CLEAR_REASONS = Set.of(DeadLetterReason.OVERSIZED,
            DeadLetterReason.UNDECODABLE_TEXT, DeadLetterReason.NO_TEXT, DeadLetterReason.EMPTY_CONTENT);

    @TempDir
    Path dir;

    @ParameterizedTest(name = "content cap {0} bytes")
    @ValueSource(ints = {ArticleCleaner.DEFAULT_MAX_CONTENT_BYTES, HostileInputBoundsTest.MAX_CONTENT_BYTES})
    void hostilePagesAreCleanedOrDeadLetteredAndTheGoodArticlesAroundThemFlowOn(final int maxContentBytes) throws Exception {
        final String label = "[hostile cap=" + (maxContentBytes >> 20) + "MiB]";
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), EmbeddedKafka.DEFAULT_HOST, 0, Map.of())) {
            final PipelineSettings settings = FaultKit.settings(kafka.bootstrapServers(), dir.resolve("reader-state"), Map.of());
            FaultKit.createTopics(settings);
            final Path log = dir.resolve("processors.log");
            final Map<String, byte[]> hostile = HostilePages.all();
            final Set<String> hostileIds = hostile.keySet().stream().map(name -> "hostile-" + name).collect(Collectors.toSet());

            try (ChildPipeline processors = ChildPipeline.start(log, List.of("-Xmx" + HEAP), List.of("run",
                    "--processor", "all", "--bootstrap-servers", kafka.bootstrapServers(),
                    "--data-dir", dir.resolve("processors").toString(),
                    "--set", "news.pipeline.cleaner.max.content.bytes=" + maxContentBytes));
                 Progress clean = new Progress(settings, Topics.CLEAN, FaultKit::key);
                 Progress enriched = new Progress(settings, Topics.ENRICHED, FaultKit::key);
                 Progress deadLetters = new Progress(settings, Topics.DEAD_LETTER, FaultKit::key);
                 Progress byCountry = new Progress(settings, Topics.BY_COUNTRY,
                         record -> FaultKit.value(Topics.BY_COUNTRY, record).getArticleId())) {
                processors.awaitRunning(FaultKit.TIMEOUT);

                // Warm-up, not measured: JIT, first transactions, first fetches.
                phase(label + " warm-up", settings, FaultKit.goodRecords(0, WARM_UP), ids(0, WARM_UP),
                        clean, enriched, processors, log);
                final Rate normal = phase(label + " normal", settings, FaultKit.goodRecords(WARM_UP, MEASURED),
                        ids(WARM_UP, MEASURED), clean, enriched, processors, log);

                final List<ProducerRecord<byte[], byte[]>> mixed = new ArrayList<>(FaultKit.goodRecords(WARM_UP + MEASURED, MEASURED));
                final AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class);
                int position = MEASURED / (hostile.size() + 1);
                for (final Map.Entry<String, byte[]> page : hostile.entrySet()) {
                    mixed.add(position, new ProducerRecord<>(Topics.RAW.name(),
                            ("hostile-" + page.getKey()).getBytes(StandardCharsets.UTF_8), serde.encode(hostileArticle(page))));
                    position += MEASURED / (hostile.size() + 1) + 1;
                }
                final Rate withHostile = phase(label + " with hostile pages", settings, mixed, ids(WARM_UP + MEASURED, MEASURED),
                        clean, enriched, processors, log);
                // The same again with no hostile page: is anything left degraded (heap, GC, threads)?
                final Rate after = phase(label + " after", settings, FaultKit.goodRecords(WARM_UP + 2 * MEASURED, MEASURED),
                        ids(WARM_UP + 2 * MEASURED, MEASURED), clean, enriched, processors, log);

                // Every hostile record: cleaned (then enriched) or dead-lettered.
                final long deadline = System.nanoTime() + FaultKit.TIMEOUT.toNanos();
                while (!hostileIds.stream().allMatch(id -> enriched.seen(id) || deadLetters.seen(id))) {
                    enriched.poll();
                    deadLetters.poll();
                    assertThat(processors.isAlive()).as("processors alive").isTrue();
                    assertThat(System.nanoTime()).as("hostile records accounted for").isLessThan(deadline);
                }
                // The publisher is through too (each partition's last articles are good ones), before stopping.
                byCountry.awaitIds(ids(0, WARM_UP + 3 * MEASURED), FaultKit.TIMEOUT, processors::isAlive,
                        () -> FaultKit.tail(log, 40));

                // Without hostile pages, the mean of the phases before and after them.
                final double baseClean = (normal.cleanSeconds + after.cleanSeconds) / 2;
                final double baseEnriched = (normal.enrichedSeconds + after.enrichedSeconds) / 2;
                System.out.printf(Locale.ROOT, "%s good-article rate with the hostile pages among them, against the same"
                                + " %,d articles without them (mean of before and after): cleaner %.0f%%, whole pipeline %.0f%%;"
                                + " the hostile pages added %.1f s to the cleaner, %.1f s end to end%n", label, MEASURED,
                        100 * baseClean / withHostile.cleanSeconds, 100 * baseEnriched / withHostile.enrichedSeconds,
                        withHostile.cleanSeconds - baseClean, withHostile.enrichedSeconds - baseEnriched);
                assertThat(processors.log()).as("no stream thread failed").doesNotContain("stream thread failed")
                        .doesNotContain("OutOfMemoryError");
                assertThat(processors.stop()).as("exit code after SIGTERM").isIn(0, 130, 143);
            }

            final Map<String, DeadLetter> letters = new HashMap<>();
            for (final ConsumerRecord<byte[], byte[]> record : FaultKit.readAll(settings, Topics.DEAD_LETTER)) {
                assertThat(letters.put(FaultKit.key(record), FaultKit.value(Topics.DEAD_LETTER, record)))
                        .as("one dead letter per record").isNull();
            }
            final Delivery delivery = Delivery.read(settings);
            final Set<String> cleaned = new HashSet<>();
            for (final String name : hostile.keySet()) {
                final String id = "hostile-" + name;
                final DeadLetter letter = letters.get(id);
                if (letter == null) {
                    assertThat(delivery.enriched()).as("%s cleaned and enriched", id).containsKey(id);
                    cleaned.add(id);
                    System.out.printf("%s %-20s cleaned and enriched%n", label, name);
                } else {
                    System.out.printf("%s %-20s dead-lettered %s: %s%n", label, name, letter.getReason(), letter.getMessage());
                    assertThat(letter.getReason()).as("%s: a clear reason", id).isIn(CLEAR_REASONS);
                    assertThat(letter.getMessage()).isNotBlank();
                    assertThat(delivery.enriched()).as("%s not also enriched", id).doesNotContainKey(id);
                }
            }
            assertThat(letters.keySet()).as("only hostile records are dead-lettered").isSubsetOf(hostileIds);
            final Set<String> expected = new HashSet<>(ids(0, WARM_UP + 3 * MEASURED));
            expected.addAll(cleaned);
            System.out.println(delivery.summary(label.substring(1, label.length() - 1), expected) + " dead-lettered=" + letters.size());
            delivery.assertExactlyOnce(expected);
        }
    }

    private static RawArticle hostileArticle(final Map.Entry<String, byte[]> page) {
        return RawArticle.newBuilder()
                .setUrl("https://news.example.org/hostile/" + page.getKey())
                .setSource("fault-test")
                .setFormat(ArticleFormat.HTML)
                .setContentType("text/html")
                .setContent(ByteBuffer.wrap(page.getValue()))
                .build();
    }

    private static List<String> ids(final int from, final int count) {
        return IntStream.range(from, from + count).mapToObj(FaultKit::id).toList();
    }

    /** How long the phase's good articles took to come out of the cleaner and out of the whole pipeline. */
    private record Rate(double cleanSeconds, double enrichedSeconds) {
    }

    private static Rate phase(final String name, final PipelineSettings settings,
                              final List<ProducerRecord<byte[], byte[]>> records, final List<String> good,
                              final Progress clean, final Progress enriched, final ChildPipeline processors,
                              final Path log) throws Exception {
        final long start = System.nanoTime();
        FaultKit.produce(settings, records);
        clean.awaitIds(good, FaultKit.TIMEOUT, processors::isAlive, () -> FaultKit.tail(log, 40));
        final double cleanSeconds = (System.nanoTime() - start) / 1e9;
        enriched.awaitIds(good, FaultKit.TIMEOUT, processors::isAlive, () -> FaultKit.tail(log, 40));
        final double enrichedSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-40s %,d records (%,d good): all good cleaned in %.1f s (%.0f/s),"
                        + " enriched in %.1f s (%.0f/s)%n", name, records.size(), good.size(), cleanSeconds,
                good.size() / cleanSeconds, enrichedSeconds, good.size() / enrichedSeconds);
        return new Rate(cleanSeconds, enrichedSeconds);
    }
}
