package news.pipeline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import news.pipeline.runtime.ChildJvm;

/**
 * {@code news-pipeline run ...} in a JVM of its own, as an operator would start it, so a test can
 * kill it without a clean shutdown (SIGKILL) or stop it as Ctrl-C would (SIGTERM, which runs the
 * command's shutdown hook). Its output goes to a log file the test can search.
 */
public final class ForkedPipeline implements AutoCloseable {
    /** What {@code run} logs once every processor is RUNNING. */
    private static final String RUNNING_LINE = "Ctrl-C to stop";

    private final Process process;
    private final Path log;
    /** RUNNING reports already in the log (from earlier processes) when this one started. */
    private final int runningBefore;

    private ForkedPipeline(final Process process, final Path log, final int runningBefore) {
        this.process = process;
        this.log = log;
        this.runningBefore = runningBefore;
    }

    /**
     * @param jvmOptions options of the child JVM (-Xmx..., -D...)
     * @param args       the arguments after {@code news-pipeline}, e.g. {@code run --processor all ...}
     */
    public static ForkedPipeline start(final Path log, final List<String> jvmOptions, final List<String> args)
            throws IOException {
        final ProcessBuilder builder = new ProcessBuilder(
                        ChildJvm.command(jvmOptions, "news.pipeline.cli.NewsPipeline", args))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Settings come only from the arguments, never from the environment the build runs in.
        builder.environment().keySet().removeIf(name -> name.startsWith("KAFKA_") || name.startsWith("NEWS_PIPELINE_"));
        final int runningBefore = runningReports(log);
        return new ForkedPipeline(builder.start(), log, runningBefore);
    }

    /** Waits until the processors report RUNNING (the command's own log line), or fails with the log's tail. */
    public void awaitRunning(final Duration timeout) throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (runningReports(log) <= runningBefore) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "the pipeline process exited with " + process.exitValue() + ":\n" + FaultKit.tail(log, 60));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the pipeline process is not RUNNING after " + timeout + ":\n" + FaultKit.tail(log, 60));
            }
            Thread.sleep(200);
        }
    }

    /** How many times a command has reported RUNNING in the log (one per start when processes share it). */
    public static int runningReports(final Path log) {
        try {
            return Files.exists(log)
                    ? (int) Files.readString(log, StandardCharsets.ISO_8859_1)
                            .lines()
                            .filter(line -> line.contains(RUNNING_LINE))
                            .count()
                    : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no commit, no leaving the group, transactions left open. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.MINUTES);
    }

    /** SIGTERM, as Ctrl-C: the command closes the processors (committing) and the embedded broker. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            process.waitFor(1, TimeUnit.MINUTES);
            throw new IllegalStateException(
                    "the pipeline process did not stop within 2 minutes of SIGTERM:\n" + FaultKit.tail(log, 60));
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** The CPU time the process has used so far, all its threads together (zero where the OS does not tell). */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
