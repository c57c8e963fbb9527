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
        final Gazetteer gazetteer = Gazetteer.loadResource();
        assertThat(gazetteer.version).matches("\\d+\\.\\d+\\.\\d+\\+[0-9a-f]{12}");
        assertThat(gazetteer.countryCodes).hasSizeGreaterThanOrEqualTo(249).allMatch(c -> c.matches("[A-Z]{2}"));
        assertThat(Arrays.asList(gazetteer.countryCodes))
                .contains("AM", "AZ", "RU", "TR", "IR", "US", "FR", "GB", "CD");
        assertThat(Arrays.asList(gazetteer.orgCodes)).contains("EU", "NATO", "OSCE", "UN");
        assertThat(gazetteer.isFirstName("Jerry", 0, 5)).isTrue();
        assertThat(gazetteer.isFirstName("Armenia", 0, 7)).isFalse();
    }

    @Test
    void shouldWalkMultiWordEntriesTokenByToken() throws Exception {
        final Gazetteer gazetteer = Gazetteer.parse(new BufferedReader(new StringReader(String.join(
                "\n",
                "V\t9.9.9+abc",
                "C\tMX\tMexico",
                "O\tEU\tEuropean Union",
                "E\tMexico\tMX\tNAME\t",
                "E\tGulf of Mexico\t-\tNONE\t",
                "E\tEU\t@EU\tORG\tCS",
                ""))));
        assertThat(gazetteer.version).isEqualTo("9.9.9+abc");
        final String text = "Gulf of México";
        final int gulf = gazetteer.child(0, gazetteer.tokenId(text, 0, 4));
        final int of = gazetteer.child(gulf, gazetteer.tokenId(text, 5, 7));
        final int mexico = gazetteer.child(of, gazetteer.tokenId(text, 8, 14));
        assertThat(gazetteer.entriesAt(mexico))
                .singleElement()
                .satisfies(e -> assertThat(e.blocker()).isTrue());
        final int alone = gazetteer.child(0, gazetteer.tokenId(text, 8, 14));
        assertThat(gazetteer.entriesAt(alone))
                .singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(MentionKind.NAME));
        assertThat(gazetteer.tokenId("Mexican", 0, 7)).isNegative();
        // the walk stops where no longer name goes on
        assertThat(gazetteer.hasChildren(gulf)).isTrue();
        assertThat(gazetteer.hasChildren(of)).isTrue();
        assertThat(gazetteer.hasChildren(mexico)).isFalse();
        assertThat(gazetteer.hasChildren(alone)).isFalse();
    }

    @Test
    void shouldFindEveryFoldedTokenAfterTheTableHasGrown() {
        final TokenTable table = new TokenTable();
        final int count = 40_000;
        for (int i = 0; i < count; i++) {
            assertThat(table.intern("w" + i)).isEqualTo(i);
        }
        assertThat(table.intern("w17")).isEqualTo(17);
        final int us = table.intern("us");
        final int elysee = table.intern("elysee");
        // the text side is folded on the fly: case, accents and dots
        assertThat(table.find("in the U.S. and", 7, 11)).isEqualTo(us);
        assertThat(table.find("Élysée", 0, 6)).isEqualTo(elysee);
        assertThat(table.find("W39999", 0, 6)).isEqualTo(count - 1);
        assertThat(table.find("usa", 0, 3)).isNegative();
        assertThat(table.find("u", 0, 1)).isNegative();
        assertThat(table.find("w40000", 0, 6)).isNegative();
    }

    @Test
    void shouldKeepEveryTrieEdgeAfterTheMapHasGrown() {
        final LongIntMap map = new LongIntMap(4);
        final int count = 50_000;
        for (int i = 0; i < count; i++) {
            map.put(((long) (i % 1000) << 32) | (i / 1000), i);
        }
        final long replaced = (2000L << 32) | 3;
        map.put(replaced, 7);
        map.put(replaced, 8);
        for (int i = 0; i < count; i++) {
            assertThat(map.get(((long) (i % 1000) << 32) | (i / 1000))).isEqualTo(i);
        }
        assertThat(map.get(replaced)).isEqualTo(8);
        assertThat(map.get((1000L << 32) | 1)).isEqualTo(-1);
    }

    @Test
    void shouldReadNamesakesAndSmallNamesakes() throws Exception {
        final Gazetteer gazetteer = Gazetteer.parse(new BufferedReader(new StringReader(String.join(
                "\n",
                "V\t9.9.9+abc",
                "C\tFR\tFrance",
                "C\tUS\tUnited States",
                "C\tCA\tCanada",
                "E\tParis\tFR\tCAPITAL\t\tCA,US",
                "E\tMalakoff\tFR\tCITY\t\t\tUS",
                "E\tLyon\tFR\tCITY\t",
                ""))));
        final String text = "Paris Malakoff Lyon";
        final Gazetteer.Entry paris = gazetteer.entriesAt(gazetteer.child(0, gazetteer.tokenId(text, 0, 5)))[0];
        final Gazetteer.Entry malakoff = gazetteer.entriesAt(gazetteer.child(0, gazetteer.tokenId(text, 6, 14)))[0];
        final Gazetteer.Entry lyon = gazetteer.entriesAt(gazetteer.child(0, gazetteer.tokenId(text, 15, 19)))[0];
        final int us = gazetteer.countryIndex("US");
        assertThat(paris.hasNamesake(us)).isTrue();
        assertThat(paris.hasNamesakeOfAnySize(us)).isTrue();
        assertThat(malakoff.hasNamesake(us)).isFalse();
        assertThat(malakoff.hasNamesakeOfAnySize(us)).isTrue();
        assertThat(malakoff.hasNamesakeOfAnySize(gazetteer.countryIndex("CA"))).isFalse();
        assertThat(lyon.hasNamesakeOfAnySize(us)).isFalse();
    }

    @Test
    void shouldTellADivisionFromATownOfTheSameName() {
        final Gazetteer gazetteer = Gazetteer.loadResource();
        final String text = "Virginia";
        final Gazetteer.Entry[] readings = gazetteer.entriesAt(gazetteer.child(0, gazetteer.tokenId(text, 0, 8)));
        final int us = gazetteer.countryIndex("US");
        // the US state and the South African town share the name; only the state is a division
        assertThat(readings).hasSizeGreaterThanOrEqualTo(2);
        assertThat(readings)
                .filteredOn(e -> e.has(Gazetteer.DIVISION))
                .singleElement()
                .satisfies(e -> assertThat(e.target()).isEqualTo(us));
    }

    @Test
    void shouldSkipNamesWithNumbersTheTokenizerCannotSee() throws Exception {
        final Gazetteer gazetteer =
                Gazetteer.parse(new BufferedReader(new StringReader("C\tRO\tRomania\nE\tSector 1\tRO\tCITY\t\n")));
        assertThat(gazetteer.tokenId("Sector", 0, 6)).isNegative();
    }

    @Test
    void shouldRejectAnUnknownCountry() {
        assertThatThrownBy(() -> Gazetteer.parse(new BufferedReader(new StringReader("E\tAtlantis\tXX\tNAME\t\n"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("XX");
    }
}
