package news.pipeline.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import news.pipeline.clean.ArticleCleaner;
import news.pipeline.clean.DocumentFormat;
import news.pipeline.clean.RawDocument;
import news.pipeline.clean.RejectedDocumentException;
import news.pipeline.cleaner.CleanArticleMapper;
import news.pipeline.publisher.CountryFanOut;
import news.pipeline.runtime.StepChain;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.streams.PipelineConfig;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.tag.CountryTagger;
import news.pipeline.tagger.EnrichedArticleMapper;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The stages alone, on the calling thread, after a warm-up: the cleaner's CPU time per HTML page,
 * the tagger's speed on 2-8 KB texts, and Avro encoding and decoding of each record type.
 */
public final class StageBenchmarks {
    /** The cleaner's CPU time per page, in milliseconds. */
    public record CleanerResult(
            int pages,
            int rejected,
            long samples,
            double medianMs,
            double p99Ms,
            double meanMs,
            double pagesPerSecond) {}

    private final double warmupSeconds;
    private final double measureSeconds;
    private final Progress progress;
    /** The processors' settings: the cleaner is built from them as the cleaner application builds its own. */
    private final Map<String, String> settings;

    private long sink;
    /**
     * Calls made so far in the current stage, for the progress display; set with a plain store
     * (lazySet), outside the timed calls, so that it costs the measurement nothing.
     */
    private final AtomicLong calls = new AtomicLong();

    /** @param settings the processors' settings (news.pipeline.cleaner.max.content.bytes...), already validated */
    public StageBenchmarks(
            final double warmupSeconds,
            final double measureSeconds,
            final Progress progress,
            final Map<String, String> settings) {
        this.warmupSeconds = warmupSeconds;
        this.measureSeconds = measureSeconds;
        this.progress = progress;
        this.settings = Map.copyOf(settings);
    }

    /** CPU time of the calling thread per page (wall time where the JVM cannot give thread CPU time). */
    public CleanerResult cleaner(final List<BenchCorpus.Page> pages) {
        return cleanDocuments(
                "stage cleaner, HTML pages",
                "pages",
                pages.stream()
                        .map(page -> new RawDocument(page.content(), "text/html", DocumentFormat.HTML, null, null))
                        .toList());
    }

    /** The same on plain-text articles. */
    public CleanerResult textCleaner(final List<TextArticles.Text> texts) {
        return cleanDocuments(
                "stage cleaner, texts",
                "articles",
                texts.stream()
                        .map(text -> new RawDocument(
                                text.body().getBytes(StandardCharsets.UTF_8),
                                "text/plain; charset=utf-8",
                                DocumentFormat.TEXT,
                                null,
                                text.title()))
                        .toList());
    }

    /** Starts a stage's progress: its warm-up and measuring time, counting the calls. */
    private void beginStage(final String name, final String unit, final double seconds) {
        calls.set(0);
        progress.beginTimed(name, unit, seconds(seconds), calls::get);
    }

    private static Duration seconds(final double seconds) {
        return Duration.ofNanos((long) (seconds * 1e9));
    }

