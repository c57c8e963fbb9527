package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GazetteerTest {
    @Test
    void shouldLoadTheBundledGazetteer() {
        final Gazetteer g = Gazetteer.loadResource();
        assertThat(g.version).matches("\\d+\\.\\d+\\.\\d+\\+[0-9a-f]{12}");
        assertThat(g.countryCodes).hasSizeGreaterThanOrEqualTo(249).allMatch(c -> c.matches("[A-Z]{2}"));
        assertThat(Arrays.asList(g.countryCodes)).contains("AM", "AZ", "RU", "TR", "IR", "US", "FR", "GB", "CD");
        assertThat(Arrays.asList(g.orgCodes)).contains("EU", "NATO", "OSCE", "UN");
        assertThat(g.isFirstName("Jerry", 0, 5)).isTrue();
        assertThat(g.isFirstName("Armenia", 0, 7)).isFalse();
    }

    @Test
    void shouldWalkMultiWordEntriesTokenByToken() throws Exception {
        final Gazetteer g = Gazetteer.parse(new BufferedReader(new StringReader(String.join("\n",
            "V\t9.9.9+abc",
            "C\tMX\tMexico",
            "O\tEU\tEuropean Union",
            "E\tMexico\tMX\tNAME\t",
            "E\tGulf of Mexico\t-\tNONE\t",
            "E\tEU\t@EU\tORG\tCS",
            ""))));
        assertThat(g.version).isEqualTo("9.9.9+abc");
        final String text = "Gulf of México";
        final int gulf = g.child(0, g.tokenId(text, 0, 4));
        final int of = g.child(gulf, g.tokenId(text, 5, 7));
        final int mexico = g.child(of, g.tokenId(text, 8, 14));
        assertThat(g.entriesAt(mexico)).singleElement().satisfies(e -> assertThat(e.blocker()).isTrue());
        final int alone = g.child(0, g.tokenId(text, 8, 14));
        assertThat(g.entriesAt(alone)).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(MentionKind.NAME));
        assertThat(g.tokenId("Mexican", 0, 7)).isNegative();
    }

    @Test
    void shouldSkipNamesWithNumbersTheTokenizerCannotSee() throws Exception {
        final Gazetteer g = Gazetteer.parse(new BufferedReader(new StringReader(
            "C\tRO\tRomania\nE\tSector 1\tRO\tCITY\t\n")));
        assertThat(g.tokenId("Sector", 0, 6)).isNegative();
    }

    @Test
    void shouldRejectAnUnknownCountry() {
        assertThatThrownBy(() -> Gazetteer.parse(new BufferedReader(new StringReader("E\tAtlantis\tXX\tNAME\t\n"))))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("XX");
    }
}
