package news.pipeline.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import news.pipeline.runtime.StepChain;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * What the ceiling's three applications write: for each record the pipeline's processor at the same
 * position reads, the records it writes, byte for byte (computed beforehand by {@link StepChain} on
 * the workload's pool), looked up instead of computed. So the ceiling does the pipeline's Kafka work
 * and nothing else: as many records in and out of each hop, of the same sizes, the same dead letters
 * and as many by-country records per article. One difference, so that the end consumer can tell the
 * articles apart: by-country records keep the article's id as their key, not the country code; but
 * they go to the partition of their country code ({@link #byCountryPartitioner()}), as the
 * pipeline's do, so that each partition's batches hold the same records and compress the same.
 */
public final class CeilingReplay {
    /** The sink of a hop's records on the next topic, and of its dead letters. */
    public static final String NEXT = "next";

    public static final String DEAD_LETTER = "dead-letter";

    /** A record a hop writes: to which sink, and its value (the key is the input's). */
    record Output(String sink, byte[] value) {}

    /** For each hop, its outputs by the input value's fingerprint. */
    private final List<Map<Fingerprint, List<Output>>> hops;

    /** The pipeline's key (a country code, serialized) of each by-country value, by the value's identity. */
    private final Map<byte[], byte[]> byCountryKeys;

    private CeilingReplay(final List<Map<Fingerprint, List<Output>>> hops, final Map<byte[], byte[]> byCountryKeys) {
        this.hops = hops;
        this.byCountryKeys = byCountryKeys;
    }

    /**
     * Places each by-country record on the partition the pipeline's record with the same value goes
     * to (the producer's hash of its country-code key), though its key is the article's id; other
     * records are placed as usual.
     */
    StreamPartitioner<byte[], byte[]> byCountryPartitioner() {
        return (topic, key, value, partitions) -> {
            final byte[] countryKey = byCountryKeys.get(value);
            return countryKey == null
                    ? Optional.empty()
                    : Optional.of(Set.of(BuiltInPartitioner.partitionForKey(countryKey, partitions)));
        };
    }

    /** What the hop writes for this input value; nothing for a value it does not know. */
    List<Output> outputs(final int hop, final byte[] value) {
        return hops.get(hop).getOrDefault(Fingerprint.of(value), List.of());
    }

    /**
     * The input values' fingerprints: their length and a hash of their first bytes, which hold the
     * article's URL or id in every record type (hashing all of a 300 KB page would be work the
     * pipeline does not do).
     */
    record Fingerprint(int length, int head) {
        static final int HEAD_BYTES = 256;

        static Fingerprint of(final byte[] value) {
            return new Fingerprint(
                    value.length, Arrays.hashCode(Arrays.copyOf(value, Math.min(HEAD_BYTES, value.length))));
        }
    }

    /** Writes the pool's raw values and each one's hops, for {@link #read}. */
    public static void write(final Path file, final List<byte[]> raws, final List<StepChain.Hops> hops)
            throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(raws.size());
            for (int i = 0; i < raws.size(); i++) {
                final StepChain.Hops h = hops.get(i);
                bytes(out, raws.get(i));
                bytes(out, h.clean());
                bytes(out, h.enriched());
                out.writeInt(h.rejectedAt());
                out.writeInt(h.byCountry().size());
                for (final byte[][] view : h.byCountry()) {
                    bytes(out, view[0]);
                    bytes(out, view[1]);
                }
            }
        }
    }

    /** The replay of the pool {@link #write} wrote; refuses a pool whose fingerprints collide. */
    public static CeilingReplay read(final Path file) throws IOException {
        final List<Map<Fingerprint, List<Output>>> hops = List.of(new HashMap<>(), new HashMap<>(), new HashMap<>());
        final Map<byte[], byte[]> byCountryKeys = new IdentityHashMap<>();
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            final int pool = in.readInt();
            for (int i = 0; i < pool; i++) {
                final byte[] raw = bytes(in);
                final byte[] clean = bytes(in);
                final byte[] enriched = bytes(in);
                final int rejectedAt = in.readInt();
                final int views = in.readInt();
                final List<Output> byCountry = new ArrayList<>(views);
                for (int v = 0; v < views; v++) {
                    final byte[] countryKey = bytes(in);
                    final Output view = new Output(NEXT, bytes(in));
                    byCountryKeys.put(view.value(), countryKey);
                    byCountry.add(view);
                }
                // A rejected record goes to the dead letters with its value as read; nothing goes further.
                put(hops.get(StepChain.CLEAN), raw, rejectedAt == StepChain.CLEAN ? DEAD_LETTER : NEXT, raw, clean);
                if (rejectedAt == StepChain.CLEAN) {
                    continue;
                }
                put(
                        hops.get(StepChain.ENRICH),
                        clean,
                        rejectedAt == StepChain.ENRICH ? DEAD_LETTER : NEXT,
                        clean,
                        enriched);
                if (rejectedAt == StepChain.ENRICH) {
                    continue;
                }
                final List<Output> previous = hops.get(StepChain.FAN_OUT)
                        .put(
                                Fingerprint.of(enriched),
                                rejectedAt == StepChain.FAN_OUT
                                        ? List.of(new Output(DEAD_LETTER, enriched))
                                        : List.copyOf(byCountry));
                requireUnique(previous, i);
            }
        }
        return new CeilingReplay(hops, byCountryKeys);
    }

    private static void put(
            final Map<Fingerprint, List<Output>> hop,
            final byte[] input,
            final String sink,
            final byte[] deadLetter,
            final byte[] next) {
        final List<Output> previous =
                hop.put(Fingerprint.of(input), List.of(new Output(sink, sink.equals(DEAD_LETTER) ? deadLetter : next)));
        requireUnique(previous, hop.size());
    }

    private static void requireUnique(final List<Output> previous, final int record) {
        if (previous != null) {
            throw new IllegalStateException("two records of the pool share a fingerprint (near record " + record
                    + "): the ceiling cannot tell them apart");
        }
    }

    private static void bytes(final DataOutputStream out, final byte[] value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] bytes(final DataInputStream in) throws IOException {
        final int length = in.readInt();
        return length < 0 ? null : in.readNBytes(length);
    }

    /** One hop of the ceiling: each record's outputs looked up and forwarded, the key kept. */
    static final class HopProcessor implements Processor<byte[], byte[], byte[], byte[]> {
        private final CeilingReplay replay;
        private final int hop;
        /** Holds the hop to a rate, or null to go as fast as it can. */
        private final Pacer pacer;

        private ProcessorContext<byte[], byte[]> context;

        HopProcessor(final CeilingReplay replay, final int hop, final Pacer pacer) {
            this.replay = replay;
            this.hop = hop;
            this.pacer = pacer;
        }

        @Override
        public void init(final ProcessorContext<byte[], byte[]> context) {
            this.context = context;
        }

        @Override
        public void process(final Record<byte[], byte[]> record) {
            if (pacer != null) {
                try {
                    pacer.awaitTurn();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while holding the ceiling to its pace", e);
                }
            }
            for (final Output output : replay.outputs(hop, record.value())) {
                context.forward(record.withValue(output.value()), output.sink());
            }
        }
    }
}
