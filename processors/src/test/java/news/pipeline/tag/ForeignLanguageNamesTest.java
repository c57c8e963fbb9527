package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Country names in the article's own language; texts written for this test. */
class ForeignLanguageNamesTest {
    private static final CountryTagger TAGGER = CountryTagger.loadDefault();

    private static final String SPANISH_TITLE = "Alemania y Francia acuerdan un plan para el hidrógeno";
    private static final String SPANISH = "Los gobiernos de Alemania y Francia firmaron el lunes un acuerdo"
            + " para construir una red de gasoductos de hidrógeno. Según los ministros, la obra costará"
            + " unos diez mil millones de euros.\n\nEl texto prevé que la red llegue también a Suiza antes"
            + " de 2030. Alemania aportará la mitad de los fondos.";
    private static final String FRENCH_TITLE = "L'Allemagne et l'Espagne signent un accord sur l'eau";
    private static final String FRENCH = "L'Allemagne et l'Espagne ont signé mardi un accord sur la gestion"
            + " de l'eau dans l'agriculture. Selon les deux ministres, les premiers projets commenceront"
            + " au printemps.\n\nLa Suède et le Danemark pourraient rejoindre l'accord l'an prochain,"
            + " a indiqué le ministère espagnol.";
    private static final String GERMAN_TITLE = "Deutschland und Polen planen neue Bahnstrecke";
    private static final String GERMAN = "Deutschland und Polen wollen eine neue Bahnstrecke zwischen den"
            + " beiden Hauptstädten bauen. Die Verkehrsminister unterzeichneten am Mittwoch eine Absichtserklärung."
            + "\n\nDie Strecke soll später bis nach Litauen verlängert werden. Die Bank der Länder soll"
            + " die Finanzierung prüfen.";
    private static final String PORTUGUESE_TITLE = "Brasil e Argentina retomam negociações sobre o trigo";
    private static final String PORTUGUESE = "O Brasil e a Argentina retomaram nesta quinta-feira as"
            + " negociações sobre as tarifas do trigo. Segundo o Itamaraty, os dois países querem um acordo"
            + " até o fim do ano.\n\nO Uruguai acompanha as conversas como observador, e o Chile pediu para"
            + " participar da próxima rodada.";

    @Test
    void tagsASpanishArticleByItsSpanishNames() {
        final TaggedArticle tagged = TAGGER.tag(SPANISH_TITLE, SPANISH, "es", null);

        assertThat(codes(tagged)).containsExactlyInAnyOrder("DE", "FR", "CH");
        assertThat(tagged.focus()).containsExactlyInAnyOrder("DE", "FR");
    }

    @Test
    void tagsAFrenchArticleByItsFrenchNames() {
        final TaggedArticle tagged = TAGGER.tag(FRENCH_TITLE, FRENCH, "fr-FR", null);

        assertThat(codes(tagged)).containsExactlyInAnyOrder("DE", "ES", "SE", "DK");
        assertThat(tagged.focus()).containsExactlyInAnyOrder("DE", "ES");
    }

    @Test
    void tagsAGermanArticleByItsGermanNamesAndNotByItsCapitalisedNouns() {
        final TaggedArticle tagged = TAGGER.tag(GERMAN_TITLE, GERMAN, "de", null);

        assertThat(codes(tagged)).containsExactlyInAnyOrder("DE", "PL", "LT");
        assertThat(tagged.focus()).containsExactlyInAnyOrder("DE", "PL");
    }

    @Test
    void tagsAPortugueseArticleByItsPortugueseNames() {
        final TaggedArticle tagged = TAGGER.tag(PORTUGUESE_TITLE, PORTUGUESE, "pt-BR", null);

        assertThat(codes(tagged)).containsExactlyInAnyOrder("BR", "AR", "UY", "CL");
        assertThat(tagged.focus()).containsExactlyInAnyOrder("BR", "AR");
    }

    @Test
    void countsANameOfOneLanguageOnlyInThatLanguage() {
        // unknown language: the names every language shares still count, the Spanish ones do not
        assertThat(codes(TAGGER.tag(SPANISH_TITLE, SPANISH, null, null))).doesNotContain("DE", "FR", "CH");
        // a French article that quotes a Spanish name
        assertThat(codes(TAGGER.tag(SPANISH_TITLE, SPANISH, "fr", null))).doesNotContain("DE", "FR", "CH");
        assertThat(codes(TAGGER.tag(GERMAN_TITLE, GERMAN, "en", null))).doesNotContain("DE", "PL", "LT");
    }

    @Test
    void doesNotTakeACommonWordSpelledLikeACountryForTheCountry() {
        // "chili" is the dish in French as in English; "Chili" is Chile
        final TaggedArticle dish = TAGGER.tag(
                "Un chili con carne pour la fête du quartier",
                "Le chef a préparé un chili con carne pour la fête du quartier. Les habitants ont aimé ce chili"
                        + " très épicé, servi avec du riz et des haricots rouges.",
                "fr",
                null);
        // "gana" is an urge in Portuguese ("ter gana de"); "Gana" is Ghana
        final TaggedArticle urge = TAGGER.tag(
                "Jogadores com gana de vencer",
                "Os jogadores entraram em campo com muita gana de vencer. O treinador disse que a gana da equipa"
                        + " fez a diferença no segundo tempo.",
                "pt",
                null);

        assertThat(codes(dish)).doesNotContain("CL");
        assertThat(codes(urge)).doesNotContain("GH");
        assertThat(codes(TAGGER.tag("", "Le Chili et le Pérou ont signé un accord.", "fr", null)))
                .contains("CL");
        assertThat(codes(TAGGER.tag("", "O Gana e a Nigéria assinaram um acordo.", "pt", null)))
                .contains("GH");
    }

    @Test
    void readsTheLanguageTagsPrimaryLanguage() {
        assertThat(Gazetteer.languageFlag("pt-BR")).isEqualTo(Gazetteer.LANG_PT);
        assertThat(Gazetteer.languageFlag("FR")).isEqualTo(Gazetteer.LANG_FR);
        assertThat(Gazetteer.languageFlag("en")).isZero();
        assertThat(Gazetteer.languageFlag(null)).isZero();
        assertThat(Gazetteer.languageFlag("x")).isZero();
    }

    private static List<String> codes(final TaggedArticle tagged) {
        return tagged.countries().stream().map(CountryTagging::code).toList();
    }
}
