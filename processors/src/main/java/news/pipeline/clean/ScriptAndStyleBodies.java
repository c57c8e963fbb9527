package news.pipeline.clean;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Cuts the bodies of {@code <script>} and {@code <style>} elements out of an HTML page's bytes
 * before the page is decoded and parsed. They are more than half of a typical news page's bytes,
 * the cleaner never reads them (JSON-LD blocks excepted, which are kept), and decoding and
 * tokenizing them is a fifth of the cleaner's time.
 *
 * <p>The start and end tags stay, so the parsed tree has the same elements; only the script and
 * style elements' data goes. A body is cut only where the HTML parser is certain to read it as
 * script or style data: the scan follows the tokenizer's states (comments, quoted attribute values,
 * RCDATA and RAWTEXT elements) and cuts nothing inside SVG, MathML or (for style) a {@code <select>},
 * where the parser may read that text as markup. It stops cutting for the rest of the page at what
 * it does not model exactly: a script body with {@code <!--} in it (the tokenizer's escaped
 * states), raw-text elements holding markup inside SVG, MathML or a select, {@code <frameset>},
 * {@code <plaintext>}, CDATA sections, a {@code <} inside a tag, or a self-closing script or style
 * tag. Stopping early only costs speed.
 *
 * <p>Only for bytes in which {@code <} is always the character {@code <}: UTF-8 and single-byte
 * ASCII-compatible charsets.
 */
final class ScriptAndStyleBodies {
    /** Eight bytes at a time, to find the next {@code <} in one test per eight bytes of text. */
    private static final VarHandle EIGHT_BYTES =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    // Tag names packed into a long, lower case, one byte each: a name is told in one comparison.
    private static final long SCRIPT = packed("script");
    private static final long STYLE = packed("style");
    private static final long SVG = packed("svg");
    private static final long MATH = packed("math");
    private static final long SELECT = packed("select");
    /** Elements whose text the tokenizer reads raw or as RCDATA up to their end tag: skipped, not cut. */
    private static final long[] TEXT_ONLY = {
        packed("title"), packed("textarea"), packed("xmp"), packed("iframe"), packed("noembed"), packed("noframes")
    };
    /** After these the scan cannot follow the parser: cutting stops. "plaintext" is too long to pack. */
    private static final long FRAMESET = packed("frameset");

    private static final byte[] PLAINTEXT = ascii("plaintext");
    /**
     * SVG and MathML elements whose content the parser reads as HTML (SVG's title is read as text
     * by the scan already). Text in them is harmless; a tag in them stops the cutting.
     */
    private static final byte[][] INTEGRATION_POINTS = {
        ascii("foreignobject"),
        ascii("desc"),
        ascii("mi"),
        ascii("mo"),
        ascii("mn"),
        ascii("ms"),
        ascii("mtext"),
        ascii("annotation-xml")
    };
    /** A script whose tag names JSON keeps its body: the metadata reads JSON-LD. */
    private static final byte[] JSON = ascii("json");

    private ScriptAndStyleBodies() {}

    /**
     * The page from {@code start} (past a byte-order mark) with script and style bodies cut out,
     * as the ranges of the page that remain; one range when nothing was cut.
     */
    static ByteRanges cut(final byte[] page, final int start) {
        return new Scan(page, start).run();
    }

    /** One pass over one page; not shared. */
    private static final class Scan {
        private final byte[] page;
        private final int start;
        private final int end;
        private final ByteRanges kept;
        /** Where the page's bytes not yet in {@link #kept} begin. */
        private int keptUpTo;

        private int svgDepth;
        private int mathDepth;
        /** Open SVG and MathML elements whose content the parser reads as HTML. */
        private int integrationPoints;

        private boolean inSelect;

        Scan(final byte[] page, final int start) {
            this.page = page;
            this.start = start;
            this.end = page.length;
            this.kept = new ByteRanges(page);
            this.keptUpTo = start;
        }

        ByteRanges run() {
            scan();
            kept.add(keptUpTo, end);
            return kept;
        }

