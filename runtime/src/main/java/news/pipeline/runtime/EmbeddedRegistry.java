package news.pipeline.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Apicurio Registry, run by run and demo as a child process on 127.0.0.1, for
 * {@code --schema-registry embedded}. Its runnable distribution comes from Maven Central through
 * Maven, once; its schemas are kept in an H2 database file under the data directory, so the ids
 * survive a restart and every record written before stays readable.
 */
public final class EmbeddedRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRegistry.class);

    /** The last line that runs on Java 17; 3.3 needs Java 21. */
    public static final String VERSION = "3.0.9";

    public static final int DEFAULT_PORT = 8081;
    private static final String ARTIFACT = "io.apicurio:apicurio-registry-app:" + VERSION + ":tar.gz:all";
    private static final String ARCHIVE = "apicurio-registry-app-" + VERSION + "-all.tar.gz";
    private static final String RUNNER = "apicurio-registry-app-" + VERSION + "-runner.jar";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final int port;
    private final Path log;

    private EmbeddedRegistry(final Process process, final int port, final Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the registry and waits until it is ready.
     *
     * @param dataDir  the pipeline's data directory: the registry keeps its database in {@code registry/}
     * @param port     its HTTP port on 127.0.0.1
     * @param progress where the download and the start are reported
     */
    public static EmbeddedRegistry start(final Path dataDir, final int port, final PrintStream progress)
            throws IOException, InterruptedException {
        final Path app = installed(progress);
        final Path home = dataDir.resolve("registry").toAbsolutePath();
        Files.createDirectories(home);
        final Path log = home.resolve("registry.log");
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        // Should the management interface be enabled, on loopback too, never on every interface.
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-Dapicurio.storage.kind=sql");
        command.add("-Dapicurio.storage.sql.kind=h2");
        command.add(
                "-Dapicurio.datasource.url=jdbc:h2:file:" + home.resolve("db/registry") + ";DB_CLOSE_ON_EXIT=FALSE");
        command.add("-Dapicurio.datasource.username=sa");
        command.add("-Dapicurio.datasource.password=sa");
        command.add("-jar");
        command.add(app.resolve(RUNNER).toString());
        progress.println("starting Apicurio Registry " + VERSION + " on 127.0.0.1:" + port + " (log: " + log + ")");
        final Process process = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        final EmbeddedRegistry registry = new EmbeddedRegistry(process, port, log);
        try {
            registry.awaitReady();
        } catch (IOException | InterruptedException | RuntimeException e) {
            registry.close();
            throw e;
        }
        progress.println("schema registry ready: " + registry.confluentApiUrl());
        return registry;
    }

    /** The registry's address, as the serde and the client take it. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Its Confluent-compatible API, for clients in other languages. */
    public String confluentApiUrl() {
        return url() + "/apis/ccompat/v7";
    }

    public int port() {
        return port;
    }

    private void awaitReady() throws IOException, InterruptedException {
        final HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        final HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        final long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the schema registry stopped while starting (exit code "
                        + process.exitValue() + "); is port " + port + " free? last lines of " + log + ":\n"
                        + tail(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the schema registry was not ready after " + READY_TIMEOUT + "; see " + log);
    }

    /**
     * The unpacked distribution, fetched with Maven and unpacked on first use. Kept outside the data
     * directory, in the user's cache, so that every data directory shares one copy.
     */
    static Path installed(final PrintStream progress) throws IOException, InterruptedException {
        final Path cache = Path.of(System.getProperty("user.home"), ".cache", "news-pipeline");
        final Path app = cache.resolve("apicurio-registry-app-" + VERSION);
        if (Files.isRegularFile(app.resolve(RUNNER))) {
            return app;
        }
        final Path archive = archive(cache, progress);
        final Path unpacking = Files.createDirectories(cache.resolve("apicurio-registry-app-" + VERSION + ".part"));
        progress.println("unpacking " + archive);
        run(List.of("tar", "-xzf", archive.toString(), "-C", unpacking.toString()), null);
        Files.move(unpacking, app);
        return app;
    }

    /** The distribution in the local Maven repository, downloaded there by Maven when missing. */
    private static Path archive(final Path cache, final PrintStream progress) throws IOException, InterruptedException {
        final Path local = Path.of(
                System.getProperty("user.home"), ".m2/repository/io/apicurio/apicurio-registry-app", VERSION, ARCHIVE);
        if (Files.isRegularFile(local)) {
            return local;
        }
        final Path downloads = Files.createDirectories(cache.resolve("downloads"));
        progress.println("downloading Apicurio Registry " + VERSION + " (about 105 MB) with Maven: " + ARTIFACT);
        // Not in batch mode: Maven then shows the download's progress.
        run(
                List.of(
                        "mvn",
                        "dependency:copy",
                        "-Dartifact=" + ARTIFACT,
                        "-DoutputDirectory=" + downloads,
                        "-Dmdep.overWriteReleases=true"),
                ProcessBuilder.Redirect.INHERIT);
        return downloads.resolve(ARCHIVE);
    }

    private static void run(final List<String> command, final ProcessBuilder.Redirect output)
            throws IOException, InterruptedException {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (output != null) {
            builder.redirectOutput(output);
        }
        final Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot run " + command.get(0) + " to install the schema registry: " + e.getMessage(), e);
        }
        final String printed =
                output == null ? new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit code " + process.exitValue()
                    + ")" + (printed.isBlank() ? "" : ": " + printed.strip()));
        }
    }

    private static String tail(final Path file) {
        try {
            final List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read it: " + e.getMessage() + ")";
        }
    }

    /** Stops the registry: SIGTERM, then after a grace period, kill. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                LOG.warn("the schema registry did not stop in {}; killing it", STOP_TIMEOUT);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
