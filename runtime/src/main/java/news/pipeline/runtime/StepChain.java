package news.pipeline.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.pipeline.deadletter.RejectedRecordException;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.publisher.FanOutStep;
import news.pipeline.schema.CleanArticle;
import news.pipeline.schema.CountryArticle;
import news.pipeline.schema.EnrichedArticle;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.RawArticleSerde;
import news.pipeline.serde.RejectedValueException;
import news.pipeline.serde.ValueFormat;
import news.pipeline.streams.PipelineSteps;
import news.pipeline.topics.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One article through the work the three processors do besides Kafka's, with their own classes:
 * the raw topic's reader, {@link PipelineSteps}' clean, enrich and fan-out steps (checks, limits and
 * metrics included), and every value decoded and encoded with the topics' serdes in the
 * processors' framing. What it returns is what the processors write, byte for byte, so the
 * benchmark's ceiling can replay the same records and timing it gives the stages' CPU per article;
 * the processors' warm-up ({@link ProcessorWarmUp}) runs it to compile that work before they start.
 */
public final class StepChain {
    /** The records one article puts on each topic; the hop where a step rejected it, or {@link #NOT_REJECTED}. */
    public record Hops(byte[] clean, byte[] enriched, List<byte[][]> byCountry, int rejectedAt) {
        public static final int NOT_REJECTED = -1;

        /** What {@link #fanOut()} gives for an article a step rejected. */
        public static final int DEAD_LETTER = -1;

        /** By-country records (key and value), or {@link #DEAD_LETTER}. */
        public int fanOut() {
            return rejectedAt == NOT_REJECTED ? byCountry.size() : DEAD_LETTER;
        }
    }

    /** The hops, in order: the cleaner's, the tagger's, the publisher's. */
    public static final int CLEAN = 0;

    public static final int ENRICH = 1;
    public static final int FAN_OUT = 2;

    private final PipelineSteps steps;
    private final Deserializer<RawArticle> raw;
    private final Serializer<CleanArticle> cleanOut;
    private final Deserializer<CleanArticle> cleanIn;
    private final Serializer<EnrichedArticle> enrichedOut;
    private final Deserializer<EnrichedArticle> enrichedIn;
    private final Serializer<CountryArticle> countryOut;
    private final Serializer<String> countryKey;

    /** @param settings the processors' settings, already validated */
    public StepChain(final Map<String, String> settings) {
        this.steps = PipelineSteps.fromSettings(settings, PipelineMetrics.inMemory());
        final ValueFormat format = ValueFormat.fromSettings(settings);
        this.raw = new RawArticleSerde(steps.clean().maxContentBytes(), format).deserializer();
        this.cleanOut = Topics.CLEAN.valueSerde(format).serializer();
        this.cleanIn = Topics.CLEAN.valueSerde(format).deserializer();
        this.enrichedOut = Topics.ENRICHED.valueSerde(format).serializer();
        this.enrichedIn = Topics.ENRICHED.valueSerde(format).deserializer();
        this.countryOut = Topics.BY_COUNTRY.valueSerde(format).serializer();
        this.countryKey = Topics.BY_COUNTRY.keySerde().get().serializer();
    }

    /**
     * The article through the three steps; a step's rejection stops it there, as the processors'
     * dead-letter handler does (the dead letter itself is not built).
     */
    public Hops run(final String key, final byte[] rawValue) {
        return run(key, rawValue, FAN_OUT);
    }

    /**
     * The article through the steps up to hop {@code last} ({@link #CLEAN}, {@link #ENRICH} or
     * {@link #FAN_OUT}): a process that runs only the cleaner has no use for the rest.
     */
    public Hops run(final String key, final byte[] rawValue, final int last) {
        byte[] clean = null;
        byte[] enriched = null;
        final List<byte[][]> views = new ArrayList<>();
        int hop = CLEAN;
        try {
            final CleanArticle cleaned = steps.clean().apply(key, raw.deserialize(Topics.RAW.name(), rawValue));
            clean = cleanOut.serialize(Topics.CLEAN.name(), cleaned);
            if (last == CLEAN) {
                return new Hops(clean, null, List.of(), Hops.NOT_REJECTED);
            }
            hop = ENRICH;
            final EnrichedArticle tagged = steps.enrich().apply(key, cleanIn.deserialize(Topics.CLEAN.name(), clean));
            enriched = enrichedOut.serialize(Topics.ENRICHED.name(), tagged);
            if (last == ENRICH) {
                return new Hops(clean, enriched, List.of(), Hops.NOT_REJECTED);
            }
            hop = FAN_OUT;
            for (final CountryArticle view :
                    steps.fanOut().apply(key, enrichedIn.deserialize(Topics.ENRICHED.name(), enriched))) {
                views.add(new byte[][] {
                    countryKey.serialize(Topics.BY_COUNTRY.name(), FanOutStep.keyOf(view)),
                    countryOut.serialize(Topics.BY_COUNTRY.name(), view)
                });
            }
            return new Hops(clean, enriched, views, Hops.NOT_REJECTED);
        } catch (RejectedRecordException | RejectedValueException e) {
            return new Hops(clean, enriched, List.of(), hop);
        }
    }
}
