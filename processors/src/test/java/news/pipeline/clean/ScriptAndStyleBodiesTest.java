package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cut must never change what the parser builds, script and style data aside: each case is
 * parsed whole and cut, and the two trees must print the same once script and style data is
 * removed from both. Cases that the scan does not model must be left as they are from there on.
 */
class ScriptAndStyleBodiesTest {
    /** Markup that tests the scan's reading of the tokenizer, each with a script or style after it. */
    private static final List<String> TRICKY = List.of(
            "<p>a</p><script>var a = 1 < 2 && '</p>';</script><p>b</p>",
            "<style>p > a { color: red }</style><p>text</p>",
            "<SCRIPT type=\"text/javascript\">x()</SCRIPT ><p>after</p>",
            "<script>document.write('</scr' + 'ipt>')</script><p>after</p>",
            "<script>if (a) { s = '<!--'; } <script>nested</script></script><p>t</p><script>late()</script>",
            "<script><!-- hide( '<script>x</script>' ) --></script><p>t</p><script>late()</script>",
            "<!-- <script>in a comment</script> --><script>real()</script><p>t</p>",
            "<!--> <script>after an abrupt comment</script><p>t</p>",
            "<!---> <script>after an abrupt comment</script><p>t</p>",
            "<!--!> <script>still in the comment</script> --><script>out()</script><p>t</p>",
            "<!-- a --!> <script>after a bang comment end</script><p>t</p>",
            "<a title=\"<script>not a tag</script>\" href=x>link</a><script>real()</script>",
            "<a title='x > y' data-x=\"<style>\">link</a><style>.a{}</style><p>t</p>",
            "<a href=x title=<script>unquoted</a><script>after()</script><p>t</p>",
            "<a b=\"c\"d='e'>attrs run together</a><script>x()</script>",
            "<a \"quoted-name\"=1 'other'>x</a><script>y()</script>",
            "<div <script>x()</script><p>t</p>",
            "<div a<b><script>x()</script><p>t</p>",
            "<title>A <script>title</script> B</title><script>x()</script><p>t</p>",
            "<textarea><script>not a script</script></textarea><script>x()</script>",
            "<xmp><script>raw</script></xmp><script>x()</script>",
            "<iframe><script>raw</script></iframe><script>x()</script>",
            "<noscript><script>inside noscript</script><p>fallback</p></noscript><script>x()</script>",
            "<noembed><style>x</style></noembed><style>y{}</style>",
            "<noframes><script>x</script></noframes><script>y()</script>",
            "<template><script>in a template</script><p>t</p></template><script>x()</script>",
            "<svg><style>.c{fill:red}</style><path d='M0 0'/></svg><script>after()</script><p>t</p>",
            "<svg><style>a<b</style></svg><script>x()</script><p>t</p>",
            "<svg><script>if (a < b) {}</script></svg><script>x()</script>",
            "<svg><title>Icon</title><p>breaks out</p><style>p{}</style></svg><script>x()</script>",
            "<math><mi>x</mi><script><b>bold</b></script></math><script>x()</script>",
            "<svg/><script>after a self-closed svg</script><p>t</p>",
            "<svg><foreignObject><div></svg></div></foreignObject><style>a<b>c</b></style><p>t</p>",
            "<math><mi><div></math></div></mi><style>a<b>c</b></style><p>t</p>",
            "<svg><desc>only text</desc><path d='M0'/></svg><style>s{}</style><p>t</p>",
            "<svg><foreignObject><p>html</p></foreignObject></svg><script>z()</script>",
            "<math><mtext>x</mtext><annotation-xml encoding=text/html><b>y</b></annotation-xml></math><script>q()</script>",
            "<select><option>a<style>not a style</style></select><style>p{}</style><p>t</p>",
            "<select><script>in select()</script></select><p>t</p>",
            "<table><tr><td>cell<script>x()</script><style>t{}</style></td></tr></table><p>t</p>",
            "<table><script>in table()</script><tr><td>c</td></tr></table>",
            "<frameset><script>x()</script></frameset>",
            "<plaintext><script>x()</script></plaintext>",
            "<![CDATA[ <script>x</script> ]]><script>y()</script><p>t</p>",
            "<?php echo '<script>'; ?><script>x()</script><p>t</p>",
            "</ x><script>x()</script></><p>t</p>",
            "<script/>self-closed<p>t</p><script>x()</script>",
            "<style/>self-closed<p>t</p><style>p{}</style>",
            "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"H\"}</script><p>t</p>",
            "<script type=application/LD+JSON>{\"a\":1}</script><script type=text/template><p>tpl</p></script>",
            "<scriptx>not a script</scriptx><script>x()</script>",
            "<script>x()</scripty></script><p>t</p>",
            "<script>x()</script",
            "<script>never closed",
            "<style>never closed",
            "<p>Café – “quoted” ✓ 𝄞</p><script>var s = 'naïve 𝄞 <b>';</script><p>Zürich</p>",
            "<head><script>h()</script><noscript><style>n{}</style></noscript><title>T</title></head><body><p>t</p></body>",
            "<html><head><style>a{}</style></head><body><script>b()</script>text</body></html><script>after()</script>");

    @Test
    void shouldCutScriptAndStyleBodiesAndKeepTheirTags() {
        final String page = "<html><head><style>body { margin: 0 }</style></head><body><p>Text.</p>"
                + "<script src=\"a.js\">var big = 'x';</script><script type=\"application/ld+json\">{\"a\":1}</script>"
                + "</body></html>";
        assertThat(cut(page))
                .isEqualTo("<html><head><style></style></head><body><p>Text.</p><script src=\"a.js\"></script>"
                        + "<script type=\"application/ld+json\">{\"a\":1}</script></body></html>");
    }

