package news.pipeline.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;

/**
 * Good HTML pages for the fault tests, written for them: {@link FaultKit#article(int)}'s story in
 * the chrome of a news site, which the cleaner must remove. Two sizes, because a hostile page's
 * cost is judged against the pages around it: a small page (about 1.5 KB) and a page of the
 * shape and size of a real article page (about 80 KB: inline script and style, a long menu, a
 * related-stories box inside the article, a most-read list, forty teasers of other stories, a newsletter form, a long footer).
 */
public enum NewsPages {
    SMALL,
    TYPICAL;

    private static final String[] SECTIONS = {
        "World",
        "Europe",
        "Americas",
        "Africa",
        "Asia",
        "Middle East",
        "Business",
        "Markets",
        "Economy",
        "Technology",
        "Science",
        "Climate",
        "Health",
        "Sport",
        "Football",
        "Culture",
        "Books",
        "Film",
        "Music",
        "Travel",
        "Opinion",
        "Analysis",
        "Investigations",
        "Video",
        "Podcasts"
    };
    private static final String[] PARAGRAPHS = {
        "The proposal would link the two capitals by a high-speed line within a decade, with freight trains"
                + " running on a parallel track, according to a draft seen by reporters before the meeting.",
        "Officials said the first section could open within four years if both parliaments approve the"
                + " financing plan this autumn, though several regional governments have asked for changes.",
        "Farm groups welcomed the tariff cuts but warned that quotas on dairy and sugar would still limit"
                + " trade, and asked for a review of the rules on animal health certificates at the border.",
        "Economists at the central bank estimated that the corridor could add half a percentage point to"
                + " growth over ten years, mostly through lower transport costs for manufacturers.",
        "Environmental campaigners said the route crossed two protected wetlands and called for an"
                + " independent assessment before any construction contracts are signed.",
        "The ministers also discussed energy prices, which have fallen since the spring but remain well"
                + " above their average of the past decade, and agreed to share data on gas storage.",
        "A joint working group will meet every month until the summer, when a final agreement could be"
                + " signed at a summit, officials from both delegations told a news conference.",
        "Opposition politicians in both countries criticised the cost of the project, which they said"
                + " had doubled since it was first proposed, and demanded that the full budget be published.",
    };

