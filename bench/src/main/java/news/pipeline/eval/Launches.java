package news.pipeline.eval;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A comparison of two builds run several times, each in a JVM of its own: one JVM is one draw of
 * the JIT's choices, and the medians of launches of the same pair spread wider than one launch's
 * interval. The jars' order is swapped in every second launch, and a build is called faster or
 * slower only when every launch agrees.
 */
final class Launches {
    /** The line of a launch's report that holds its result: B's speed over A's. */
    private static final Pattern MEDIAN_LINE = Pattern.compile("(?m)^B/A median ([0-9.]+)");

    private Launches() {}

    /**
     * Runs {@code main} with the two jars and {@code rest} of its arguments {@code launches} times
     * on this JVM's class path; prints each launch's B/A and the verdict, and with {@code details}
     * each launch's own report (where a swapped launch calls the jars the other way round). 1 when a
     * launch fails.
     */
    static int run(
            final Class<?> main,
            final Path jarA,
            final Path jarB,
            final List<String> rest,
            final int launches,
            final boolean details,
            final PrintStream report)
            throws Exception {
        final String java =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<Double> medians = new ArrayList<>();
        for (int launch = 1; launch <= launches; launch++) {
            final boolean swapped = launch % 2 == 0;
            final List<String> command = new ArrayList<>(List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    main.getName(),
                    (swapped ? jarB : jarA).toString(),
                    (swapped ? jarA : jarB).toString()));
            command.addAll(rest);
            final Process child =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            final String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            final Matcher median = MEDIAN_LINE.matcher(output);
            if (child.waitFor() != 0 || !median.find()) {
                report.printf(Locale.ROOT, "launch %d failed:%n%s", launch, output);
                return 1;
            }
            // a swapped launch measured A/B
            final double measured = Double.parseDouble(median.group(1));
            final double ratio = swapped ? 1 / measured : measured;
            medians.add(ratio);
            report.printf(
                    Locale.ROOT,
                    "launch %d (%s): B/A median %.3f%n",
                    launch,
                    swapped ? "B loaded and run first" : "A loaded and run first",
                    ratio);
            if (details) {
                output.lines().forEach(line -> report.println("    " + line));
            }
        }
        report.println(verdict(medians));
        return 0;
    }

    /** What several launches' B/A medians say together: a difference only when all of them show it. */
    static String verdict(final List<Double> medians) {
        final double low =
                medians.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        final double high =
                medians.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        final String range = String.format(Locale.ROOT, "launches' B/A %.3f-%.3f", low, high);
        if (medians.size() < 2) {
            return range + ": one launch, no verdict";
        }
        if (low > 1) {
            return range + ": B faster in every launch";
        }
        if (high < 1) {
            return range + ": B slower in every launch";
        }
        return range + ": the launches disagree, no difference shown";
    }
}
