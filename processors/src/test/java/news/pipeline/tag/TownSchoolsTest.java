package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A capital's name before the name of a town's school or parks department is that town's, in every mention. */
class TownSchoolsTest {
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
                "Tuition to Paris High School was more than expected. The board met in Paris on Monday.|FR",
                "The council will meet the president of Paris Junior College.|FR",
                "Athens Parks and Recreation Director Austin Fesmire posted the signs.|GR",
            })
    void shouldReadAsATown(final String text, final String code) {
        assertThat(codes(text)).doesNotContain(code);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Students at a Paris high school were evacuated on Monday.|FR",
                "Police in Athens said the parks would reopen.|GR",
                "The Athens stock exchange fell.|GR",
            })
    void shouldStillReadAsTheCapital(final String text, final String code) {
        assertThat(codes(text)).contains(code);
    }
}
