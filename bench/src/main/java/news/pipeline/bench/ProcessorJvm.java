package news.pipeline.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import news.pipeline.runtime.ChildJvm;

/** A {@link ProcessorJvmMain} in a child JVM, driven over its stdin and stdout. */
public final class ProcessorJvm implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private final Path log;

    private ProcessorJvm(final Process process, final Path log) {
        this.process = process;
        this.log = log;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        final Thread reader = new Thread(
                () -> {
                    try (BufferedReader in = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = in.readLine(); line != null; line = in.readLine()) {
                            lines.add(line);
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                    lines.add("EOF");
                },
                "processor-jvm-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code java [jvmOptions] -cp <this jar> mainClass mode settings...}, its stderr
     * (the logs) into {@code log}.
     */
    static ProcessorJvm start(
            final String mainClass,
            final String mode,
            final Map<String, String> settings,
            final List<String> jvmOptions,
            final Path log) {
        final List<String> args = new ArrayList<>();
        args.add(mode);
        settings.forEach((key, value) -> args.add(key + "=" + value));
        final List<String> command = ChildJvm.command(jvmOptions, mainClass, args);
        try {
            return new ProcessorJvm(
                    new ProcessBuilder(command)
                            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                            .start(),
                    log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    long pid() {
        return process.pid();
    }

    void awaitRunning(final Duration timeout) throws InterruptedException {
        final String line = next(timeout);
        if (!"RUNNING".equals(line)) {
            throw new IllegalStateException("the processor process did not start (" + line + "); see " + log
                    + " (kept with --keep-data or --data-dir)");
        }
    }

    /** The JVM's figures now; synchronized, as the benchmark may ask from a timer too. */
    synchronized Map<String, Object> stats() throws InterruptedException {
        send("stats");
        return parseStats(next(Duration.ofSeconds(30)));
    }

    /**
     * Runs one of the commands the processors' main added ({@link ProcessorJvmMain#serve(AutoCloseable,
     * Map)}) and returns what it answered.
     */
    synchronized Map<String, Object> command(final String name, final Duration timeout) throws InterruptedException {
        send(name);
        final String line = next(timeout);
        if (line.startsWith("DONE ")) {
            return parse(line.substring("DONE ".length()), line);
        }
        throw new IllegalStateException("the processor process did not do " + name + ": " + line + "; see " + log);
    }

    /** Closes the applications and returns the final figures. */
    synchronized Map<String, Object> stop() throws InterruptedException {
        send("stop");
        final Map<String, Object> stats = parseStats(next(Duration.ofSeconds(90)));
        process.waitFor(30, TimeUnit.SECONDS);
        return stats;
    }

    private void send(final String command) {
        try {
            commands.write(command + "\n");
            commands.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("the processor process is gone", e);
        }
    }

    /** The next protocol line; anything else the JVM prints on stdout (JFR, -Xlog) is skipped. */
    private String next(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            final String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                return "TIMEOUT";
            }
            if (line.equals("RUNNING")
                    || line.startsWith("STATS ")
                    || line.startsWith("DONE ")
                    || line.startsWith("FAILED ")
                    || line.equals("EOF")) {
                return line;
            }
        }
    }

    private static Map<String, Object> parseStats(final String line) {
        if (line == null || !line.startsWith("STATS ")) {
            throw new IllegalStateException("expected STATS from the processor process, got " + line);
        }
        return parse(line.substring("STATS ".length()), line);
    }

    private static Map<String, Object> parse(final String json, final String line) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException("bad line from the processor process: " + line, e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
