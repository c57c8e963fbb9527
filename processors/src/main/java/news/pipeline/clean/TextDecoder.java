package news.pipeline.clean;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns bytes into text the way a browser would: byte-order mark first, then the charset the
 * transport declared, then (for HTML) a {@code <meta charset>} near the top, then UTF-8 if the
 * bytes are valid UTF-8, else windows-1252, the web's legacy default. Content that still decodes
 * to mostly control characters or replacement characters is not text.
 */
final class TextDecoder {
    /** How far into an HTML page a {@code <meta charset>} is looked for. */
    private static final int META_SCAN_BYTES = 8192;
    /** Charset label in a Content-Type header; labels are short, 40 characters bounds the match. */
    private static final Pattern CONTENT_TYPE_CHARSET =
            Pattern.compile("(?i)charset\\s*=\\s*[\"']?([A-Za-z0-9._:\\-]{1,40})");

    private static final Pattern META_CHARSET =
            Pattern.compile("(?i)<meta\\s[^>]{0,300}?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:\\-]{1,40})");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    /** Share of unreadable characters above which content is binary, not text. */
    private static final double MAX_JUNK_RATIO = 0.05;
    /** Characters checked for junk: enough to judge a page, bounded for huge ones. */
    private static final int JUNK_SAMPLE_CHARS = 65_536;
    /** Bytes looked at for UTF-16 without a BOM: a few kilobytes show the zero-byte pattern or its absence. */
    private static final int UTF16_SAMPLE_BYTES = 4096;
    /** Fewer bytes than this say nothing about UTF-16. */
    private static final int UTF16_MIN_BYTES = 8;
    /** Share of zero bytes in one position that marks UTF-16: ASCII-range text, with room for other scripts. */
    private static final double UTF16_ZERO_SHARE = 0.7;
    /** Most zero bytes allowed in the other position; real UTF-16 text has almost none there. */
    private static final double UTF16_STRAY_ZERO_SHARE = 0.05;
    /** Eight bytes at a time, to skip ASCII runs (most of a page's markup) in one test. */
    private static final VarHandle EIGHT_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** The high bit of each of eight bytes: set only where a byte is not ASCII. */
    private static final long HIGH_BITS = 0x8080808080808080L;

    private TextDecoder() {}

    record Decoded(String text, Charset charset) {}

