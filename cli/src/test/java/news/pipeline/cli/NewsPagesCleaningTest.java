package news.pipeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import news.pipeline.clean.ArticleCleaner;
import news.pipeline.clean.RawDocument;
import news.pipeline.schema.RawArticle;
import news.pipeline.testkit.FaultKit;
import news.pipeline.testkit.NewsPages;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The fault tests' good pages clean to their story alone: the typical page's chrome (menu, most-read
 * list, related box, forty "More from" teasers, newsletter form, footer) leaves nothing behind.
 */
class NewsPagesCleaningTest {
    @ParameterizedTest
    @EnumSource(NewsPages.class)
    void shouldKeepOnlyTheStoryOfAPageWithTheChromeOfANewsSite(final NewsPages size) throws Exception {
        final RawArticle article = size.article(3);
        final ByteBuffer content = article.getContent().duplicate();
        final byte[] bytes = new byte[content.remaining()];
        content.get(bytes);
        final List<String> paragraphs = new ArticleCleaner()
                .clean(new RawDocument(bytes, "text/html", null, article.getUrl(), null))
                .paragraphs();
        assertThat(paragraphs)
                .isNotEmpty()
                .allSatisfy(paragraph -> assertThat(paragraph)
                        .hasSizeGreaterThan(80)
                        .doesNotContain(
                                "briefing", "need to know", "h ago", "Example News", "Earlier report", "most read"));
        final String story = StandardCharsets.UTF_8
                .decode(FaultKit.article(3).getContent().duplicate())
                .toString();
        assertThat(paragraphs).startsWith(story.strip().split("\\R\\R"));
    }
}
