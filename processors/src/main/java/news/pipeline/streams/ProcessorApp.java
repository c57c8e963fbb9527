package news.pipeline.streams;

import java.util.Locale;
import java.util.Map;
import news.pipeline.clean.ArticleCleaner;
import news.pipeline.cleaner.CleanArticleMapper;
import news.pipeline.cleaner.CleanerTopology;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.publisher.FanOutStep;
import news.pipeline.publisher.PublisherTopology;
import news.pipeline.tag.CountryTagger;
import news.pipeline.tagger.EnrichedArticleMapper;
import news.pipeline.tagger.TaggerTopology;
import news.pipeline.topics.TopicSpec;
import news.pipeline.topics.Topics;
import org.apache.kafka.streams.Topology;

/**
 * The three stream processors. Each is its own Kafka Streams application with its own
 * application.id, so each scales, restarts and commits on its own.
 */
public enum ProcessorApp {
    CLEANER(Topics.RAW, Topics.CLEAN, ArticleCleaner.VERSION),
    TAGGER(Topics.CLEAN, Topics.ENRICHED, CountryTagger.VERSION),
    PUBLISHER(Topics.ENRICHED, Topics.BY_COUNTRY, FanOutStep.VERSION);

    private final TopicSpec<?, ?> input;
    private final TopicSpec<?, ?> output;
    private final String version;

    ProcessorApp(final TopicSpec<?, ?> input, final TopicSpec<?, ?> output, final String version) {
        this.input = input;
        this.output = output;
        this.version = version;
    }

    /** Lower-case name used on the command line, in application ids and in dead letters. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public TopicSpec<?, ?> input() {
        return input;
    }

    public TopicSpec<?, ?> output() {
        return output;
    }

    /** Version of this processor's logic. */
    public String version() {
        return version;
    }

    /** Builds this processor's topology; settings are the merged pipeline settings. */
    public Topology topology(final Map<String, String> settings, final PipelineMetrics metrics) {
        return topology(PipelineSteps.fromSettings(settings, metrics));
    }

    /** Builds this processor's topology around its stage of these steps. */
    public Topology topology(final PipelineSteps steps) {
        return switch (this) {
            case CLEANER -> CleanerTopology.build(Topics.RAW, Topics.CLEAN, steps.clean(), steps.valueFormat());
            case TAGGER -> TaggerTopology.build(Topics.CLEAN, Topics.ENRICHED, steps.enrich(), steps.valueFormat());
            case PUBLISHER ->
                PublisherTopology.build(Topics.ENRICHED, Topics.BY_COUNTRY, steps.fanOut(), steps.valueFormat());
        };
    }

    /** The cleaner's logic as the cleaner application runs it with these settings. */
    public static CleanArticleMapper cleanArticleMapper(final Map<String, String> settings) {
        return new CleanArticleMapper(new ArticleCleaner(new PipelineConfig(settings).maxContentBytes()));
    }

    /** The tagger's logic as the tagger application runs it. */
    public static EnrichedArticleMapper enrichedArticleMapper() {
        return new EnrichedArticleMapper(CountryTagger.loadDefault());
    }
}