    static Decoded decode(final byte[] bytes, final String contentType, final boolean html)
            throws RejectedDocumentException {
        Charset charset = null;
        int offset = 0;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            offset = 3;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            offset = 2;
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            offset = 2;
        }
        if (charset == null) {
            charset = utf16WithoutBom(bytes);
        }
        final String text;
        if (charset != null) {
            text = new String(bytes, offset, bytes.length - offset, charset);
        } else {
            Charset declared = charsetFromContentType(contentType);
            if (declared == null && html) {
                declared = charsetFromMeta(bytes);
            }
            charset = choose(declared, bytes);
            text = new String(bytes, charset);
        }
        rejectIfJunk(text, charset);
        return new Decoded(text, charset);
    }

    static Charset charsetFromContentType(final String contentType) {
        if (contentType == null) {
            return null;
        }
        final Matcher charset = CONTENT_TYPE_CHARSET.matcher(contentType);
        return charset.find() ? lookup(charset.group(1)) : null;
    }

    private static Charset charsetFromMeta(final byte[] bytes) {
        final String head = new String(bytes, 0, Math.min(bytes.length, META_SCAN_BYTES), StandardCharsets.ISO_8859_1);
        final Matcher charset = META_CHARSET.matcher(head);
        if (!charset.find()) {
            return null;
        }
        final Charset declared = lookup(charset.group(1));
        // A page that says UTF-16 in ASCII-compatible bytes is not UTF-16 (HTML spec: use UTF-8).
        if (declared != null && declared.name().startsWith("UTF-16")) {
            return StandardCharsets.UTF_8;
        }
        return declared;
    }

    /**
     * The declared charset, checked against the bytes. Pages are often saved as UTF-8 under a
     * legacy declaration, or the other way round; decoding them as declared would be mojibake.
     * Multi-byte legacy charsets (Shift_JIS, GBK, EUC-KR...) are trusted as declared. Otherwise
     * bytes that are mostly well-formed UTF-8 sequences are UTF-8; bytes that are not are the
     * declared single-byte charset, or windows-1252, the web's legacy default.
     */
    private static Charset choose(final Charset declared, final byte[] bytes) {
        if (declared != null && !StandardCharsets.UTF_8.equals(declared) && !isSingleByte(declared)) {
            return declared;
        }
        final long stats = utf8Stats(bytes);
        final long multiByte = stats >>> 32;
        final long invalid = stats & 0xFFFFFFFFL;
        if (invalid == 0) {
            return multiByte > 0 || declared == null ? StandardCharsets.UTF_8 : declared;
        }
        if (multiByte >= invalid) {
            return StandardCharsets.UTF_8;
        }
        return declared != null && !StandardCharsets.UTF_8.equals(declared) ? declared : WINDOWS_1252;
    }

    private static boolean isSingleByte(final Charset charset) {
        try {
            return charset.newEncoder().maxBytesPerChar() <= 1.0f;
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static Charset lookup(final String name) {
        String label = name.trim().toLowerCase(Locale.ROOT);
        // The WHATWG encoding standard maps these labels to windows-1252.
        if (label.equals("iso-8859-1")
                || label.equals("latin1")
                || label.equals("us-ascii")
                || label.equals("ascii")
                || label.equals("iso8859-1")
                || label.equals("l1")) {
            label = "windows-1252";
        }
        try {
            return Charset.isSupported(label) ? Charset.forName(label) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** UTF-16 text without a BOM shows as a zero byte in every other position of ASCII-range text. */
    private static Charset utf16WithoutBom(final byte[] bytes) {
        final int n = Math.min(bytes.length, UTF16_SAMPLE_BYTES) & ~1;
        if (n < UTF16_MIN_BYTES) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < n; i += 2) {
            if (bytes[i] == 0) {
                evenZeros++;
            }
            if (bytes[i + 1] == 0) {
                oddZeros++;
            }
        }
        final int pairs = n / 2;
        if (evenZeros > pairs * UTF16_ZERO_SHARE && oddZeros < pairs * UTF16_STRAY_ZERO_SHARE) {
            return StandardCharsets.UTF_16BE;
        }
        if (oddZeros > pairs * UTF16_ZERO_SHARE && evenZeros < pairs * UTF16_STRAY_ZERO_SHARE) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    /** Whether the bytes are well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF). */
    static boolean isValidUtf8(final byte[] bytes) {
        return (utf8Stats(bytes) & 0xFFFFFFFFL) == 0;
    }

    /**
     * Counts well-formed multi-byte UTF-8 sequences (high 32 bits) and bytes that start no
     * well-formed sequence (low 32 bits). Overlongs, surrogates and values past U+10FFFF are invalid.
     */
    private static long utf8Stats(final byte[] bytes) {
        final int n = bytes.length;
        long multiByte = 0;
        long invalid = 0;
        int i = 0;
        while (i < n) {
            while (i + 8 <= n && ((long) EIGHT_BYTES.get(bytes, i) & HIGH_BITS) == 0) {
                i += 8;
            }
            if (i >= n) {
                break;
            }
            final int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            final int extra;
            final int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                extra = 1;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                extra = 2;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                extra = 3;
                min = 0x10000;
            } else {
                invalid++;
                i++;
                continue;
            }
            boolean wellFormed = i + extra < n;
            int codePoint = lead & (0x3F >> extra);
            for (int k = 1; wellFormed && k <= extra; k++) {
                final int continuation = bytes[i + k] & 0xFF;
                wellFormed = (continuation & 0xC0) == 0x80;
                codePoint = (codePoint << 6) | (continuation & 0x3F);
            }
            if (wellFormed && codePoint >= min && codePoint <= 0x10FFFF && (codePoint < 0xD800 || codePoint > 0xDFFF)) {
                multiByte++;
                i += extra + 1;
            } else {
                invalid++;
                i++;
            }
        }
        return (Math.min(multiByte, 0xFFFFFFFFL) << 32) | Math.min(invalid, 0xFFFFFFFFL);
    }

    private static void rejectIfJunk(final String text, final Charset charset) throws RejectedDocumentException {
        final int n = Math.min(text.length(), JUNK_SAMPLE_CHARS);
        int junk = 0;
        for (int i = 0; i < n; i++) {
            final char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
                    || c == '\uFFFD'
                    || (c >= 0x7F && c < 0xA0)) {
                junk++;
            }
        }
        if (n > 0 && junk > n * MAX_JUNK_RATIO) {
            throw new RejectedDocumentException(
                    Rejection.UNDECODABLE_TEXT,
                    String.format(
                            Locale.ROOT,
                            "content is not text: %d of the first %d characters decoded as %s are control or"
                                    + " replacement characters (binary data or a wrong charset?)",
                            junk,
                            n,
                            charset.name()));
        }
    }

    private static boolean startsWith(final byte[] bytes, final int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