        /** Walks the markup; returns when the page ends or the scan can no longer follow the parser. */
        private void scan() {
            int at = start;
            while (true) {
                final int open = indexOfLessThan(page, at, end);
                if (open < 0 || open + 1 >= end) {
                    return;
                }
                final byte next = page[open + 1];
                if (next == '!') {
                    at = afterMarkupDeclaration(open);
                } else if (next == '?') {
                    at = afterByte(open + 2, '>');
                } else if (next == '/') {
                    at = afterEndTagOpen(open);
                } else if (isAsciiLetter(next)) {
                    at = afterStartTag(open);
                } else {
                    at = open + 1;
                }
                if (at < 0) {
                    return;
                }
            }
        }

        /** {@code <!--} comments, doctypes and bogus comments; -1 where the scan stops. */
        private int afterMarkupDeclaration(final int open) {
            final int from = open + 2;
            if (startsWith(from, "--")) {
                return afterComment(from);
            }
            if (startsWith(from, "[CDATA[")) {
                // In SVG and MathML this is a CDATA section, elsewhere a bogus comment; not modelled.
                return -1;
            }
            return afterByte(from, '>');
        }

        /**
         * The end of a comment whose opening "--" is at {@code from}: the first "-->" (which "<!-->"
         * and "<!--->" already are) or "--!>" after the opening dashes; -1 when the page ends first.
         */
        private int afterComment(final int from) {
            for (int at = from; at + 2 < end; at++) {
                if (page[at] != '-' || page[at + 1] != '-') {
                    continue;
                }
                if (page[at + 2] == '>') {
                    return at + 3;
                }
                if (at >= from + 2 && page[at + 2] == '!' && at + 3 < end && page[at + 3] == '>') {
                    return at + 4;
                }
            }
            return -1;
        }

        /** {@code </name ...>}; updates the foreign-content and select state; -1 where the scan stops. */
        private int afterEndTagOpen(final int open) {
            final int nameStart = open + 2;
            if (nameStart >= end) {
                return -1;
            }
            if (page[nameStart] == '>') {
                return nameStart + 1;
            }
            if (!isAsciiLetter(page[nameStart])) {
                return afterByte(nameStart, '>');
            }
            final int nameEnd = tagNameEnd(nameStart);
            final Tag tag = tag(nameStart, nameEnd);
            if (tag == null) {
                return -1;
            }
            if (integrationPoints > 0 && isIntegrationPoint(nameStart, nameEnd)) {
                integrationPoints--;
            }
            final long name = packedName(nameStart, nameEnd);
            if (svgDepth > 0 && name == SVG) {
                svgDepth--;
            } else if (mathDepth > 0 && name == MATH) {
                mathDepth--;
            } else if (name == SELECT) {
                inSelect = false;
            }
            return tag.end;
        }

        /** {@code <name ...>} and, for the elements that hold raw text, that text; -1 where the scan stops. */
        private int afterStartTag(final int open) {
            final int nameStart = open + 1;
            final int nameEnd = tagNameEnd(nameStart);
            final Tag tag = tag(nameStart, nameEnd);
            if (tag == null) {
                return -1;
            }
            final boolean foreign = svgDepth > 0 || mathDepth > 0;
            if (integrationPoints > 0) {
                // Markup inside an SVG or MathML element whose content is HTML: the parser may then
                // ignore a closing </svg> or </math>, and the scan's count of them would be wrong.
                return -1;
            }
            if (foreign && !tag.selfClosing && isIntegrationPoint(nameStart, nameEnd)) {
                integrationPoints++;
                return tag.end;
            }
            final long name = packedName(nameStart, nameEnd);
            if (name == SVG) {
                svgDepth += tag.selfClosing ? 0 : 1;
                return tag.end;
            }
            if (name == MATH) {
                mathDepth += tag.selfClosing ? 0 : 1;
                return tag.end;
            }
            if (name == FRAMESET || isPlaintext(nameStart, nameEnd)) {
                return -1;
            }
            final boolean script = name == SCRIPT;
            final boolean style = name == STYLE;
            final boolean textOnly = isOneOf(name, TEXT_ONLY);
            if (!script && !style && !textOnly) {
                if (name == SELECT) {
                    inSelect = true;
                }
                return tag.end;
            }
            if (tag.selfClosing) {
                return -1;
            }
            // In script data "<!--" opens the tokenizer's escaped states, where "</script>" may not end
            // the script; they are not modelled.
            final int close = endTag(tag.end, nameStart, nameEnd, script);
            if (close < 0) {
                return -1;
            }
            if (foreign || (inSelect && !script)) {
                // Inside SVG, MathML or a select, the parser may read this element's text as markup;
                // with no '<' in it, markup and text read the same, else the scan cannot follow.
                return indexOfLessThan(page, tag.end, close) < 0 ? close : -1;
            }
            if ((script && !contains(open, tag.end, JSON)) || style) {
                kept.add(keptUpTo, tag.end);
                keptUpTo = close;
            }
            return close;
        }

