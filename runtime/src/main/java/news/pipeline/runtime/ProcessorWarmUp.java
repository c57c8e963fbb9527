package news.pipeline.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.pipeline.clean.LanguageDetection;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.streams.PipelineConfig;
import news.pipeline.streams.ProcessorApp;

/**
 * Runs a process's steps on generated articles for a moment before its applications join their
 * groups, so that the first real records meet code the JIT compiler has already compiled: a fresh
 * JVM otherwise runs its first tens of seconds at half speed while it compiles the cleaner, the
 * tagger and the Avro code.
 *
 * <p>It writes nothing anywhere and counts in metrics of its own that nothing exposes: the steps
 * it runs are built anew from the same settings (so the same classes run the same paths) with
 * in-memory metrics, and its values are framed with single-object encoding, so that it never asks
 * a schema registry. Each article goes through the raw topic's reader and the steps of the
 * processors this process runs, each output encoded and read back as the next processor would.
 */
public final class ProcessorWarmUp {
    /** Texts between two pages: a page costs as much as some twenty texts, so both paths get their share. */
    static final int TEXTS_PER_PAGE = 8;

    /** Distinct articles of each kind: enough variety that the compiled code is not tuned to one article. */
    static final int TEXT_COUNT = 64;

    static final int PAGE_COUNT = 8;

    /** Generated pages of the sizes the cleaner meets most (a news page is tens to hundreds of KB). */
    private static final int MIN_PAGE_BYTES = 20 * 1024;

    private static final int MAX_PAGE_BYTES = 160 * 1024;
    private static final long SEED = 17;

    /** The processor whose step each hop of {@link StepChain} is. */
    private static final ProcessorApp[] PROCESSOR_OF_HOP = {
        ProcessorApp.CLEANER, ProcessorApp.TAGGER, ProcessorApp.PUBLISHER
    };

    /**
     * What the warm-up did: articles through the raw reader (texts and pages) and through each
     * step; how long its first round took (loading included), and how long the rest.
     */
    public record Result(int texts, int pages, Map<ProcessorApp, Integer> steps, Duration firstRound, Duration rest) {
        /** Nothing run: the warm-up is off, or there was nothing to warm. */
        public static Result none() {
            return new Result(0, 0, Map.of(), Duration.ZERO, Duration.ZERO);
        }
    }

    /** Whether this process runs the cleaner, whose language detection loads its profiles on first use. */
    private final boolean cleans;

    /** The last hop this process's steps reach ({@link StepChain#CLEAN} and on); -1: nothing to warm. */
    private final int lastHop;

    private final StepChain chain;

    /**
     * @param processors the processors this process runs: their steps are warmed, and the steps
     *                   before them run to feed them. A publisher without the tagger in the same
     *                   process is not warmed, so that it never loads the tagger's gazetteer.
     * @param settings   the processors' settings, already checked
     */
    public ProcessorWarmUp(final Set<ProcessorApp> processors, final Map<String, String> settings) {
        final boolean enrich = processors.contains(ProcessorApp.TAGGER);
        if (enrich && processors.contains(ProcessorApp.PUBLISHER)) {
            this.lastHop = StepChain.FAN_OUT;
        } else if (enrich) {
            this.lastHop = StepChain.ENRICH;
        } else {
            this.lastHop = processors.contains(ProcessorApp.CLEANER) ? StepChain.CLEAN : -1;
        }
        this.cleans = processors.contains(ProcessorApp.CLEANER);
        final Map<String, String> unframed = new HashMap<>(settings);
        unframed.remove(PipelineConfig.SCHEMA_REGISTRY_CONFIG);
        this.chain = new StepChain(unframed);
    }

