package news.pipeline.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.pipeline.ops.ConsumerLag;
import news.pipeline.ops.TransactionHolds;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.OpsServer;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.ProcessorService;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.streams.ClientDefaults;
import news.pipeline.streams.ProcessorApp;
import news.pipeline.streams.StreamsSettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's console: pages at {@code /} on the processors' HTTP address, fed by JSON
 * endpoints under {@code /api/} that the pages poll. Numbers come from the meters /metrics
 * serves and from the operations library (the lag command's measurement); the console reads
 * topics with read_committed and without a consumer group, so it never shows up as lag itself.
 */
public final class Console implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Console.class);

    /**
     * Every thread the console starts has this in its name (its Kafka clients' threads too, through
     * their client ids), so that what the console costs the processors' JVM can be measured apart.
     */
    public static final String THREAD_NAME = "news-pipeline-console";

    /** How often the rates are computed from the counters: the Pipeline page's resolution. */
    static final Duration METER_INTERVAL = Duration.ofSeconds(2);

    /** How often lag is measured by default: 360 points make the hour's chart. */
    public static final Duration DEFAULT_LAG_INTERVAL = Duration.ofSeconds(10);

    private static final Duration GROUP_TIMEOUT = Duration.ofSeconds(10);

    /**
     * The sampler counts a partition's records behind only up to this offset difference (the lag
     * command counts up to {@link ConsumerLag#EXACT_COUNT_LIMIT}): during a backlog it measures
     * every few seconds, and counting thousands of records a partition each time would take
     * more of the pipeline's CPU than the console's pages together. Above it the page shows the
     * offset difference with {@code ~}.
     */
    static final long SAMPLED_EXACT_COUNT_LIMIT = 1_000;

    /**
     * What the lag sampler fetches of a partition at once: one producer batch, not the pipeline's
     * multi-MiB fetches, since it mostly reads one record (the oldest unprocessed) a partition.
     */
    private static final int LAG_FETCH_BYTES = ClientDefaults.BATCH_BYTES;

    /**
     * What one poll of the lag sampler parses: a partition far behind needs only its first record, and
     * the consumer otherwise parses up to 500 of the fetched batch (a copy of each) at every sample.
     */
    private static final int LAG_POLL_RECORDS = 50;

    /** Articles in the Articles page's list. */
    static final int LATEST_ARTICLES = 50;

    /** An action's request body is a short list of positions or times. */
    private static final int MAX_ACTION_BYTES = 64 * 1024;

    private final ObjectMapper json = new ObjectMapper();
    private final ProcessorService service;
    private final OpsServer http;
    private final PipelineSettings settings;
    private final ConsoleAccess access;
    private final Duration lagInterval;
    private final Admin admin;
    private final KafkaConsumer<Void, Void> lagReader;
    private final ProcessorStatus status;
    private final LagHistory lag = new LagHistory();
    /** Each input partition's last stable offset at the previous lag sample; the sampler's thread only. */
    private Map<TopicPartition, Long> lastStable = Map.of();
    /** The hanging transactions already logged, by partition and producer: each is logged once. */
    private final Set<String> hangingLogged = new HashSet<>();

    private boolean hangingLookFailed;

    private final Map<String, ConsumerGroupDescription> groups = new ConcurrentHashMap<>();
    private final Map<ProcessorApp, String> applicationIds = new EnumMap<>(ProcessorApp.class);
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        final Thread thread = new Thread(runnable, THREAD_NAME + "-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private final ArticleFeed articles;
    private final DeadLetters deadLetters;
    private final Sessions sessions = new Sessions();
    private final Replays replays;
    private final CrawlFeeds feeds;
    private final URI url;
    private Map<String, String> replayWritesSeen = Map.of();

    private Console(
            final ProcessorService service,
            final OpsServer http,
            final PipelineSettings settings,
            final ConsoleAccess access,
            final Duration lagInterval) {
        this.service = service;
        this.http = http;
        this.settings = settings;
        this.access = access;
        this.lagInterval = lagInterval;
        final Map<String, Object> adminConfig = Clients.adminConfig(settings);
        // Its thread is then "kafka-admin-client-thread | news-pipeline-console-admin".
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, THREAD_NAME + "-admin");
        this.admin = Admin.create(adminConfig);
        this.lagReader = lagReader(settings);
        this.status = new ProcessorStatus(service.registry());
        this.articles = new ArticleFeed(
                settings,
                service.runner().streams().containsKey(ProcessorApp.PUBLISHER)
                        ? service.runner().byCountryTap()
                        : null);
        this.deadLetters = new DeadLetters(settings);
        this.replays = new Replays(settings);
        this.feeds = new CrawlFeeds(settings);
        for (final ProcessorApp processor : ProcessorApp.values()) {
            applicationIds.put(processor, StreamsSettings.applicationId(processor, settings.asMap()));
        }
        final InetSocketAddress address = http.address();
        this.url = URI.create("http://" + hostForUrl(address) + ":" + address.getPort() + "/");
    }

    /**
     * The lag sampler's reader: it needs the offsets and timestamps of the records behind, not their
     * bytes, so it copies none of them (the enriched topic's records carry whole articles).
     */
    private static KafkaConsumer<Void, Void> lagReader(final PipelineSettings settings) {
        final Map<String, Object> config = Clients.readerConfig(settings);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, String.valueOf(LAG_FETCH_BYTES));
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, String.valueOf(LAG_POLL_RECORDS));
        return new KafkaConsumer<>(config, new Unread(), new Unread());
    }

    /**
     * Serves the console on the service's HTTP address and starts sampling.
     *
     * @return empty when the service serves no HTTP
     */
    public static Optional<Console> attach(
            final ProcessorService service,
            final PipelineSettings settings,
            final ConsoleAccess access,
            final Duration lagInterval) {
        if (service.http().isEmpty()) {
            return Optional.empty();
        }
        final OpsServer http = service.http().get();
        final Console console = new Console(service, http, settings, access, lagInterval);
        http.handle("/", console::handle);
        console.sampler.scheduleWithFixedDelay(
                console::sampleMeters, 0, METER_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        console.sampler.scheduleWithFixedDelay(console::sampleLag, 0, lagInterval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("console on {}{}", console.url, access.actionsAllowed() ? " (actions allowed)" : "");
        return Optional.of(console);
    }

    public URI url() {
        return url;
    }

    /**
     * Waits until the console has read the history it reads at start (the by-country topic from its
     * beginning, for the Countries page's counts), so that what follows is the cost of keeping up.
     *
     * @return false when it had not within the timeout
     */
    public boolean awaitCaughtUp(final Duration timeout) throws InterruptedException {
        return articles.awaitCaughtUp(timeout);
    }

    private void sampleMeters() {
        try {
            status.sample(System.nanoTime());
        } catch (RuntimeException e) {
            LOG.warn("console: cannot read the meters: {}", e.toString());
        }
    }

    private void sampleLag() {
        try {
            final List<ConsumerLag.ApplicationLag> measured = new ConsumerLag(
                            admin, lagReader, SAMPLED_EXACT_COUNT_LIMIT)
                    .measure(Arrays.asList(ProcessorApp.values()), settings.asMap());
            lag.add(new LagHistory.Sample(Instant.now(), measured));
            // before the rest, which may fail on its own (a group not there yet): a hold is worth knowing regardless
            lookForHangingTransactions(measured);
            // Taken before the writers are looked at: what the topic held then was written by whoever wrote.
            final Map<TopicPartition, Long> countryEnds = lagReader.endOffsets(articles.countryPartitions());
            groups.putAll(admin.describeConsumerGroups(applicationIds.values())
                    .all()
                    .get(GROUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            final Map<String, String> replayWrites =
                    ByCountryWriters.replayWrites(admin, articles.countryPartitions(), GROUP_TIMEOUT);
            final boolean replayWrote = ByCountryWriters.wroteSince(replayWritesSeen, replayWrites);
            replayWritesSeen = replayWrites;
            articles.coverage(
                    !replayWrote
                            && ByCountryWriters.onlyWriter(
                                    service.runner().streams().get(ProcessorApp.PUBLISHER),
                                    groups.get(applicationIds.get(ProcessorApp.PUBLISHER))),
                    countryEnds);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("console: cannot measure lag: {}", e.toString());
        }
    }

    /**
     * A partition whose last stable offset stood still since the previous sample, with records past
     * it, may be held back for good: only those are asked about (Kafka's describe calls cost the
     * cluster a little at each sample otherwise), and under flow every last stable offset moves.
     */
    private void lookForHangingTransactions(final List<ConsumerLag.ApplicationLag> measured) {
        final Map<TopicPartition, Long> stable = new HashMap<>();
        measured.forEach(app -> stable.putAll(app.lastStableOffsets()));
        final Map<TopicPartition, Long> stoodStill = TransactionHolds.stoodStill(lastStable, stable);
        lastStable = stable;
        final List<TransactionHolds.Hold> hanging;
        try {
            hanging = stoodStill.isEmpty()
                    ? List.of()
                    : TransactionHolds.of(admin, stoodStill, GROUP_TIMEOUT).stream()
                            .filter(TransactionHolds.Hold::hanging)
                            .toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException | TimeoutException e) {
            // a cluster that will not describe its transactions (ACLs) still has its lag shown; said once
            if (!hangingLookFailed) {
                LOG.warn("console: cannot look for hanging transactions: {}", e.toString());
                hangingLookFailed = true;
            }
            return;
        }
        for (final TransactionHolds.Hold hold : hanging) {
            if (hangingLogged.add(hold.partition() + "/" + hold.producerId())) {
                LOG.error("hanging transaction: {}", hold.describe());
            }
        }
        lag.hanging(hanging);
    }

    private void handle(final HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!access.admits(exchange.getRequestHeaders().getFirst("Authorization"))) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"news-pipeline console\"");
                send(exchange, 401, "text/plain; charset=utf-8", bytes("login required\n"));
                return;
            }
            final String method = exchange.getRequestMethod();
            if (method.equals("POST")) {
                act(exchange, exchange.getRequestURI().getPath());
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD, POST");
                send(exchange, 405, "text/plain; charset=utf-8", bytes("method not allowed\n"));
                return;
            }
            route(exchange, exchange.getRequestURI().getPath());
        } catch (IllegalArgumentException e) {
            send(exchange, 400, "text/plain; charset=utf-8", bytes(e.getMessage() + "\n"));
        } catch (RuntimeException e) {
            LOG.warn("console: {} failed", exchange.getRequestURI(), e);
            send(exchange, 500, "text/plain; charset=utf-8", bytes("internal error: " + e + "\n"));
        }
    }

    /** A state-changing request: only with --console-actions, and only with this session's CSRF token. */
    private void act(final HttpExchange exchange, final String path) throws IOException {
        if (!access.actionsAllowed()) {
            send(exchange, 403, "text/plain; charset=utf-8", bytes("actions are off; start with --console-actions\n"));
            return;
        }
        final Optional<String> session =
                Sessions.idIn(exchange.getRequestHeaders().getFirst("Cookie"));
        if (!sessions.valid(session, exchange.getRequestHeaders().getFirst(Sessions.TOKEN_HEADER))) {
            send(exchange, 403, "text/plain; charset=utf-8", bytes("missing or wrong CSRF token; reload the page\n"));
            return;
        }
        final JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = json.readTree(in.readNBytes(MAX_ACTION_BYTES));
        } catch (JsonProcessingException e) {
            send(exchange, 400, "text/plain; charset=utf-8", bytes("the body is not JSON\n"));
            return;
        }
        if (path.equals("/api/dead-letters/retry")) {
            final Set<String> positions = new LinkedHashSet<>();
            body.path("positions").forEach(position -> positions.add(position.asText()));
            try {
                final List<String> retried = deadLetters.retry(positions);
                LOG.info("console: retried dead letters {}", retried);
                sendJson(exchange, Map.of("retried", retried));
            } catch (Exception e) {
                send(exchange, 502, "text/plain; charset=utf-8", bytes("retry failed: " + e.getMessage() + "\n"));
            }
        } else if (path.equals("/api/replay")) {
            try {
                sendJson(
                        exchange,
                        replays.start(
                                body.path("from").asText(null), body.path("to").asText(null)));
            } catch (IllegalStateException e) {
                send(exchange, 409, "text/plain; charset=utf-8", bytes(e.getMessage() + "\n"));
            }
        } else {
            send(exchange, 404, "text/plain; charset=utf-8", bytes("not found\n"));
        }
    }

    private void route(final HttpExchange exchange, final String path) throws IOException {
        if (path.equals("/") || path.equals("/index.html")) {
            if (Sessions.idIn(exchange.getRequestHeaders().getFirst("Cookie")).isEmpty()) {
                exchange.getResponseHeaders().add("Set-Cookie", Sessions.cookie(sessions.newId()));
            }
            resource(exchange, WebResources.own("index.html"));
        } else if (path.startsWith("/static/")) {
            resource(exchange, WebResources.own(path.substring("/static/".length())));
        } else if (path.startsWith("/vendor/")) {
            resource(exchange, WebResources.vendored(path.substring("/vendor/".length())));
        } else if (path.equals("/api/session")) {
            final Optional<String> session =
                    Sessions.idIn(exchange.getRequestHeaders().getFirst("Cookie"));
            final Map<String, Object> body = new LinkedHashMap<>();
            body.put("actions", access.actionsAllowed());
            body.put("login", access.requiresLogin());
            body.put("csrf", session.map(sessions::token).orElse(null));
            body.put(
                    "reasons",
                    Arrays.stream(DeadLetterReason.values()).map(Enum::name).toList());
            sendJson(exchange, body);
        } else if (path.equals("/api/replay/plan")) {
            final Map<String, String> query = query(exchange);
            sendJson(exchange, replays.plan(query.get("from"), query.get("to")));
        } else if (path.equals("/api/replay")) {
            sendJson(exchange, replays.status());
        } else if (path.equals("/api/dead-letters")) {
            final Map<String, String> query = query(exchange);
            sendJson(
                    exchange,
                    deadLetters.list(
                            blankToNull(query.get("reason")),
                            blankToNull(query.get("processor")),
                            blankToNull(query.get("since"))));
        } else if (path.startsWith("/api/dead-letters/")) {
            final Map<String, Object> letter = deadLetters.show(path.substring("/api/dead-letters/".length()));
            if (letter == null) {
                send(exchange, 404, "text/plain; charset=utf-8", bytes("no dead letter there\n"));
            } else {
                sendJson(exchange, letter);
            }
        } else if (path.equals("/api/pipeline")) {
            sendJson(exchange, pipeline());
        } else if (path.equals("/api/lag")) {
            sendJson(exchange, lag.view(lagInterval));
        } else if (path.equals("/api/articles")) {
            sendJson(exchange, articles.latest(LATEST_ARTICLES));
        } else if (path.startsWith("/api/articles/")) {
            final Optional<ObjectNode> article = articles.article(path.substring("/api/articles/".length()));
            if (article.isEmpty()) {
                send(exchange, 404, "text/plain; charset=utf-8", bytes("not among the latest articles\n"));
            } else {
                sendJson(exchange, article.get());
            }
        } else if (path.equals("/api/feeds")) {
            sendJson(exchange, feeds.view(Instant.now()));
        } else if (path.equals("/api/countries")) {
            sendJson(exchange, countries(exchange.getRequestURI().getQuery()));
        } else if (path.startsWith("/api/countries/")) {
            sendJson(exchange, articles.byCountry(path.substring("/api/countries/".length())));
        } else {
            send(exchange, 404, "text/plain; charset=utf-8", bytes("not found\n"));
        }
    }

    private static Map<String, String> query(final HttpExchange exchange) {
        final Map<String, String> query = new LinkedHashMap<>();
        final String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return query;
        }
        for (final String pair : raw.split("&")) {
            final int equals = pair.indexOf('=');
            if (equals > 0) {
                query.put(
                        URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static String blankToNull(final String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private Map<String, Object> countries(final String query) {
        final String asked = query == null ? "" : query.replaceFirst("^.*window=([a-z]+).*$", "$1");
        final ArticleFeed.Window window = Arrays.stream(ArticleFeed.Window.values())
                .filter(candidate -> candidate.name().equalsIgnoreCase(asked))
                .findFirst()
                .orElse(ArticleFeed.Window.ALL);
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("window", window.name().toLowerCase(Locale.ROOT));
        body.put("counts", articles.counts(window, Instant.now()));
        body.put("names", articles.countryNames());
        // Where the counts come from now: what this process's publisher sends, or the topic read back.
        body.put("counted_from", articles.readerPaused() ? "publisher" : "topic");
        return body;
    }

    private Map<String, Object> pipeline() {
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("time", Instant.now().toString());
        body.put("processors", status.views(service.runner().streams(), groups, applicationIds));
        return body;
    }

    private void resource(final HttpExchange exchange, final Optional<WebResources.Resource> resource)
            throws IOException {
        if (resource.isEmpty()) {
            send(exchange, 404, "text/plain; charset=utf-8", bytes("not found\n"));
            return;
        }
        send(exchange, 200, resource.get().contentType(), resource.get().bytes());
    }

    private void sendJson(final HttpExchange exchange, final Object body) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        send(exchange, 200, "application/json", json.writeValueAsBytes(body));
    }

    private static void send(final HttpExchange exchange, final int status, final String type, final byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        // Scripts and styles only from this server: a title carrying markup could not run even if it were inserted.
        exchange.getResponseHeaders()
                .set(
                        "Content-Security-Policy",
                        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:;"
                                + " frame-ancestors 'none'");
        final boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] bytes(final String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String hostForUrl(final InetSocketAddress address) {
        final String host = address.getHostString();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * Stops serving the pages and stops every thread and client the console started; the
     * processors and their /metrics go on, and a console can be attached to them again.
     */
    @Override
    public void close() {
        http.unhandle("/");
        articles.close();
        deadLetters.close();
        replays.close();
        feeds.close();
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lagReader.close();
        admin.close();
    }
}
