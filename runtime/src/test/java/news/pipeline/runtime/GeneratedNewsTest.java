package news.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import news.pipeline.runtime.GeneratedNews.Layout;
import news.pipeline.runtime.GeneratedNews.Page;
import news.pipeline.runtime.GeneratedNews.Story;
import org.junit.jupiter.api.Test;

class GeneratedNewsTest {
    private static final int MIN = 20 * 1024;
    private static final int MAX = 300 * 1024;

    @Test
    void shouldGiveTheSamePagesAndStoriesForTheSameSeed() {
        assertThat(GeneratedNews.pages(12, 42, MIN, MAX)).isEqualTo(GeneratedNews.pages(12, 42, MIN, MAX));
        assertThat(GeneratedNews.stories(50, 7)).isEqualTo(GeneratedNews.stories(50, 7));
        assertThat(GeneratedNews.pages(4, 43, MIN, MAX)).isNotEqualTo(GeneratedNews.pages(4, 42, MIN, MAX));
        assertThat(GeneratedNews.stories(4, 8)).isNotEqualTo(GeneratedNews.stories(4, 7));
    }

    @Test
    void shouldMakePagesOfEveryLayoutWithinTheSizesSpreadOverTheRange() {
        final List<Page> pages = GeneratedNews.pages(200, 1, MIN, MAX);
        final int[] sizes =
                pages.stream().mapToInt(page -> page.bytes().length).sorted().toArray();
        assertThat(sizes[0]).isGreaterThanOrEqualTo(MIN);
        assertThat(sizes[sizes.length - 1]).isLessThanOrEqualTo(MAX);
        // Spread over the range, not bunched at one end.
        assertThat(sizes[sizes.length / 10]).isLessThan(40 * 1024);
        assertThat(sizes[sizes.length * 9 / 10]).isGreaterThan(150 * 1024);
        assertThat(pages).extracting(Page::layout).containsAll(Arrays.asList(Layout.values()));
        assertThat(pages).extracting(Page::name).doesNotHaveDuplicates();
    }

    @Test
    void shouldSurroundTheStoryWithEveryKindOfChromeACleanerMustRemove() {
        for (final Page page : GeneratedNews.pages(8, 3, MIN, MAX)) {
            final String html = page.html();
            assertThat(html)
                    .as(page.name())
                    .contains("<nav>", "<style>", "window.siteConfig", "class=cookie-banner", "Most read")
                    .contains("class=\"teaser", "class=newsletter", "<footer>", "document.createElement('script')")
                    .contains(page.story().paragraphs().toArray(String[]::new));
            switch (page.layout()) {
                case CLASSIC -> assertThat(html).contains("class=related", "More from Example News");
                case MAGAZINE -> assertThat(html).contains("class=breadcrumbs", "class=comments", "Top stories");
                case PORTAL -> assertThat(html).contains("class=related", "<section class=grid>");
                case MINIMAL ->
                    assertThat(html).contains("class=live", "class=comment").doesNotContain("class=related");
            }
        }
    }

    @Test
    void shouldWriteWireStoriesWithADatelineNamingCountries() {
        final List<Story> stories = GeneratedNews.stories(500, 11);
        final int[] sizes = stories.stream()
                .mapToInt(story -> story.body().getBytes(StandardCharsets.UTF_8).length)
                .sorted()
                .toArray();
        // Long enough to cut any 2-8 KB article from, short enough to read like a wire story.
        assertThat(sizes[sizes.length / 2]).isBetween(2 * 1024, 8 * 1024);
        assertThat(sizes[sizes.length - 1]).isLessThan(16 * 1024);
        assertThat(stories)
                .allSatisfy(story -> assertThat(story.paragraphs().get(0)).contains("(Example Wire) - "));
        assertThat(stories.stream().filter(story -> story.body().contains("Germany")))
                .isNotEmpty();
        assertThat(stories.stream().filter(story -> story.title().startsWith("Talks on")))
                .as("stories naming no country")
                .isNotEmpty();
    }

    @Test
    void shouldRefuseBoundsBelowTheSmallestPage() {
        assertThatThrownBy(() -> GeneratedNews.pages(1, 1, 1024, MAX)).isInstanceOf(IllegalArgumentException.class);
    }
}
