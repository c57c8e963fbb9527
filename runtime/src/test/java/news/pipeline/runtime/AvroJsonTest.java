package news.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import news.pipeline.schema.CountryTag;
import news.pipeline.schema.DeadLetter;
import news.pipeline.schema.DeadLetterReason;
import news.pipeline.schema.Mention;
import news.pipeline.schema.TextField;
import org.junit.jupiter.api.Test;

class AvroJsonTest {

    @Test
    void rendersNestedArraysAsJsonArraysWithSchemaFieldNames() {
        final CountryTag tag =
                new CountryTag("AM", "Armenia", 1, 0.5, List.of(new Mention(TextField.TEXT, 0, 7, "Armenia", "NAME")));
        final JsonNode json = AvroJson.toJson(tag);
        assertThat(json.get("evidence").isArray()).isTrue();
        assertThat(json.get("evidence").get(0).get("surface").asText()).isEqualTo("Armenia");
        assertThat(json.get("evidence").get(0).get("field").asText()).isEqualTo("TEXT");
        assertThat(json.get("salience").asDouble()).isEqualTo(0.5);
    }

    @Test
    void rendersTimestampsAsIsoAndBytesAsTextOrBase64() {
        final DeadLetter letter = DeadLetter.newBuilder()
                .setReason(DeadLetterReason.EMPTY_CONTENT)
                .setMessage("m")
                .setProcessor("cleaner")
                .setProcessorVersion("1")
                .setSourceTopic("t")
                .setSourcePartition(0)
                .setSourceOffset(5)
                .setSourceTimestamp(Instant.parse("2026-03-04T09:30:00Z"))
                .setOriginalKey(ByteBuffer.wrap("key-1".getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(ByteBuffer.wrap(new byte[] {(byte) 0xFF, 0x00}))
                .setOriginalHeaders(Map.of())
                .build();
        final JsonNode json = AvroJson.toJson(letter);
        assertThat(json.get("source_timestamp").asText()).isEqualTo("2026-03-04T09:30:00Z");
        assertThat(json.get("reason").asText()).isEqualTo("EMPTY_CONTENT");
        assertThat(json.get("original_key").asText()).isEqualTo("key-1");
        assertThat(json.get("original_value").get("base64").asText()).isEqualTo("/wA=");
    }
}
