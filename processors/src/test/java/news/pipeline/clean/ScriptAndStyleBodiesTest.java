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
import org.jsoup.nodes.TextNode;
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
            "<html><head><style>a{}</style></head><body><script>b()</script>text</body></html><script>after()</script>",
            "<nav><ul><li><a href=/>Home</a></li><li><a href=/w>World</a></li></ul></nav><p>t</p><script>x()</script>",
            "<footer><p>\u00a9 2026</p><script>f()</script><svg><title>i</title><path d='M0'/></svg></footer><p>t</p>",
            "<nav><a href=/>Home</nav><p>after an unclosed link</p>",
            "<b>bold<nav><a href=/>x</a></nav>still bold</b><p>t</p>",
            "<p><b>b</p><nav><a href=/>menu</a></nav>text<p>t</p>",
            "<a href=x><div></a></div><nav><a href=y>y</a></nav><p>t</p>",
            "<nav><ul><li>a<li>b</ul></nav><p>t</p>",
            "<aside><nav><a href=/>in</a></nav></aside><p>t</p>",
            "<aside><div itemprop=author>Ann</div></aside><p>t</p>",
            "<aside><time datetime=2026-01-01>Jan</time></aside><p>t</p>",
            "<footer><script type=application/ld+json>{\"@type\":\"NewsArticle\"}</script></footer>",
            "<form><nav><form><input></form></nav><p>in the outer form</p></form>",
            "<table><tr><td><nav><a href=/>x</a></nav></td></tr></table><p>t</p>",
            "<table><nav><a href=/>foster</a></nav><tr><td>c</td></tr></table><p>t</p>",
            "<select><nav><option>x</option></nav></select><p>t</p>",
            "<svg><nav><a>x</a></nav></svg><p>t</p>",
            "<nav><div/><p>t</p></nav><p>after</p>",
            "<nav><p>x</nav><p>t</p>",
            "<nav></br><a href=/>x</a></nav><p>t</p>",
            "<div><nav><span>x</div><p>t</p>",
            "<nav><i>x</b></i></nav><p>t</p><nav><a href=/>later</a></nav>",
            "<nav><body class=x><a>y</a></nav><p>t</p>",
            "<NAV CLASS=menu><A HREF=/>x</A></NAV ><p>t</p>",
            "<nav><form action=/s><input name=q><button>Go</button></form></nav><form><input name=r></form>",
            "<div><form></div><nav><form><input></form></nav><p>t</p><input name=after>",
            "<footer><nav><a href=/>a</a></nav><aside>x</aside></footer><p>t</p>",
            "<nav><site-menu-item-long>x</site-menu-item-long><other-custom-tag>y</other-custom-tag></nav><p>t</p>",
            "<nav><site-menu-item-long>x</other-custom-element></nav><p>t</p>",
            "<nav><picture><source srcset=a.webp></source><img src=a.png></picture></nav><p>t</p>",
            "<nav><a>x</a></br></nav><p>t</p>",
            "<button>outer<nav><button>inner</button></nav>after</button><p>t</p>",
            "<nav><button>a<button>b</button></button></nav><p>t</p>",
            "<ul><li>a<nav><li>b</li></nav>c</li></ul><p>t</p>",
            "<p>para<nav><p>in</p></nav>after</p>",
            "<head><nav><a href=/>in head</a></nav><p>t</p>",
            "<nav><b><b><b><b>x</b></b></b></b></nav><b>y</b><p>t</p>",
            "<nav><image src=x></nav><p>t</p>",
            "<nav><ruby>a<rt>b</rt></ruby><object>o</object></nav><p>t</p>",
            // Pages a review found the first emptying model wrong on (fuzzing against the parser):
            // implied end tags inside furniture, frameset-ok, tables, forms, buttons and selects left
            // open, template modes, SVG and MathML breakout and integration points, noscript in head,
            // names the parser lower-cases to ASCII (KELVIN SIGN).
            "<\u00fc title=\"<nav>\">x</nav><p>y</p>",
            "<\u00fc title=\"<script>\">x</script><p>y</p>",
            "<button><object></button></object><nav><button>x</button></nav>y",
            "<dd/><aside><dd><dt><object></object></dt></dd></aside>z",
            "<dd><aside><dd><dt></dt></dd></aside>z",
            "<div><table></div><nav><caption>x</caption></nav>",
            "<div><table></div><nav><tr><td>x</td></tr></nav>",
            "<div><table><tr><td>layout</td></tr></div><footer><tr><td>(c) 2026</td></tr></footer><p>Article text</p>",
            "<div><x-a/></div><nav><p>t</p></nav>",
            "<dl><dd><nav><dd>a<dd>b</dd></dd></nav>c</dl>",
            "<dl><dd><nav><svg><dd/></svg><dd>q</dd></nav>x</dl>",
            "<dl><dt><nav><dt>a<dd>b</dd></dt></nav>c</dl>",
            "<form><div></form></div><nav><form><input name=a></form></nav><input name=b>",
            "<form><select></form></select><input name=b>",
            "<form><select></form></select><nav><form><input name=a></form></nav><input name=b>",
            "<form><svg></form></svg><nav><form><input name=a></form></nav><input name=b>",
            "<form><table></form></table><nav><form><input name=a></form></nav><input name=b>",
            "<form><template><div></form></div></template><nav><form><input name=a></form></nav><input name=b>",
            "<h2><nav><h3>a<h4>b</h4></h3></nav>c</h2>",
            "<head><noscript><nav><a href=x>y</a></nav></noscript></head><body><p>t</p>",
            "<head><noscript><nav>x</nav>z",
            "<header><nav><svg><header><p>x</p></header></svg></nav>y</header>z",
            "<html><head><noscript><aside><noscript></noscript></aside></noscript></head><body><p>t</p></body></html>",
            "<math><b/></math><p>a</p><nav><a>y</a></nav>z",
            "<math><mi><div></math></div></mi><nav><p>x</p></nav>",
            "<nav></img></input></hr></nav><p>t</p>",
            "<nav><a>x</a><wbr></wbr></nav><p>t</p>",
            "<nav><img></nav><frameset><frame></frameset>",
            "<nav><isindex></nav><input name=z>",
            "<nav><math><annotation-xml encoding=text/html><div/></annotation-xml></math></nav><p>x</p>",
            "<nav><math><mi><b/></mi></math></nav>x",
            "<nav><math><mi><span/></mi></math></nav><p>x</p>",
            "<nav><svg><b/></svg></nav>x",
            "<nav><svg><font color=red/></svg></nav>x",
            "<nav><svg><foreignObject><b/></foreignObject></svg></nav><p>x</p>",
            "<nav><svg><foreignObject><div/></foreignObject></svg></nav><p>x</p>",
            "<nav><svg><li/></svg></nav>x",
            "<nav><svg><p></p><a/></svg></nav>x",
            "<nav><svg><p></p><title>Real title</title></svg></nav><p>t</p>",
            "<nav><x-a/></nav><p>t</p>",
            "<nav>a</\u00fc title=\">\"><p>b</p></nav>",
            "<nav>x</nav><frameset><frame></frameset>",
            "<noscript><aside><noscript></noscript></aside>z",
            "<noscript><footer><div>x</div></footer>z",
            "<noscript><footer><head></head></footer>z",
            "<noscript><footer><link rel=x></footer>z",
            "<noscript><nav></noscript></nav><p>t</p>",
            "<noscript><nav><noscript></noscript></nav><p>a</p></noscript><p>t</p>",
            "<noscript><nav><p>y</p></nav></noscript><p>t</p>",
            "<noscript><nav>x</nav>z",
            "<object><table></object></object><nav><tr><td>x</td></tr></nav>",
            "<p><stri\u212Ae>1</p><nav>x</nav>y",
            "<p><stri\u212Ae>1</p>y",
            "<p><stri\u212Ae>1<stri\u212Ae>2<stri\u212Ae>3</p><nav><strike>x</strike></nav>y",
            "<script>a</\u017Fcript><p>x</p><script>b</script>",
            "<script>a</scr\u0131pt><p>x</p><script>b</script>",
            "<section><nav><svg><section><p>x</p></section></svg></nav>y</section>z",
            "<select><template></select></template><nav><hr></nav>y",
            "<select><template></select></template><nav><input></nav>y",
            "<select><template></select></template><nav><optgroup>o</optgroup></nav>y",
            "<select><template></select></template><nav><textarea>t</textarea></nav>y",
            "<span><table></span><nav><tr><td>x</td></tr></nav>",
            "<style>a</\u017Ftyle><p>x</p><style>b</style>",
            "<svg><a/></svg><nav><a>y</a></nav>z",
            "<svg><foreignObject><b/></foreignObject></svg><nav><a>1</a></nav>2",
            "<svg><foreignObject><div></svg></div></foreignObject><nav><p>x</p></nav>",
            "<svg><foreignObject><div></svg></div></foreignObject><script>a<b>c</b></script>",
            "<svg><foreignObject><div></svg></div></foreignObject><style>a<b>c</b></style>",
            "<svg><nobr/></svg><nav><nobr>x</nobr></nav>y",
            "<svg><p></p><a/></svg><nav><a>x</a></nav>y",
            "<svg><table/></svg><nav><tr><td>x</td></tr></nav>",
            "<template><colgroup><nav>x</nav></template>",
            "<template><nav><caption>x</caption></nav></template>",
            "<template><nav><col></nav>x</template>",
            "<template><nav><td>x</td></nav></template>",
            "<template><nav><tr><td>x</td></tr></nav></template>",
            "<template><tbody><footer><tr><td>x</td></tr></footer></tbody></template>",
            "<template><tr><nav><td>x</td></nav></tr></template>",
            "<title>a</t\u0131tle><p>x</p><script>b</script>",
            "<ul><li><nav><li>a<li>b</li></li></nav>c</ul>",
            "<ul><li><span><div></span><nav><li>a</li></nav>x</ul>",
            "<ul><li>Menu<nav><li>A<li>B</li></li></nav></li><li>Next</li></ul><p>t</p>",
            "<nav><noscript><img src=x></noscript></nav><p>t</p>",
            "<form><nav><noscript><form></form></noscript></nav><input>",
            "<nav><noscript><form><input></form></noscript></nav><input name=x>",
            "<nav><noscript><p>x</p></noscript></nav><p>t</p>",
            "<p><b>x<nav><noscript>y</noscript></nav>",
            "<nav><noscript><a>x</a></noscript></nav><a>y</a>",
            "<nav><noscript><b>x</b></noscript></nav>z",
            "<li><nav><noscript><li>x</li></noscript></nav>z",
            "<ul><li><nav><noscript></noscript><li>x</li></nav></ul>z",
            "<nav><noscript><noscript>a</noscript></noscript></nav>z",
            "<head><nav><noscript>x</noscript></nav><p>z",
            "<nav><noscript></noscript></nav><frameset>",
            "<div><nav><noscript><div>x</div></noscript></nav></div>z",
            "<nav><div><noscript></div></noscript></nav>z",
            "<nav><iframe src=x>a<b>c</b></iframe></nav><p>t</p>",
            "<nav><iframe src=x></nav><p>t</p>",
            "<nav><textarea>a</nav>b</textarea></nav><p>t</p>",
            "<nav><iframe></iframe></nav><frameset><frame></frameset>",
            "<p><nav><iframe>x</iframe></nav>z",
            "<nav><p><iframe>x</iframe></p></nav>z",
            "<nav><svg><iframe>x</iframe></svg></nav>z",
            "<nav><select><textarea>x</textarea></select></nav>z",
            "<nav><textarea>\nx</textarea></nav>z",
            // A second review: a frameset after the scan stopped for another reason, a noscript
            // restoring the form pointer, an integration point's end tag under another name.
            "<nav>x</nav><![CDATA[x]]><frameset><frame></frameset>",
            "<nav>x</nav><div <><frameset><frame></frameset>",
            "<nav>x</nav><frameset <><frame></frameset>",
            "<nav><img></nav><script><!--</script><frameset><frame></frameset>",
            "<aside><pre></pre></aside><tbody a=<b><frameset>",
            "<form><noscript><form></form></noscript><nav><form>x</form></nav>y",
            "<form><div><noscript><form></form></noscript></div><nav><form>x</form></nav>y",
            "<svg><foreignObject></desc><a></svg><nav><a>x</a></nav>",
            "<math><mi></mo><a></math><nav><a>x</a></nav>",
            "<pre><script>s()</script>\nx</pre><listing><style>s{}</style>\ny</listing>",
            "<p>&am<script>s()</script>p; &#x41<link rel=x>2; 1 <<style>s{}</style>b>2</p>",
            "<table> <script>s()</script> x<link rel=x> y</table>",
            "<head><noscript><script>s()</script><link rel=x></noscript></head>",
            // A third review, of the removal of whole elements: before the head, after the body, in the
            // head after "</>" or with a NUL, in a head noscript, JSON named by a character reference,
            // a col in a template, nested noscripts in furniture.
            "<!DOCTYPE html>\n<link rel=stylesheet>\n<title>x</title>",
            "<link> x",
            "<link><!--c-->",
            "<html><script></script><!--c--><head>",
            "<script></script><!DOCTYPE html><p><table>",
            "<body>a</body><script></script><!--c-->",
            "<body>a</body></html><script></script><!--c-->",
            "<body>a</body>\n<script>x</script>\n<!--c-->",
            "<link> <style></style>\0",
            "<link></>\r<style>\0</style>\u00e9",
            "<style>x</style></><link>\n=",
            "<head><link></><style>x</style>\n=",
            "<head><noscript><img></noscript>\n<link>\0",
            "<head><noscript><img></noscript>\n<link></>x",
            "<script type=\"ld+&#106;son\">{\"a\":1}</script><p>t</p>",
            "<footer><script type=\"ld+&#106;son\">{\"a\":1}</script></footer><p>t</p>",
            "<template><col><style> </style>",
            "<template><col><style><!--c--></style>",
            "<template><col><script> </script>",
            "<aside><noscript><aside><noscript></noscript></aside>x</noscript></aside>",
            "<html><head>\r\n<link><script>x</script/a>\0",
            "<link rel=stylesheet></>\t<script>x</script/a><script>x</script/a>-",
            "<link></><SCRIPT type=text/javascript>a<b</SCRIPT ><link rel=stylesheet>\r\n-->",
            "<meta>\n<Style>a</sTyle><Style>a</sTyle>\0",
            "<style>x</style>\r\n<style>\0</style><script>a</script\f>\0",
            "<head><meta></>\n<link>\nx",
            "<nav><noscript><div><noscript></noscript></div>x</noscript></nav>",
            "<nav><svg viewBox='0 0 9 9'><title>Home</title><g><path d='M0'/><use href=#i></use></g></svg></nav><p>t</p>",
            "<nav><svg><path d=x></svg></nav><p>t</p>",
            "<footer><svg><a href=x><path/></a></svg></footer><p>t</p>");

    @Test
    void shouldRemoveScriptStyleAndLinkElementsButJsonLdAndTheCanonicalLink() {
        final String page = "<html><head><style>body { margin: 0 }</style><link rel=stylesheet href=a.css>"
                + "<link rel=\"canonical\" href=\"https://example.com/a\"></head><body><p>Text.</p>"
                + "<script src=\"a.js\">var big = 'x';</script><script type=\"application/ld+json\">{\"a\":1}</script>"
                + "</body></html>";
        assertThat(cut(page))
                .isEqualTo(
                        "<html><head><link rel=\"canonical\" href=\"https://example.com/a\"></head><body><p>Text.</p>"
                                + "<script type=\"application/ld+json\">{\"a\":1}</script></body></html>");
    }

    @Test
    void shouldRemoveThemFromAHeadLaidOutOnLines() {
        assertThat(
                        cut(
                                "<html>\n<head>\n<meta charset=utf-8>\n<script src=a.js></script>\n<link rel=preload href=b>\n</head>"))
                .isEqualTo("<html>\n<head>\n<meta charset=utf-8>\n\n\n</head>");
    }

    @Test
    void shouldCutOnlyTheBodiesWhereRemovingTheElementCouldMoveText() {
        for (final String[] pageAndCut : new String[][] {
            {"<table> <script>s()</script> x</table>", "<table> <script></script> x</table>"},
            {"<pre><script>s()</script>\nx</pre>", "<pre><script></script>\nx</pre>"},
            {"<p>&am<script>s()</script>p;</p>", "<p>&am<script></script>p;</p>"},
            {"<p>&#x41<style>s{}</style>2;</p>", "<p>&#x41<style></style>2;</p>"},
            {"<p>1 <<script>s()</script>b>2</p>", "<p>1 <<script></script>b>2</p>"},
            {
                "<head><noscript><script>s()</script></noscript></head>",
                "<head><noscript><script></script></noscript></head>"
            },
            {"<select><script>s()</script></select>", "<select><script></script></select>"},
            // Before the head exists, after the body, and in the head after text, whitespace and
            // comments beside the element would land elsewhere without it.
            {"<link rel=x>\n<!--c-->", "<link rel=x>\n<!--c-->"},
            {"<p>t</p></body><script>s()</script><!--c-->", "<p>t</p></body><script></script><!--c-->"},
            {"<head> <style>s{}</style>x", "<head> <style></style>x"},
            {"<head> <style>s{}</style> < x", "<head> <style></style> < x"}
        }) {
            assertThat(cut(pageAndCut[0])).as(pageAndCut[0]).isEqualTo(pageAndCut[1]);
        }
    }

    @Test
    void shouldEmptyFurnitureWhoseContentStaysInside() {
        assertThat(cut("<nav class=m><ul><li><a href=/>Home</a></li></ul><script>x()</script></nav><p>t</p>"))
                .isEqualTo("<nav class=m></nav><p>t</p>");
        assertThat(cut("<div><footer><p>\u00a9 2026 <b>Post</b></p></footer></div><aside>Also</aside>"))
                .isEqualTo("<div><footer></footer></div><aside></aside>");
        assertThat(cut("<footer><nav><form><input name=q></form><long-custom-name>x</long-custom-name></nav></footer>"))
                .isEqualTo("<footer></footer>");
        assertThat(cut("<nav><ul><li><a href=/><svg><title>Home</title><path d=M0></svg>Home</a></li></ul></nav>"))
                .isEqualTo("<nav></nav>");
        assertThat(cut("<footer><iframe src=/share>no frames</iframe><noscript><img src=x></noscript></footer>"))
                .isEqualTo("<footer></footer>");
        assertThat(cut("<footer><div itemprop=publisher itemscope><span itemprop=name>Daily</span></div></footer>"))
                .isEqualTo("<footer></footer>");
    }

    @Test
    void shouldKeepFurnitureWhereTheParserWouldCloseWhatItOpened() {
        for (final String page : List.of(
                "<nav><li>a<li>b</li></li></nav>",
                "<nav><dl><dd>a<dt>b</dt></dd></dl></nav>",
                "<nav><h3>a<h4>b</h4></h3></nav>",
                "<nav><p>a<div>b</div></p></nav>",
                "<nav><a>a<a>b</a></a></nav>",
                "<nav><svg><b>breaks out</b></svg></nav>",
                "<nav><svg><foreignObject>x</foreignObject></svg></nav>",
                "<noscript><nav>inside a noscript</nav></noscript>")) {
            assertThat(cut(page)).as(page).isEqualTo(page);
        }
    }

    @Test
    void shouldEmptyNothingMoreAfterWhatTheModelCannotFollow() {
        final String furniture = "<nav><a href=/>x</a></nav>";
        for (final String before : List.of(
                "<template><p>template modes are not modelled</p></template>",
                "<div><table></div>",
                "<svg><p>breaks out</p></svg>",
                "<li><ul><span></li>",
                "<form><div></form></div>",
                "<noscript>",
                "<stri\u212Ae>")) {
            assertThat(cut(before + furniture)).as(before).isEqualTo(before + furniture);
        }
        assertThat(cut("<ul><li>unclosed items<li>are fine</ul>" + furniture))
                .isEqualTo("<ul><li>unclosed items<li>are fine</ul><nav></nav>");
    }

    @Test
    void shouldEmptyNothingNearTheParsersDepthLimit() {
        final String deep = "<div>".repeat(200) + "<nav><p>x</p></nav>";
        assertThat(cut(deep)).isEqualTo(deep);
        final String shallow = "<div>".repeat(100) + "<nav><p>x</p></nav>";
        assertThat(cut(shallow)).isEqualTo("<div>".repeat(100) + "<nav></nav>");
        // Furniture that starts shallow but holds content past the parser's limit of 256.
        final String deepInside =
                "<div>".repeat(120) + "<nav>" + "<div>".repeat(150) + "x" + "</div>".repeat(150) + "</nav>y";
        assertThat(cut(deepInside)).isEqualTo(deepInside);
        for (final int divs : new int[] {150, 250, 252, 253, 254, 505}) {
            assertSameTreeButScriptAndStyleData(
                    ("<div>".repeat(divs) + "<nav>" + "<div>".repeat(10) + "x" + "</div>".repeat(10) + "</nav>y")
                            .getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Out-of-order end tags the parser ignores (or {@code </body>}, which pops nothing) leave it deeper
     * than the model: past its limit of 256 it moves content out of elements, and drops an svg the
     * script and style cut counts on.
     */
    @Test
    void shouldKeepTheTreeWhereTheModelCountsFewerOpenElementsThanTheParser() {
        for (final String page : List.of(
                "<html>" + "<div>".repeat(300) + "</html><nav><span>x</span></nav>",
                "<body>" + "<div>".repeat(300) + "</body><nav><span>x</span></nav>",
                "<span><div></span>".repeat(150) + "<nav><i>x</i></nav>",
                "<span><div></span>".repeat(600) + "<nav><i>x</i></nav>",
                "<td><div></td>".repeat(300) + "<nav><i>x</i></nav>",
                "<p><div></p>".repeat(300) + "<nav><i>x</i></nav>",
                "<mtext>" + "<article>".repeat(255) + "</mtext><footer><input></footer>",
                "<span><span><span><span><q><div></q></span></span></span></span>".repeat(60) + "<nav><i>x</i></nav>",
                "<svg><foreignObject></desc><section/></svg>".repeat(100) + "<nav><i>x</i></nav>",
                "<i>".repeat(391) + "<svg><nav></svg><style>x{}</style>",
                "<caption></title><i>".repeat(391) + "<svg><Nav a=1></svg><style>x{}</style>",
                "<img><keygen><audio>".repeat(372) + "<applet><nobr><math></math><select><script>s()</script>")) {
            assertSameTreeButScriptAndStyleData(page.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldEmptyNothingOnAPageWithAFrameset() {
        // Text in the nav keeps the parser from replacing the body with the frameset; emptied, it would not.
        assertThat(cut("<nav>x</nav><script>s()</script><frameset><frame></frameset>"))
                .isEqualTo("<nav>x</nav><script></script><frameset><frame></frameset>");
        // Also where the scan stopped before it, here at a CDATA section it does not follow.
        assertThat(cut("<nav>x</nav><![CDATA[x]]><frameset><frame></frameset>"))
                .isEqualTo("<nav>x</nav><![CDATA[x]]><frameset><frame></frameset>");
    }

    @Test
    void shouldKeepFurnitureTheScanCannotVouchFor() {
        for (final String page : List.of(
                "<nav><a href=/>unclosed link</nav><p>t</p>",
                "<b>open around it<nav><a href=/>x</a></nav></b>",
                "<aside><span itemprop=author>Ann</span></aside>",
                "<aside><span itemprop=\"datePublished\" content=2026-01-01>Jan</span></aside>",
                "<aside><span itemprop=&#97;uthor>Ann</span></aside>",
                "<aside><time datetime=2026-01-01>Jan</time></aside>",
                "<footer><script type=application/ld+json>{}</script></footer>",
                "<nav><ul><li>implied end tags</ul></nav>",
                "<table><tr><td><nav><a>in a table</a></nav></td></tr></table>",
                "<a href=x><div></a></div><nav><a href=y>after a formatting element closed out of order</a></nav>")) {
            assertThat(cut(page)).as(page).isEqualTo(page);
        }
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
        assertThat(StandardCharsets.UTF_8.decode(result.toBuffer()).toString()).isEqualTo("<p>t</p>");
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

    /**
     * The tree as the cleaner's parser builds it, printed, with what the cut may take removed from
     * it: script and style data, the content of furniture, and the HTML script, style and link
     * elements themselves (but JSON-LD scripts and links that name canonical), whose removal joins the
     * text on either side.
     */
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
        // Furniture may be emptied; whatever else the parser built must be the same.
        for (final Element element : doc.select("nav, footer, aside")) {
            element.empty();
        }
        for (final Element element : doc.getAllElements()) {
            if (element.parent() != null && mayGoWhole(element)) {
                element.remove();
            }
        }
        final StringBuilder tree = new StringBuilder();
        print(doc, tree);
        return tree.toString();
    }

    private static boolean mayGoWhole(final Element element) {
        if (!Parser.NamespaceHtml.equals(element.tag().namespace())) {
            return false;
        }
        return switch (element.normalName()) {
            case "script" -> !element.attr("type").toLowerCase().contains("json");
            case "style" -> true;
            case "link" -> !element.outerHtml().toLowerCase().contains("canonical");
            default -> false;
        };
    }

    /**
     * The tree's nodes, names, attributes and text, adjacent text joined; not {@code outerHtml()},
     * which prints an empty element as {@code <path />} once its name was seen self-closed anywhere
     * in the page (emptied furniture included), though the tree is the same.
     */
    private static void print(final Node node, final StringBuilder tree) {
        if (node instanceof Element element) {
            tree.append('<')
                    .append(element.tagName())
                    .append(element.attributes().html())
                    .append('>');
            final StringBuilder text = new StringBuilder();
            for (final Node child : element.childNodes()) {
                if (child instanceof TextNode textNode) {
                    text.append(textNode.getWholeText());
                    continue;
                }
                appendText(text, tree);
                print(child, tree);
            }
            appendText(text, tree);
            tree.append("</").append(element.tagName()).append('>');
        } else {
            tree.append('[')
                    .append(node.nodeName())
                    .append(':')
                    .append(node.outerHtml())
                    .append(']');
        }
    }

    private static void appendText(final StringBuilder text, final StringBuilder tree) {
        if (!text.isEmpty()) {
            tree.append("[#text:").append(text).append(']');
            text.setLength(0);
        }
    }
}
