package news.pipeline.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import news.pipeline.clean.ArticleCleaner;
import news.pipeline.kafka.EmbeddedKafka;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.testkit.Delivery;
import news.pipeline.testkit.FaultKit;
import news.pipeline.testkit.ForkedPipeline;
import news.pipeline.testkit.HostilePages;
import news.pipeline.testkit.NewsPages;
import news.pipeline.testkit.TopicFollower;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile input on the real pipeline: the five hostile pages (10 MiB, 100,000-deep nesting, a
 * tag with a million attributes, invalid UTF-8, one 4 MiB token) among good articles. The
 * processors run in their own JVM with a 512 MiB heap: that is the memory bound they must hold to.
 * It runs with the content cap as shipped (4 MiB: the three largest pages are refused as
 * OVERSIZED before any parsing), and with the cap raised to 12 MiB so that every hostile page is
 * really parsed. Each hostile record must come out cleaned or dead-lettered with a clear reason,
 * and no good record may be lost or doubled.
 *
 * <p>The good articles around them are HTML pages ({@link NewsPages}): small ones, where a hostile
 * page weighs most, and ones of a real article page's size. Each phase is written in one
 * transaction, so that the processors see it at once as a backlog: the phase's time is the
 * processors' own, not that of this producer and the broker taking 20 MiB of hostile pages in.
 * The good-record rate with the hostile pages among them is measured against the rate without
 * them and printed; it is not asserted, because a timed assertion flakes on a loaded CI box.
 */
@Tag("fault")
class HostileHtmlFaultIT {
    /**
     * Rounds with hostile pages; the first is reported apart (the JVM meets them for the first
     * time). Two later rounds: the rate figure then moves by about ±5 points from run to run (it
     * did by less with four), which is enough for a figure that is printed, not asserted, and
     * keeps the class's time in the suite's budget. What the test proves (every hostile record
     * accounted for, every good one exactly once, within the heap) does not depend on the count.
     */
    private static final int HOSTILE_ROUNDS = 3;

    private static final String HEAP = "512m";
    private static final Set<DeadLetterReason> CLEAR_REASONS = Set.of(
            DeadLetterReason.OVERSIZED,
            DeadLetterReason.UNDECODABLE_TEXT,
            DeadLetterReason.NO_TEXT,
            DeadLetterReason.EMPTY_CONTENT);

    @TempDir
    Path dir;

