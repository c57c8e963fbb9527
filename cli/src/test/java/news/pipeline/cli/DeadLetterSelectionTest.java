package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import org.junit.jupiter.api.Test;

/** Which records of the dead-letter topic {@code dlq} and {@code dlq retry} select. */
class DeadLetterSelectionTest {

    private static DeadLetter letter(final DeadLetterReason reason, final String processor) {
        return DeadLetter.newBuilder()
                .setReason(reason)
                .setMessage("test")
                .setProcessor(processor)
                .setProcessorVersion("1.0.0")
                .setSourceTopic("news.articles.raw")
                .setSourcePartition(0)
                .setSourceOffset(0)
                .setSourceTimestamp(Instant.EPOCH)
                .build();
    }

    private static ProcessorOptions processors(final String... names) {
        final ProcessorOptions options = new ProcessorOptions();
        options.names = List.of(names);
        return options;
    }

    @Test
    void withoutProcessorEveryDeadLetterIsSelectedAlsoOneOfAnUnknownProcessor() {
        final ProcessorOptions all = processors("all");
        assertThat(DlqCommand.selects(letter(DeadLetterReason.NO_TEXT, "cleaner"), null, all))
                .isTrue();
        assertThat(DlqCommand.selects(letter(DeadLetterReason.NO_TEXT, "unknown"), null, all))
                .isTrue();
        assertThat(DlqCommand.selects(null, null, all))
                .as("a record that is not a dead letter")
                .isTrue();
    }

    @Test
    void aProcessorSelectsOnlyItsDeadLetters() {
        final ProcessorOptions tagger = processors("tagger");
        assertThat(DlqCommand.selects(letter(DeadLetterReason.OVERSIZED, "tagger"), null, tagger))
                .isTrue();
        assertThat(DlqCommand.selects(letter(DeadLetterReason.OVERSIZED, "cleaner"), null, tagger))
                .isFalse();
        assertThat(DlqCommand.selects(letter(DeadLetterReason.OVERSIZED, "unknown"), null, tagger))
                .isFalse();
        assertThat(DlqCommand.selects(null, null, tagger)).isFalse();
    }

    @Test
    void reasonsSelectTheirDeadLettersOnly() {
        final Set<DeadLetterReason> reasons = Set.of(DeadLetterReason.NO_TEXT, DeadLetterReason.OVERSIZED);
        final ProcessorOptions all = processors("all");
        assertThat(DlqCommand.selects(letter(DeadLetterReason.NO_TEXT, "cleaner"), reasons, all))
                .isTrue();
        assertThat(DlqCommand.selects(letter(DeadLetterReason.MALFORMED_RECORD, "cleaner"), reasons, all))
                .isFalse();
        assertThat(DlqCommand.selects(null, reasons, all)).isFalse();
    }
}
