package news.pipeline.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import news.pipeline.metrics.PipelineMetrics;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.RawArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.serde.ByteBuffers;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** What a dead letter says for each kind of failure, live and in a replay alike. */
class ProcessorDeadLettersTest {
    private final PipelineMetrics metrics = PipelineMetrics.inMemory();
    private final ProcessorDeadLetters letters = new ProcessorDeadLetters("dead", "tagger", "9.9.9", metrics);
    private final AvroSerde<DeadLetter> serde = new AvroSerde<>(DeadLetter.class);
    private final DeadLetters.Source source = new DeadLetters.Source(
            "news.articles.clean",
            2,
            41,
            1_700_000_000_000L,
            "a-1".getBytes(StandardCharsets.UTF_8),
            new byte[] {1, 2, 3},
            new RecordHeaders());

    @Test
    void aRejectionKeepsItsReasonAndAnyOtherExceptionIsAProcessingError() {
        final DeadLetter rejected =
                decode(letters.failed(source, new RejectedRecordException(DeadLetterReason.OVERSIZED, "too large")));
        final DeadLetter bug = decode(letters.failed(source, new IllegalStateException()));

        assertThat(rejected.getReason()).isEqualTo(DeadLetterReason.OVERSIZED);
        assertThat(rejected.getMessage()).isEqualTo("too large");
        assertThat(bug.getReason()).isEqualTo(DeadLetterReason.PROCESSING_ERROR);
        assertThat(bug.getMessage()).as("no message: the class").isEqualTo("java.lang.IllegalStateException");
        assertThat(metrics.count("news.pipeline.dead.letters", "processor", "tagger"))
                .isEqualTo(2.0);
    }

    @Test
    void anUnreadableRecordIsMalformedOrOfAnUnknownSchemaAndCountsAsRead() {
        // The single-object marker, then a fingerprint no released schema has.
        final SerializationException unknownSchema = catchThrowableOfType(
                SerializationException.class,
                () -> new AvroSerde<>(RawArticle.class)
                        .decode(new byte[] {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0}));

        assertThat(decode(letters.unreadable(source, unknownSchema)).getReason())
                .isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA);
        assertThat(decode(letters.unreadable(source, new SerializationException("junk")))
                        .getReason())
                .isEqualTo(DeadLetterReason.MALFORMED_RECORD);
        assertThat(metrics.count("news.pipeline.records.in", "processor", "tagger"))
                .isEqualTo(2.0);
    }

    @Test
    void theDeadLetterNamesTheProcessorAndKeepsTheSourceRecordWhole() {
        final ProducerRecord<byte[], byte[]> record = letters.failed(source, new IllegalStateException("bug"));
        final DeadLetter letter = decode(record);

        assertThat(record.topic()).isEqualTo("dead");
        assertThat(record.key()).isEqualTo(source.key());
        assertThat(record.timestamp()).isEqualTo(source.timestamp());
        assertThat(letter.getProcessor()).isEqualTo("tagger");
        assertThat(letter.getProcessorVersion()).isEqualTo("9.9.9");
        assertThat(letter.getSourceTopic()).isEqualTo("news.articles.clean");
        assertThat(letter.getSourcePartition()).isEqualTo(2);
        assertThat(letter.getSourceOffset()).isEqualTo(41);
        assertThat(ByteBuffers.copy(letter.getOriginalValue())).isEqualTo(source.value());
    }

    private DeadLetter decode(final ProducerRecord<byte[], byte[]> record) {
        return serde.decode(record.value());
    }
}