    @Test
    void shouldLeaveAPageWithNoScriptOrStyleAsItIs() {
        final byte[] page = "<p>Only text, 1 < 2.</p>".getBytes(StandardCharsets.UTF_8);
        final ByteRanges result = ScriptAndStyleBodies.cut(page, 0);
        assertThat(result.count()).isEqualTo(1);
        assertThat(result.bytes()).isSameAs(page);
        assertThat(result.length()).isEqualTo(page.length);
    }

    @Test
    void shouldStartAfterTheByteOrderMark() {
        final byte[] page = ("\uFEFF<p>t</p><script>x()</script>").getBytes(StandardCharsets.UTF_8);
        final ByteRanges result = ScriptAndStyleBodies.cut(page, 3);
        assertThat(StandardCharsets.UTF_8.decode(result.toBuffer()).toString()).isEqualTo("<p>t</p><script></script>");
    }

    @Test
    void shouldStopCuttingWhereAScriptOpensTheTokenizersEscapedState() {
        final String page = "<script>a()</script><script><!-- b() --></script><p>t</p><script>c()</script>";
        assertThat(cut(page)).isEqualTo("<script></script><script><!-- b() --></script><p>t</p><script>c()</script>");
    }

    @Test
    void shouldKeepAStyleInsideSvgThatHoldsMarkup() {
        final String page = "<svg><style>a<b</style></svg><script>x()</script>";
        assertThat(cut(page)).isEqualTo(page);
    }

    @ParameterizedTest
    @MethodSource("trickyPages")
    void shouldChangeNothingButScriptAndStyleData(final String page) {
        assertSameTreeButScriptAndStyleData(page.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("fixturePages")
    void shouldChangeNothingButScriptAndStyleDataOnTheFixturePages(final Path page) throws IOException {
        assertSameTreeButScriptAndStyleData(Files.readAllBytes(page));
    }

    /** Random mixes of the tricky cases and plain text: the scan must stay in step with the parser. */
    @Test
    void shouldChangeNothingButScriptAndStyleDataInRandomMixes() {
        final Random random = new Random(20261204);
        for (int n = 0; n < 400; n++) {
            final StringBuilder page = new StringBuilder();
            final int parts = 2 + random.nextInt(6);
            for (int k = 0; k < parts; k++) {
                final String part = TRICKY.get(random.nextInt(TRICKY.size()));
                // Sometimes only a piece of a case, so that tags and comments are left open.
                page.append(random.nextInt(4) == 0 ? part.substring(random.nextInt(part.length())) : part);
            }
            assertSameTreeButScriptAndStyleData(page.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldFindEveryWantedByteWhereverItStands() {
        final byte[] bytes = new byte[64];
        for (int at = 0; at < bytes.length; at++) {
            bytes[at] = '<';
            for (int from = 0; from <= at; from++) {
                assertThat(ScriptAndStyleBodies.indexOfLessThan(bytes, from, bytes.length))
                        .isEqualTo(at);
            }
            assertThat(ScriptAndStyleBodies.indexOfLessThan(bytes, at + 1, bytes.length))
                    .isEqualTo(-1);
            bytes[at] = (byte) 0xBC; // '<' with the high bit set: a UTF-8 continuation byte, not '<'
        }
    }

    private static Stream<String> trickyPages() {
        return TRICKY.stream();
    }

    private static Stream<Path> fixturePages() throws URISyntaxException, IOException {
        final List<Path> pages = new ArrayList<>();
        for (final String folder : List.of("fixtures", "layouts")) {
            final Path dir =
                    Path.of(ScriptAndStyleBodiesTest.class.getResource(folder).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(p -> p.toString().endsWith(".html")).sorted().forEach(pages::add);
            }
        }
        assertThat(pages).hasSizeGreaterThanOrEqualTo(20);
        return pages.stream();
    }

    private static String cut(final String page) {
        return StandardCharsets.UTF_8
                .decode(ScriptAndStyleBodies.cut(page.getBytes(StandardCharsets.UTF_8), 0)
                        .toBuffer())
                .toString();
    }

    private static void assertSameTreeButScriptAndStyleData(final byte[] page) {
        final String whole = new String(page, StandardCharsets.UTF_8);
        final String cut = StandardCharsets.UTF_8
                .decode(ScriptAndStyleBodies.cut(page, 0).toBuffer())
                .toString();
        assertThat(withoutScriptAndStyleData(cut))
                .as("tree of the cut page, for %s", whole)
                .isEqualTo(withoutScriptAndStyleData(whole));
    }

    /** The tree as the cleaner's parser builds it, printed, with script and style data removed. */
    private static String withoutScriptAndStyleData(final String page) {
        final Parser parser = Parser.htmlParser();
        parser.setMaxDepth(256);
        final Document doc = parser.parseInput(page, "");
        for (final Element element : doc.getAllElements()) {
            final boolean json = element.normalName().equals("script")
                    && element.attr("type").toLowerCase().contains("json");
            if ((element.normalName().equals("script") || element.normalName().equals("style")) && !json) {
                element.childNodes().stream()
                        .filter(DataNode.class::isInstance)
                        .toList()
                        .forEach(Node::remove);
            }
        }
        return doc.outerHtml();
    }
}
