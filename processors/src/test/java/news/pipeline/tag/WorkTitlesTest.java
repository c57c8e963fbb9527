package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Titles of works and names of bands and teams hold place names that name no place. */
class WorkTitlesTest {
    private static final CountryTagger TAGGER = CountryTagger.loadDefault();

    private static List<String> codes(final String text) {
        return TAGGER.tag("", text).countries().stream()
                .map(CountryTagging::code)
                .toList();
    }

    @ParameterizedTest(name = "{0} -> nothing")
    @CsvSource(
            delimiter = '|',
            value = {
                "The band Kansas played at the fair.",
                "Fans lined up to see the film Casablanca again.",
                "She starred in the musical Chicago for a year.",
                "Critics praised \u201cMidnight in Paris\u201d at the festival.",
                "The series \"Fargo\" returns on Monday.",
                "He sang \"Georgia on My Mind\" at the gala.",
                "The Toronto Raptors beat the Boston Celtics on Sunday.",
            })
    void shouldFindNoCountryInTitlesOfWorksAndTeamNames(final String text) {
        assertThat(codes(text)).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "\u201cWe will go back to Paris,\u201d she said.|FR",
                "The show in Paris drew crowds.|FR",
                "He called it \u201ca disaster for Mexico\u201d on Monday.|MX",
            })
    void shouldStillFindPlacesInQuotedSpeech(final String text, final String expected) {
        assertThat(codes(text)).containsExactly(expected);
    }
}
