package news.pipeline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.HashMap;
import java.util.Map;
import news.pipeline.streams.ProcessorApp;
import org.junit.jupiter.api.Test;

class ProcessorStatusTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void ratesComeFromEachProcessorsOwnCountersSummedOverItsThreads() {
        final MeterRegistry registry = new SimpleMeterRegistry();
        final ProcessorStatus status = new ProcessorStatus(registry);
        final String cleaner = ProcessorApp.CLEANER.id();
        final String tagger = ProcessorApp.TAGGER.id();
        // Two threads of the cleaner count apart; the tagger's counters and another meter must not mix in.
        registry.counter(ProcessorStatus.RECORDS_IN, "processor", cleaner, "thread", "1");
        registry.counter(ProcessorStatus.RECORDS_IN, "processor", cleaner, "thread", "2");
        registry.counter(ProcessorStatus.RECORDS_OUT, "processor", cleaner, "thread", "1");
        registry.counter(ProcessorStatus.DEAD_LETTERS, "processor", cleaner, "thread", "1");
        registry.counter(ProcessorStatus.RECORDS_IN, "processor", tagger, "thread", "1");
        registry.counter("kafka.consumer.records.consumed", "processor", cleaner)
                .increment(1_000);
        status.sample(0);

        registry.counter(ProcessorStatus.RECORDS_IN, "processor", cleaner, "thread", "1")
                .increment(30);
        registry.counter(ProcessorStatus.RECORDS_IN, "processor", cleaner, "thread", "2")
                .increment(10);
        registry.counter(ProcessorStatus.RECORDS_OUT, "processor", cleaner, "thread", "1")
                .increment(36);
        registry.counter(ProcessorStatus.DEAD_LETTERS, "processor", cleaner, "thread", "1")
                .increment(4);
        registry.counter(ProcessorStatus.RECORDS_IN, "processor", tagger, "thread", "1")
                .increment(8);
        status.sample(2 * SECOND);

        final Map<String, ProcessorStatus.View> views = views(status);
        final ProcessorStatus.View cleanerView = views.get(cleaner);
        assertThat(cleanerView.recordsIn()).isEqualTo(40);
        assertThat(cleanerView.inPerSecond()).isCloseTo(20, within(1e-9));
        assertThat(cleanerView.outPerSecond()).isCloseTo(18, within(1e-9));
        assertThat(cleanerView.deadLettersPerSecond()).isCloseTo(2, within(1e-9));
        assertThat(views.get(tagger).inPerSecond()).isCloseTo(4, within(1e-9));
        assertThat(views.get(ProcessorApp.PUBLISHER.id()).recordsIn()).isZero();
    }

    private static Map<String, ProcessorStatus.View> views(final ProcessorStatus status) {
        final Map<String, ProcessorStatus.View> views = new HashMap<>();
        status.views(Map.of(), new HashMap<>(), Map.of()).forEach(view -> views.put(view.processor(), view));
        return views;
    }
}
