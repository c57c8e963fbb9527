package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stories in today's styles (our own texts): title case, AP and Reuters datelines, no dateline. */
class CountryTaggerModernNewsTest {
    private static final CountryTagger TAGGER = CountryTagger.loadDefault();

    private static List<String> focus(final String title, final String text) {
        return TAGGER.tag(title, text).focus();
    }

    @Test
    void shouldFocusOnBothSidesOfAWar() {
        assertThat(focus(
                        "Zelensky visits front line as Russia presses offensive",
                        "Ukrainian President Volodymyr Zelensky visited troops near Bakhmut on Tuesday, as Moscow pressed its "
                                + "offensive in the east.\n\nThe Kremlin said the operation would continue. Kyiv has asked Western allies "
                                + "for more air defence systems, and Germany and the United States pledged new aid."))
                .containsExactlyInAnyOrder("RU", "UA");
    }

    @Test
    void shouldReadAnApDateline() {
        assertThat(
                        focus(
                                "China criticizes US chip curbs",
                                "BEIJING (AP) \u2014 China's foreign ministry on Tuesday criticized Washington's new restrictions on exports "
                                        + "of advanced chips.\n\nSpokesperson Mao Ning said Beijing would protect Chinese companies."))
                .startsWith("CN")
                .contains("US");
        assertThat(
                        focus(
                                "Ceasefire deal reached in Gaza",
                                "DOHA, Qatar (AP) \u2014 Israel and Hamas agreed to a ceasefire in Gaza, Qatari and Egyptian mediators said "
                                        + "on Wednesday. Israeli Prime Minister Benjamin Netanyahu's office confirmed the deal."))
                .contains("IL", "PS");
    }

    @Test
    void shouldTellTheGulfOfMexicoFromMexico() {
        assertThat(focus(
                        "Storm heads for Gulf Coast",
                        "NEW ORLEANS, La. (AP) \u2014 A tropical storm in the Gulf of Mexico is expected to strengthen into a "
                                + "hurricane before reaching Louisiana, forecasters said."))
                .containsExactly("US");
    }

    @Test
    void shouldNotTakeUsStatesAndPlayersForCountries() {
        final TaggedArticle tagged = TAGGER.tag(
                "Atlanta Braves win series",
                "ATLANTA (AP) \u2014 The Atlanta Braves beat the New York Mets 5-3 on Sunday. Georgia native Austin Riley "
                        + "homered twice.");
        assertThat(tagged.focus()).containsExactly("US");
        assertThat(tagged.countries()).extracting(CountryTagging::code).containsExactly("US");
    }
}
