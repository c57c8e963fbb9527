package news.pipeline.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import news.pipeline.bench.AlternatingBenchmark;
import news.pipeline.bench.Alternation;
import news.pipeline.bench.BenchTable;
import news.pipeline.bench.EndToEndBenchmark;
import news.pipeline.bench.Progress;
import news.pipeline.bench.Workload;

/**
 * {@code bench --with-console}: what the console costs the text workload, measured inside one
 * processors' JVM by switching the console on and off in alternating windows
 * ({@link AlternatingBenchmark}), and its rows.
 */
final class ConsoleAlternation {
    /**
     * Pairs run first and dropped. The console's own code is compiled in its first windows, and in
     * three runs of 8 to 12 pairs the collector's CPU in both windows of the first three to seven
     * pairs was about ten times its later level (2.5-3.5 s a 30 s window, then 0.3 s): the processors'
     * JVM still settling, which makes those pairs' ratios swing by 20%.
     */
    static final int WARMUP_PAIRS = 4;

    /**
     * How long the processors run with the console off before the first window: their own JIT
     * warm-up (a fresh JVM's compiler still takes a large share of its CPU after 30 s).
     */
    static final Duration WARMUP = Duration.ofSeconds(60);

    /**
     * The backlog is first sized for this many times the warm-up and the first pair at the text
     * workload's measured rate, then topped up between windows for this many times the remaining windows at that JVM's
     * fastest rate so far: one JVM's rate differs from another's by up to a third, and still rises
     * after a minute.
     */
    static final double BACKLOG_MARGIN = 1.6;

    private static final String SECTION_SUFFIX = "-console-ab";

    private ConsoleAlternation() {}

