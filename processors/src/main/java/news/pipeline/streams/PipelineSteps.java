package news.pipeline.streams;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import news.pipeline.cleaner.CleanStep;
import news.pipeline.deadletter.OutputLimit;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.publisher.FanOutStep;
import news.pipeline.serde.ValueFormat;
import news.pipeline.tag.TaggingExplanation;
import news.pipeline.tagger.EnrichStep;
import news.pipeline.tagger.EnrichedArticleMapper;
import news.pipeline.topics.Topics;

/**
 * The three stages of the pipeline (clean, tag, fan out), as live processing and a replay both run
 * them, and the framing their output values are written in. Built from the pipeline's settings, each stage when first asked for, so that a process
 * that runs only the cleaner never loads the gazetteer.
 */
public final class PipelineSteps {
    private final PipelineMetrics metrics;
    private final ValueFormat valueFormat;
    private final Lazy<CleanStep> clean;
    private final Lazy<EnrichStep> enrich;
    private final Lazy<FanOutStep> fanOut;
    private final Function<TaggingExplanation, EnrichStep> explainingEnrich;

    private PipelineSteps(
            final PipelineMetrics metrics,
            final ValueFormat valueFormat,
            final Supplier<CleanStep> clean,
            final Supplier<EnrichStep> enrich,
            final Supplier<FanOutStep> fanOut,
            final Function<TaggingExplanation, EnrichStep> explainingEnrich) {
        this.metrics = metrics;
        this.explainingEnrich = explainingEnrich;
        this.valueFormat = valueFormat;
        this.clean = new Lazy<>(clean);
        this.enrich = new Lazy<>(enrich);
        this.fanOut = new Lazy<>(fanOut);
    }

    /**
     * The stages as the processors run them with these settings: the cleaner's content cap, the
     * default gazetteer, and an output limit of the processors' producer max.request.size.
     *
     * @param settings the merged pipeline settings
     * @param metrics  where the stages count records and time them
     */
    public static PipelineSteps fromSettings(final Map<String, String> settings, final PipelineMetrics metrics) {
        final int maxRequestBytes = StreamsSettings.maxRequestBytes(settings);
        final Function<TaggingExplanation, EnrichStep> enrichStep = explanation -> {
            final EnrichedArticleMapper mapper = ProcessorApp.enrichedArticleMapper();
            return new EnrichStep(
                    clean -> mapper.enrich(clean, explanation),
                    metrics,
                    new OutputLimit(maxRequestBytes, Topics.ENRICHED.name()));
        };
        return new PipelineSteps(
                metrics,
                ValueFormat.fromSettings(settings),
                () -> new CleanStep(
                        ProcessorApp.cleanArticleMapper(settings),
                        metrics,
                        new OutputLimit(maxRequestBytes, Topics.CLEAN.name())),
                () -> enrichStep.apply(null),
                () -> new FanOutStep(metrics, new OutputLimit(maxRequestBytes, Topics.BY_COUNTRY.name())),
                enrichStep);
    }

    /** These stages, with the tagging stage replaced: a tagger under test, say, run live and in a replay. */
    public PipelineSteps withEnrichStep(final EnrichStep step) {
        return new PipelineSteps(metrics, valueFormat, clean::get, () -> step, fanOut::get, explainingEnrich);
    }

    public PipelineMetrics metrics() {
        return metrics;
    }

    /** How the stages' output values are framed: single-object encoding, or for a schema registry. */
    public ValueFormat valueFormat() {
        return valueFormat;
    }

    public CleanStep clean() {
        return clean.get();
    }

    public EnrichStep enrich() {
        return enrich.get();
    }

    /**
     * The tagging stage as {@link #enrich()} runs it, recording into {@code explanation} how the
     * tagger reached each record's countries and focus: what {@code enrich --explain} shows. Always
     * the standard tagger, even after {@link #withEnrichStep}.
     */
    public EnrichStep explainingEnrich(final TaggingExplanation explanation) {
        return explainingEnrich.apply(explanation);
    }

    public FanOutStep fanOut() {
        return fanOut.get();
    }

    /** Built once, on first use. */
    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private T value;

        Lazy(final Supplier<T> factory) {
            this.factory = factory;
        }

        synchronized T get() {
            if (value == null) {
                value = factory.get();
            }
            return value;
        }
    }
}
