package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A country whose own name is also a town's ("Lebanon", Pennsylvania; "Jamaica", New York) in a
 * story filed from that town's country: the country unless the article names a region there too;
 * and a country's name after a first name and a middle initial is a surname ("David M. Holland").
 */
class CountryNamedLikeTownTest {
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
                "NEW YORK, March 2 - The money went to groups that hold hostages in Lebanon, the paper said.|LB",
                "CHICAGO, March 2 - Jamaica bought 20,000 tonnes of corn at its weekly tender.|JM",
                "Under Plan B. Holland and Belgium share the quota.|NL",
            })
    void shouldFindTheCountry(final String text, final String code) {
        assertThat(codes(text)).contains(code);
    }

    @ParameterizedTest(name = "{0} -> not {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "PITTSBURGH, March 2 - Officials in Pennsylvania said the plant in Lebanon would close.|LB",
                "NEW YORK, March 2 - David M. Holland, president of the unit, said sales rose. Holland said costs fell.|NL",
                "David M. Holland, president of the unit, said sales rose. Holland said costs fell.|NL",
                "Ann K. Jordan, the chief executive, said so. Jordan added that costs fell.|JO",
            })
    void shouldNotTakeTheTown(final String text, final String code) {
        assertThat(codes(text)).doesNotContain(code);
    }
}
