package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Uses of a country's word that name no place of it, each beside a use that still names the place. */
class NonPlaceUsesTest {
    private static final CountryTagger TAGGER = CountryTagger.loadDefault();

    private static List<String> codes(final String title, final String text) {
        return TAGGER.tag(title, text).countries().stream()
                .map(CountryTagging::code)
                .toList();
    }

    @ParameterizedTest(name = "{0} {1} -> not {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                // a currency's sign
                "|The court in Algiers fined him 200,000 dinars (US$1,800).|US",
                "|Tickets cost HK$50 each, organisers in Macau said.|HK",
                // a disease named after a place or a people
                "Hong Kong flu kills six in Japan|Six people died of the Hong Kong Flu virus in Akita.|HK",
                "|Two cases of Japanese encephalitis were reported in Vietnam.|JP",
                "|Farm workers in Luzon were infected with the Reston ebolavirus.|US",
                "|Mercury poisoning causes Minamata disease, the study in Ohio says.|JP",
                // a language
                "|In the video from Toronto, a man speaks in Spanish after spotting the camera.|ES",
                "|She spent a year in Mexico, studying Portuguese.|PT",
                "|The ads air in Miami in English and Spanish, the campaign said.|ES",
                "|The ads air in Miami in French or Spanish, the campaign said.|FR",
                // a cuisine or an ancestry
                "|Two Mexican restaurants in Ohio were closed by inspectors.|MX",
                "|He was run over outside the Italian grocery store in Hempfield.|IT",
                "|The parade in Boston is a time to celebrate Irish heritage.|IE",
            })
    void shouldNotReadAsThePlace(final String title, final String text, final String code) {
        assertThat(codes(title == null ? "" : title, text)).doesNotContain(code);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "|US troops left Kabul on Monday.|US",
                "|The fine was $1,800, a court in the US said.|US",
                "|Flu spread in Japan and killed six.|JP",
                "|Hong Kong reported a virus outbreak.|HK",
                "|Japanese officials said the disease had spread.|JP",
                "|The trawler sailed in Spanish waters.|ES",
                "|Fishermen in French and Spanish ports protested.|FR",
                "|Fishermen in French and Spanish ports protested.|ES",
                "|He learned Spanish in Spain.|ES",
                "|Mexican officials closed the border.|MX",
                "|Italian police arrested him in Rome.|IT",
            })
    void shouldStillReadAsThePlace(final String title, final String text, final String code) {
        assertThat(codes(title == null ? "" : title, text)).contains(code);
    }
}
