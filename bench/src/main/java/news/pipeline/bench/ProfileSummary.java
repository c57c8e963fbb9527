package news.pipeline.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a Flight Recorder recording of the processors spent its CPU samples: the methods on top of
 * the stack (self time), and the nearest frame of the project's own code or of the libraries it
 * calls for text (jsoup, Avro) — where a fix would go.
 */
public final class ProfileSummary {
    /** Frames of these packages count as "ours" for the second list. */
    private static final List<String> OWN = List.of("news.pipeline.", "org.jsoup.", "org.apache.avro.");

    /**
     * @param samples     execution samples in the recording
     * @param selfTop     method → samples with it on top of the stack, most first
     * @param nearestOwnCodeTop project or library method nearest the top → samples, most first
     */
    public record Summary(long samples, Map<String, Long> selfTop, Map<String, Long> nearestOwnCodeTop) {}

    private ProfileSummary() {}

    public static Summary read(final Path recording, final int top) throws IOException {
        final Map<String, Long> self = new HashMap<>();
        final Map<String, Long> nearestOwnCode = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                final RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                final RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                self.merge(name(stack.getFrames().get(0).getMethod()), 1L, Long::sum);
                for (final RecordedFrame frame : stack.getFrames()) {
                    final String name = name(frame.getMethod());
                    if (OWN.stream().anyMatch(name::startsWith)) {
                        nearestOwnCode.merge(name, 1L, Long::sum);
                        break;
                    }
                }
            }
        }
        return new Summary(samples, topOf(self, top), topOf(nearestOwnCode, top));
    }

    private static String name(final RecordedMethod method) {
        return method.getType().getName() + "." + method.getName();
    }

    private static Map<String, Long> topOf(final Map<String, Long> counts, final int top) {
        final Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(top)
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        return sorted;
    }

    public static void main(final String[] args) throws IOException {
        final Summary summary = read(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 15);
        System.out.println(summary.samples() + " samples");
        System.out.println("-- self (top of stack)");
        summary.selfTop()
                .forEach((method, n) -> System.out.printf("%5.1f%%  %s%n", 100.0 * n / summary.samples(), method));
        System.out.println("-- nearest news.pipeline / jsoup / Avro frame");
        summary.nearestOwnCodeTop()
                .forEach((method, n) -> System.out.printf("%5.1f%%  %s%n", 100.0 * n / summary.samples(), method));
    }
}