        /**
         * Where the end tag {@code </name} closing the element whose text starts at {@code from}
         * begins: the first one followed by whitespace, '/' or '>', as the tokenizer ends raw text;
         * -1 when there is none, or when {@code refuseCommentOpen} and "<!--" comes first.
         */
        private int endTag(final int from, final int nameStart, final int nameEnd, final boolean refuseCommentOpen) {
            final int nameLength = nameEnd - nameStart;
            int at = from;
            while (true) {
                final int open = indexOfLessThan(page, at, end);
                if (open < 0 || open + 2 + nameLength >= end) {
                    return -1;
                }
                if (refuseCommentOpen && startsWith(open + 1, "!--")) {
                    return -1;
                }
                if (page[open + 1] == '/'
                        && equalsIgnoreAsciiCase(open + 2, nameStart, nameLength)
                        && isTagNameEnd(page[open + 2 + nameLength])) {
                    return open;
                }
                at = open + 1;
            }
        }

        /**
         * Reads the attributes after a tag name as the tokenizer does (quoted values may hold
         * '>' and '<'); null where the tag never ends or holds a '<' outside a quoted value,
         * where the parser's reading is not modelled.
         */
        private Tag tag(final int nameStart, final int nameEnd) {
            if (nameEnd >= end || page[nameEnd] == '<') {
                return null;
            }
            int at = nameEnd;
            while (at < end) {
                final byte c = page[at];
                if (isSpace(c)) {
                    at++;
                } else if (c == '>') {
                    return new Tag(at + 1, false);
                } else if (c == '/') {
                    if (at + 1 < end && page[at + 1] == '>') {
                        return new Tag(at + 2, true);
                    }
                    at++;
                } else if (c == '<') {
                    return null;
                } else {
                    at = afterAttribute(at);
                    if (at < 0) {
                        return null;
                    }
                }
            }
            return null;
        }

        /** An attribute from its name's first byte (which may be '=' or a quote); -1 where the scan stops. */
        private int afterAttribute(final int nameStart) {
            int at = nameStart + 1;
            while (at < end && !isSpace(page[at]) && page[at] != '/' && page[at] != '>' && page[at] != '=') {
                if (page[at] == '<') {
                    return -1;
                }
                at++;
            }
            while (at < end && isSpace(page[at])) {
                at++;
            }
            if (at >= end || page[at] != '=') {
                return at;
            }
            at++;
            while (at < end && isSpace(page[at])) {
                at++;
            }
            if (at >= end) {
                return -1;
            }
            final byte quote = page[at];
            if (quote == '"' || quote == '\'') {
                final int closing = indexOfByte(at + 1, quote);
                return closing < 0 ? -1 : closing + 1;
            }
            while (at < end && !isSpace(page[at]) && page[at] != '>') {
                if (page[at] == '<') {
                    return -1;
                }
                at++;
            }
            return at;
        }

        private int tagNameEnd(final int nameStart) {
            int at = nameStart;
            while (at < end && !isTagNameEnd(page[at]) && page[at] != '<') {
                at++;
            }
            return at;
        }

        private int afterByte(final int from, final char wanted) {
            final int found = indexOfByte(from, (byte) wanted);
            return found < 0 ? -1 : found + 1;
        }

        private int indexOfByte(final int from, final byte wanted) {
            return ScriptAndStyleBodies.indexOfByte(page, from, end, wanted);
        }

