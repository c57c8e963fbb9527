package news.pipeline.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The hostile pages the fault tests feed the pipeline, built in memory. Each is HTML served as text/html. */
public final class HostilePages {
    static final int TEN_MIB = 10 * 1024 * 1024;
    static final int NESTING = 100_000;
    static final int ATTRIBUTES = 1_000_000;
    static final int HUGE_TOKEN_BYTES = 4 * 1024 * 1024;

    private HostilePages() {}

    /** Name to page bytes, in a stable order. */
    public static Map<String, byte[]> all() {
        final Map<String, byte[]> pages = new LinkedHashMap<>();
        pages.put("ten-mib-page", tenMibPage());
        pages.put("deep-nesting", deepNesting());
        pages.put("million-attributes", millionAttributes());
        pages.put("invalid-utf8", invalidUtf8());
        pages.put("huge-repeated-token", hugeRepeatedToken());
        return pages;
    }

    /** A page of 10 MiB: an article of some 25,000 ordinary paragraphs. */
    public static byte[] tenMibPage() {
        final StringBuilder html = new StringBuilder(TEN_MIB + 1024)
                .append("<!doctype html><html lang=en><head><title>The longest report | Example News</title></head>")
                .append("<body><article><h1>The longest report</h1>");
        final String end = "</article></body></html>";
        for (int i = 0; html.length() < TEN_MIB - end.length() - 600; i++) {
            html.append("<p>Section ")
                    .append(i)
                    .append(": delegates from Italy and Spain reviewed the figures for the")
                    .append(" regional budget again on Thursday, and the committee said the audit would continue")
                    .append(" through the winter, with a final report due before the spring session of parliament.")
                    .append(" Observers noted that the numbers had changed little since the previous review.</p>\n");
        }
        while (html.length() < TEN_MIB - end.length()) {
            html.append(' ');
        }
        return html.append(end).toString().getBytes(StandardCharsets.UTF_8);
    }

    /** An article inside 100,000 nested divs. */
    public static byte[] deepNesting() {
        final StringBuilder html = new StringBuilder(NESTING * 11 + 1024)
                .append("<!doctype html><html><head><title>Deep page</title></head><body>");
        html.append("<div>".repeat(NESTING));
        html.append("<p>Negotiators from Italy and Austria agreed on Monday to reopen the border crossing after talks")
                .append(" that lasted through the weekend, officials in both capitals said.</p>");
        html.append("</div>".repeat(NESTING));
        return html.append("</body></html>").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One paragraph tag with a million distinct attributes, then an article. */
    public static byte[] millionAttributes() {
        final StringBuilder html = new StringBuilder(ATTRIBUTES * 6 + 1024)
                .append("<!doctype html><html><head><title>Attribute storm</title></head><body><p");
        for (int i = 0; i < ATTRIBUTES; i++) {
            html.append(" a").append(Integer.toString(i, 36));
        }
        html.append(">Farmers in Portugal and Spain asked their governments on Friday for help with the drought,")
                .append(" which has cut this year's harvest by a third, according to the regional association.</p>")
                .append("</body></html>");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A page declared UTF-8 whose paragraphs carry invalid UTF-8 sequences (overlong, truncated, stray bytes). */
    public static byte[] invalidUtf8() {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(
                "<!doctype html><html><head><meta charset=utf-8><title>Broken bytes</title></head><body><article>"
                        .getBytes(StandardCharsets.UTF_8));
        final byte[][] broken = {
            {(byte) 0xC3, 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF0, 0x28, (byte) 0x8C, 0x28},
            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}
        };
        for (int i = 0; i < 200; i++) {
            out.writeBytes(("<p>Paragraph " + i + ": the minister of Greece told reporters in Athens that the talks ")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(broken[i % broken.length]);
            out.writeBytes(" with Turkey would resume next week, after the holiday, in the same format as before.</p>\n"
                    .getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("</article></body></html>".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** A page whose body is one token of 4 MiB: the same word repeated with no space. */
    public static byte[] hugeRepeatedToken() {
        final String head = "<!doctype html><html><head><title>Token</title></head><body><p>";
        final String tail = "</p></body></html>";
        final String word = "France";
        final StringBuilder html = new StringBuilder(HUGE_TOKEN_BYTES + 128).append(head);
        html.append(word.repeat(HUGE_TOKEN_BYTES / word.length()));
        return html.append(tail).toString().getBytes(StandardCharsets.UTF_8);
    }
}