    /**
     * Runs the alternation after the text workload and adds its rows.
     *
     * @return whether at least one pair was measured (else the backlog ran out too soon)
     */
    static boolean rows(
            final BenchTable table,
            final EndToEndBenchmark plain,
            final EndToEndBenchmark.Result plainResult,
            final Path root,
            final Progress progress,
            final PrintWriter err,
            final double windowSeconds,
            final double settleSeconds,
            final int pairs,
            final ConsoleVisitor.Tabs tabs,
            final boolean control,
            final Path profileDir)
            throws Exception {
        final Duration settle = Duration.ofMillis(Math.round(settleSeconds * 1000));
        final AlternatingBenchmark.Plan plan = new AlternatingBenchmark.Plan(
                Duration.ofMillis(Math.round(windowSeconds * 1000)), settle, WARMUP, WARMUP_PAIRS, pairs);
        final double rate = plainResult.pipeline().articlesPerSecond();
        if (!(rate > 0)) {
            throw new UserError("--with-console needs the text workload's articles/s to size its backlog, and the"
                    + " text run gave none");
        }
        final Workload text = plainResult.workload();
        // Enough for the warm-up and the first pair; the rest is loaded between windows, for this JVM's own rate.
        final double firstSeconds = WARMUP.toSeconds() + plan.windowsSeconds() - plan.remainingSeconds(2);
        final int articles = Math.max(text.articles(), Alternation.articlesFor(rate, firstSeconds, BACKLOG_MARGIN));
        final String name = text.name() + SECTION_SUFFIX;
        final Workload workload = new Workload(
                name,
                text.description() + ", processors served, the console switched on and off",
                text.values(),
                text.fanOut(),
                articles,
                text.hops());
        final int port = freePort();
        final AlternatingBenchmark benchmark = new AlternatingBenchmark(
                plain.options()
                        .withProcessorMain(
                                ServedProcessorsMain.class.getName(),
                                List.of("-D" + ServedProcessorsMain.HTTP_PORT + "=" + port),
                                root.resolve(name),
                                profileDir),
                progress);
        final ConsoleSwitch console = new ConsoleSwitch(URI.create("http://127.0.0.1:" + port + "/"), tabs, control);
        final AlternatingBenchmark.Result result = benchmark.run(workload, plan, console, BACKLOG_MARGIN);
        final String section = "e2e " + name;
        table.context(
                "console A/B",
                String.format(
                        Locale.ROOT,
                        "one processors' JVM, %d articles loaded first (--articles, or %.0f s at the text run's %.0f"
                                + " articles/s times %.1f), %d in all, topped up between windows (warm-up's rate %.0f articles/s); %.0f s"
                                + " with the console off, then %d pair(s) of %.0f s windows dropped, %d measured,"
                                + " off-on and on-off in turn, each window %.0f s after a switch; on, %s",
                        result.loaded(),
                        firstSeconds,
                        rate,
                        BACKLOG_MARGIN,
                        result.articles(),
                        result.warmupRate(),
                        (double) WARMUP.toSeconds(),
                        WARMUP_PAIRS,
                        windowSeconds,
                        pairs,
                        settle.toMillis() / 1000.0,
                        console.describeOn()));
        final List<Alternation.Pair> measured = result.pairs();
        for (final Alternation.Pair pair : measured) {
            table.add(
                    section,
                    "pair " + (pair.index() + 1) + " on/off articles/s",
                    pair.rateRatio(),
                    "",
                    String.format(
                            Locale.ROOT,
                            "%s first; on %.0f, off %.0f articles/s; CPU per article on %.4f, off %.4f ms;"
                                    + " the console's threads %.2f%% of the processors' CPU; GC threads %.2f / %.2f s,"
                                    + " JIT %.2f / %.2f s (on / off)",
                            firstOf(pair),
                            pair.on().articlesPerSecond(),
                            pair.off().articlesPerSecond(),
                            pair.on().cpuMsPerArticle(),
                            pair.off().cpuMsPerArticle(),
                            pair.on().switchedCpuShare(),
                            pair.on().gcCpuSeconds(),
                            pair.off().gcCpuSeconds(),
                            pair.on().compilerCpuSeconds(),
                            pair.off().compilerCpuSeconds()));
        }
        table.add(
                section,
                "windows run",
                result.windows().size(),
                "",
                "of " + result.planned() + " planned; pairs measured " + measured.size() + " of " + pairs
                        + (measured.size() < pairs
                                ? "; THE BACKLOG RAN OUT (" + result.articles() + " articles): the processors went"
                                        + " faster than 1.6 times the fastest rate before it"
                                : ""));
        final Alternation.Spread ratio = Alternation.spread(
                measured.stream().map(Alternation.Pair::rateRatio).toList());
        table.add(
                section,
                "console on/off articles/s",
                ratio.median(),
                "",
                String.format(
                        Locale.ROOT,
                        "median of %d pairs' ratios (range %.3f-%.3f, %d below 1); bootstrap 95%% interval of the"
                                + " median %.3f-%.3f",
                        ratio.count(),
                        ratio.min(),
                        ratio.max(),
                        measured.stream().filter(pair -> pair.rateRatio() < 1).count(),
                        ratio.low95(),
                        ratio.high95()));
        final List<Double> blocks = Alternation.blockRatios(measured);
        table.add(
                section,
                "console on/off articles/s, blocks of two pairs",
                Alternation.spread(blocks).median(),
                "",
                "median of each two consecutive pairs' (on-off, off-on) summed on over off rates, which cancels a"
                        + " steady drift: "
                        + blocks.stream()
                                .map(block -> String.format(Locale.ROOT, "%.3f", block))
                                .collect(Collectors.joining(", ")));
        table.add(section, "console on/off articles/s, 95% low", ratio.low95(), "", "bootstrap, of the median");
        table.add(section, "console on/off articles/s, 95% high", ratio.high95(), "", "bootstrap, of the median");
        table.add(section, "console pairs measured", measured.size(), "", windowSeconds + " s windows");
        windowRateRow(table, section, measured, true);
        windowRateRow(table, section, measured, false);
        final Alternation.Spread cpu = Alternation.spread(
                measured.stream().map(Alternation.Pair::cpuRatio).toList());
        table.add(
                section,
                "console on/off CPU per article",
                cpu.median(),
                "",
                String.format(
                        Locale.ROOT,
                        "the processors' JVM's CPU per article, median of the pairs' ratios (range %.3f-%.3f;"
                                + " bootstrap 95%% %.3f-%.3f)",
                        cpu.min(),
                        cpu.max(),
                        cpu.low95(),
                        cpu.high95()));
        final Alternation.Spread cpuWithoutJit = Alternation.spread(
                measured.stream().map(Alternation.Pair::cpuRatioWithoutJit).toList());
        table.add(
                section,
                "console on/off CPU per article, JIT left out",
                cpuWithoutJit.median(),
                "",
                String.format(
                        Locale.ROOT,
                        "the same without the JIT compiler's CPU, which the on windows had more of in the first runs (code"
                                + " compiled again after a switch?); range %.3f-%.3f, bootstrap 95%% %.3f-%.3f",
                        cpuWithoutJit.min(),
                        cpuWithoutJit.max(),
                        cpuWithoutJit.low95(),
                        cpuWithoutJit.high95()));
        for (final String group : AlternatingBenchmark.THREAD_GROUPS) {
            final Alternation.Spread points = spreadOf(measured, pair -> pair.cpuPointsOf(group));
            table.add(
                    section,
                    "console on-off CPU per article, " + groupName(group),
                    points.median(),
                    "points",
                    String.format(
                            Locale.ROOT,
                            "on less off, in %% of the processors' CPU per article off, median of the pairs (%.2f to"
                                    + " %.2f; bootstrap 95%% %.2f to %.2f); the processors' groups add up to the CPU"
                                    + " ratio's excess",
                            points.min(),
                            points.max(),
                            points.low95(),
                            points.high95()));
        }
        final Alternation.Spread share = spreadOf(measured, pair -> pair.on().switchedCpuShare());
        table.add(
                section,
                "console's share of the processors' CPU, on windows",
                share.median(),
                "%",
                String.format(
                        Locale.ROOT,
                        "its threads and the HTTP server's, median of the on windows (%.2f-%.2f%%); off windows"
                                + " %.2f%%",
                        share.min(),
                        share.max(),
                        spreadOf(measured, pair -> pair.off().switchedCpuShare())
                                .median()));
        final Alternation.Spread jit = spreadOf(
                measured,
                pair -> 100
                        * (pair.on().compilerCpuSeconds() + pair.off().compilerCpuSeconds())
                        / (pair.on().cpuSeconds() + pair.off().cpuSeconds()));
        table.add(
                section,
                "JIT compiler's share of the processors' CPU",
                jit.median(),
                "%",
                String.format(
                        Locale.ROOT,
                        "median over the measured pairs (%.2f-%.2f%%): high means the JVM was still warming up",
                        jit.min(),
                        jit.max()));
        switchRows(table, section, result.switchReplies(), console);
        if (measured.isEmpty()) {
            err.println("bench: --with-console measured no pair: the backlog of " + result.articles()
                    + " articles ran out");
        } else if (measured.size() < pairs) {
            err.println("bench: --with-console measured " + measured.size() + " of " + pairs
                    + " pairs before the backlog ran out");
        }
        return !measured.isEmpty();
    }

