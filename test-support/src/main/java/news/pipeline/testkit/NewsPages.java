package news.pipeline.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import news.pipeline.runtime.GeneratedNews;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;

/**
 * Good HTML pages for the fault tests, written for them: {@link FaultKit#article(int)}'s story in
 * the chrome of a news site, which the cleaner must remove. Two sizes, because a hostile page's
 * cost is judged against the pages around it: a small page (about 1.5 KB) and a page of the
 * shape and size of a real article page (about 80 KB: inline script and style, a long menu, a
 * related-stories box inside the article, a most-read list, forty teasers of other stories, a newsletter form, a long
 * footer: {@link GeneratedNews#typicalPage}, the benchmark's generated pages in their classic layout).
 */
public enum NewsPages {
    SMALL,
    TYPICAL;

    /** The article numbered n as a page of this size. */
    public RawArticle article(final int n) {
        final RawArticle text = FaultKit.article(n);
        final String html = this == SMALL
                ? small(text)
                : GeneratedNews.typicalPage(text.getTitle(), text.getUrl(), paragraphs(text), n);
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
