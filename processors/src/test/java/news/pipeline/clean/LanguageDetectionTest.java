package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Texts written for this test, a few sentences each, as a news story would open. */
class LanguageDetectionTest {
    private static final String SPANISH = "El Gobierno aprobó el martes un plan para renovar la red de trenes"
            + " de cercanías. Según el ministerio, las obras empezarán en primavera y durarán tres años. Los"
            + " sindicatos piden que se contrate a más personal antes de abrir las nuevas líneas.";
    private static final String FRENCH = "Le conseil municipal a voté mardi soir la rénovation de la piscine"
            + " du quartier nord. Les travaux commenceront au printemps et dureront deux ans, selon le maire."
            + " Les associations de riverains demandent que les horaires restent inchangés.";
    private static final String GERMAN = "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den"
            + " Fluss zu sanieren. Die Arbeiten sollen im Frühjahr beginnen und zwei Jahre dauern. Anwohner"
            + " fordern, dass während der Bauzeit eine Fähre eingerichtet wird.";
    private static final String PORTUGUESE = "O governo anunciou nesta terça-feira um plano para ampliar a"
            + " rede de metrô da capital. Segundo o ministério, as obras devem começar no próximo ano e"
            + " durar quatro anos. Os moradores pedem mais linhas de ônibus enquanto isso.";
    private static final String ENGLISH = "The city council voted on Tuesday to rebuild the old bridge over the"
            + " river. Work is due to start in the spring and last two years, the mayor said. Residents want a"
            + " ferry to run while the bridge is closed.";

    private static final String DUTCH = "De gemeenteraad heeft dinsdag besloten de oude brug over de rivier te"
            + " vernieuwen. Het werk begint in het voorjaar en duurt twee jaar, zei de burgemeester. Bewoners"
            + " willen dat er een pont vaart zolang de brug dicht is, of dat er een tijdelijke brug komt.";
    private static final String NORWEGIAN = "Bystyret vedtok tirsdag at den gamle brua over elva skal bygges"
            + " på nytt. Arbeidet skal begynne til våren og vare i to år, sa ordføreren. Beboerne ber om at"
            + " det settes opp en ferje for dem som bor på den andre siden av elva.";
    private static final String ROMANIAN = "Consiliul local a votat marți reconstruirea podului vechi peste"
            + " râu. Lucrările vor începe în primăvară și vor dura doi ani, a spus primarul. Fiecare locuitor"
            + " are dreptul să ceară un bac care să circule cât timp podul este închis.";

    @ParameterizedTest
    @CsvSource({"es, 0", "fr, 1", "de, 2", "pt, 3", "en, 4"})
    void recognisesTheLanguageOfAFewSentences(final String language, final int index) {
        final String text = new String[] {SPANISH, FRENCH, GERMAN, PORTUGUESE, ENGLISH}[index];

        assertThat(LanguageDetection.detect("", text)).isEqualTo(language);
        assertThat(LanguageDetection.detect(null, text)).isEqualTo(language);
    }

    @Test
    void takesPlainEnglishProseAsEnglishBeforeAskingTheLibrary() {
        assertThat(LanguageDetection.plainlyEnglish(ENGLISH)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"0", "1", "2", "3", "4", "5", "6"})
    void leavesEveryOtherLanguageToTheLibrary(final int index) {
        final String text = new String[] {SPANISH, FRENCH, GERMAN, PORTUGUESE, DUTCH, NORWEGIAN, ROMANIAN}[index];

        assertThat(LanguageDetection.plainlyEnglish(text)).isFalse();
    }

    @Test
    void leavesTooFewWordsAndListsOfNamesToTheLibrary() {
        assertThat(LanguageDetection.plainlyEnglish("The bridge of the city and the river."))
                .isFalse();
        assertThat(LanguageDetection.plainlyEnglish("Berlin Paris Madrid Lisboa Rome Vienna Prague Warsaw Oslo"
                        + " Dublin Athens Sofia Riga Vilnius Tallinn Helsinki Bern Brussels Amsterdam Bratislava"
                        + " Budapest of Europe"))
                .isFalse();
    }

    @Test
    void givesNoLanguageForATextTooShortToTell() {
        assertThat(LanguageDetection.detect("Madrid", "2-1")).isNull();
        assertThat(LanguageDetection.detect("", "Shr 12 cts vs 10 cts")).isNull();
    }

    @Test
    void givesTheSameAnswerEveryTime() {
        final String mixed = "Berlin Paris Madrid Lisboa " + ENGLISH.substring(0, 60);
        final String first = LanguageDetection.detect("", mixed);
        for (int i = 0; i < 20; i++) {
            assertThat(LanguageDetection.detect("", mixed)).isEqualTo(first);
        }
    }
}
