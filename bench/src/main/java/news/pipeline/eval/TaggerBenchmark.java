package news.pipeline.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import news.pipeline.tag.CountryTagger;

/**
 * Tagger speed on one thread, warmed up: articles/s and MB/s over texts of 2-8 KB. Reads stories
 * as JSON lines ({@code title} plus {@code text}, or {@code dateline} and {@code body}) and keeps
 * those whose text is 2-8 KB. Prints each round's figures, then the median and the best round;
 * asserts nothing. On a shared or virtual machine other work only ever slows a round down, so the
 * best of several rounds is the closest to what the code does on a core of its own, and the median
 * what it did on this machine. After each round a fixed piece of work, the {@link MachineReference},
 * measures the core's own speed at that moment: when the host slows the core down, both fall, and
 * the tagger's articles per reference sort stay where the code puts them.
 */
public final class TaggerBenchmark {
    private TaggerBenchmark() {}

    /** Rounds when none are given. */
    private static final int DEFAULT_ROUNDS = 3;

    /** The machine reference's share of each round: long enough to be steady, short beside the tagger's. */
    private static final double REFERENCE_SECONDS = 0.5;

    public static int run(final Path storiesJsonl, final double seconds, final PrintStream report) throws IOException {
        return run(storiesJsonl, seconds, DEFAULT_ROUNDS, report);
    }

    public static int run(final Path storiesJsonl, final double seconds, final int rounds, final PrintStream report)
            throws IOException {
        final List<String[]> docs = load(storiesJsonl);
        if (docs.isEmpty()) {
            report.println("no 2-8 KB stories in " + storiesJsonl);
            return 1;
        }
        final CountryTagger tagger = CountryTagger.loadDefault();
        long bytes = 0;
        for (String[] d : docs) {
            bytes += d[1].length();
        }
        report.printf(Locale.ROOT, "%d stories of 2-8 KB, mean %.1f KB%n", docs.size(), bytes / 1024.0 / docs.size());
        long sink = 0;
        // warm-up: let the JIT compile the hot paths
        final long warmEnd = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            for (String[] d : docs) {
                sink += tagger.tag(d[0], d[1]).countries().size();
            }
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        final double[] cpuRates = new double[rounds];
        final double[] referenceRates = new double[rounds];
        final double[] ratios = new double[rounds];
        for (int round = 1; round <= rounds; round++) {
            final long end = System.nanoTime() + (long) (seconds * 1e9);
            final long t0 = System.nanoTime();
            final long c0 = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
            long n = 0;
            long chars = 0;
            while (System.nanoTime() < end) {
                for (String[] d : docs) {
                    sink += tagger.tag(d[0], d[1]).countries().size();
                    chars += d[1].length();
                }
                n += docs.size();
            }
            final double s = (System.nanoTime() - t0) / 1e9;
            // on a shared machine the thread's own CPU time is the steadier figure
            final double cpu = cpuTime ? (threads.getCurrentThreadCpuTime() - c0) / 1e9 : s;
            cpuRates[round - 1] = n / cpu;
            final double reference = MachineReference.sortsPerCpuSecond(REFERENCE_SECONDS);
            referenceRates[round - 1] = reference;
            ratios[round - 1] = n / cpu / reference;
            report.printf(
                    Locale.ROOT,
                    "round %d: %.0f articles/s wall clock, %.0f articles/s of thread CPU time, "
                            + "%.1f MB/s (chars, CPU time); machine reference %.0f sorts/s, "
                            + "%.2f articles per sort%n",
                    round,
                    n / s,
                    n / cpu,
                    chars / cpu / 1e6,
                    reference,
                    n / cpu / reference);
        }
        report.printf(
                Locale.ROOT,
                "%d rounds: median %.0f, best %.0f articles/s of thread CPU time%n",
                rounds,
                median(cpuRates),
                Arrays.stream(cpuRates).max().orElseThrow());
        report.printf(
                Locale.ROOT,
                "machine reference: median %.0f sorts/s (best %.0f); articles per sort: median %.2f (%.2f-%.2f)%n",
                median(referenceRates),
                Arrays.stream(referenceRates).max().orElseThrow(),
                median(ratios),
                Arrays.stream(ratios).min().orElseThrow(),
                Arrays.stream(ratios).max().orElseThrow());
        // by size: the target holds over the 2-8 KB stories as they come; the bands show how the rate falls with length
        for (int lo = 2; lo < 8; lo += 2) {
            final int min = lo * 1024;
            final int max = (lo + 2) * 1024;
            final List<String[]> band = docs.stream()
                    .filter(d -> d[1].length() >= min && d[1].length() < max)
                    .toList();
            if (band.size() < 10) {
                continue;
            }
            final long end = System.nanoTime() + (long) (seconds * 1e9);
            final long c0 = cpuTime ? threads.getCurrentThreadCpuTime() : System.nanoTime();
            long n = 0;
            while (System.nanoTime() < end) {
                for (String[] d : band) {
                    sink += tagger.tag(d[0], d[1]).countries().size();
                }
                n += band.size();
            }
            final double cpu = ((cpuTime ? threads.getCurrentThreadCpuTime() : System.nanoTime()) - c0) / 1e9;
            report.printf(
                    Locale.ROOT,
                    "%d-%d KB (%d stories): %.0f articles/s of thread CPU time%n",
                    lo,
                    lo + 2,
                    band.size(),
                    n / cpu);
        }
        report.println("(checksum " + sink + ")");
        return 0;
    }

    /** The median of the values, which stay in their order. */
    static double median(final double[] values) {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        final int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** The stories of 2-8 KB in a JSON lines file, each as {title, text}. */
    static List<String[]> load(final Path file) throws IOException {
        final ObjectMapper json = new ObjectMapper();
        final List<String[]> docs = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                final JsonNode s = json.readTree(line);
                final String title = s.path("title").asText("");
                final String text = s.has("text")
                        ? s.path("text").asText("")
                        : CountryEvaluation.wireText(
                                s.path("dateline").asText(""), s.path("body").asText(""));
                final int size = text.getBytes(StandardCharsets.UTF_8).length;
                if (size >= 2048 && size <= 8192) {
                    docs.add(new String[] {title, text});
                }
            }
        }
        return docs;
    }

    public static void main(final String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: TaggerBenchmark STORIES.jsonl [SECONDS_PER_ROUND [ROUNDS]]");
            System.exit(2);
        }
        System.exit(run(
                Path.of(args[0]),
                args.length > 1 ? Double.parseDouble(args[1]) : 5,
                args.length > 2 ? Integer.parseInt(args[2]) : DEFAULT_ROUNDS,
                System.out));
    }
}
