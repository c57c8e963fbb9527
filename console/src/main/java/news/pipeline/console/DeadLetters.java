package news.pipeline.console;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import news.pipeline.ops.DeadLetterLog;
import news.pipeline.ops.DeadLetterRetry;
import news.pipeline.ops.TimeArguments;
import news.pipeline.runtime.Clients;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.schema.DeadLetter;
import news.pipeline.topics.PipelineHeaders;
import news.pipeline.topics.Topics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;

/**
 * The Dead letters page's data: the {@code dlq} listing, one dead letter in detail, and retry. One
 * reader (no group, read_committed) serves every request, and the listing of the whole topic is
 * kept until the topic's first or end offsets move: the page asks for it every few seconds, and
 * reading the whole topic each time would cost the pipeline's broker and JVM for nothing.
 */
final class DeadLetters implements AutoCloseable {
    /** The detail view shows at most this much of the original value. */
    static final int PREVIEW_BYTES = 4096;

    private static final int HEX_PER_LINE = 16;

    /** How long the dead-letter topic's partitions may take to come: the Kafka client's own default. */
    private static final Duration PARTITIONS_TIMEOUT = Duration.ofSeconds(60);

    private final PipelineSettings settings;
    private KafkaConsumer<byte[], byte[]> reader;

    /** The listing of the whole topic, without detail, and the first and end offsets it was read up to. */
    private List<Map<String, Object>> listed;

    private Map<TopicPartition, Long> listedStarts = Map.of();
    private Map<TopicPartition, Long> listedEnds = Map.of();

    DeadLetters(final PipelineSettings settings) {
        this.settings = settings;
    }

    /**
     * @param reason    a DeadLetterReason name, or null for any
     * @param processor cleaner, tagger or publisher, or null for any
     * @param since     as the dlq command takes it (2h, an ISO time...), or null for all
     */
    synchronized List<Map<String, Object>> list(final String reason, final String processor, final String since) {
        if (since != null && !since.isBlank()) {
            final Instant from = TimeArguments.parse(since, Instant.now());
            return read(from, entry -> matches(entry.letter(), reason, processor)).stream()
                    .map(entry -> row(entry, false))
                    .toList();
        }
        final KafkaConsumer<byte[], byte[]> consumer = reader();
        final List<TopicPartition> partitions =
                Clients.partitions(consumer, Topics.DEAD_LETTER.name(), PARTITIONS_TIMEOUT);
        final Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
        final Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        if (listed == null || !starts.equals(listedStarts) || !ends.equals(listedEnds)) {
            // The log reads up to the ends it takes itself, these or later ones; if later, the next request reads
            // again.
            listed = read(null, entry -> true).stream()
                    .map(entry -> row(entry, false))
                    .toList();
            listedStarts = starts;
            listedEnds = ends;
        }
        return listed.stream()
                .filter(row -> row.containsKey("reason")
                        ? (reason == null || reason.equalsIgnoreCase((String) row.get("reason")))
                                && (processor == null || processor.equalsIgnoreCase((String) row.get("processor")))
                        : reason == null && processor == null)
                .toList();
    }

    /** Whether a dead letter passes the reason and processor filters; one that does not decode passes none. */
    private static boolean matches(final DeadLetter letter, final String reason, final String processor) {
        if (letter == null) {
            return reason == null && processor == null;
        }
        return (reason == null || letter.getReason().name().equalsIgnoreCase(reason))
                && (processor == null || letter.getProcessor().equalsIgnoreCase(processor));
    }

    synchronized Map<String, Object> show(final String position) {
        final List<DeadLetterLog.Entry> found =
                read(null, entry -> entry.position().equals(position));
        return found.isEmpty() ? null : row(found.get(0), true);
    }

