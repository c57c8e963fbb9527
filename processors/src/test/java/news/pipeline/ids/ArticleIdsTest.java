package news.pipeline.ids;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ArticleIdsTest {

    @Test
    void theUsualVariantsOfOneUrlGiveOneId() {
        final String id = ArticleIds.fromUrl("https://news.example/world/story-1");
        assertThat(ArticleIds.fromUrl("HTTP://News.Example:80/world/story-1/")).isEqualTo(id);
        assertThat(ArticleIds.fromUrl("https://news.example/world/story-1?utm_source=rss&utm_medium=feed"))
                .isEqualTo(id);
        assertThat(ArticleIds.fromUrl("https://news.example/world/story-1#comments"))
                .isEqualTo(id);
        assertThat(ArticleIds.fromUrl("https://news.example/world/./story-1?fbclid=abc"))
                .isEqualTo(id);
    }

    @Test
    void queryParametersThatNameThePageAreKeptAndOrderDoesNotMatter() {
        assertThat(ArticleIds.fromUrl("https://news.example/view?id=1&lang=en"))
                .isEqualTo(ArticleIds.fromUrl("https://news.example/view?lang=en&id=1"))
                .isNotEqualTo(ArticleIds.fromUrl("https://news.example/view?id=2&lang=en"));
    }

    @Test
    void differentPagesGiveDifferentIds() {
        assertThat(ArticleIds.fromUrl("https://news.example/a"))
                .isNotEqualTo(ArticleIds.fromUrl("https://news.example/b"));
    }

    @Test
    void contentIdsAreStableAndNeverCollideWithUrlIds() {
        final byte[] content = "Some article".getBytes(StandardCharsets.UTF_8);
        assertThat(ArticleIds.fromContent(content))
                .isEqualTo(ArticleIds.fromContent(content.clone()))
                .startsWith("c-")
                .hasSize(34);
        assertThat(ArticleIds.fromUrl("https://news.example/a"))
                .startsWith("u-")
                .hasSize(34);
    }

    @Test
    void anUnparsableUrlStillGivesAStableId() {
        assertThat(ArticleIds.fromUrl("not a url at all")).isEqualTo(ArticleIds.fromUrl(" not a url at all "));
    }
}
