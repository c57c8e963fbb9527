package news.pipeline.console;

import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.pipeline.schema.CountryArticle;
import news.pipeline.serde.SchemaVersions;
import news.pipeline.serde.ValueFormat;
import news.pipeline.serde.ValueSerde;
import news.pipeline.topics.Topics;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what the Countries page's counts need of a by-country record (its country code and name, and
 * its country and article pair's fingerprint) from its bytes, without building the record: it is done
 * for every record the pipeline writes. Not thread-safe: it reuses its decoder and strings, so each
 * thread that reads records has its own.
 */
final class CountedFieldsDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(CountedFieldsDecoder.class);

    /** Far more codes than there are countries. */
    private static final int MAX_KNOWN_COUNTRIES = 10_000;

    /** Avro's single-object encoding: this marker, then the writer schema's fingerprint (little-endian), then the record. */
    private static final byte[] SINGLE_OBJECT_MARKER = {(byte) 0xC3, (byte) 0x01};

    private static final int SINGLE_OBJECT_HEADER = SINGLE_OBJECT_MARKER.length + Long.BYTES;

    /** The fields of a by-country record the counts need; schema resolution skips the others. */
    private static final List<String> COUNTED_FIELDS = List.of("code", "name", "article_id");

    /** What the counts need of a by-country record: its country and its country and article pair's fingerprint. */
    record CountedFields(String code, String name, long pair) {}

    /** A country as read before: its code, and the name its latest record gave, as read and as text. */
    private static final class KnownCountry {
        private final String code;
        private Utf8 nameRead;
        private String name;

        KnownCountry(final String code) {
            this.code = code;
        }
    }

    private final Deserializer<?> byCountry;
    private final BinaryMessageDecoder<GenericRecord> countedFields;
    /** The writer schemas (by fingerprint) whose records begin with the counted fields, in their order, each a string. */
    private final LongOpenHashSet countedFieldsFirst;
    /**
     * The countries read before, by code: a record of a known country makes no new string, and costs
     * one lookup (this runs for each of the pipeline's by-country records while the console is open).
     */
    private final Map<Utf8, KnownCountry> knownCountries = new HashMap<>();

    private BinaryDecoder prefix;
    private final Utf8 code = new Utf8();
    private final Utf8 name = new Utf8();
    private final Utf8 articleId = new Utf8();

    CountedFieldsDecoder(final ValueFormat format) {
        this.byCountry = Topics.BY_COUNTRY.valueSerde(format).deserializer();
        this.countedFields = countedFieldsDecoder();
        this.countedFieldsFirst = countedFieldsFirst();
    }

    /**
     * Reads the counted fields of a by-country record in single-object encoding, whichever released
     * version wrote it: the writer schema is found by the record's fingerprint, and resolving it to a
     * reader schema of those fields alone skips the rest of the record without building it.
     */
    private static BinaryMessageDecoder<GenericRecord> countedFieldsDecoder() {
        final Schema current = CountryArticle.getClassSchema();
        final List<Schema.Field> fields = COUNTED_FIELDS.stream()
                .map(name -> new Schema.Field(name, current.getField(name).schema()))
                .toList();
        final Schema projection =
                Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, fields);
        final BinaryMessageDecoder<GenericRecord> decoder = new BinaryMessageDecoder<>(GenericData.get(), projection);
        decoder.addSchema(current);
        SchemaVersions.released(current).forEach(decoder::addSchema);
        return decoder;
    }

    /**
     * The fingerprints of the by-country schemas, current and released, whose first fields are the
     * counted ones, in the same order and each a plain string: a record written with one is read
     * from its first bytes, and the rest of it is not even skipped.
     */
    private static LongOpenHashSet countedFieldsFirst() {
        final Schema current = CountryArticle.getClassSchema();
        final List<Schema> versions = new ArrayList<>(SchemaVersions.released(current));
        versions.add(current);
        final LongOpenHashSet first = new LongOpenHashSet();
        for (final Schema version : versions) {
            final List<Schema.Field> fields = version.getFields();
            boolean leading = fields.size() >= COUNTED_FIELDS.size();
            for (int i = 0; leading && i < COUNTED_FIELDS.size(); i++) {
                leading = fields.get(i).name().equals(COUNTED_FIELDS.get(i))
                        && fields.get(i).schema().getType() == Schema.Type.STRING;
            }
            if (leading) {
                first.add(SchemaNormalization.parsingFingerprint64(version));
            }
        }
        return first;
    }

    /**
     * The counted fields of a by-country record, read where it lies (the buffer's position is left as
     * it was). In the registry's framing the record is decoded whole through the pipeline's serde,
     * which looks its schema id up (once, then from its cache).
     *
     * @return null when the record cannot be read
     */
    CountedFields read(final String topic, final ByteBuffer value) {
        try {
            return readCountedFields(topic, value);
        } catch (IOException | RuntimeException e) {
            // Not the console's to judge: a record the pipeline wrote that does not decode is skipped here.
            LOG.debug("console: skipped a {} record: {}", topic, e.toString());
            return null;
        }
    }

    private CountedFields readCountedFields(final String topic, final ByteBuffer value) throws IOException {
        final int start = value.position();
        final int length = value.remaining();
        if (length > 0 && value.get(start) == ValueSerde.REGISTRY_MAGIC) {
            final byte[] bytes = new byte[length];
            value.duplicate().get(bytes);
            final CountryArticle whole = (CountryArticle) byCountry.deserialize(topic, bytes);
            return new CountedFields(
                    whole.getCode(), whole.getName(), CountedPairs.fingerprint(whole.getCode(), whole.getArticleId()));
        }
        if (length >= SINGLE_OBJECT_HEADER
                && value.hasArray()
                && value.get(start) == SINGLE_OBJECT_MARKER[0]
                && value.get(start + 1) == SINGLE_OBJECT_MARKER[1]
                && countedFieldsFirst.contains(littleEndianLong(value, start + SINGLE_OBJECT_MARKER.length))) {
            prefix = DecoderFactory.get()
                    .binaryDecoder(
                            value.array(),
                            value.arrayOffset() + start + SINGLE_OBJECT_HEADER,
                            length - SINGLE_OBJECT_HEADER,
                            prefix);
            prefix.readString(code);
            prefix.readString(name);
            prefix.readString(articleId);
            final KnownCountry country = known(code, name);
            return new CountedFields(
                    country.code,
                    country.name,
                    CountedPairs.fingerprint(
                            code.getBytes(), code.getByteLength(), articleId.getBytes(), articleId.getByteLength()));
        }
        final GenericRecord fields = countedFields.decode(value.duplicate());
        final String codeRead = String.valueOf(fields.get("code"));
        return new CountedFields(
                codeRead,
                String.valueOf(fields.get("name")),
                CountedPairs.fingerprint(codeRead, String.valueOf(fields.get("article_id"))));
    }

    /** The country of a code read before, its name now the one read; a new one is remembered (there are a few hundred). */
    private KnownCountry known(final Utf8 codeRead, final Utf8 nameRead) {
        KnownCountry country = knownCountries.get(codeRead);
        if (country == null) {
            if (knownCountries.size() >= MAX_KNOWN_COUNTRIES) {
                // Only a topic full of made-up countries gets here; start again rather than grow.
                knownCountries.clear();
            }
            country = new KnownCountry(codeRead.toString());
            // The reused Utf8 changes with the next record: the key is a copy.
            knownCountries.put(new Utf8(country.code), country);
        }
        if (!nameRead.equals(country.nameRead)) {
            country.name = nameRead.toString();
            country.nameRead = new Utf8(country.name);
        }
        return country;
    }

    private static long littleEndianLong(final ByteBuffer buffer, final int at) {
        long value = 0;
        for (int i = Long.BYTES - 1; i >= 0; i--) {
            value = (value << 8) | (buffer.get(at + i) & 0xffL);
        }
        return value;
    }
}
