package news.pipeline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server from the Debian package ({@code postgresql}), started for a test class in
 * a temporary directory, listening on 127.0.0.1 on a free port and on a socket in that directory.
 * It has one database and one user with a password, as a Kafka Connect sink would be given.
 *
 * <p>PostgreSQL refuses to run as root; as root (a CI machine), its files belong to the package's
 * {@code postgres} user and its programs run as that user.
 */
public final class LocalPostgres implements AutoCloseable {
    /** Where Debian installs each major version's programs. */
    private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

    private static final String SERVICE_USER = "postgres";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final Path bin;
    private final Path home;
    private final int port;
    private final String user;
    private final String password;
    private final String database;

    private LocalPostgres(
            final Path bin,
            final Path home,
            final int port,
            final String user,
            final String password,
            final String database) {
        this.bin = bin;
        this.home = home;
        this.port = port;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    /** The programs of the newest PostgreSQL installed from Debian's packages, if there is one. */
    public static Optional<Path> installed() {
        if (!Files.isDirectory(DEBIAN_VERSIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin ->
                            Files.isExecutable(bin.resolve("pg_ctl")) && Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(
                            bin -> bin.getParent().getFileName().toString(),
                            Comparator.comparingDouble(LocalPostgres::versionNumber)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Creates a cluster in a new temporary directory and starts it, with a database owned by a user
     * that logs in with the password (SCRAM over TCP).
     */
    public static LocalPostgres start(final Path bin, final String user, final String password, final String database)
            throws IOException, InterruptedException {
        final Path home = Files.createTempDirectory("news-postgres-");
        final LocalPostgres postgres = new LocalPostgres(bin, home, FreePorts.one(), user, password, database);
        try {
            postgres.initAndStart();
        } catch (IOException | InterruptedException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    private void initAndStart() throws IOException, InterruptedException {
        final Path passwordFile = home.resolve("password");
        Files.writeString(passwordFile, password + "\n");
        Files.createDirectories(home.resolve("socket"));
        if (asRoot()) {
            final UserPrincipalLookupService users = home.getFileSystem().getUserPrincipalLookupService();
            for (final Path path : List.of(home, passwordFile, home.resolve("socket"))) {
                Files.setOwner(path, users.lookupPrincipalByName(SERVICE_USER));
            }
        }
        run(server(
                "initdb",
                "--pgdata=" + home.resolve("data"),
                "--username=" + user,
                "--pwfile=" + passwordFile,
                "--auth=scram-sha-256",
                "--encoding=UTF8",
                "--no-sync"));
        run(server(
                "pg_ctl",
                "--pgdata=" + home.resolve("data"),
                "--log=" + home.resolve("postgres.log"),
                "--wait",
                "--options=-p " + port + " -k " + home.resolve("socket")
                        + " -c listen_addresses=127.0.0.1 -c fsync=off",
                "start"));
        psql("postgres", "CREATE DATABASE " + database);
    }

    public int port() {
        return port;
    }

    /** The JDBC URL of the database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Runs SQL with psql over TCP as the user, in the database; returns what it prints, unaligned, tuples only. */
    public String query(final String sql) throws IOException, InterruptedException {
        return psql(database, sql);
    }

    private String psql(final String inDatabase, final String sql) throws IOException, InterruptedException {
        return run(List.of(
                bin.resolve("psql").toString(),
                "--host=127.0.0.1",
                "--port=" + port,
                "--username=" + user,
                "--dbname=" + inDatabase,
                "--no-psqlrc",
                "--tuples-only",
                "--no-align",
                "--set=ON_ERROR_STOP=1",
                "--command=" + sql));
    }

    /** A server program, as the {@code postgres} user when this JVM runs as root. */
    private List<String> server(final String program, final String... args) {
        final List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    private String run(final List<String> command) throws IOException, InterruptedException {
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(Map.of("PGPASSWORD", password, "PGCONNECT_TIMEOUT", "10"));
        final Process process = builder.start();
        final String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT);
            }
        } finally {
            process.destroyForcibly();
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit code " + process.exitValue()
                    + "): " + output.strip() + serverLog());
        }
        return output.strip();
    }

    private String serverLog() {
        final Path log = home.resolve("postgres.log");
        try {
            return Files.isRegularFile(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops the server (fast: no waiting for clients) and deletes its directory. */
    @Override
    public void close() {
        try {
            if (Files.isRegularFile(home.resolve("data/postmaster.pid"))) {
                run(server("pg_ctl", "--pgdata=" + home.resolve("data"), "--mode=fast", "--wait", "stop"));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("PostgreSQL in " + home + " did not stop: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            delete(home);
        }
    }

    private static void delete(final Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (final Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            System.err.println("cannot delete " + directory + ": " + e.getMessage());
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static double versionNumber(final String name) {
        try {
            return Double.parseDouble(name);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