    /** The article numbered n as a page of this size. */
    public RawArticle article(final int n) {
        final RawArticle text = FaultKit.article(n);
        final String html = this == SMALL ? small(text) : typical(text, n);
        return RawArticle.newBuilder(text)
                .setFormat(ArticleFormat.HTML)
                .setContentType("text/html; charset=utf-8")
                .setContent(ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8)))
                .setTitle(null)
                .build();
    }

    private static String small(final RawArticle text) {
        final StringBuilder page = new StringBuilder(2048)
                .append("<!doctype html><html lang=en><head><meta charset=utf-8><title>")
                .append(text.getTitle())
                .append(" | Example News</title></head><body><header><nav><a href=/>Home</a> <a href=/world>World</a>")
                .append(" <a href=/business>Business</a> <a href=/sport>Sport</a></nav></header><main><article><h1>")
                .append(text.getTitle())
                .append("</h1>");
        paragraphs(text)
                .forEach(paragraph -> page.append("<p>").append(paragraph).append("</p>"));
        return page.append("</article><aside><h2>Most read</h2><ul><li><a href=/a>Storm closes schools</a></li>")
                .append("<li><a href=/b>Markets rally on rate hopes</a></li></ul></aside></main>")
                .append(
                        "<footer>&copy; Example News. All rights reserved. <a href=/privacy>Privacy</a></footer></body></html>")
                .toString();
    }

    private static String typical(final RawArticle text, final int n) {
        final StringBuilder page = new StringBuilder(128 * 1024);
        page.append("<!doctype html><html lang=en><head><meta charset=utf-8><title>")
                .append(text.getTitle())
                .append(" | Example News</title><meta name=viewport content=\"width=device-width\">")
                .append("<meta property=og:title content=\"")
                .append(text.getTitle())
                .append("\">")
                .append(
                        "<meta property=og:site_name content=\"Example News\"><meta name=author content=\"Staff reporter\">")
                .append("<meta property=article:published_time content=\"2026-11-2")
                .append(n % 8)
                .append("T09:30:00Z\"><link rel=canonical href=\"")
                .append(text.getUrl())
                .append("\"><style>");
        for (int i = 0; i < 300; i++) {
            page.append(".c")
                    .append(i)
                    .append("{margin:0 ")
                    .append(i % 7)
                    .append("px;padding:4px;color:#3")
                    .append(i % 10)
                    .append("3;font:14px/1.4 sans-serif}");
        }
        page.append("</style><script>window.dataLayer=window.dataLayer||[];window.siteConfig={");
        for (int i = 0; i < 400; i++) {
            page.append("\"slot")
                    .append(i)
                    .append("\":{\"sizes\":[[300,250],[728,90]],\"targeting\":{\"section\":\"")
                    .append(SECTIONS[i % SECTIONS.length])
                    .append("\",\"pos\":")
                    .append(i)
                    .append("}},");
        }
        page.append("\"v\":1};</script></head><body><div class=cookie-banner><p>We use cookies to improve your")
                .append(" experience. By continuing you accept our cookie policy.</p><button>Accept</button></div>")
                .append("<header><a class=logo href=/>Example News</a><nav><ul>");
        for (int i = 0; i < 3 * SECTIONS.length; i++) {
            final String section = SECTIONS[i % SECTIONS.length];
            page.append("<li class=c")
                    .append(i % 80)
                    .append("><a href=\"/")
                    .append(section.toLowerCase(Locale.ROOT))
                    .append('/')
                    .append(i)
                    .append("\">")
                    .append(section)
                    .append("</a></li>");
        }
        page.append("</ul></nav><div class=ticker><span>Breaking:</span>");
        for (int i = 0; i < 8; i++) {
            page.append("<a href=\"/live/")
                    .append(n + i)
                    .append("\">Live updates on story ")
                    .append(n + i)
                    .append("</a>");
        }
        page.append("</div></header><main><article><h1>")
                .append(text.getTitle())
                .append("</h1>")
                .append("<div class=byline>By Staff reporter, <time datetime=2026-11-20>20 November 2026</time></div>")
                .append("<div class=share><a href=#>Share</a><a href=#>Post</a><a href=#>Email</a></div>")
                .append("<figure><img src=/img/")
                .append(n)
                .append(".jpg alt=\"\"><figcaption>Delegates arrive for the talks."
                        + " Photo: Example Agency</figcaption></figure>");
        final var story = paragraphs(text);
        for (int i = 0; i < 12; i++) {
            page.append("<p>")
                    .append(i < story.size() ? story.get(i) : PARAGRAPHS[(n + i) % PARAGRAPHS.length])
                    .append("</p>");
            if (i == 5) {
                page.append("<div class=related><h3>Read more</h3><ul>");
                for (int j = 0; j < 4; j++) {
                    page.append("<li><a href=\"/story/")
                            .append(n * 7 + j)
                            .append("\">Earlier report number ")
                            .append(n * 7 + j)
                            .append(" on the corridor talks</a></li>");
                }
                page.append("</ul></div>");
            }
        }
        page.append(
                        "<div class=tags><a href=/t/rail>Rail</a><a href=/t/trade>Trade</a><a href=/t/energy>Energy</a></div>")
                .append("</article><aside><h2>Most read</h2><ol>");
        for (int i = 0; i < 10; i++) {
            page.append("<li><a href=\"/story/")
                    .append(n + 100 + i)
                    .append("\">")
                    .append(SECTIONS[(n + i) % SECTIONS.length])
                    .append(": the day's most read story, number ")
                    .append(i + 1)
                    .append("</a></li>");
        }
        page.append("</ol></aside><section class=more><h2>More from Example News</h2>");
        for (int i = 0; i < 40; i++) {
            final String section = SECTIONS[(n + i) % SECTIONS.length];
            page.append("<div class=\"teaser c")
                    .append(i)
                    .append("\"><a href=\"/")
                    .append(section.toLowerCase(Locale.ROOT))
                    .append("/story/")
                    .append(n + 200 + i)
                    .append("\"><img src=/img/t")
                    .append(i)
                    .append(".jpg alt=\"\"><h3>")
                    .append(section)
                    .append(" briefing, part ")
                    .append(i + 1)
                    .append("</h3></a><p>What you need to know")
                    .append(" today, in five minutes.</p><span class=time>")
                    .append(i + 1)
                    .append("h ago</span></div>");
        }
        page.append("</section><aside><form class=newsletter><h3>Sign up for our newsletter</h3><input type=email")
                .append(" placeholder=\"Your email\"><button>Subscribe</button></form></aside></main><footer><ul>");
        for (int i = 0; i < 2 * SECTIONS.length; i++) {
            page.append("<li><a href=\"/about/")
                    .append(i)
                    .append("\">")
                    .append(SECTIONS[i % SECTIONS.length])
                    .append(" desk</a></li>");
        }
        page.append("</ul><p>&copy; 2026 Example News. All rights reserved. <a href=/privacy>Privacy</a>")
                .append(" <a href=/terms>Terms</a></p></footer><script>");
        for (int i = 0; i < 60; i++) {
            page.append("(function(){var s")
                    .append(i)
                    .append("=document.createElement('script');s")
                    .append(i)
                    .append(".src='/js/module")
                    .append(i)
                    .append(".js';document.body.appendChild(s")
                    .append(i)
                    .append(");})();");
        }
        return page.append("</script></body></html>").toString();
    }

    private static List<String> paragraphs(final RawArticle text) {
        return Arrays.stream(StandardCharsets.UTF_8
                        .decode(text.getContent().duplicate())
                        .toString()
                        .strip()
                        .split("\\R\\R"))
                .map(String::strip)
                .toList();
    }
}
