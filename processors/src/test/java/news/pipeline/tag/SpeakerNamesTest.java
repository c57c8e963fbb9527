package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A town's name that speaks or governs, or stands by initials, is a person's, and so is one after a word for kin or opening a byline; a town that is a firm's seat or a capital that speaks is still the place. */
class SpeakerNamesTest {
    private static final CountryTagger TAGGER = CountryTagger.loadDefault();

    private static List<String> codes(final String text) {
        return TAGGER.tag("", text).countries().stream()
                .map(CountryTagging::code)
                .toList();
    }

    @ParameterizedTest(name = "{0} -> not {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Sheriff Beauregard \u201cBud\u201d Torres said the boy was booked into the parish jail.|BR",
                "The boy was arrested on Monday. Torres said he was booked into the parish jail.|BR",
                "Much depends on what the Obama administration does next. Obama spoke in Cairo.|JP",
                "The ballet is based on the book by J.M. Barrie. Barrie wrote it in 1904.|CA",
                "The toll road opened in 1996, according to Mary Z. Connaughton, of Framingham.|TM",
                "A fire gutted the restaurant he ran with his wife Nancy in Pataskala.|FR",
                "Her daughter Georgia was born in Dublin.|GE",
                "Zoning allows the block to be rebuilt. BY CHAD KLIMACK Advocate Reporter. The council met.|TD",
                "The Spanish artist Mario de Santiago, who is based in London, drew it.|CL",
            })
    void shouldReadAsAPerson(final String text, final String code) {
        assertThat(codes(text)).doesNotContain(code);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Qintex Ltd of Brisbane said it had arranged a line of credit.|AU",
                "Officials in Brisbane said the dam was full.|AU",
                "Moscow said the talks had failed.|RU",
                "Torres, a town near Porto Alegre, flooded on Monday.|BR",
                "Troops left the U.S. Barrie, Ontario, was quiet.|CA",
                "Flights from Paris were cancelled.|FR",
                "Soldiers marched for Mother Russia.|RU",
                "The plan was drafted by Chad. By Chad, the rebels meant the army.|TD",
                "The Universidad de Santiago opened a campus.|CL",
                "The talks in Santiago ended. Mario said the talks in Santiago ended.|CL",
            })
    void shouldStillReadAsThePlace(final String text, final String code) {
        assertThat(codes(text)).contains(code);
    }
}
