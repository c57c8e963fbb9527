package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Matcher;
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
                // Runs of ASCII, as markup is, which the decoder takes eight bytes at a time.
                for (int run = random.nextInt(3) == 0 ? random.nextInt(20) : 0; run > 0; run--) {
                    text.append((char) (0x20 + random.nextInt(0x5F)));
                }
            }
            final byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            final TextDecoder.Encoding encoding = TextDecoder.encodingOf(bytes, null, true);
            if (bytes.length > 0 && text.codePoints().anyMatch(c -> c >= 0x80)) {
                assertThat(encoding.wellFormedUtf8()).isTrue();
            }
            assertThat(TextDecoder.decodeWellFormedUtf8(ByteRanges.from(bytes, 0))
                            .toString())
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
        assertThat(TextDecoder.decode(ByteRanges.from(bytes, 0), encoding).toString())
                .isEqualTo("caf\u00e9 na\u00efve");
    }

    /** The meta-charset search tries the pattern only at tags; it must find what the pattern finds anywhere. */
    @Test
    void shouldFindTheMetaCharsetThePatternFinds() {
        final String[] pieces = {
            "<meta charset=utf-8>",
            "<META CHARSET=\"Shift_JIS\">",
            "<meta name=x content=\"text/html; charset=koi8-r\">",
            "<meta\ncharset='windows-1251'>",
            "<metal charset=x>",
            "<meta>",
            "<meta charset=>",
            "<p>charset=utf-8</p>",
            "<",
            "<<meta charset=iso-8859-2>",
            "text ",
            "<meta name=\"a>b\" charset=gbk>",
            "<!-- <meta charset=big5> -->"
        };
        final Random random = new Random(3);
        int found = 0;
        for (int round = 0; round < 5_000; round++) {
            final StringBuilder head = new StringBuilder();
            for (int k = random.nextInt(5); k > 0; k--) {
                final String piece = pieces[random.nextInt(pieces.length)];
                head.append(random.nextInt(5) == 0 ? piece.substring(random.nextInt(piece.length())) : piece);
            }
            final Matcher expected = TextDecoder.META_CHARSET.matcher(head);
            final String label = expected.find() ? expected.group(1) : null;
            found += label == null ? 0 : 1;
            assertThat(TextDecoder.metaCharsetLabel(head.toString()))
                    .as("[%s]", head)
                    .isEqualTo(label);
        }
        assertThat(found).as("heads with a charset").isGreaterThan(1_000);
    }

    /** A page with cut-out parts decodes as its kept parts joined; the cuts fall between ASCII bytes. */
    @Test
    void shouldDecodeKeptRangesAsTheirBytesJoined() {
        final Random random = new Random(9);
        for (int n = 0; n < 500; n++) {
            final StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(40); k > 0; k--) {
                text.append(random.nextInt(3) == 0 ? "<p>caf\u00e9 \u4e2d\ud83d\ude00</p>" : "<b>plain ascii</b>");
            }
            final byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            final ByteRanges ranges = new ByteRanges(bytes);
            final ByteArrayOutputStream joined = new ByteArrayOutputStream();
            int at = 0;
            while (at < bytes.length) {
                // Ranges end and start at '<' or after '>', as the cut makes them, with parts dropped between.
                int end = at + 1 + random.nextInt(40);
                while (end < bytes.length && bytes[end] != '<') {
                    end++;
                }
                end = Math.min(end, bytes.length);
                if (random.nextBoolean()) {
                    ranges.add(at, end);
                    joined.write(bytes, at, end - at);
                }
                at = end;
            }
            assertThat(TextDecoder.decodeWellFormedUtf8(ranges).toString())
                    .isEqualTo(new String(joined.toByteArray(), StandardCharsets.UTF_8));
            assertThat(ranges.toBuffer().remaining()).isEqualTo(joined.size());
        }
    }
}
