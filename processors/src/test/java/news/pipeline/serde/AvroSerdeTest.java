package news.pipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
    private final AvroSerde<RawArticle> serde = new AvroSerde<>(RawArticle.class);

    @Test
    void roundTripsARecordInSingleObjectEncoding() {
        final RawArticle article = RawArticle.newBuilder()
                .setUrl("https://news.example/a")
                .setFormat(ArticleFormat.HTML)
                .setContent(ByteBuffer.wrap("<p>hi</p>".getBytes(StandardCharsets.UTF_8)))
                .setPublishedAt(Instant.parse("2026-03-04T09:30:00Z"))
                .build();
        final byte[] bytes = serde.encode(article);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.decode(bytes)).isEqualTo(article);
    }

    @Test
    void decodesDataWrittenWithTheFirstReleasedSchema() throws IOException {
        final Schema released;
        try (InputStream in =
                getClass().getClassLoader().getResourceAsStream(SchemaVersions.resourceName("RawArticle", 1))) {
            released = new Schema.Parser().parse(in);
        }
        final GenericRecord old = new GenericData.Record(released);
        old.put("url", "https://news.example/old");
        old.put("source", null);
        old.put("format", new GenericData.EnumSymbol(released.getField("format").schema(), "TEXT"));
        old.put("content_type", null);
        old.put("content", ByteBuffer.wrap("old text".getBytes(StandardCharsets.UTF_8)));
        old.put("title", null);
        old.put("published_at", null);
        old.put("language", null);
        final byte[] bytes =
                ByteBuffers.copy(new BinaryMessageEncoder<GenericRecord>(GenericData.get(), released).encode(old));

        final RawArticle decoded = serde.decode(bytes);
        assertThat(decoded.getUrl()).isEqualTo("https://news.example/old");
        assertThat(decoded.getFormat()).isEqualTo(ArticleFormat.TEXT);
    }

    @Test
    void rejectsBytesThatAreNotSingleObjectEncoded() {
        assertThatThrownBy(() -> serde.decode("plain text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not a valid RawArticle");
    }

    @Test
    void keepsNullAsNullLikeKafkasOwnSerdes() {
        assertThat(serde.serializer().serialize("t", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", null)).isNull();
    }
}