    /** Retries the dead letters at these positions, as dlq retry --only does; returns the positions retried. */
    synchronized List<String> retry(final Set<String> positions) throws Exception {
        final List<DeadLetterLog.Entry> selected =
                read(null, entry -> entry.letter() != null && positions.contains(entry.position()));
        try (KafkaProducer<byte[], byte[]> producer = Clients.producer(settings)) {
            DeadLetterRetry.retry(producer, selected);
        }
        return selected.stream().map(DeadLetterLog.Entry::position).toList();
    }

    private List<DeadLetterLog.Entry> read(final Instant from, final Predicate<DeadLetterLog.Entry> filter) {
        return new DeadLetterLog(reader()).read(from, filter);
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        if (reader == null) {
            reader = Clients.reader(settings);
        }
        return reader;
    }

    @Override
    public synchronized void close() {
        if (reader != null) {
            reader.close();
        }
    }

    private static Map<String, Object> row(final DeadLetterLog.Entry entry, final boolean detail) {
        final Map<String, Object> row = new LinkedHashMap<>();
        row.put("position", entry.position());
        row.put("time", entry.timestamp().toString());
        row.put("size", entry.size());
        row.put("replayed", entry.replayed());
        final DeadLetter letter = entry.letter();
        if (letter == null) {
            row.put("error", entry.error());
            return row;
        }
        row.put("reason", letter.getReason().name());
        row.put("processor", letter.getProcessor().toLowerCase(Locale.ROOT));
        row.put("source", letter.getSourceTopic() + " " + letter.getSourcePartition() + "@" + letter.getSourceOffset());
        row.put("sourceTime", letter.getSourceTimestamp().toString());
        row.put("message", letter.getMessage());
        row.put(
                "originalBytes",
                letter.getOriginalValue() == null
                        ? 0
                        : letter.getOriginalValue().remaining());
        final ByteBuffer retryOf = letter.getOriginalHeaders().get(PipelineHeaders.RETRY_OF);
        row.put(
                "retryOf",
                retryOf == null
                        ? null
                        : StandardCharsets.UTF_8.decode(retryOf.duplicate()).toString());
        if (detail) {
            row.put("processorVersion", letter.getProcessorVersion());
            row.put("key", letter.getOriginalKey() == null ? null : preview(letter.getOriginalKey()));
            row.put("value", letter.getOriginalValue() == null ? null : preview(letter.getOriginalValue()));
            final List<String> headers = new ArrayList<>();
            letter.getOriginalHeaders()
                    .forEach((name, value) ->
                            headers.add(name + "=" + preview(value).get("text")));
            row.put("headers", headers);
        }
        return row;
    }

    /**
     * The first bytes of an original record, safe to show: as text when they are UTF-8 (the page
     * inserts it as text), else as hex; never the whole of a large record.
     */
    static Map<String, Object> preview(final ByteBuffer buffer) {
        final ByteBuffer bytes = buffer.duplicate();
        final int total = bytes.remaining();
        final int shown = Math.min(total, PREVIEW_BYTES);
        bytes.limit(bytes.position() + shown);
        final Map<String, Object> preview = new LinkedHashMap<>();
        preview.put("bytes", total);
        preview.put("shown", shown);
        // A cut through a multi-byte character at the end is not a reason to show hex.
        for (int cut = 0; cut < 4 && cut <= shown; cut++) {
            if (cut > 0 && shown == total) {
                break;
            }
            final ByteBuffer part = bytes.duplicate();
            part.limit(part.limit() - cut);
            try {
                preview.put(
                        "text",
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(part)
                                .toString());
                preview.put("encoding", "utf-8");
                return preview;
            } catch (CharacterCodingException e) {
                // try a shorter cut, then hex
            }
        }
        final StringBuilder hex = new StringBuilder();
        for (int i = 0; bytes.hasRemaining(); i++) {
            if (i > 0) {
                hex.append(i % HEX_PER_LINE == 0 ? '\n' : ' ');
            }
            hex.append(String.format(Locale.ROOT, "%02x", bytes.get() & 0xff));
        }
        preview.put("encoding", "hex");
        preview.put("text", hex.toString());
        return preview;
    }
}
