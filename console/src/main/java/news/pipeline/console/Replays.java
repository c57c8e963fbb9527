package news.pipeline.console;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.ops.Replay;
import news.pipeline.ops.TimeArguments;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.streams.PipelineSteps;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Replay page's data: the {@code replay} command's plan for a window, and its execution in the
 * background, one at a time, with progress and the final report.
 */
final class Replays implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Replays.class);

    private final PipelineSettings settings;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(runnable -> {
        final Thread thread = new Thread(runnable, Console.THREAD_NAME + "-replay");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Object> status = new LinkedHashMap<>(Map.of("state", "idle"));

    Replays(final PipelineSettings settings) {
        this.settings = settings;
    }

    /** The window as the replay command reads --from and --to (blank to: now). */
    static Instant[] window(final String from, final String to, final Instant now) {
        if (from == null || from.isBlank()) {
            throw new IllegalArgumentException("a replay needs a start (from): the start of the window to reprocess");
        }
        final Instant start = TimeArguments.parse(from.trim(), now);
        final Instant end = to == null || to.isBlank() ? now : TimeArguments.parse(to.trim(), now);
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("from must be before to: " + start + " is not before " + end);
        }
        return new Instant[] {start, end};
    }

    Map<String, Object> plan(final String from, final String to) {
        final Instant[] window = window(from, to, Instant.now());
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.reader(settings)) {
            return describe(Replay.plan(consumer, window[0], window[1]));
        }
    }

    static Map<String, Object> describe(final Replay.Plan plan) {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", plan.from().toString());
        body.put("to", plan.to().toString());
        body.put(
                "partitions",
                plan.partitions().stream()
                        .map(p -> List.of(p.partition(), p.fromOffset(), p.toOffset(), p.records()))
                        .toList());
        body.put("records", plan.records());
        return body;
    }

    /** Starts a replay of the window unless one is running; returns the status. */
    synchronized Map<String, Object> start(final String from, final String to) {
        if ("running".equals(status.get("state"))) {
            throw new IllegalStateException("a replay is already running");
        }
        final Instant[] window = window(from, to, Instant.now());
        status.clear();
        status.put("state", "running");
        status.put("read", 0L);
        runner.execute(() -> run(window[0], window[1]));
        return status();
    }

    private void run(final Instant from, final Instant to) {
        try (KafkaConsumer<byte[], byte[]> consumer = Clients.reader(settings);
                KafkaProducer<byte[], byte[]> producer = Clients.producer(settings.withDefault(
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG, Replay.TRANSACTIONAL_ID_PREFIX + UUID.randomUUID()))) {
            final Replay.Plan plan = Replay.plan(consumer, from, to);
            update("plan", describe(plan));
            final Replay replay = new Replay(PipelineSteps.fromSettings(settings.asMap(), PipelineMetrics.inMemory()));
            final Replay.Result result = replay.execute(plan, consumer, producer, read -> update("read", read));
            final Map<String, Object> report = new LinkedHashMap<>();
            report.put("replayId", result.replayId());
            report.put("seconds", result.took().toMillis() / 1000.0);
            report.put("read", result.read());
            report.put("outsideWindow", result.outsideWindow());
            report.put("clean", result.clean());
            report.put("enriched", result.enriched());
            report.put("byCountry", result.byCountry());
            report.put("deadLetters", result.deadLetters());
            synchronized (this) {
                status.put("read", result.read());
                status.put("result", report);
                status.put("state", "done");
            }
            LOG.info("console: replay {} done: {}", result.replayId(), report);
        } catch (RuntimeException e) {
            LOG.warn("console: replay failed", e);
            synchronized (this) {
                status.put("state", "failed");
                status.put("error", e.toString());
            }
        }
    }

    private synchronized void update(final String key, final Object value) {
        status.put(key, value);
    }

    synchronized Map<String, Object> status() {
        return new LinkedHashMap<>(status);
    }

    @Override
    public void close() {
        runner.shutdownNow();
        try {
            runner.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
