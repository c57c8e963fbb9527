package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Older and variant English spellings of countries that the open data lacks ("Surinam",
 * "Surinamese", "Czechoslovakian", "Cameroun"): the gazetteer's overlay has them, and they must not
 * swallow the words they resemble.
 */
class VariantNamesTest {
    private static final CountryTagger TAGGER = CountryTagger.loadDefault();

    private static List<String> codes(final String text) {
        return TAGGER.tag("", text).countries().stream()
                .map(CountryTagging::code)
                .toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "The bauxite miners asked Surinam to lower its levy.|SR",
                "Surinamese officials met the mining company on Tuesday.|SR",
                "A Czechoslovakian trade delegation arrived on Monday.|CZ",
                "Czechoslovakians queued for visas.|CZ",
                "Yugoslavian steel exports fell last year.|RS",
                "Yugoslavians voted on Sunday.|RS",
                "Kampucheans crossed the border on foot.|KH",
                "Rhodesians voted on Sunday.|ZW",
                "Ceylonese tea growers asked for a better price.|LK",
                "Cocoa sales from Cameroun rose to a record.|CM",
            })
    void shouldFindTheVariantName(final String text, final String code) {
        assertThat(codes(text)).contains(code);
    }

    @ParameterizedTest(name = "{0} -> not {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Cecil Rhodes founded the mining company.|ZW",
                "Prime Minister David Cameron spoke on Tuesday.|CM",
                "The Cameron Highlands grow tea.|CM",
                "Tourists flew to Rhodes for the summer.|ZW",
            })
    void shouldNotTakeTheLookalike(final String text, final String code) {
        assertThat(codes(text)).doesNotContain(code);
    }
}