    private CleanerResult cleanDocuments(final String name, final String unit, final List<RawDocument> docs) {
        beginStage(name, unit, warmupSeconds + measureSeconds);
        progress.step("first pass");
        final ArticleCleaner cleaner = new ArticleCleaner(new PipelineConfig(settings).maxContentBytes());
        // Counted by document: on a busy machine a pass over the HTML pages can take seconds.
        long made = 0;
        int rejected = 0;
        for (final RawDocument doc : docs) {
            rejected += cleanOne(cleaner, doc) ? 0 : 1;
            calls.lazySet(++made);
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        progress.step("warm-up", seconds(warmupSeconds + measureSeconds));
        final long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            for (final RawDocument doc : docs) {
                cleanOne(cleaner, doc);
                calls.lazySet(++made);
            }
        }
        progress.step("measuring", seconds(measureSeconds));
        long[] samples = new long[docs.size() * 4];
        int n = 0;
        final long start = System.nanoTime();
        final long end = start + (long) (measureSeconds * 1e9);
        do {
            for (final RawDocument doc : docs) {
                final long before = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
                cleanOne(cleaner, doc);
                final long spent = (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - before;
                if (n == samples.length) {
                    samples = Arrays.copyOf(samples, n * 2);
                }
                samples[n++] = spent;
                calls.lazySet(++made);
            }
        } while (System.nanoTime() < end);
        final double wall = (System.nanoTime() - start) / 1e9;
        progress.end();
        final Percentiles p = Percentiles.of(samples, n);
        return new CleanerResult(docs.size(), rejected, n, p.median() / 1e6, p.p99() / 1e6, p.mean() / 1e6, n / wall);
    }

    private boolean cleanOne(final ArticleCleaner cleaner, final RawDocument doc) {
        try {
            sink += cleaner.clean(doc).paragraphs().size();
            return true;
        } catch (RejectedDocumentException e) {
            return false;
        }
    }

    /** The tagger's speed. */
    public record TaggerResult(
            int texts,
            long articles,
            double articlesPerCpuSecond,
            double articlesPerWallSecond,
            double medianMicros,
            double p99Micros,
            double meanKb) {}

    /** Per-article CPU time of the calling thread (wall time where the JVM cannot give thread CPU time). */
    public TaggerResult tagger(final List<TextArticles.Text> texts) {
        beginStage("stage tagger", "articles", warmupSeconds + measureSeconds);
        progress.step("loading the gazetteer");
        final CountryTagger tagger = CountryTagger.loadDefault();
        progress.step("warm-up", seconds(warmupSeconds + measureSeconds));
        long made = 0;
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        final long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        while (System.nanoTime() < warmEnd) {
            for (final TextArticles.Text text : texts) {
                sink += tagger.tag(text.title(), text.body()).countries().size();
                calls.lazySet(++made);
            }
        }
        progress.step("measuring", seconds(measureSeconds));
        long[] samples = new long[texts.size() * 4];
        int n = 0;
        long busy = 0;
        final long start = System.nanoTime();
        final long end = start + (long) (measureSeconds * 1e9);
        do {
            for (final TextArticles.Text text : texts) {
                final long before = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
                sink += tagger.tag(text.title(), text.body()).countries().size();
                final long spent = (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - before;
                busy += spent;
                if (n == samples.length) {
                    samples = Arrays.copyOf(samples, n * 2);
                }
                samples[n++] = spent;
                calls.lazySet(++made);
            }
        } while (System.nanoTime() < end);
        final double wall = (System.nanoTime() - start) / 1e9;
        progress.end();
        final Percentiles p = Percentiles.of(samples, n);
        final double meanKb =
                texts.stream().mapToInt(TextArticles.Text::bodyBytes).average().orElse(0) / 1024;
        return new TaggerResult(texts.size(), n, n / (busy / 1e9), n / wall, p.median() / 1e3, p.p99() / 1e3, meanKb);
    }

    /** Avro single-object encoding and decoding of one record type, nanoseconds per record. */
    public record AvroResult(
            String type,
            int records,
            double meanBytes,
            double encodeMedianNs,
            double encodeP99Ns,
            double decodeMedianNs,
            double decodeP99Ns) {}

    /** Encode and decode figures for RawArticle, CleanArticle, EnrichedArticle and CountryArticle built from the texts. */
    public List<AvroResult> avro(final List<RawArticle> raws) {
        // Four record types, each encoded then decoded, each for half the warm-up and half the measuring time.
        beginStage("stage Avro", "records", 4 * (warmupSeconds + measureSeconds));
        progress.step("building the records");
        final CleanArticleMapper cleaning = ProcessorApp.cleanArticleMapper(settings);
        final EnrichedArticleMapper enrichment = ProcessorApp.enrichedArticleMapper();
        final List<CleanArticle> cleans = new ArrayList<>();
        for (int i = 0; i < raws.size(); i++) {
            cleans.add(cleaning.clean("a-" + i, raws.get(i)));
        }
        final List<EnrichedArticle> enriched =
                cleans.stream().map(enrichment::enrich).toList();
        final List<CountryArticle> countries =
                enriched.stream().flatMap(e -> CountryFanOut.of(e).stream()).toList();
        final List<AvroResult> results = List.of(
                avro("RawArticle", RawArticle.class, raws, 4),
                avro("CleanArticle", CleanArticle.class, cleans, 3),
                avro("EnrichedArticle", EnrichedArticle.class, enriched, 2),
                avro("CountryArticle", CountryArticle.class, countries, 1));
        progress.end();
        return results;
    }

    /** @param typesLeft this type and those after it, for the time left */
    private <T extends SpecificRecordBase> AvroResult avro(
            final String name, final Class<T> type, final List<T> records, final int typesLeft) {
        final AvroSerde<T> serde = new AvroSerde<>(type);
        final List<byte[]> encoded = records.stream().map(serde::encode).toList();
        progress.step(name + " encode", seconds(typesLeft * (warmupSeconds + measureSeconds)));
        final long[] encode = time(records, record -> serde.encode(record).length);
        progress.step(name + " decode", seconds((typesLeft - 0.5) * (warmupSeconds + measureSeconds)));
        final long[] decode = time(encoded, bytes -> serde.decode(bytes).hashCode() & 1);
        final Percentiles e = Percentiles.of(encode);
        final Percentiles d = Percentiles.of(decode);
        final double meanBytes =
                encoded.stream().mapToInt(b -> b.length).average().orElse(0);
        return new AvroResult(name, records.size(), meanBytes, e.median(), e.p99(), d.median(), d.p99());
    }

    /** Warms up, then times each call over the items for the measuring time; returns the nanoseconds per call. */
    private <T> long[] time(final List<T> items, final Function<T, Integer> call) {
        final long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9 / 2);
        while (System.nanoTime() < warmEnd) {
            for (final T item : items) {
                sink += call.apply(item);
            }
            calls.lazySet(calls.get() + items.size());
        }
        long[] samples = new long[items.size() * 16];
        int n = 0;
        final long end = System.nanoTime() + (long) (measureSeconds * 1e9 / 2);
        do {
            for (final T item : items) {
                final long before = System.nanoTime();
                sink += call.apply(item);
                final long spent = System.nanoTime() - before;
                if (n == samples.length) {
                    samples = Arrays.copyOf(samples, n * 2);
                }
                samples[n++] = spent;
            }
            // By pass: a pass over the records takes about a millisecond.
            calls.lazySet(calls.get() + items.size());
        } while (System.nanoTime() < end);
        return Arrays.copyOf(samples, n);
    }

    /**
     * The processors' work on one article besides Kafka's ({@link StepChain}: the raw reader, the
     * clean, enrich and fan-out steps and every value decoded and encoded), over the workload's pool.
     *
     * @param cpuMsPerArticle CPU time of the calling thread per article, the pool's mean (the
     *                        workload cycles through the pool evenly)
     */
    public record StepsResult(
            String workload, int pool, long articles, double cpuMsPerArticle, double wallMsPerArticle) {}

    /** Times the steps one pool pass at a time (CPU time of this thread; wall time where there is none). */
    public StepsResult steps(final Workload workload) {
        final String name = "stage pipeline steps, " + workload.name();
        beginStage(name, "articles", warmupSeconds + measureSeconds);
        progress.step("building the steps");
        final StepChain chain = new StepChain(settings);
        final List<byte[]> values = workload.values();
        final List<String> keys = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            keys.add(EndConsumer.THROUGHPUT_PREFIX + i);
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        long made = 0;
        progress.step("warm-up", seconds(warmupSeconds + measureSeconds));
        final long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        do {
            for (int i = 0; i < values.size(); i++) {
                sink += chain.run(keys.get(i), values.get(i)).fanOut();
                calls.lazySet(++made);
            }
        } while (System.nanoTime() < warmEnd);
        progress.step("measuring", seconds(measureSeconds));
        long articles = 0;
        long busy = 0;
        final long start = System.nanoTime();
        final long end = start + (long) (measureSeconds * 1e9);
        do {
            final long before = cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime();
            for (int i = 0; i < values.size(); i++) {
                sink += chain.run(keys.get(i), values.get(i)).fanOut();
            }
            busy += (cpu ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - before;
            articles += values.size();
            made += values.size();
            calls.lazySet(made);
        } while (System.nanoTime() < end);
        final double wall = (System.nanoTime() - start) / 1e6;
        progress.end();
        return new StepsResult(workload.name(), values.size(), articles, busy / 1e6 / articles, wall / articles);
    }

    /** Keeps the JIT from removing the measured work. */
    public long sink() {
        return sink;
    }
}
