package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextDecoderTest {
    @Test
    void shouldDecodeWellFormedUtf8AsTheJdkDoes() {
        final Random random = new Random(7);
        // ASCII, Latin-1, the rest of the basic plane (surrogates excepted) and beyond it.
        final int[][] ranges = {{0x20, 0x7F}, {0x80, 0x800}, {0x800, 0xD800}, {0xE000, 0x10000}, {0x10000, 0x110000}};
        for (int n = 0; n < 2_000; n++) {
            final StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(60); k > 0; k--) {
                final int[] range = ranges[random.nextInt(ranges.length)];
                text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0]));
            }
            final byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            final TextDecoder.Encoding encoding = TextDecoder.encodingOf(bytes, null, true);
            if (bytes.length > 0 && text.codePoints().anyMatch(c -> c >= 0x80)) {
                assertThat(encoding.wellFormedUtf8()).isTrue();
            }
            assertThat(TextDecoder.decodeWellFormedUtf8(ByteBuffer.wrap(bytes)).toString())
                    .isEqualTo(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldNotTakeMalformedUtf8ForWellFormed() {
        final byte[] truncated = {'a', (byte) 0xE2, (byte) 0x80};
        final byte[] overlong = {'a', (byte) 0xC0, (byte) 0xAF};
        final byte[] surrogate = {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        for (final byte[] bytes : new byte[][] {truncated, overlong, surrogate}) {
            assertThat(TextDecoder.encodingOf(bytes, null, true).wellFormedUtf8())
                    .isFalse();
        }
    }

    @Test
    void shouldDecodeWithTheDeclaredCharsetWhenTheBytesAreNotUtf8() throws Exception {
        final byte[] bytes = "caf\u00e9 na\u00efve".getBytes("windows-1252");
        final TextDecoder.Encoding encoding = TextDecoder.encodingOf(bytes, "text/html; charset=windows-1252", true);
        assertThat(encoding.wellFormedUtf8()).isFalse();
        assertThat(TextDecoder.decode(ByteBuffer.wrap(bytes), encoding).toString())
                .isEqualTo("caf\u00e9 na\u00efve");
    }
}