    /**
     * Runs generated texts and pages through the steps, a page then {@link #TEXTS_PER_PAGE} texts
     * in turn: one round first, whatever the budget, which loads what the steps load on their first
     * article (the language profiles take seconds), then more until the budget is spent (an article
     * begun is finished; zero or less: none). The budget counts from the end of the first round, since the first real record
     * would have paid that loading anyway; only the compiling is the warm-up's own.
     */
    public Result run(final Duration budget) {
        if (lastHop < 0) {
            return Result.none();
        }
        final long start = System.nanoTime();
        if (cleans) {
            // The generated texts are plain English, which never needs the language profiles; real
            // texts soon do, and loading them takes seconds.
            LanguageDetection.load();
        }
        final List<byte[]> texts = encoded(texts());
        final List<byte[]> pages = encoded(pages());
        final int[] counts = new int[ProcessorApp.values().length];
        int i = 0;
        for (; i <= TEXTS_PER_PAGE; i++) {
            throughSteps(i, texts, pages, counts);
        }
        final long loaded = System.nanoTime();
        final long deadline = loaded + budget.toNanos();
        for (; System.nanoTime() < deadline; i++) {
            throughSteps(i, texts, pages, counts);
        }
        final Map<ProcessorApp, Integer> steps = new EnumMap<>(ProcessorApp.class);
        for (final ProcessorApp processor : ProcessorApp.values()) {
            if (counts[processor.ordinal()] > 0) {
                steps.put(processor, counts[processor.ordinal()]);
            }
        }
        final int pageCount = (i + TEXTS_PER_PAGE) / (TEXTS_PER_PAGE + 1);
        return new Result(
                i - pageCount,
                pageCount,
                Collections.unmodifiableMap(steps),
                Duration.ofNanos(loaded - start),
                Duration.ofNanos(System.nanoTime() - loaded));
    }

    /** The i-th article of the warm-up: every {@link #TEXTS_PER_PAGE} + 1st is a page. */
    private void throughSteps(final int i, final List<byte[]> texts, final List<byte[]> pages, final int[] counts) {
        final int round = i / (TEXTS_PER_PAGE + 1);
        final int inRound = i % (TEXTS_PER_PAGE + 1);
        final byte[] value = inRound == 0
                ? pages.get(round % pages.size())
                : texts.get((round * TEXTS_PER_PAGE + inRound - 1) % texts.size());
        throughSteps("warm-up-" + i, value, counts);
    }

    /** One article as far as this process's steps go; a step that rejects it ends it there. */
    private void throughSteps(final String key, final byte[] value, final int[] counts) {
        final StepChain.Hops hops = chain.run(key, value, lastHop);
        // A generated article a step refuses warms the checks that refuse it; the steps before count.
        final int passed = hops.rejectedAt() == StepChain.Hops.NOT_REJECTED ? lastHop + 1 : hops.rejectedAt();
        for (int hop = 0; hop < passed; hop++) {
            counts[PROCESSOR_OF_HOP[hop].ordinal()]++;
        }
    }

    /** Generated wire stories, as a feed's plain-text articles arrive. */
    static List<RawArticle> texts() {
        final List<RawArticle> articles = new ArrayList<>();
        int n = 0;
        for (final GeneratedNews.Story story : GeneratedNews.stories(TEXT_COUNT, SEED)) {
            articles.add(RawArticle.newBuilder()
                    .setUrl("https://warm-up.example/text/" + n++)
                    .setSource("warm-up")
                    .setFormat(ArticleFormat.TEXT)
                    .setContentType("text/plain; charset=utf-8")
                    .setContent(ByteBuffer.wrap(story.body().getBytes(StandardCharsets.UTF_8)))
                    .setTitle(story.title())
                    .build());
        }
        return articles;
    }

    /** Generated news pages, as a crawler fetches them. */
    static List<RawArticle> pages() {
        final List<RawArticle> articles = new ArrayList<>();
        for (final GeneratedNews.Page page : GeneratedNews.pages(PAGE_COUNT, SEED, MIN_PAGE_BYTES, MAX_PAGE_BYTES)) {
            articles.add(RawArticle.newBuilder()
                    .setUrl("https://warm-up.example/html/" + page.name())
                    .setSource("warm-up")
                    .setFormat(ArticleFormat.HTML)
                    .setContentType("text/html; charset=utf-8")
                    .setContent(ByteBuffer.wrap(page.bytes()))
                    .build());
        }
        return articles;
    }

    private static List<byte[]> encoded(final List<RawArticle> articles) {
        final AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class);
        return articles.stream().map(serde::encode).toList();
    }
}
