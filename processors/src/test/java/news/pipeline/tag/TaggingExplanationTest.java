package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaggingExplanationTest {
    private static final CountryTagger TAGGER = CountryTagger.loadDefault();

    private static final String PERSON_TITLE = "Teachers union leader Jerry Jordan calls strike vote";
    private static final String PERSON_TEXT = "PHILADELPHIA, March 3 - The head of the city's teachers union,"
            + " Jerry Jordan, said on Tuesday that members would vote on a strike next week.\n\n"
            + "Jordan said talks with the school district had stalled over pay. The district said it"
            + " hoped to reach a deal before classes resume in Pennsylvania.";

    /** The seed article as the project ships it in samples/ (Maven runs tests in the module folder). */
    private static String[] seed() throws IOException {
        final String all = Files.readString(Path.of("..", "samples", "seed-article.txt"), StandardCharsets.UTF_8);
        final int newline = all.indexOf('\n');
        return new String[] {all.substring(0, newline), all.substring(newline + 1)};
    }

    @Test
    void shouldAddUpEachCountrysContributionsToTheSalienceTheTaggerGives() throws IOException {
        final String[] seed = seed();
        for (final String[] article : List.of(seed, new String[] {PERSON_TITLE, PERSON_TEXT})) {
            final TaggingExplanation explanation = new TaggingExplanation();
            final TaggedArticle tagged = TAGGER.tag(article[0], article[1], explanation);

            assertThat(explanation.countries())
                    .extracting(TaggingExplanation.Country::code)
                    .containsExactlyElementsOf(tagged.countries().stream()
                            .map(CountryTagging::code)
                            .toList());
            for (int i = 0; i < tagged.countries().size(); i++) {
                final CountryTagging country = tagged.countries().get(i);
                final TaggingExplanation.Country explained =
                        explanation.countries().get(i);
                final double sum = explained.contributions().stream()
                        .mapToDouble(TaggingExplanation.Contribution::amount)
                        .sum();
                assertThat(sum).as(country.code()).isCloseTo(country.salience(), within(1e-9));
                assertThat(explained.salience()).isEqualTo(country.salience());
                assertThat(explained.focus()).isEqualTo(tagged.focus().contains(country.code()));
                assertThat(explained.focusRule()).startsWith(explained.focus() ? "focus" : "not focus");
                assertThat(explained.evidence())
                        .extracting(TaggingExplanation.Evidence::span)
                        .containsExactlyInAnyOrderElementsOf(country.spans());
            }
        }
    }

    @Test
    void shouldGiveTheSameResultWithAndWithoutAnExplanation() throws IOException {
        final String[] seed = seed();
        assertThat(TAGGER.tag(seed[0], seed[1], new TaggingExplanation())).isEqualTo(TAGGER.tag(seed[0], seed[1]));
    }

    @Test
    void shouldNameTheDatelineAndTheTitleAsWhatTheyAdded() throws IOException {
        final String[] seed = seed();
        final TaggingExplanation explanation = new TaggingExplanation();
        TAGGER.tag(seed[0], seed[1], explanation);
        final TaggingExplanation.Country armenia = country(explanation, "AM");
        assertThat(armenia.contributions())
                .extracting(TaggingExplanation.Contribution::factor)
                .contains(TaggingExplanation.Factor.TITLE, TaggingExplanation.Factor.LEAD);
        assertThat(armenia.evidence())
                .filteredOn(e -> e.role() == TaggingExplanation.Role.TITLE)
                .extracting(e -> e.span().surface())
                .containsExactly("Armenian");
    }

    @Test
    void shouldListTheMinskGroupAsCoveredByTheOrganisationsName() throws IOException {
        final String[] seed = seed();
        final TaggingExplanation explanation = new TaggingExplanation();
        final TaggedArticle tagged = TAGGER.tag(seed[0], seed[1], explanation);

        assertThat(tagged.countries()).extracting(CountryTagging::code).doesNotContain("BY");
        assertThat(explanation.rejected())
                .filteredOn(r -> r.code().equals("BY"))
                .isNotEmpty()
                .allSatisfy(r -> {
                    assertThat(r.span().surface()).isEqualTo("Minsk");
                    assertThat(r.reason()).isEqualTo(RejectionReason.INSIDE_LONGER_NAME);
                    assertThat(r.detail()).contains("OSCE");
                });
    }

    @Test
    void shouldListAPersonsSurnameAsRejectedEverywhereItStands() {
        final TaggingExplanation explanation = new TaggingExplanation();
        final TaggedArticle tagged = TAGGER.tag(PERSON_TITLE, PERSON_TEXT, explanation);

        assertThat(tagged.countries()).extracting(CountryTagging::code).doesNotContain("JO");
        assertThat(explanation.rejected())
                .filteredOn(r -> r.code().equals("JO"))
                .extracting(TaggingExplanation.Rejected::reason)
                .contains(RejectionReason.PERSON_NAME, RejectionReason.NAMED_LIKE_PERSON_ELSEWHERE)
                .hasSize(3);
    }

    private static TaggingExplanation.Country country(final TaggingExplanation explanation, final String code) {
        return explanation.countries().stream()
                .filter(c -> c.code().equals(code))
                .findFirst()
                .orElseThrow();
    }
}
