package news.pipeline.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.utils.Utils;

/**
 * Whether the cluster a command is given can be used, told within a few seconds, where Kafka's
 * clients would retry and log for a minute or more.
 */
public final class ConnectionCheck {
    /** How long the other servers may still answer once one has: enough for a connection on a LAN. */
    private static final Duration PROBE_GRACE = Duration.ofMillis(250);

    private ConnectionCheck() {}

    /**
     * Fails within about {@code timeout} when the cluster cannot be used, where Kafka's clients
     * would retry for a minute or more, and returns the settings with {@code bootstrap.servers}
     * narrowed to the servers that answered as Kafka, so that the command's own clients do not
     * bootstrap from one that does not answer.
     *
     * <p>Two steps, each with its own share of the time. First, within half of it, every bootstrap
     * server at once: its host name resolved, then a plain TCP connection to each of its addresses
     * (nothing listening fails at once, without a Kafka client retrying and logging); a server that
     * does not answer in that half, such as a host that drops connections, only loses its place.
     * Then, with the rest of the time, a describeCluster request to each server that accepted the
     * connection, each from an admin client bootstrapped from that server alone (a server that
     * accepts connections but does not answer as Kafka cannot hold up the others); this fails on
     * wrong credentials or on something that is not Kafka. Then, when topics are given, that each
     * exists.
     *
     * @return the settings, bootstrap.servers being the servers that answered as Kafka, in their order
     * @throws KafkaConnectionException when no bootstrap server resolves, accepts a connection or
     *                                  answers as Kafka, or when authentication fails
     * @throws MissingTopicException    when one of the topics is not on the cluster
     */
    public static PipelineSettings reachable(
            final PipelineSettings settings, final Duration timeout, final String... topics) {
        final String servers = settings.bootstrapServers();
        final List<Server> bootstrap = parse(servers);
        final long start = System.nanoTime();
        final long deadline = start + timeout.toNanos();
        final ExecutorService probes = Executors.newCachedThreadPool(runnable -> {
            final Thread thread = new Thread(runnable, "news-pipeline-connection-check");
            // A host name lookup cannot be interrupted: it must not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        });
        final Map<Server, Answer> answers;
        try {
            answers = probe(bootstrap, probes, start + timeout.toNanos() / 2);
        } finally {
            probes.shutdownNow();
        }
        final List<Server> listening = bootstrap.stream()
                .filter(server -> answers.get(server) == Answer.LISTENING)
                .toList();
        if (listening.isEmpty()) {
            final List<String> unresolved = bootstrap.stream()
                    .filter(server -> answers.get(server) == Answer.UNRESOLVED)
                    .map(Server::host)
                    .distinct()
                    .toList();
            if (unresolved.size()
                    == bootstrap.stream().map(Server::host).distinct().count()) {
                throw new KafkaConnectionException(
                        KafkaConnectionException.Problem.UNRESOLVED,
                        servers,
                        "cannot resolve host " + String.join(", ", unresolved) + " in bootstrap.servers " + servers,
                        null);
            }
            throw new KafkaConnectionException(
                    KafkaConnectionException.Problem.NOT_LISTENING,
                    servers,
                    "nothing accepts connections at " + servers,
                    null);
        }
        final List<String> kafka = askKafka(settings, listening, timeout, deadline, topics);
        return settings.withBootstrapServers(String.join(",", kafka));
    }

    /** A bootstrap server as given (host names kept, for TLS), with its host and port. */
    private record Server(String address, String host, int port) {}

    /** What the first step learnt of a server. */
    private enum Answer {
        /** One of its addresses accepted a TCP connection. */
        LISTENING,
        /** Its host name does not resolve, or did not resolve in time. */
        UNRESOLVED,
        /** Nothing accepted a connection in time. */
        SILENT
    }

    private static List<Server> parse(final String servers) {
        final List<Server> parsed = new ArrayList<>();
        for (final String server : servers.split(",")) {
            final String address = server.trim();
            final String host = Utils.getHost(address);
            final Integer port = Utils.getPort(address);
            if (host == null || port == null) {
                // As the Kafka clients themselves would refuse it.
                throw new ConfigException("Invalid url in bootstrap.servers: " + address);
            }
            parsed.add(new Server(address, host, port));
        }
        return parsed;
    }

    /**
     * Resolves and connects to every server at once, until each has an answer or the deadline
     * passes; once one listens, the others get {@link #PROBE_GRACE} more, not the whole time.
     */
    private static Map<Server, Answer> probe(
            final List<Server> servers, final ExecutorService pool, final long deadline) {
        final Map<Server, Answer> answers = new HashMap<>();
        servers.forEach(server -> answers.put(server, Answer.SILENT));
        final CompletionService<Map.Entry<Server, Answer>> done = new ExecutorCompletionService<>(pool);
        for (final Server server : servers) {
            done.submit(() -> Map.entry(server, probe(server, pool, deadline)));
        }
        long until = deadline;
        try {
            for (int i = 0; i < servers.size(); i++) {
                final Future<Map.Entry<Server, Answer>> next =
                        done.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (next == null) {
                    // Whatever has not answered by now stays SILENT (or its host unresolved).
                    break;
                }
                final Map.Entry<Server, Answer> answer = next.get();
                answers.put(answer.getKey(), answer.getValue());
                if (answer.getValue() == Answer.LISTENING) {
                    until = Math.min(until, System.nanoTime() + PROBE_GRACE.toNanos());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("checking " + servers + " failed", e.getCause());
        }
        return answers;
    }

    /** One server: its host name resolved, then every address tried at once. */
    private static Answer probe(final Server server, final ExecutorService pool, final long deadline)
            throws InterruptedException {
        final InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(server.host());
        } catch (UnknownHostException e) {
            return Answer.UNRESOLVED;
        }
        final CompletionService<Boolean> connections = new ExecutorCompletionService<>(pool);
        for (final InetAddress address : addresses) {
            connections.submit(() -> connects(new InetSocketAddress(address, server.port()), deadline));
        }
        for (int i = 0; i < addresses.length; i++) {
            final Future<Boolean> next =
                    connections.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                return Answer.SILENT;
            }
            try {
                if (next.get()) {
                    return Answer.LISTENING;
                }
            } catch (ExecutionException e) {
                // Not thrown by connects: counts as no answer.
            }
        }
        return Answer.SILENT;
    }

    private static boolean connects(final InetSocketAddress address, final long deadline) {
        final long left = remainingMillis(deadline);
        if (left <= 0) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) Math.min(Integer.MAX_VALUE, left));
            return true;
        } catch (IOException e) {
            // Refused or timed out.
            return false;
        }
    }

    /**
     * The second step: describeCluster on each listening server at once, by an admin client of its
     * own, then the topics on the first that answered.
     *
     * @return the servers that answered as Kafka
     */
    private static List<String> askKafka(
            final PipelineSettings settings,
            final List<Server> listening,
            final Duration timeout,
            final long deadline,
            final String... topics) {
        final String addresses =
                String.join(",", listening.stream().map(Server::address).toList());
        final long budget = Math.max(1, remainingMillis(deadline));
        final List<Admin> admins = new ArrayList<>();
        try {
            final List<CompletableFuture<String>> answers = new ArrayList<>();
            for (final Server server : listening) {
                final Admin admin = Admin.create(checkingAdminConfig(settings, server.address(), budget));
                admins.add(admin);
                final CompletableFuture<String> answer = new CompletableFuture<>();
                admin.describeCluster().clusterId().whenComplete((id, error) -> {
                    if (error == null) {
                        answer.complete(id);
                    } else {
                        answer.completeExceptionally(error);
                    }
                });
                answers.add(answer);
            }
            final int first = firstSuccess(answers, deadline);
            if (first < 0) {
                throw failure(addresses, timeout, answers);
            }
            // The others that answer too stay bootstrap servers, if they do at about the same time.
            awaitQuietly(answers, Math.min(deadline, System.nanoTime() + PROBE_GRACE.toNanos()));
            final List<String> kafka = new ArrayList<>();
            for (int i = 0; i < listening.size(); i++) {
                if (answers.get(i).isDone() && !answers.get(i).isCompletedExceptionally()) {
                    kafka.add(listening.get(i).address());
                }
            }
            if (topics.length > 0) {
                final Set<String> existing = admins.get(first)
                        .listTopics()
                        .names()
                        .get(Math.max(1, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
                for (final String topic : topics) {
                    if (!existing.contains(topic)) {
                        throw new MissingTopicException(topic, settings.bootstrapServers());
                    }
                }
            }
            return kafka;
        } catch (ExecutionException e) {
            throw answerFailure(addresses, timeout, e.getCause());
        } catch (TimeoutException e) {
            throw noAnswer(addresses, timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw noAnswer(addresses, timeout, e);
        } finally {
            // Closing must not wait for requests to a server that does not answer.
            admins.forEach(admin -> admin.close(Duration.ZERO));
        }
    }

    /**
     * The checking admin client: the user's settings, bootstrapped from one server, every time-out
     * within the budget (the connection set-up's default, 10 s, would outlast it).
     */
    static Map<String, Object> checkingAdminConfig(
            final PipelineSettings settings, final String server, final long budgetMillis) {
        final Map<String, Object> config = Clients.adminConfig(settings);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, server);
        final String budget = String.valueOf(Math.max(1, budgetMillis));
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, budget);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, budget);
        // Half the budget, so that a connection that stalls while being set up is tried again in time.
        final String setup = String.valueOf(Math.max(1, budgetMillis / 2));
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, setup);
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, setup);
        return config;
    }

    /** The index of the first future to complete normally, or -1 when all failed or the deadline passed. */
    private static int firstSuccess(final List<CompletableFuture<String>> answers, final long deadline)
            throws InterruptedException {
        final CompletableFuture<Integer> first = new CompletableFuture<>();
        final AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < answers.size(); i++) {
            final int index = i;
            answers.get(i).whenComplete((value, error) -> {
                if (error == null) {
                    first.complete(index);
                } else if (failed.incrementAndGet() == answers.size()) {
                    first.complete(-1);
                }
            });
        }
        try {
            return first.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return -1;
        }
    }

    private static void awaitQuietly(final List<CompletableFuture<String>> answers, final long until)
            throws InterruptedException {
        try {
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                    .get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Those that failed or are still waiting are not kept.
        }
    }

    /** Why no server answered as Kafka: a refusal of the credentials first, else the first failure. */
    private static KafkaConnectionException failure(
            final String addresses, final Duration timeout, final List<CompletableFuture<String>> answers) {
        Throwable firstFailure = null;
        for (final CompletableFuture<String> answer : answers) {
            if (answer.isCompletedExceptionally()) {
                final Throwable cause = answer.handle((value, error) -> error).join();
                final Throwable unwrapped =
                        cause instanceof CompletionException && cause.getCause() != null ? cause.getCause() : cause;
                if (unwrapped instanceof AuthenticationException) {
                    return answerFailure(addresses, timeout, unwrapped);
                }
                if (firstFailure == null) {
                    firstFailure = unwrapped;
                }
            }
        }
        return noAnswer(addresses, timeout, firstFailure != null ? firstFailure : new TimeoutException());
    }

    private static KafkaConnectionException answerFailure(
            final String servers, final Duration timeout, final Throwable cause) {
        if (cause instanceof AuthenticationException) {
            return new KafkaConnectionException(
                    KafkaConnectionException.Problem.AUTHENTICATION, servers, cause.getMessage(), cause);
        }
        return noAnswer(servers, timeout, cause);
    }

    private static KafkaConnectionException noAnswer(
            final String servers, final Duration timeout, final Throwable cause) {
        final String within = timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
        return new KafkaConnectionException(
                KafkaConnectionException.Problem.NO_ANSWER,
                servers,
                "no answer from Kafka at " + servers + " within " + within
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                cause);
    }

    private static long remainingMillis(final long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }
}
