package news.pipeline.clean;

import java.text.Normalizer;

/** Unicode and whitespace normalisation shared by every path of the cleaner. */
final class TextNormalizer {
    private TextNormalizer() {}

    /**
     * NFC-normalises, turns every run of whitespace (including no-break and typographic spaces and
     * line breaks) into one space, drops control and zero-width characters, and trims. Linear time.
     */
    static String clean(final CharSequence text) {
        final int n = text.length();
        final StringBuilder out = new StringBuilder(n);
        boolean pendingSpace = false;
        char highest = 0;
        for (int i = 0; i < n; i++) {
            final char c = text.charAt(i);
            if (c > ' ' && c < 0x7F) {
                // Printable ASCII, most of any text: neither space nor invisible.
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
                continue;
            }
            highest = (char) Math.max(highest, c);
            if (isSpace(c)) {
                pendingSpace = out.length() > 0;
                continue;
            }
            if (isInvisible(c)) {
                continue;
            }
            if (pendingSpace) {
                out.append(' ');
                pendingSpace = false;
            }
            out.append(c);
        }
        final String collapsed = out.toString();
        // Text below U+0300, where the combining marks start, is always in NFC; the check itself
        // allocates, and most paragraphs are such text.
        return highest < '\u0300' || Normalizer.isNormalized(collapsed, Normalizer.Form.NFC)
                ? collapsed
                : Normalizer.normalize(collapsed, Normalizer.Form.NFC);
    }

    static boolean isSpace(final char c) {
        // Printable ASCII first, most of any text: one comparison instead of the switch's search.
        if (c > ' ' && c < 0x7F) {
            return false;
        }
        switch (c) {
            case ' ',
                    '\t',
                    '\n',
                    '\r',
                    '\f',
                    '\u000B',
                    '\u00A0',
                    '\u1680',
                    '\u2028',
                    '\u2029',
                    '\u202F',
                    '\u205F',
                    '\u3000',
                    '\u0085':
                return true;
            default:
                return c >= '\u2000' && c <= '\u200A';
        }
    }

    /** Characters that render as nothing: controls, zero-width marks, the BOM, soft hyphens. */
    static boolean isInvisible(final char c) {
        return c < 0x20
                || (c >= 0x7F && c < 0xA0)
                || c == '\u00AD'
                || c == '\u200B'
                || c == '\u200C'
                || c == '\u200D'
                || c == '\u2060'
                || c == '\uFEFF';
    }

    /** Number of non-whitespace characters; a cheap length that ignores indentation. */
    static int visibleLength(final CharSequence text) {
        int count = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            final char c = text.charAt(i);
            if (c > ' ' && !isSpace(c)) {
                count++;
            }
        }
        return count;
    }

    /** Lower-case key for duplicate detection: letters and digits only. */
    static String dedupeKey(final String paragraph) {
        // A plain array, not a StringBuilder: its checks on every append were most of the cost.
        final char[] key = new char[paragraph.length()];
        int length = 0;
        for (int i = 0, n = paragraph.length(); i < n; i++) {
            final char c = paragraph.charAt(i);
            // ASCII first: the Unicode tables cost a quarter of the plain-text cleaner's time.
            if (c < 0x80) {
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                    key[length++] = c;
                } else if (c >= 'A' && c <= 'Z') {
                    key[length++] = (char) (c + ('a' - 'A'));
                }
            } else if (Character.isLetterOrDigit(c)) {
                key[length++] = Character.toLowerCase(c);
            }
        }
        return new String(key, 0, length);
    }
}
