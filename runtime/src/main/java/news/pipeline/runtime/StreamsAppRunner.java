package news.pipeline.runtime;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.serde.SchemaRegistration;
import news.pipeline.serde.SchemaRegistryUnavailableException;
import news.pipeline.serde.ValueFormat;
import news.pipeline.streams.ByCountryTap;
import news.pipeline.streams.PipelineConfig;
import news.pipeline.streams.PipelineSteps;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import news.pipeline.topics.Topics;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one or more processors, each as its own Kafka Streams application, in this JVM. Closing
 * leaves the consumer groups, so the partitions move to the remaining instances at once instead of
 * after the session timeout.
 */
public final class StreamsAppRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StreamsAppRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final Map<ProcessorApp, KafkaStreams> streams = new EnumMap<>(ProcessorApp.class);
    private final ValueFormat valueFormat;
    private final Map<String, String> settings;
    private final ByCountryTap byCountryTap = new ByCountryTap();

    /** Processors whose metrics are kept in memory only. */
    public StreamsAppRunner(final List<ProcessorApp> processors, final Map<String, String> settings) {
        this(processors, settings, PipelineMetrics.inMemory());
    }

    public StreamsAppRunner(
            final List<ProcessorApp> processors, final Map<String, String> settings, final PipelineMetrics metrics) {
        this(processors, settings, PipelineSteps.fromSettings(settings, metrics));
    }

    /**
     * Processors that run these stages, and count in the stages' metrics.
     *
     * @param settings the merged pipeline settings the applications are configured with
     */
    public StreamsAppRunner(
            final List<ProcessorApp> processors, final Map<String, String> settings, final PipelineSteps steps) {
        this.valueFormat = steps.valueFormat();
        this.settings = Map.copyOf(settings);
        for (final ProcessorApp processor : processors) {
            final Properties props = StreamsSettings.forProcessor(processor, settings, steps.metrics(), byCountryTap);
            final KafkaStreams app = new KafkaStreams(processor.topology(steps), props);
            app.setUncaughtExceptionHandler(exception -> {
                // Bad records never get here (they are dead-lettered); this is the broker or a bug.
                // A new thread picks up from the last committed offsets, so nothing is lost or doubled.
                LOG.error("{}: stream thread failed; replacing it", processor.id(), exception);
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            app.setStateListener((now, before) -> LOG.info("{}: {} -> {}", processor.id(), before, now));
            streams.put(processor, app);
        }
    }

    /**
     * Runs the processors' steps on generated articles: a first round that loads what they load
     * (the gazetteer, the language profiles: seconds that the first real record would otherwise
     * wait), then more for {@code news.pipeline.warmup.ms} (see {@link ProcessorWarmUp}), so that
     * once started, the applications' first records meet loaded and compiled code. Call it before {@link #start()}: the applications have not joined their
     * groups yet, so no partition waits on it. Writes nothing and counts nothing in these
     * processors' metrics.
     */
    public ProcessorWarmUp.Result warmUp() {
        final Duration budget = new PipelineConfig(settings).warmUp();
        if (streams.isEmpty()) {
            return ProcessorWarmUp.Result.none();
        }
        final ProcessorWarmUp.Result result = new ProcessorWarmUp(streams.keySet(), settings).run(budget);
        LOG.info(
                "warm-up: {} generated texts and {} pages through {}: the first {} in {} ms (loading included),"
                        + " the rest in {} ms ({} ms allowed by {})",
                result.texts(),
                result.pages(),
                result.steps(),
                ProcessorWarmUp.TEXTS_PER_PAGE + 1,
                result.firstRound().toMillis(),
                result.rest().toMillis(),
                budget.toMillis(),
                PipelineConfig.WARMUP_MS_CONFIG);
        return result;
    }

    /**
     * Starts the applications. In registry mode the topics' schemas are registered first, with
     * BACKWARD compatibility on their subjects, so that a schema the registry refuses stops the
     * start before any record is read.
     *
     * @throws SchemaRegistration.IncompatibleSchemaException naming the subject and the field
     * @throws SchemaRegistryUnavailableException             when the registry cannot be reached
     */
    public void start() {
        if (valueFormat.usesRegistry()) {
            SchemaRegistration.register(valueFormat, Topics.all());
            LOG.info("schemas registered at {}; values in the Confluent wire format", valueFormat.confluentApiUrl());
        }
        streams.forEach((processor, app) -> {
            LOG.info("starting {}", processor.id());
            app.start();
        });
    }

    /** Waits until every application is RUNNING. */
    public void awaitRunning(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!allRunning()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("processors not RUNNING after " + timeout + ": " + states());
            }
            Thread.sleep(100);
        }
    }

    public boolean allRunning() {
        return streams.values().stream().allMatch(app -> app.state() == KafkaStreams.State.RUNNING);
    }

    public Map<ProcessorApp, KafkaStreams.State> states() {
        final Map<ProcessorApp, KafkaStreams.State> states = new EnumMap<>(ProcessorApp.class);
        streams.forEach((processor, app) -> states.put(processor, app.state()));
        return states;
    }

    public Map<ProcessorApp, KafkaStreams> streams() {
        return streams;
    }

    /** The by-country records the publisher sends, when it runs here; they reach no one until a listener is set. */
    public ByCountryTap byCountryTap() {
        return byCountryTap;
    }

    /** Exposes each application's Kafka Streams client metrics (KafkaStreamsMetrics) in the registry. */
    public void bindMetrics(final MeterRegistry registry) {
        streams.forEach((processor, app) ->
                new KafkaStreamsMetrics(app, List.of(Tag.of("processor", processor.id()))).bindTo(registry));
    }

    @Override
    public void close() {
        final List<Thread> closers = new ArrayList<>();
        streams.forEach((processor, app) -> {
            final Thread closer = new Thread(
                    () -> app.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                            .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)),
                    "close-" + processor.id());
            closer.start();
            closers.add(closer);
        });
        for (final Thread closer : closers) {
            try {
                closer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
