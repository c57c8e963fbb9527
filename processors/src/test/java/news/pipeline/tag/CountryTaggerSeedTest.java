package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CountryTaggerSeedTest {
    private static final CountryTagger TAGGER = CountryTagger.loadDefault();

    /** The seed article as the project ships it in samples/ (Maven runs tests in the module folder). */
    private static String seed() throws IOException {
        return Files.readString(Path.of("..", "samples", "seed-article.txt"), StandardCharsets.UTF_8);
    }

    @Test
    void shouldTagTheSeedArticleAsTheSpecificationSays() throws IOException {
        final String all = seed();
        final int newline = all.indexOf('\n');
        final String title = all.substring(0, newline);
        final String text = all.substring(newline + 1);

        final TaggedArticle tagged = TAGGER.tag(title, text);

        assertThat(tagged.countries())
                .extracting(CountryTagging::code)
                .contains("AM", "AZ", "RU", "TR", "IR", "US", "FR")
                .doesNotContain("BY");
        assertThat(tagged.organizations()).extracting(OrganizationTagging::code).containsExactly("EU", "OSCE");
        assertThat(tagged.focus()).contains("AM", "AZ");
        for (CountryTagging country : tagged.countries()) {
            assertThat(country.mentions()).isEqualTo(country.spans().size());
            assertThat(country.salience()).isBetween(0.0, 1.0);
            for (MentionSpan span : country.spans()) {
                final String source = span.inTitle() ? title : text;
                assertThat(source.substring(span.start(), span.end())).isEqualTo(span.surface());
                assertThat(span.kind())
                        .isIn("NAME", "ABBREVIATION", "DEMONYM", "CAPITAL", "CITY", "SEAT", "HISTORICAL");
            }
        }
    }

    @Test
    void shouldFindTheStateThroughItsSeatsCapitalsCompoundsAndPossessives() throws IOException {
        final String all = seed();
        final int newline = all.indexOf('\n');
        final TaggedArticle tagged = TAGGER.tag(all.substring(0, newline), all.substring(newline + 1));
        final CountryTagging ru = tagged.countries().stream()
                .filter(c -> c.code().equals("RU"))
                .findFirst()
                .orElseThrow();
        assertThat(ru.spans()).extracting(MentionSpan::surface).contains("Kremlin", "Moscow", "Russia", "Russian");
        final CountryTagging am = tagged.countries().stream()
                .filter(c -> c.code().equals("AM"))
                .findFirst()
                .orElseThrow();
        assertThat(am.spans()).extracting(MentionSpan::surface).contains("Armenian", "Armenia", "Yerevan");
        assertThat(am.spans().get(0).inTitle()).isTrue();
    }

    @Test
    void shouldOrderCountriesBySalienceThenCode() throws IOException {
        final String all = seed();
        final int newline = all.indexOf('\n');
        final TaggedArticle tagged = TAGGER.tag(all.substring(0, newline), all.substring(newline + 1));
        for (int i = 1; i < tagged.countries().size(); i++) {
            final CountryTagging earlier = tagged.countries().get(i - 1);
            final CountryTagging later = tagged.countries().get(i);
            assertThat(earlier.salience() > later.salience()
                            || earlier.salience() == later.salience()
                                    && earlier.code().compareTo(later.code()) < 0)
                    .as("%s before %s", earlier, later)
                    .isTrue();
        }
        assertThat(TAGGER.tag(all.substring(0, newline), all.substring(newline + 1)))
                .isEqualTo(tagged);
    }

    @Test
    void shouldCarryVersions() {
        assertThat(CountryTagger.VERSION).matches("\\d+\\.\\d+\\.\\d+");
        assertThat(TAGGER.gazetteerVersion()).startsWith("1.");
    }
}
