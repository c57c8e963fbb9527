package news.pipeline.runtime;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.streams.ProcessorApp;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Processors running in this process, with their metrics and HTTP endpoints. */
public final class ProcessorService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorService.class);

    private final StreamsAppRunner runner;
    private final OpsServer http;
    private final PrometheusMeterRegistry registry;

    private ProcessorService(
            final StreamsAppRunner runner, final OpsServer http, final PrometheusMeterRegistry registry) {
        this.runner = runner;
        this.http = http;
        this.registry = registry;
    }

    /**
     * Warms the processors up when the settings ask for it ({@link StreamsAppRunner#warmUp()}), starts them on the cluster and
     * waits until they are RUNNING.
     *
     * @param requireHttp fail when the HTTP address cannot be bound, instead of going on without it
     */
    public static ProcessorService start(
            final Cluster cluster,
            final List<ProcessorApp> processors,
            final InetSocketAddress httpAddress,
            final boolean requireHttp)
            throws InterruptedException {
        final PrometheusMeterRegistry registry = OpsServer.newRegistry();
        final StreamsAppRunner runner =
                new StreamsAppRunner(processors, cluster.settings().asMap(), new PipelineMetrics(registry));
        runner.bindMetrics(registry);
        final OpsServer http;
        try {
            http = serve(httpAddress, registry, runner, requireHttp);
        } catch (RuntimeException e) {
            runner.close();
            throw e;
        }
        final ProcessorService process = new ProcessorService(runner, http, registry);
        try {
            runner.warmUp();
            runner.start();
            runner.awaitRunning(Duration.ofMinutes(2));
        } catch (RuntimeException | InterruptedException e) {
            process.close();
            throw e;
        }
        return process;
    }

    private static OpsServer serve(
            final InetSocketAddress address,
            final PrometheusMeterRegistry registry,
            final StreamsAppRunner runner,
            final boolean required) {
        if (address == null) {
            return null;
        }
        try {
            return OpsServer.start(address, registry, () -> {
                final Map<String, KafkaStreams.State> states = new LinkedHashMap<>();
                runner.states().forEach((processor, state) -> states.put(processor.id(), state));
                return states;
            });
        } catch (BindException e) {
            final String message = "cannot serve HTTP on " + address + " (" + e.getMessage()
                    + "); pass --http-address HOST:PORT (port 0 for any free port) or --http-address none";
            if (required) {
                throw new IllegalStateException(message, e);
            }
            LOG.warn("{}; going on without /metrics", message);
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public StreamsAppRunner runner() {
        return runner;
    }

    /** The HTTP server, empty when the process serves none (address "none", or not bindable in the demo). */
    public Optional<OpsServer> http() {
        return Optional.ofNullable(http);
    }

    /** The meters /metrics serves: the pipeline's own, Kafka Streams' and the JVM's. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        if (http != null) {
            http.close();
        }
        runner.close();
    }
}
