package news.pipeline.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Other extractors timed on the same pages, each in a process of its own on one thread: Readability.js
 * (on linkedom's DOM, from {@code bench/peers/}'s npm packages) and readability-lxml (Debian's
 * {@code python3-readability}). Each is warmed up, then timed over whole passes; the figure is pages
 * per CPU second of its process, which a loaded machine disturbs less than wall time.
 */
public final class Peers {
    /** One peer's figure, or why it was not measured. */
    public record Result(String name, double pagesPerCpuSecond, long pages, double keptChars, String note) {
        public boolean measured() {
            return !Double.isNaN(pagesPerCpuSecond);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path peersDir;
    private final double warmupSeconds;
    private final double measureSeconds;

    /** @param peersDir the project's {@code bench/peers} (the scripts, and the npm packages once installed) */
    public Peers(final Path peersDir, final double warmupSeconds, final double measureSeconds) {
        this.peersDir = peersDir;
        this.warmupSeconds = warmupSeconds;
        this.measureSeconds = measureSeconds;
    }

    /** Times every peer on the pages; a peer that is not installed gives a result saying how to install it. */
    public List<Result> run(final List<BenchCorpus.Page> pages, final Path workDir)
            throws IOException, InterruptedException {
        final Path dir = Files.createDirectories(workDir.resolve("peer-pages"));
        for (int i = 0; i < pages.size(); i++) {
            // Decompressed, numbered so that every peer reads them in the same order.
            Files.write(
                    dir.resolve(String.format(Locale.ROOT, "%05d.html", i)),
                    pages.get(i).content());
        }
        final List<Result> results = new ArrayList<>();
        results.add(readabilityJs(dir));
        results.add(readabilityLxml(dir));
        return results;
    }

    private Result readabilityJs(final Path pages) throws IOException, InterruptedException {
        final String name = "Readability.js 0.6 (linkedom)";
        if (!Files.isDirectory(peersDir.resolve("node_modules/@mozilla/readability"))) {
            return skipped(name, "not installed: npm install --prefix " + peersDir + " (needs node)");
        }
        return timed(name, List.of("node", peersDir.resolve("readability.mjs").toString()), pages);
    }

    private Result readabilityLxml(final Path pages) throws IOException, InterruptedException {
        final String name = "readability-lxml (python3-readability)";
        // Debian's package installs for Debian's interpreter, which may not be the first python3 on the PATH.
        for (final String python : List.of("python3", "/usr/bin/python3")) {
            if (runs(List.of(python, "-c", "import readability"))) {
                return timed(
                        name,
                        List.of(python, peersDir.resolve("readability_lxml.py").toString()),
                        pages);
            }
        }
        return skipped(name, "not installed: apt-get install python3-readability (or pip install readability-lxml)");
    }

    private Result timed(final String name, final List<String> command, final Path pages)
            throws IOException, InterruptedException {
        final List<String> full = new ArrayList<>(command);
        full.add(pages.toString());
        full.add(Double.toString(warmupSeconds));
        full.add(Double.toString(measureSeconds));
        final Path out = Files.createTempFile("peer-", ".out");
        try {
            final Process process = new ProcessBuilder(full)
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            // A pass must end before the timing stops: a loaded machine may need several times the seconds asked for.
            final long limit = (long) (10 * (warmupSeconds + measureSeconds)) + 120;
            if (!process.waitFor(limit, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return skipped(name, "did not finish within " + limit + " s");
            }
            final List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            final String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            if (process.exitValue() != 0 || !last.startsWith("{")) {
                return skipped(name, "failed (exit " + process.exitValue() + "): " + last);
            }
            final JsonNode figures = JSON.readTree(last);
            final long count = figures.path("pages").asLong();
            final double cpu = figures.path("cpuSeconds").asDouble();
            return new Result(
                    name,
                    cpu > 0 ? count / cpu : Double.NaN,
                    count,
                    figures.path("chars").asDouble() / Math.max(1, count),
                    String.format(
                            Locale.ROOT,
                            "%,d pages in %.1f CPU s (%.1f s wall), one process, after %.0f s of warm-up",
                            count,
                            cpu,
                            figures.path("wallSeconds").asDouble(),
                            warmupSeconds));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static boolean runs(final List<String> command) throws InterruptedException {
        try {
            final Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static Result skipped(final String name, final String why) {
        return new Result(name, Double.NaN, 0, Double.NaN, why);
    }
}
