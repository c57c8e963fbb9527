package news.pipeline.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HtmlTagsTest {
    private static final Pattern CANONICAL =
            Pattern.compile("<link\\b[^>]*\\brel\\s*=\\s*[\"']?canonical[\"']?[^>]*>", Pattern.CASE_INSENSITIVE);

    @Test
    void findsTheSameTagAsAFindOverTheWholeText() {
        for (final String html : List.of(
                "<html><head><link rel=stylesheet href=a.css><LINK REL=\"Canonical\" href=\"https://x.example/a\"></head>",
                "<p>a < b</p><linked>no</linked><link href='https://x.example/b' rel='canonical'>",
                "<Link rel=canonical href=https://x.example/c><link rel=canonical href=https://x.example/d>",
                "<link rel=alternate href=https://x.example/e>",
                "text that ends with <",
                "")) {
            final Matcher whole = CANONICAL.matcher(html);
            final String expected = whole.find() ? whole.group() : null;
            assertThat(HtmlTags.first(html, "link", CANONICAL)
                            .map(MatchResult::group)
                            .orElse(null))
                    .as(html)
                    .isEqualTo(expected);
        }
    }

    @Test
    void lookingForAClueFirstFindsTheSameTag() {
        for (final String html : List.of(
                "<html><head><link rel=stylesheet href=a.css><LINK REL=\"Canonical\" href=\"https://x.example/a\"></head>",
                "<p>a < b</p><linked>no</linked><link href='https://x.example/b' rel='canonical'>",
                "<Link rel=canonical href=https://x.example/c><link rel=canonical href=https://x.example/d>",
                "<link rel=alternate href=https://x.example/e><p>canonical</p><link rel=\"CANONICAL\" href=/f>",
                "<link rel=alternate title=canonical href=/g><link rel=canonical href=/h",
                "<link rel=canonical href=/i",
                "<link rel=alternate href=https://x.example/e>",
                "text that ends with <",
                "")) {
            final Matcher whole = CANONICAL.matcher(html);
            final String expected = whole.find() ? whole.group() : null;
            assertThat(HtmlTags.first(html, "link", "canonical", CANONICAL)
                            .map(MatchResult::group)
                            .orElse(null))
                    .as(html)
                    .isEqualTo(expected);
        }
    }

    @Test
    void theCanonicalLinkGivesTheArticleItsIdWhateverTheCaseOfItsTag() {
        final byte[] page = "<HTML><HEAD><LINK REL=\"canonical\" HREF=\"https://news.example/story-1\"></HEAD>"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(ArticleFiles.canonicalUrl(page)).isEqualTo("https://news.example/story-1");
        assertThat(ArticleFiles.canonicalUrl("<link rel=canonical href=/relative>".getBytes(StandardCharsets.UTF_8)))
                .as("only an absolute URL is an id")
                .isNull();
    }
}