    /** A thread group's name in the report: the switched thing here is the console. */
    private static String groupName(final String group) {
        return switch (group) {
            case "switched" -> "the console's threads";
            case "stream" -> "stream threads";
            case "producer network" -> "producers' network threads";
            case "other Java" -> "other Java threads";
            case "GC" -> "GC threads";
            case "JIT" -> "JIT compiler threads";
            case "rest of the JVM" -> "rest of the processors' JVM";
            default -> group + " (not the processors')";
        };
    }

    /** Which window of the pair ran first ({@link Alternation#schedule}: off-on, then on-off, from the warm-up's). */
    private static String firstOf(final Alternation.Pair pair) {
        return (pair.index() + WARMUP_PAIRS) % 2 == 1 ? "on" : "off";
    }

    private static void windowRateRow(
            final BenchTable table, final String section, final List<Alternation.Pair> pairs, final boolean on) {
        final List<Double> rates = pairs.stream()
                .map(pair -> (on ? pair.on() : pair.off()).articlesPerSecond())
                .toList();
        table.add(
                section,
                (on ? "on" : "off") + "-window articles/s",
                Alternation.spread(rates).median(),
                "articles/s",
                "median; windows in order: "
                        + rates.stream()
                                .map(rate -> String.format(Locale.ROOT, "%.0f", rate))
                                .collect(Collectors.joining(", ")));
    }

    private static void switchRows(
            final BenchTable table,
            final String section,
            final List<Map<String, Object>> replies,
            final ConsoleSwitch console) {
        final Alternation.Spread catchUp = Alternation.spread(replies.stream()
                .filter(reply -> reply.containsKey("catchUpMillis"))
                .map(reply -> ((Number) reply.get("attachMillis")).doubleValue()
                        + ((Number) reply.get("catchUpMillis")).doubleValue())
                .toList());
        if (catchUp.count() == 0) {
            table.add(
                    section,
                    "console attach and catch-up",
                    0,
                    "ms",
                    "none: no switch attached the console (a control run)");
            return;
        }
        final long notCaughtUp = replies.stream()
                .filter(reply -> Boolean.FALSE.equals(reply.get("caughtUp")))
                .count();
        final long threadsLeft = replies.stream()
                .filter(reply -> reply.containsKey("consoleThreadsLeft"))
                .mapToLong(reply -> ((Number) reply.get("consoleThreadsLeft")).longValue())
                .max()
                .orElse(0);
        table.add(
                section,
                "console attach and catch-up",
                catchUp.median(),
                "ms",
                String.format(
                        Locale.ROOT,
                        "median of %d switches on (%.0f-%.0f ms; %d not caught up), not counted in any window;"
                                + " console threads alive after a close: at most %d; console requests answered %d,"
                                + " failed %d",
                        catchUp.count(),
                        catchUp.min(),
                        catchUp.max(),
                        notCaughtUp,
                        threadsLeft,
                        console.answered(),
                        console.failed()));
    }

    private static Alternation.Spread spreadOf(
            final List<Alternation.Pair> pairs, final ToDoubleFunction<Alternation.Pair> value) {
        return Alternation.spread(
                pairs.stream().map(pair -> value.applyAsDouble(pair)).toList());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