    /**
     * The runs: the content cap, the good pages around the hostile ones, how many to warm up with
     * (long enough for the JIT to settle: after 5,000 small or 4,000 typical pages, phases still ran
     * 20-30% faster each time) and how many good pages each measured phase has (a phase of 80 KB
     * pages takes 2-3 s, long enough that a scheduling hiccup weighs little).
     */
    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of(ArticleCleaner.DEFAULT_MAX_CONTENT_BYTES, NewsPages.SMALL, 20_000, 5_000),
                Arguments.of(ArticleCleaner.DEFAULT_MAX_CONTENT_BYTES, NewsPages.TYPICAL, 6_000, 2_000),
                Arguments.of(HostileInputBoundsTest.MAX_CONTENT_BYTES, NewsPages.TYPICAL, 6_000, 2_000));
    }

    @ParameterizedTest(name = "content cap {0} bytes, {1} pages")
    @MethodSource("runs")
    void hostilePagesAreCleanedOrDeadLetteredAndTheGoodArticlesAroundThemFlowOn(
            final int maxContentBytes, final NewsPages pages, final int warmUp, final int measured) throws Exception {
        final String label = "[hostile cap=" + (maxContentBytes >> 20) + "MiB "
                + pages.name().toLowerCase(Locale.ROOT) + "]";
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"), EmbeddedKafka.DEFAULT_HOST, 0, Map.of())) {
            final PipelineSettings settings =
                    FaultKit.settings(kafka.bootstrapServers(), dir.resolve("reader-state"), Map.of());
            FaultKit.createTopics(settings);
            final Path log = dir.resolve("processors.log");
            final Map<String, byte[]> hostile = HostilePages.all();
            final Set<String> hostileIds = hostile.keySet().stream()
                    .flatMap(name -> IntStream.range(0, HOSTILE_ROUNDS).mapToObj(round -> hostileId(name, round)))
                    .collect(Collectors.toSet());
            int goodCount;

            try (ForkedPipeline processors = ForkedPipeline.start(
                            log,
                            List.of("-Xmx" + HEAP),
                            List.of(
                                    "run",
                                    "--processor",
                                    "all",
                                    "--bootstrap-servers",
                                    kafka.bootstrapServers(),
                                    "--data-dir",
                                    dir.resolve("processors").toString(),
                                    "--set",
                                    "news.pipeline.cleaner.max.content.bytes=" + maxContentBytes));
                    TopicFollower clean = new TopicFollower(settings, Topics.CLEAN, FaultKit::key);
                    TopicFollower enriched = new TopicFollower(settings, Topics.ENRICHED, FaultKit::key);
                    TopicFollower deadLetters = new TopicFollower(settings, Topics.DEAD_LETTER, FaultKit::key);
                    TopicFollower byCountry = new TopicFollower(
                            settings,
                            Topics.BY_COUNTRY,
                            record -> FaultKit.value(Topics.BY_COUNTRY, record).getArticleId())) {
                processors.awaitRunning(FaultKit.TIMEOUT);

                // Warm-up, not measured: JIT, first transactions, first fetches.
                phase(
                        label + " warm-up",
                        settings,
                        FaultKit.goodHtmlRecords(pages, 0, warmUp),
                        ids(0, warmUp),
                        clean,
                        enriched,
                        processors,
                        log);
                int next = warmUp;
                // Then phases of good pages alone and of good pages with the hostile ones among them, in
                // turn, so that a drift of the machine's speed weighs on both alike.
                final List<Rate> normal = new ArrayList<>();
                final List<Rate> withHostile = new ArrayList<>();
                for (int round = 0; round <= HOSTILE_ROUNDS; round++) {
                    normal.add(phase(
                            label + " good pages only",
                            settings,
                            FaultKit.goodHtmlRecords(pages, next, measured),
                            ids(next, measured),
                            clean,
                            enriched,
                            processors,
                            log));
                    next += measured;
                    if (round < HOSTILE_ROUNDS) {
                        withHostile.add(phase(
                                label + " with hostile pages, round " + (round + 1),
                                settings,
                                mixed(pages, next, measured, hostile, round),
                                ids(next, measured),
                                clean,
                                enriched,
                                processors,
                                log));
                        next += measured;
                    }
                }
                goodCount = next;
                // Every hostile record: cleaned (then enriched) or dead-lettered.
                final long deadline = System.nanoTime() + FaultKit.TIMEOUT.toNanos();
                while (!hostileIds.stream().allMatch(id -> enriched.seen(id) || deadLetters.seen(id))) {
                    enriched.poll();
                    deadLetters.poll();
                    assertThat(processors.isAlive()).as("processors alive").isTrue();
                    assertThat(System.nanoTime())
                            .as("hostile records accounted for")
                            .isLessThan(deadline);
                }
                // The publisher is through too (each partition's last articles are good ones), before stopping.
                byCountry.awaitIds(
                        ids(0, goodCount), FaultKit.TIMEOUT, processors::isAlive, () -> FaultKit.tail(log, 40));

                // The first hostile pages a JVM sees cost more than their parsing: the JIT drops the
                // compiled code whose never-taken branches they take (some 80 deoptimisations, in Avro,
                // the Kafka producer and the cleaner) and compiles it again. The later rounds show a
                // processor that has met hostile input before, as a long-running one has.
                report(label + " first round:", measured, withHostile.subList(0, 1), normal.subList(0, 2));
                report(
                        label + " later rounds:",
                        measured,
                        withHostile.subList(1, HOSTILE_ROUNDS),
                        normal.subList(1, HOSTILE_ROUNDS + 1));
                assertThat(processors.log())
                        .as("no stream thread failed")
                        .doesNotContain("stream thread failed")
                        .doesNotContain("OutOfMemoryError");
                assertThat(processors.stop()).as("exit code after SIGTERM").isIn(0, 130, 143);
            }

            final Map<String, DeadLetter> letters = new HashMap<>();
            for (final ConsumerRecord<byte[], byte[]> record : FaultKit.readAll(settings, Topics.DEAD_LETTER)) {
                assertThat(letters.put(FaultKit.key(record), FaultKit.value(Topics.DEAD_LETTER, record)))
                        .as("one dead letter per record")
                        .isNull();
            }
            final Delivery delivery = Delivery.read(settings);
            final Set<String> cleaned = new HashSet<>();
            for (final String id : new TreeSet<>(hostileIds)) {
                final DeadLetter letter = letters.get(id);
                if (letter == null) {
                    assertThat(delivery.enriched())
                            .as("%s cleaned and enriched", id)
                            .containsKey(id);
                    cleaned.add(id);
                    System.out.printf("%s %-26s cleaned and enriched%n", label, id);
                } else {
                    System.out.printf(
                            "%s %-26s dead-lettered %s: %s%n", label, id, letter.getReason(), letter.getMessage());
                    assertThat(letter.getReason()).as("%s: a clear reason", id).isIn(CLEAR_REASONS);
                    assertThat(letter.getMessage()).isNotBlank();
                    assertThat(delivery.enriched())
                            .as("%s not also enriched", id)
                            .doesNotContainKey(id);
                }
            }
            assertThat(letters.keySet())
                    .as("only hostile records are dead-lettered")
                    .isSubsetOf(hostileIds);
            final Set<String> expected = new HashSet<>(ids(0, goodCount));
            expected.addAll(cleaned);
            System.out.println(delivery.summary(label.substring(1, label.length() - 1), expected) + " dead-lettered="
                    + letters.size());
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

    /** {@code count} good pages from {@code from}, with the hostile pages spread evenly among them. */
    private static List<ProducerRecord<byte[], byte[]>> mixed(
            final NewsPages pages,
            final int from,
            final int count,
            final Map<String, byte[]> hostile,
            final int round) {
        final List<ProducerRecord<byte[], byte[]>> records =
                new ArrayList<>(FaultKit.goodHtmlRecords(pages, from, count));
        final AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class);
        int position = count / (hostile.size() + 1);
        for (final Map.Entry<String, byte[]> page : hostile.entrySet()) {
            records.add(
                    position,
                    new ProducerRecord<>(
                            Topics.RAW.name(),
                            hostileId(page.getKey(), round).getBytes(StandardCharsets.UTF_8),
                            serde.encode(hostileArticle(page))));
            position += count / (hostile.size() + 1) + 1;
        }
        return records;
    }

    private static String hostileId(final String name, final int round) {
        return "hostile-" + name + "-" + (round + 1);
    }

    /** The good-article rate of the phases with hostile pages against that of the phases without them around them. */
    private static void report(
            final String label, final int measured, final List<Rate> withHostile, final List<Rate> without) {
        final double baseClean =
                without.stream().mapToDouble(Rate::cleanSeconds).average().orElseThrow();
        final double baseEnriched =
                without.stream().mapToDouble(Rate::enrichedSeconds).average().orElseThrow();
        final double hostileClean =
                withHostile.stream().mapToDouble(Rate::cleanSeconds).average().orElseThrow();
        final double hostileEnriched = withHostile.stream()
                .mapToDouble(Rate::enrichedSeconds)
                .average()
                .orElseThrow();
        final double baseCpu = without.stream()
                .mapToDouble(Rate::processorCpuSeconds)
                .average()
                .orElseThrow();
        final double hostileCpu = withHostile.stream()
                .mapToDouble(Rate::processorCpuSeconds)
                .average()
                .orElseThrow();
        System.out.printf(
                Locale.ROOT,
                "%s good-article rate with the hostile pages among them, against %,d good pages"
                        + " without them (mean of %d phases against %d): cleaner %.0f%%, whole pipeline %.0f%%; the hostile"
                        + " pages added %.2f s to the cleaner, %.2f s end to end, %.2f CPU s to the processors%n",
                label,
                measured,
                withHostile.size(),
                without.size(),
                100 * baseClean / hostileClean,
                100 * baseEnriched / hostileEnriched,
                hostileClean - baseClean,
                hostileEnriched - baseEnriched,
                hostileCpu - baseCpu);
    }

    private static List<String> ids(final int from, final int count) {
        return IntStream.range(from, from + count).mapToObj(FaultKit::id).toList();
    }

    /**
     * How long the phase's good articles took to come out of the cleaner and out of the whole
     * pipeline, and the CPU time the processors' JVM used meanwhile.
     */
    private record Rate(double cleanSeconds, double enrichedSeconds, double processorCpuSeconds) {}

    private static Rate phase(
            final String name,
            final PipelineSettings settings,
            final List<ProducerRecord<byte[], byte[]>> records,
            final List<String> good,
            final TopicFollower clean,
            final TopicFollower enriched,
            final ForkedPipeline processors,
            final Path log)
            throws Exception {
        FaultKit.produceAsOneTransaction(settings, records);
        final long start = System.nanoTime();
        final Duration cpuBefore = processors.cpuTime();
        clean.awaitIds(good, FaultKit.TIMEOUT, processors::isAlive, () -> FaultKit.tail(log, 40));
        final double cleanSeconds = (System.nanoTime() - start) / 1e9;
        enriched.awaitIds(good, FaultKit.TIMEOUT, processors::isAlive, () -> FaultKit.tail(log, 40));
        final double enrichedSeconds = (System.nanoTime() - start) / 1e9;
        final double cpuSeconds = processors.cpuTime().minus(cpuBefore).toNanos() / 1e9;
        System.out.printf(
                Locale.ROOT,
                "%-55s %,6d records (%,d good): all good cleaned in %.2f s (%.0f/s),"
                        + " enriched in %.2f s (%.0f/s), processors' CPU %.2f s%n",
                name,
                records.size(),
                good.size(),
                cleanSeconds,
                good.size() / cleanSeconds,
                enrichedSeconds,
                good.size() / enrichedSeconds,
                cpuSeconds);
        return new Rate(cleanSeconds, enrichedSeconds, cpuSeconds);
    }
}
