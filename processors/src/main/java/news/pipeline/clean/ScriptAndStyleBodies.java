package news.pipeline.clean;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

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

    private static final byte[] FRAMESET_BYTES = ascii("frameset");

    private static final long LINK = packed("link");
    private static final long BODY = packed("body");
    private static final long HTML = packed("html");
    /**
     * What the parser may put in the head: until another start tag puts it in the body, whitespace
     * and comments beside a removed element would land elsewhere (in the head, or before the html
     * element) than without it.
     */
    private static final long[] HEAD_CONTENT = {
        packed("html"), packed("head"), packed("base"), packed("basefont"), packed("bgsound"), packed("link"),
        packed("meta"), packed("noframes"), packed("script"), packed("style"), packed("template"), packed("title"),
        packed("noscript")
    };

    private static final byte[] CANONICAL = ascii("canonical");
    /** How far back before a removed element the scan looks for a '&' in the text; further, it keeps the element. */
    private static final int MAX_TEXT_LOOKBACK = 256;

    /**
     * Page furniture the cleaner skips whole: their content is emptied (the element stays) when the
     * scan can tell the parser would keep it inside them.
     */
    private static final long[] FURNITURE = {packed("nav"), packed("footer"), packed("aside")};
    /** Elements that never hold content, as the parser knows them: no end tag to wait for. */
    private static final long[] VOID = {
        packed("area"), packed("base"), packed("basefont"), packed("bgsound"), packed("br"), packed("col"),
        packed("embed"), packed("frame"), packed("hr"), packed("img"), packed("input"), packed("keygen"),
        packed("link"), packed("meta"), packed("param"), packed("source"), packed("track"), packed("wbr")
    };
    /**
     * Inside furniture these, and {@link #TABLE_PARTS}, keep it as it is: what the metadata reads (meta, link, base, time,
     * h1, article, title), what the parser applies beyond the element or to a part of the tree before it
     * (html, head, body, template, tables and their parts, select and its options, ruby parts whose
     * start tags look down the stack, objects that set markers), raw text it may read otherwise
     * (xmp, noembed, noframes), and names it treats in its own way (image, isindex, nobr, math, and
     * the void command, device, menuitem). Iframe and textarea text, and noscript (an island of its
     * own in jsoup), stay inside.
     */
    private static final long[] KEEPS_FURNITURE = {
        packed("meta"),
        packed("link"),
        packed("base"),
        packed("time"),
        packed("h1"),
        packed("article"),
        packed("title"),
        packed("html"),
        packed("head"),
        packed("body"),
        packed("template"),
        packed("frameset"),
        packed("frame"),
        packed("noframes"),
        packed("col"),
        packed("select"),
        packed("option"),
        packed("optgroup"),
        packed("xmp"),
        packed("noembed"),
        packed("applet"),
        packed("marquee"),
        packed("object"),
        packed("math"),
        packed("nobr"),
        packed("rb"),
        packed("rp"),
        packed("rt"),
        packed("rtc"),
        packed("image"),
        packed("isindex"),
        packed("command"),
        packed("device"),
        packed("menuitem"),
        packed("basefont"),
        packed("bgsound")
    };
    /** Tables and their parts: they keep furniture, and an out-of-order close of one makes the model unsure. */
    private static final long[] TABLE_PARTS = {
        packed("table"),
        packed("caption"),
        packed("colgroup"),
        packed("tbody"),
        packed("thead"),
        packed("tfoot"),
        packed("tr"),
        packed("td"),
        packed("th")
    };
    /** Start tags that close an open p first (the parser's "close a p element" in body). */
    private static final long[] CLOSES_P = {
        packed("address"),
        packed("article"),
        packed("aside"),
        packed("blockquote"),
        packed("center"),
        packed("details"),
        packed("dialog"),
        packed("dir"),
        packed("div"),
        packed("dl"),
        packed("fieldset"),
        packed("figcaption"),
        packed("figure"),
        packed("footer"),
        packed("header"),
        packed("hgroup"),
        packed("main"),
        packed("menu"),
        packed("nav"),
        packed("ol"),
        packed("p"),
        packed("search"),
        packed("section"),
        packed("summary"),
        packed("ul"),
        packed("h1"),
        packed("h2"),
        packed("h3"),
        packed("h4"),
        packed("h5"),
        packed("h6"),
        packed("pre"),
        packed("listing"),
        packed("hr"),
        packed("form"),
        packed("table"),
        packed("xmp"),
        packed("li"),
        packed("dd"),
        packed("dt")
    };

    private static final long[] HEADINGS = {
        packed("h1"), packed("h2"), packed("h3"), packed("h4"), packed("h5"), packed("h6")
    };
    /**
     * Formatting elements: while one is open around furniture, the parser may rebuild it inside and
     * after the furniture, so the furniture is left whole.
     */
    private static final long[] FORMATTING = {
        packed("a"), packed("b"), packed("big"), packed("code"), packed("em"), packed("font"), packed("i"),
        packed("nobr"), packed("s"), packed("small"), packed("strike"), packed("strong"), packed("tt"), packed("u")
    };
    /**
     * Elements that the parser may keep open, or rebuild, when an end tag closes them out of order
     * (or whose end tag it may ignore there), with {@link #TABLE_PARTS}: once the model has closed one
     * so, it no longer knows what is open, and empties nothing more on the page.
     */
    private static final long[] OUT_OF_ORDER_UNSURE = {
        packed("button"),
        packed("form"),
        packed("select"),
        packed("option"),
        packed("optgroup"),
        packed("template"),
        packed("object"),
        packed("applet"),
        packed("marquee"),
        packed("svg"),
        packed("math"),
        packed("noscript"),
        packed("ul"),
        packed("ol")
    };
    /** HTML names whose start tag inside SVG or MathML makes the parser leave it (font only with attributes). */
    private static final long[] BREAKS_OUT_OF_FOREIGN = {
        packed("b"),
        packed("big"),
        packed("blockquote"),
        packed("body"),
        packed("br"),
        packed("center"),
        packed("code"),
        packed("dd"),
        packed("div"),
        packed("dl"),
        packed("dt"),
        packed("em"),
        packed("embed"),
        packed("h1"),
        packed("h2"),
        packed("h3"),
        packed("h4"),
        packed("h5"),
        packed("h6"),
        packed("head"),
        packed("hr"),
        packed("i"),
        packed("img"),
        packed("li"),
        packed("listing"),
        packed("menu"),
        packed("meta"),
        packed("nobr"),
        packed("ol"),
        packed("p"),
        packed("pre"),
        packed("ruby"),
        packed("s"),
        packed("small"),
        packed("span"),
        packed("strike"),
        packed("strong"),
        packed("sub"),
        packed("sup"),
        packed("table"),
        packed("tt"),
        packed("u"),
        packed("ul"),
        packed("var"),
        packed("font")
    };
    /** The SVG of icons and logos, which furniture may hold and still be emptied; other SVG keeps it. */
    private static final long[] PLAIN_SVG = {
        packed("svg"),
        packed("g"),
        packed("path"),
        packed("use"),
        packed("symbol"),
        packed("defs"),
        packed("circle"),
        packed("rect"),
        packed("line"),
        packed("polyline"),
        packed("polygon"),
        packed("ellipse"),
        packed("lineargradient"),
        packed("radialgradient"),
        packed("stop"),
        packed("clippath"),
        packed("mask"),
        packed("pattern"),
        packed("image"),
        packed("text"),
        packed("tspan"),
        packed("title")
    };

    private static final long FORM = packed("form");
    /** A button's start tag closes a button open around it: with one open, a button in furniture keeps it. */
    private static final long BUTTON = packed("button");

    private static final long BR = packed("br");
    private static final long P = packed("p");
    private static final long A = packed("a");
    private static final long LI = packed("li");
    private static final long DD = packed("dd");
    private static final long DT = packed("dt");
    private static final long UL = packed("ul");
    private static final long OL = packed("ol");
    private static final long DL = packed("dl");
    private static final long TABLE = packed("table");
    private static final long TEMPLATE = packed("template");
    private static final long NOSCRIPT = packed("noscript");
    private static final long PRE = packed("pre");
    private static final long COL = packed("col");
    private static final long LISTING = packed("listing");

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
    /** Microdata the metadata reads (author, dates) may sit in any element. */
    private static final byte[] ITEMPROP = ascii("itemprop");
    /** The microdata properties the metadata reads (author, dates). */
    private static final byte[][] ITEMPROPS_READ = {ascii("author"), ascii("datepublished"), ascii("datemodified")};
    /** A script whose tag names JSON keeps its body: the metadata reads JSON-LD. */
    private static final byte[] JSON = ascii("json");

    private ScriptAndStyleBodies() {}

    /**
     * The page from {@code start} (past a byte-order mark) with script and style bodies cut out,
     * as the ranges of the page that remain; one range when nothing was cut.
     */
    static ByteRanges cut(final byte[] page, final int start) {
        final Scan scan = new Scan(page, start, true);
        final ByteRanges kept = scan.run();
        if (scan.emptiedFurniture && scan.stoppedAt >= 0 && containsFrameset(page, scan.stoppedAt)) {
            // Text or an image in emptied furniture may be what kept the parser from replacing the
            // body with a frameset (its frameset-ok flag): a page with one where the scan stopped, or
            // after that, is cut again with no emptying.
            return new Scan(page, start, false).run();
        }
        return kept;
    }

    private static boolean containsFrameset(final byte[] page, final int from) {
        for (int at = from; at + FRAMESET_BYTES.length <= page.length; at++) {
            int k = 0;
            while (k < FRAMESET_BYTES.length && toLowerAscii(page[at + k]) == FRAMESET_BYTES[k]) {
                k++;
            }
            if (k == FRAMESET_BYTES.length) {
                return true;
            }
        }
        return false;
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
        /**
         * The SVG or MathML element open whose content the parser reads as HTML, 0 when none; only
         * one can be, as any tag inside it stops the scan, and only its own end tag closes it.
         */
        private long integrationPoint;

        private boolean inSelect;
        /** The open elements as far as the scan can tell, to know which furniture it may empty. */
        private final OpenElements elements;

        /** Where the scan stopped following the parser, -1 when it read the page to its end. */
        private int stoppedAt = -1;

        private boolean emptiedFurniture;
        /**
         * Where the parser puts what comes next, as far as the removal of elements needs to know: the
         * whitespace and comments beside a removed element must land where they would have.
         */
        private Placement placement = Placement.BEFORE_HEAD;
        /** Where the content of the furniture being read starts, and the kept ranges then. */
        private int furnitureContent;

        private int rangesBeforeFurniture;
        private int keptUpToBeforeFurniture;

        Scan(final byte[] page, final int start, final boolean mayEmptyFurniture) {
            this.page = page;
            this.start = start;
            this.end = page.length;
            this.kept = new ByteRanges(page);
            this.keptUpTo = start;
            this.elements = new OpenElements(mayEmptyFurniture);
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
                    stoppedAt = open;
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
            final long name = nameCode(page, nameStart, nameEnd);
            if (name == integrationPoint) {
                integrationPoint = 0;
            }
            endOf(open, name, isAscii(nameStart, nameEnd));
            if (name == BODY || name == HTML) {
                placement = Placement.AFTER_BODY;
            }
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
            if (integrationPoint != 0) {
                // Markup inside an SVG or MathML element whose content is HTML: the parser may then
                // ignore a closing </svg> or </math>, and the scan's count of them would be wrong.
                return -1;
            }
            final boolean foreign = svgDepth > 0 || mathDepth > 0;
            final long name = nameCode(page, nameStart, nameEnd);
            startOf(open, tag, name, foreign, isAscii(nameStart, nameEnd));
            if (elements.nearTheParsersDepthLimit()) {
                // There the parser drops elements to stay under its limit (an svg or select among them),
                // which the scan does not follow.
                return -1;
            }
            if (foreign && !tag.selfClosing && isIntegrationPoint(nameStart, nameEnd)) {
                integrationPoint = name;
                return tag.end;
            }
            if (name == COL && elements.inTemplate()) {
                // In a template a col puts the parser in column group mode, where it ignores script
                // and style start tags and reads their text as markup.
                return -1;
            }
            if ((NameKinds.of(name) & NameKinds.HEAD_CONTENT) == 0) {
                if (!elements.inNoscript()) {
                    // In a noscript in the head jsoup keeps body elements and stays in the head.
                    placement = Placement.BODY;
                }
            } else if (name != SCRIPT && name != STYLE && name != LINK) {
                // Removable ones move it only when kept; see keptHeadContent.
                keptHeadContent(name);
            }
            if (name == SVG) {
                svgDepth += tag.selfClosing ? 0 : 1;
                return tag.end;
            }
            if (name == MATH) {
                mathDepth += tag.selfClosing ? 0 : 1;
                return tag.end;
            }
            if (name == FRAMESET) {
                return -1;
            }
            if (isPlaintext(nameStart, nameEnd)) {
                return -1;
            }
            final boolean script = name == SCRIPT;
            final boolean style = name == STYLE;
            final boolean textOnly = (NameKinds.of(name) & NameKinds.TEXT_ONLY) != 0;
            if (!script && !style && !textOnly) {
                if (name == SELECT) {
                    inSelect = true;
                } else if (name == LINK
                        && mayRemoveElementAt(open, tag.end, false)
                        && !contains(open, tag.end, CANONICAL)
                        && !mayHoldReference(open, tag.end)) {
                    // The metadata reads only the canonical link: the others go whole.
                    kept.add(keptUpTo, open);
                    keptUpTo = tag.end;
                } else if (name == LINK) {
                    keptHeadContent(name);
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
            if ((script && !mayNameJson(open, tag.end)) || style) {
                final int afterEndTag = afterEndTag(close, nameEnd - nameStart);
                if (afterEndTag > 0 && mayRemoveElementAt(open, afterEndTag, true)) {
                    // Where the parser does nothing with the element but insert it, it goes whole.
                    kept.add(keptUpTo, open);
                    keptUpTo = afterEndTag;
                    return close;
                }
                kept.add(keptUpTo, tag.end);
                keptUpTo = close;
            }
            keptHeadContent(name);
            return close;
        }

        /** A kept element the parser may put in the head: it opens the head, or, after the body, reopens the body. */
        private void keptHeadContent(final long name) {
            if (name == HTML || elements.inNoscript()) {
                return;
            }
            if (placement == Placement.BEFORE_HEAD) {
                placement = Placement.HEAD;
            } else if (placement == Placement.AFTER_BODY) {
                placement = Placement.BODY;
            }
        }

        /**
         * Whether a script, style or link element from {@code open} to {@code after} may go whole: in
         * the head and body the parser inserts these where they stand and does nothing else with them
         * (not before the head exists, nor after the body's end, where it places comments and
         * whitespace by other rules), except in tables (where text around them is placed by other
         * rules), selects, foreign content, a noscript (whose head form such a start tag closes),
         * right inside a pre or listing (whose first newline the parser drops), and where the model is
         * unsure. The text on either side then joins: not where that could make a character reference
         * or a tag of it, nor, in the head, move whitespace to the body.
         */
        private boolean mayRemoveElementAt(final int open, final int after, final boolean pushed) {
            if (placement == Placement.BEFORE_HEAD
                    || placement == Placement.AFTER_BODY
                    || svgDepth > 0
                    || mathDepth > 0
                    || inSelect
                    || !elements.mayRemoveElements(pushed)) {
                return false;
            }
            if (placement == Placement.HEAD) {
                // Whitespace before it stays in the head, while text after it goes to the body;
                // without the element the two would go together: so, a tag just before it, or
                // whitespace on both sides and a tag after it.
                // jsoup splits whitespace off the text that follows, but not after a "</>" (dropped
                // without a token) nor when the text holds a NUL: then it would take the whitespace
                // before a removed element to the body with it.
                return open > start && page[open - 1] == '>' && !afterEmptyEndTag(open) && !nulInTextAt(after)
                        || onlySpaceAround(open, after);
            }
            if (open > 0 && page[open - 1] == '<') {
                return false;
            }
            // Back to the last '>': no '&' may start a reference the text after would continue.
            final int from = Math.max(start, open - MAX_TEXT_LOOKBACK);
            for (int at = open - 1; at >= from; at--) {
                if (page[at] == '>') {
                    return true;
                }
                if (page[at] == '&') {
                    return false;
                }
            }
            return from == start;
        }

        /** Whether a script tag names JSON, or holds a character reference that could spell it. */
        private boolean mayNameJson(final int from, final int to) {
            return contains(from, to, JSON) || mayHoldReference(from, to);
        }

        /**
         * Whether a tag holds a '&': a character reference there could spell a name the scan looks
         * for (json, canonical, an itemprop), so the scan treats the tag as if it did.
         */
        private boolean mayHoldReference(final int from, final int to) {
            return ScriptAndStyleBodies.indexOfByte(page, from, to, (byte) '&') >= 0;
        }

        /** Whether the text from {@code at} to the next '<' holds a NUL. */
        private boolean nulInTextAt(final int at) {
            final int next = indexOfLessThan(page, at, end);
            return ScriptAndStyleBodies.indexOfByte(page, at, next < 0 ? end : next, (byte) 0) >= 0;
        }

        /** Whether the bytes just before {@code at} are {@code </>}, which the tokenizer drops without a token. */
        private boolean afterEmptyEndTag(final int at) {
            return at - 3 >= start && page[at - 1] == '>' && page[at - 2] == '/' && page[at - 3] == '<';
        }

        /** Whether only whitespace stands between the last '>' and {@code open}, and between {@code after} and a tag. */
        private boolean onlySpaceAround(final int open, final int after) {
            int at = open - 1;
            while (at >= start && isSpace(page[at])) {
                at--;
            }
            if (at < start || page[at] != '>' || afterEmptyEndTag(at + 1)) {
                return false;
            }
            at = after;
            while (at < end && isSpace(page[at])) {
                at++;
            }
            if (at + 1 >= end || page[at] != '<') {
                return false;
            }
            final byte next = page[at + 1];
            return isAsciiLetter(next) || next == '/' || next == '!' || next == '?';
        }

        /** Past the '>' of the end tag at {@code close} of a name {@code nameLength} long; -1 when it never ends. */
        private int afterEndTag(final int close, final int nameLength) {
            final int nameEnd = close + 2 + nameLength;
            final Tag endTag = tag(nameEnd, nameEnd);
            return endTag == null ? -1 : endTag.end;
        }

        /** Follows a start tag: the furniture it opens is remembered, to be emptied at its end tag. */
        private void startOf(
                final int open, final Tag tag, final long name, final boolean foreign, final boolean asciiName) {
            // Only furniture being read needs the look at the tag's attributes.
            final boolean readByMetadata = elements.readingFurniture()
                    && (readsItemprop(open, tag.end) || name == SCRIPT && mayNameJson(open, tag.end));
            if (elements.start(name, tag.selfClosing, foreign, inSelect, readByMetadata, asciiName)) {
                furnitureContent = tag.end;
                rangesBeforeFurniture = kept.count();
                keptUpToBeforeFurniture = keptUpTo;
            }
        }

        /** Follows an end tag: when it closes furniture that may be emptied, its content goes. */
        private void endOf(final int open, final long name, final boolean asciiName) {
            if (elements.end(name, svgDepth > 0 || mathDepth > 0, asciiName)) {
                emptiedFurniture = true;
                // Script bodies cut inside it go with the rest of its content.
                kept.truncate(rangesBeforeFurniture);
                kept.add(keptUpToBeforeFurniture, furnitureContent);
                keptUpTo = open;
            }
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

        /**
         * Whether the tag may carry microdata the metadata reads: an itemprop with author,
         * datePublished or dateModified anywhere in the tag, or a character reference that could
         * spell one.
         */
        private boolean readsItemprop(final int from, final int to) {
            if (!contains(from, to, ITEMPROP)) {
                return false;
            }
            for (final byte[] value : ITEMPROPS_READ) {
                if (contains(from, to, value)) {
                    return true;
                }
            }
            return mayHoldReference(from, to);
        }

        private boolean contains(final int from, final int to, final byte[] lowerCase) {
            for (int at = from; at + lowerCase.length <= to; at++) {
                if (equalsIgnoreAsciiCase(at, lowerCase)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether the name is all ASCII: the parser lower-cases others in ways the scan does not follow (K as KELVIN SIGN). */
        private boolean isAscii(final int nameStart, final int nameEnd) {
            for (int at = nameStart; at < nameEnd; at++) {
                if (page[at] < 0) {
                    return false;
                }
            }
            return true;
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

    /**
     * What the scan needs to know of an element's name, from a small hash table: every start and
     * end tag asks, and comparing with each list in turn made the scan a quarter slower.
     */
    private static final class NameKinds {
        static final int VOID = 1;
        static final int FORMATTING = 1 << 1;
        static final int KEEPS_FURNITURE = 1 << 2;
        static final int FURNITURE = 1 << 3;
        static final int TEXT_ONLY = 1 << 4;
        static final int CLOSES_P = 1 << 5;
        static final int HEADING = 1 << 6;
        static final int OUT_OF_ORDER_UNSURE = 1 << 7;
        static final int BREAKS_OUT_OF_FOREIGN = 1 << 8;
        static final int PLAIN_SVG = 1 << 9;
        static final int HEAD_CONTENT = 1 << 10;
        /** A power of two, well above twice the names. */
        private static final int SIZE = 512;

        private static final long[] NAMES = new long[SIZE];
        private static final int[] KINDS = new int[SIZE];

        static {
            add(ScriptAndStyleBodies.VOID, VOID);
            add(ScriptAndStyleBodies.FORMATTING, FORMATTING);
            add(ScriptAndStyleBodies.KEEPS_FURNITURE, KEEPS_FURNITURE);
            add(ScriptAndStyleBodies.FURNITURE, FURNITURE);
            add(ScriptAndStyleBodies.TEXT_ONLY, TEXT_ONLY);
            add(ScriptAndStyleBodies.CLOSES_P, CLOSES_P);
            add(ScriptAndStyleBodies.HEADINGS, HEADING);
            add(ScriptAndStyleBodies.OUT_OF_ORDER_UNSURE, OUT_OF_ORDER_UNSURE);
            add(ScriptAndStyleBodies.TABLE_PARTS, KEEPS_FURNITURE | OUT_OF_ORDER_UNSURE);
            add(ScriptAndStyleBodies.BREAKS_OUT_OF_FOREIGN, BREAKS_OUT_OF_FOREIGN);
            add(ScriptAndStyleBodies.PLAIN_SVG, PLAIN_SVG);
            add(ScriptAndStyleBodies.HEAD_CONTENT, HEAD_CONTENT);
        }

        private NameKinds() {}

        static int of(final long name) {
            for (int slot = slot(name); ; slot = (slot + 1) & (SIZE - 1)) {
                if (NAMES[slot] == name) {
                    return KINDS[slot];
                }
                if (NAMES[slot] == 0) {
                    return 0;
                }
            }
        }

        private static void add(final long[] names, final int kind) {
            for (final long name : names) {
                int slot = slot(name);
                while (NAMES[slot] != 0 && NAMES[slot] != name) {
                    slot = (slot + 1) & (SIZE - 1);
                }
                NAMES[slot] = name;
                KINDS[slot] |= kind;
            }
        }

        private static int slot(final long name) {
            return (int) ((name * 0x9E3779B97F4A7C15L) >>> 55);
        }
    }

    private static long packed(final String lowerCase) {
        final byte[] name = ascii(lowerCase);
        return nameCode(name, 0, name.length);
    }

    /**
     * The name in lower case packed into a long; a longer name (a custom element's) as a hash of it
     * with the top bit set, which no packed ASCII name has.
     */
    private static long nameCode(final byte[] bytes, final int nameStart, final int nameEnd) {
        if (nameEnd - nameStart > Long.BYTES) {
            long hash = 0xcbf29ce484222325L;
            for (int at = nameStart; at < nameEnd; at++) {
                hash = (hash ^ (toLowerAscii(bytes[at]) & 0xFF)) * 0x100000001b3L;
            }
            return hash | Long.MIN_VALUE;
        }
        long packed = 0;
        for (int at = nameStart; at < nameEnd; at++) {
            packed = (packed << Byte.SIZE) | (toLowerAscii(bytes[at]) & 0xFF);
        }
        return packed;
    }

    /**
     * The elements open at a point of the page, as the start and end tags tell them, kept to decide
     * which furniture (nav, footer, aside) may be emptied so that the parser builds everything
     * outside it as it would have. The model does not follow every rule of the parser (implied end
     * tags, for one), so it holds to what it can vouch for:
     *
     * <ul>
     *   <li>Inside the furniture, the parser must do nothing but open and close elements in order:
     *       every element closed by its own end tag, no name whose start tag looks down the stack or
     *       acts beyond the element ({@link #KEEPS_FURNITURE}), no start tag that would close an
     *       element opened in it (a p-closer while a p is open, a heading in a heading, a list item
     *       outside its list, a link in a link, a button or form while one is open), only the SVG of
     *       icons, nothing the metadata reads, and no deeper than {@link #MAX_EMPTYING_DEPTH}.
     *   <li>Around it, nothing that makes the parser act on content beyond its element: no
     *       formatting element, table, select, noscript or foreign content open.
     *   <li>On the page, nothing after which the model no longer knows what is open: a template,
     *       leaving SVG or MathML by an HTML start tag, a name the parser lower-cases otherwise, or an
     *       end tag closing out of order an element whose fate then depends on rules not modelled
     *       ({@link #OUT_OF_ORDER_UNSURE}, formatting elements, forms). From there it empties nothing.
     * </ul>
     */
    private static final class OpenElements {
        /** Deeper than this the model stops; a real page is far shallower. */
        private static final int MAX_DEPTH = 4096;
        /**
         * Furniture is emptied only while the model, with its {@link #uncertainPops}, is shallower
         * than this: the cleaner's parser moves content out of elements at depth 256, and may hold
         * a few more elements than the model counts even so (html and body, implied table sections).
         */
        private static final int MAX_EMPTYING_DEPTH = 160;
        /** Where the scan stops altogether; see {@link #nearTheParsersDepthLimit()}. */
        private static final int MAX_SCAN_DEPTH = 200;

        private long[] names = new long[64];
        private int depth;
        private int formatting;
        private int tables;
        private int buttons;
        private int noscripts;
        private int templates;
        private int paragraphs;
        private int headings;
        private int anchors;
        /** Where the lowest open svg or math element stands, -1 when none. */
        private int foreignBase = -1;
        /**
         * Elements the model popped that the parser may still hold: those closed by an end tag out
         * of order (the parser ignores some, and never pops for {@code </body>}), and then any popped
         * below where that happened (their end tags may stop at one the parser kept). The parser's
         * depth is at most the model's plus these (and html, body), which keeps emptying away from
         * its depth limit.
         */
        private int uncertainPops;
        /** Below this index a pop is uncertain too; see {@link #uncertainPops}. */
        private int uncertainBelow;

        private boolean poppingOutOfOrder;
        /**
         * The parser's form element pointer: set by a form's start tag, cleared only by a form's
         * end tag, whatever closes the element. A form tag in furniture while it is set would change
         * what the parser does with forms after the furniture.
         */
        private boolean formPointer;
        /** Set when the model can no longer vouch for what is open: nothing more is emptied. */
        private boolean unsure;
        /** The index of the furniture being read, else -1. */
        private int furniture = -1;

        private boolean emptiable;
        private boolean formPointerBefore;
        private int paragraphsBefore;
        private int headingsBefore;
        private int anchorsBefore;

        OpenElements(final boolean mayEmptyFurniture) {
            this.unsure = !mayEmptyFurniture;
        }

        boolean inTemplate() {
            return templates > 0;
        }

        boolean inNoscript() {
            return noscripts > 0;
        }

        /** Whether a script, style or link element here may go whole; see {@code Scan.mayRemoveElementAt}; {@code pushed} when the element is on the stack already. */
        boolean mayRemoveElements(final boolean pushed) {
            if (unsure || tables > 0 || noscripts > 0) {
                return false;
            }
            final int parent = depth - (pushed ? 2 : 1);
            return parent < 0 || names[parent] != PRE && names[parent] != LISTING;
        }

        /** Whether the parser may be about to drop elements for depth (at 256 in the cleaner). */
        boolean nearTheParsersDepthLimit() {
            return reach() >= MAX_SCAN_DEPTH;
        }

        /** The most elements the parser may hold open, html and body aside. */
        private int reach() {
            return depth + uncertainPops;
        }

        /** Whether furniture is being read, and may still be emptied. */
        boolean readingFurniture() {
            return furniture >= 0 && emptiable;
        }

        /** Whether this start tag opens furniture that may be emptied. */
        boolean start(
                final long name,
                final boolean selfClosing,
                final boolean foreign,
                final boolean inSelect,
                final boolean readByMetadata,
                final boolean asciiName) {
            final int kinds = NameKinds.of(name);
            // A noscript in a noscript: jsoup then closes more than the model does.
            if (!asciiName
                    || name == TEMPLATE
                    || name == NOSCRIPT && noscripts > 0
                    || foreign && (kinds & NameKinds.BREAKS_OUT_OF_FOREIGN) != 0) {
                unsure = true;
            }
            if (readingFurniture() && keepsFurniture(name, kinds, selfClosing, foreign, readByMetadata, asciiName)) {
                emptiable = false;
            }
            // Void elements have no end tag; in SVG and MathML (and for svg and math themselves)
            // "/>" closes the element, while in HTML the parser ignores it.
            if (!foreign && (kinds & NameKinds.VOID) != 0 || selfClosing && (foreign || name == SVG || name == MATH)) {
                return false;
            }
            if (depth == MAX_DEPTH) {
                unsure = true;
                emptiable = false;
                return false;
            }
            push(name, kinds);
            if (name == FORM) {
                formPointer = true;
            }
            if (furniture >= 0) {
                emptiable &= reach() <= MAX_EMPTYING_DEPTH;
                return false;
            }
            if ((kinds & NameKinds.FURNITURE) == 0
                    || unsure
                    || foreign
                    || inSelect
                    || foreignBase >= 0
                    || formatting > 0
                    || tables > 0
                    || noscripts > 0
                    || reach() > MAX_EMPTYING_DEPTH) {
                return false;
            }
            furniture = depth - 1;
            emptiable = true;
            formPointerBefore = formPointer;
            paragraphsBefore = paragraphs;
            headingsBefore = headings;
            anchorsBefore = anchors;
            return true;
        }

        /** Whether this start tag, inside furniture, makes the parser do more than open an element. */
        private boolean keepsFurniture(
                final long name,
                final int kinds,
                final boolean selfClosing,
                final boolean foreign,
                final boolean readByMetadata,
                final boolean asciiName) {
            if (readByMetadata || !asciiName) {
                return true;
            }
            if (foreign) {
                return (kinds & NameKinds.PLAIN_SVG) == 0;
            }
            if (selfClosing && (kinds & NameKinds.VOID) == 0 && name != SVG) {
                // The parser ignores "/>" on HTML elements, but not on names it does not know.
                return true;
            }
            if ((kinds & NameKinds.KEEPS_FURNITURE) != 0) {
                return true;
            }
            if ((kinds & NameKinds.CLOSES_P) != 0 && paragraphs > paragraphsBefore
                    || (kinds & NameKinds.HEADING) != 0 && headings > headingsBefore) {
                return true;
            }
            final long current = names[depth - 1];
            if (name == LI) {
                // The parser looks down the stack for a list item to close, up to the list.
                return current != UL && current != OL;
            }
            if (name == DD || name == DT) {
                return current != DL;
            }
            return name == A && anchors > anchorsBefore || name == BUTTON && buttons > 0 || name == FORM && formPointer;
        }

        /** Whether this end tag closes furniture whose content is to be emptied. */
        boolean end(final long name, final boolean foreign, final boolean asciiName) {
            final int kinds = NameKinds.of(name);
            if (!asciiName) {
                unsure = true;
            }
            if (name == FORM) {
                emptiable &= !(furniture >= 0 && formPointerBefore);
                // In a noscript jsoup restores, at its end, the pointer it had at its start.
                formPointer &= noscripts > 0;
            }
            int at = depth - 1;
            while (at >= 0 && names[at] != name) {
                at--;
            }
            if (at < 0) {
                // A stray end tag: the parser ignores it, makes an element of it ("</p>", "</br>") or
                // closes an element the model no longer counts; a void element's, but br's, it ignores.
                // In SVG or MathML, "</p>" and "</br>" leave foreign content.
                unsure |= foreign && (name == P || name == BR);
                emptiable &= !foreign && (kinds & NameKinds.VOID) != 0 && name != BR;
                return false;
            }
            final boolean inOrder = at == depth - 1;
            // In SVG and MathML an end tag closes the foreign elements above its own, as the model does.
            poppingOutOfOrder = !inOrder && !(foreignBase >= 0 && at >= foreignBase);
            if (poppingOutOfOrder) {
                emptiable = false;
                unsure |= (kinds & NameKinds.FORMATTING) != 0 || name == FORM;
                for (int k = at + 1; k < depth; k++) {
                    unsure |= (NameKinds.of(names[k]) & (NameKinds.FORMATTING | NameKinds.OUT_OF_ORDER_UNSURE)) != 0;
                }
            }
            while (depth > at) {
                pop();
            }
            if (poppingOutOfOrder) {
                uncertainBelow = Math.max(uncertainBelow, at);
                poppingOutOfOrder = false;
            }
            if (furniture >= 0 && depth <= furniture) {
                final boolean empty = inOrder && at == furniture && emptiable && !unsure;
                furniture = -1;
                return empty;
            }
            return false;
        }

        private void push(final long name, final int kinds) {
            if (depth == names.length) {
                names = Arrays.copyOf(names, depth * 2);
            }
            if ((name == SVG || name == MATH) && foreignBase < 0) {
                foreignBase = depth;
            }
            names[depth++] = name;
            count(name, kinds, 1);
        }

        private void pop() {
            final long name = names[--depth];
            if (poppingOutOfOrder) {
                uncertainPops++;
            } else if (depth < uncertainBelow) {
                uncertainPops++;
                uncertainBelow = depth;
            }
            if (depth == foreignBase) {
                foreignBase = -1;
            }
            count(name, NameKinds.of(name), -1);
        }

        private void count(final long name, final int kinds, final int change) {
            if ((kinds & NameKinds.FORMATTING) != 0) {
                formatting += change;
                if (name == A) {
                    anchors += change;
                }
            } else if ((kinds & NameKinds.HEADING) != 0) {
                headings += change;
            } else if (name == P) {
                paragraphs += change;
            } else if (name == TABLE) {
                tables += change;
            } else if (name == BUTTON) {
                buttons += change;
            } else if (name == NOSCRIPT) {
                noscripts += change;
            } else if (name == TEMPLATE) {
                templates += change;
            }
        }
    }

    /** Where the parser puts what comes next, as the removal of elements needs to know it. */
    private enum Placement {
        /** No head yet: whitespace is dropped and comments go to the document or html element. */
        BEFORE_HEAD,
        /** In the head, or just after it. */
        HEAD,
        /** In the body for certain: after a start tag of what the parser never puts in the head. */
        BODY,
        /** After {@code </body>} or {@code </html>}, until a start tag brings the parser back to the body. */
        AFTER_BODY
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