        private boolean startsWith(final int at, final String ascii) {
            if (at + ascii.length() > end) {
                return false;
            }
            for (int k = 0; k < ascii.length(); k++) {
                if (page[at + k] != ascii.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        private boolean contains(final int from, final int to, final byte[] lowerCase) {
            for (int at = from; at + lowerCase.length <= to; at++) {
                if (equalsIgnoreAsciiCase(at, lowerCase)) {
                    return true;
                }
            }
            return false;
        }

        /** The name in lower case packed into a long, or 0 when it is longer than eight bytes. */
        private long packedName(final int nameStart, final int nameEnd) {
            if (nameEnd - nameStart > Long.BYTES) {
                return 0;
            }
            long packed = 0;
            for (int at = nameStart; at < nameEnd; at++) {
                packed = (packed << Byte.SIZE) | (toLowerAscii(page[at]) & 0xFF);
            }
            return packed;
        }

        private boolean isIntegrationPoint(final int nameStart, final int nameEnd) {
            for (final byte[] point : INTEGRATION_POINTS) {
                if (nameEnd - nameStart == point.length && equalsIgnoreAsciiCase(nameStart, point)) {
                    return true;
                }
            }
            return false;
        }

        private boolean isPlaintext(final int nameStart, final int nameEnd) {
            return nameEnd - nameStart == PLAINTEXT.length && equalsIgnoreAsciiCase(nameStart, PLAINTEXT);
        }

        private boolean equalsIgnoreAsciiCase(final int at, final byte[] lowerCase) {
            for (int k = 0; k < lowerCase.length; k++) {
                if (toLowerAscii(page[at + k]) != lowerCase[k]) {
                    return false;
                }
            }
            return true;
        }

        private boolean equalsIgnoreAsciiCase(final int at, final int other, final int length) {
            for (int k = 0; k < length; k++) {
                if (toLowerAscii(page[at + k]) != toLowerAscii(page[other + k])) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean isOneOf(final long name, final long[] names) {
        for (final long candidate : names) {
            if (name == candidate) {
                return true;
            }
        }
        return false;
    }

    private static long packed(final String lowerCase) {
        long packed = 0;
        for (int k = 0; k < lowerCase.length(); k++) {
            packed = (packed << Byte.SIZE) | lowerCase.charAt(k);
        }
        return packed;
    }

    /** Where a tag's '>' was passed, and whether it closed with "/>". */
    private record Tag(int end, boolean selfClosing) {}

    /** The first '<' in {@code [from, to)}, or -1. */
    static int indexOfLessThan(final byte[] bytes, final int from, final int to) {
        return indexOfByte(bytes, from, to, (byte) '<');
    }

    /** The first {@code wanted} in {@code [from, to)}, or -1; eight bytes per step. */
    static int indexOfByte(final byte[] bytes, final int from, final int to, final byte wanted) {
        final long wantedEightTimes = ONES * (wanted & 0xFF);
        int at = from;
        for (; at + Long.BYTES <= to; at += Long.BYTES) {
            final long difference = (long) EIGHT_BYTES.get(bytes, at) ^ wantedEightTimes;
            // A zero byte in the difference is a wanted byte; the lowest flagged byte is always a true one.
            final long zeros = (difference - ONES) & ~difference & HIGH_BITS;
            if (zeros != 0) {
                return at + (Long.numberOfTrailingZeros(zeros) >>> 3);
            }
        }
        for (; at < to; at++) {
            if (bytes[at] == wanted) {
                return at;
            }
        }
        return -1;
    }

    private static boolean isTagNameEnd(final byte c) {
        return isSpace(c) || c == '/' || c == '>';
    }

    private static boolean isSpace(final byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
    }

    private static boolean isAsciiLetter(final byte c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static byte toLowerAscii(final byte c) {
        return c >= 'A' && c <= 'Z' ? (byte) (c + ('a' - 'A')) : c;
    }

    private static byte[] ascii(final String text) {
        final byte[] bytes = new byte[text.length()];
        for (int k = 0; k < bytes.length; k++) {
            bytes[k] = (byte) text.charAt(k);
        }
        return bytes;
    }
}
