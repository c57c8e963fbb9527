package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Known traps of country tagging: each one is caught by a general mechanism, never a rule for the sentence. */
class CountryTaggerTrapsTest {
    private static final CountryTagger TAGGER = CountryTagger.loadDefault();

    private static List<String> codes(final String text) {
        return TAGGER.tag("", text).countries().stream()
                .map(CountryTagging::code)
                .toList();
    }

    private static List<String> codes(final String title, final String text) {
        return TAGGER.tag(title, text).countries().stream()
                .map(CountryTagging::code)
                .toList();
    }

    @ParameterizedTest(name = "{0} -> not {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Mediators of the OSCE Minsk Group met in Vienna on Tuesday.|BY",
                "Storms hit Georgia and Alabama, the governor of Georgia said.|GE",
                "Georgia-Pacific Corp said it would buy the mill.|GE",
                "TORONTO, March 12 - Allied-Lyons PLC said it would buy the distiller. Allied-Lyons shares rose.|FR",
                "Dallas Fed president Jerry Jordan said rates would stay. Jordan added that inflation was low.|JO",
                "Families bought a turkey for the holiday dinner.|TR",
                "Oil rigs in the Gulf of Mexico were shut as the storm neared.|MX",
                "Voters in New Mexico backed the plan.|MX",
                "The plant in New Jersey will close.|JE",
                "The deal was arranged by Morgan Stanley and Co.|FK",
                "McDonnell Douglas Corp won the contract.|IM",
                "The company is based on Long Island.|IS",
                "Credit Suisse First Boston led the issue.|CH",
                "The ship sank in the Indian Ocean.|IN",
                "Talks between Guinea and Mali ended on Monday.|GW",
                "Talks between Guinea and Mali ended on Monday.|GQ",
                "Talks between Guinea and Mali ended on Monday.|PG",
                "Floods swept Niger on Monday.|NG",
                "Militants in the Niger Delta attacked pipelines.|NE",
                "An expedition reached the North Pole.|PL",
                "The ship docked in Dominica on Monday.|DO",
                "Refugees crossed from Sudan on Monday.|SS",
                "SAN JOSE, Calif., March 3 - Apple Computer Inc said profits rose.|CR",
                "LONDON, March 3 - Prices in Latin America rose.|US",
                "Michael Jordan scored 40 points.|JO",
                "The congregation of St. Mary's in Leeds gathered on Sunday.|TM",
                "Mr. Chad said so.|TD",
                "Trade Secretary Jose Concepcion said so.|PY",
                "The psychologist Jordan Peterson spoke in Toronto.|JO",
                "Drummer Chad Smith joined the band.|TD",
                "The Private Sector 1 index rose.|RO",
                "A biography of Virginia Woolf was published.|US",
                "Piedmont Aviation Inc said its load factor rose.|IT",
                "The Jersey Central Power unit, based in Morristown, New Jersey, said so.|JE",
                "He was stopped on Ontario Provincial Highway 11 and must appear in a Bradford, Ontario court.|GB",
            })
    void shouldNotTakeTheTrap(final String text, final String code) {
        assertThat(codes(text)).doesNotContain(code);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Guinea and Mali ended talks.|GN",
                "Floods swept Niger on Monday.|NE",
                "The ship docked in Dominica on Monday.|DM",
                "Refugees crossed from Sudan on Monday.|SD",
                "Tbilisi said Georgia would not join. Georgian troops left.|GE",
                "Turkey's army moved.|TR",
                "Russia\u2019s army moved.|RU",
                "The U.S.-led coalition struck.|US",
                "A Sino-Japanese accord was signed.|CN",
                "A Sino-Japanese accord was signed.|JP",
                "The Turkish-Armenian border is closed.|AM",
                "The Turkish-Armenian border is closed.|TR",
                "The Arab-Israeli conflict flared again.|IL",
                "Armenians and Azerbaijanis fought.|AZ",
                "The Kremlin said so.|RU",
                "The White House said so.|US",
                "Downing Street said so.|GB",
                "The Elysee said so.|FR",
                "Zhongnanhai said so.|CN",
                "The Soviet Union and the USSR and Burma and Zaire.|RU",
                "The Soviet Union and the USSR and Burma and Zaire.|MM",
                "The Soviet Union and the USSR and Burma and Zaire.|CD",
                "West Germany and East Germany talked.|DE",
                "Czechoslovakia and Yugoslavia talked.|CZ",
                "Czechoslovakia and Yugoslavia talked.|RS",
                "Officials in Peking said so.|CN",
                "The UAE and the DPRK and the PRC and the DRC.|AE",
                "The UAE and the DPRK and the PRC and the DRC.|KP",
                "The UAE and the DPRK and the PRC and the DRC.|CN",
                "The UAE and the DPRK and the PRC and the DRC.|CD",
                "Britain and the UK agreed.|GB",
                "New Zealand and Papua New Guinea agreed.|PG",
                "New Zealand and Papua New Guinea agreed.|NZ",
                "Guinea-Bissau voted.|GW",
                "Equatorial Guinea voted.|GQ",
                "South Sudan voted.|SS",
                "The Dominican Republic voted.|DO",
                "Nigeria voted.|NG",
                "Militants in the Niger Delta attacked pipelines.|NG",
                "Bell Canada Enterprises said it bought shares of Bell Canada.|CA",
                "Air France said traffic rose.|FR",
                "Royal Jordanian Airlines flew to Jordan.|JO",
                "Israel Radio said Israel would reopen the crossing.|IL",
                "He was stopped on Ontario Provincial Highway 11 and must appear in a Bradford, Ontario court.|CA",
            })
    void shouldFind(final String text, final String code) {
        assertThat(codes(text)).contains(code);
    }

    @Test
    void shouldReadBothDatelineStyles() {
        assertThat(TAGGER.tag("", "NEW YORK, March 3 - Shares rose.").focus()).containsExactly("US");
        assertThat(TAGGER.tag("", "MOSCOW (Reuters) - Officials met.").focus()).containsExactly("RU");
        assertThat(TAGGER.tag("", "SAN JOSE, Calif., March 3 - Shares rose.").focus())
                .containsExactly("US");
        assertThat(TAGGER.tag("", "BOCA RATON, Florida, March 3 - Sales rose.").focus())
                .containsExactly("US");
        assertThat(TAGGER.tag("", "Scarborough, Ontario, Feb 26 - Shr 45 cts.").focus())
                .containsExactly("CA");
    }

    @Test
    void shouldReadABareDatelineNamedLikeAnAmericanTownAsTheCapitalAbroad() {
        // an American town's dateline gives its state; with none, "SAN JOSE" is Costa Rica's capital
        assertThat(TAGGER.tag("", "SAN JOSE, May 4 - Coffee growers met the finance minister to discuss prices.")
                        .focus())
                .containsExactly("CR");
        assertThat(TAGGER.tag("", "San Jose (Reuters) - Ministers of the region met on Tuesday.")
                        .focus())
                .containsExactly("CR");
    }

    @Test
    void shouldKeepTheAmericanTownWhereTheDatelineOrTheTextSaysSo() {
        // the state in the dateline, the town in running text, and a city that stands alone in datelines
        assertThat(TAGGER.tag("", "SAN JOSE, Calif., May 4 - The chip maker said orders rose.")
                        .focus())
                .containsExactly("US");
        assertThat(codes("The chip maker, which moved from Austin, San Jose and Boston to Denver, said orders rose."))
                .doesNotContain("CR");
        assertThat(TAGGER.tag("", "SAN FRANCISCO, May 4 - The bank said deposits rose.")
                        .focus())
                .containsExactly("US");
    }

    @Test
    void shouldReadACityNamedLikeAWordAsTheDatelinesPlace() {
        // "Providence" is an English word, so running text never names the city by it alone; the
        // place of a dateline is a place, with or without its state
        assertThat(TAGGER.tag("", "PROVIDENCE (Reuters) - The insurer said premiums rose in the quarter.")
                        .focus())
                .containsExactly("US");
        assertThat(TAGGER.tag("", "PROVIDENCE, March 3 - The insurer said premiums rose in the quarter.")
                        .focus())
                .containsExactly("US");
        // the region after the place still says which place of the name is meant
        assertThat(codes("OXFORD, Miss., March 3 - The university said enrollment rose this year."))
                .containsExactly("US");
        assertThat(codes("OXFORD, England, March 3 - The university said enrollment rose this year."))
                .containsExactly("GB");
    }

    @ParameterizedTest(name = "{0} -> nothing")
    @CsvSource({
        "The insurer thanked Providence for a quiet hurricane season.",
        "Divine Providence, the bishop said, would see the parish through.",
        "PROVIDENCE AND FORTUNE: a review of the season's new novels.",
    })
    void shouldNotReadTheWordOutsideADatelinesPlace(final String text) {
        assertThat(codes(text)).isEmpty();
    }

    @Test
    void shouldReadATerritorysCapitalAsTheTerritory() {
        // small capitals name their territory in the news as capitals of states do theirs
        assertThat(codes("Talks on the island's future opened in Nuuk on Tuesday."))
                .containsExactly("GL");
        assertThat(codes("Protesters gathered outside the assembly in Papeete."))
                .containsExactly("PF");
        assertThat(codes("The cruise ship left Oranjestad a day late.")).containsExactly("AW");
    }

    @ParameterizedTest(name = "{0} -> not {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                // a capital named in common words, or like a person, is left to the other evidence
                "The Valley fire forced evacuations north of the city.|AI",
                "Road Town planners met to discuss the bypass.|VG",
                "Stanley Tucci narrated the documentary.|FK",
            })
    void shouldNotReadATerritorysCapitalNamedLikeWordsOrAPerson(final String text, final String code) {
        assertThat(codes(text)).doesNotContain(code);
    }

    @Test
    void shouldNotTakeACurrencyForTheStory() {
        final TaggedArticle currencyStory =
                TAGGER.tag("", "TOKYO, March 3 - The dollar rose to 152 yen and the Swiss franc fell, dealers said.");
        assertThat(currencyStory.focus()).containsExactly("JP");
        assertThat(currencyStory.countries()).extracting(CountryTagging::code).contains("CH");
        assertThat(TAGGER.tag("", "MELBOURNE, Jan 20 - Alcaraz won the Australian Open final; the French Open is next.")
                        .focus())
                .containsExactly("AU");
        final TaggedArticle accordStory =
                TAGGER.tag("", "TOKYO, March 3 - Miyazawa said the Paris accord helped. The Paris accord holds.");
        assertThat(accordStory.focus()).containsExactly("JP");
        assertThat(accordStory.countries())
                .allSatisfy(c -> assertThat(c.salience()).isBetween(0.0, 1.0));
    }

    @Test
    void shouldReadACountrysCurrencyNamedAsSuchAsTheCurrency() {
        final TaggedArticle tagged = TAGGER.tag(
                "EXPORTERS ASK FOR SLOWER RISE IN TAIWAN DOLLAR",
                "TAIPEI, March 12 - Exporters asked the central bank to slow the rise of the local dollar against"
                        + " the U.S. currency, bankers said.\n    The central bank bought U.S. currency on Monday, and"
                        + " dealers expect the U.S. currency to fall further.");
        assertThat(tagged.focus()).containsExactly("TW");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("US");
        // in a headline the country's currency is the country's own affair
        final TaggedArticle aboutTheCountry = TAGGER.tag(
                "BANKERS OPPOSE TAIWAN CURRENCY CONTROLS",
                "LONDON, March 12 - Bankers said new controls on money coming into the island would hurt trade.\n"
                        + "    Dealers said Taiwan's central bank would review them in April.");
        assertThat(aboutTheCountry.focus()).contains("TW");
    }

    @Test
    void shouldReadANationalityAfterRoyalAsAFirmsName() {
        final TaggedArticle tagged = TAGGER.tag(
                "ROYAL DUTCH UNIT RAISES FUEL OIL PRICES",
                "NEW YORK, March 30 - Shell Oil Co, the American arm of the Royal Dutch/Shell Group, said it raised"
                        + " heavy fuel oil prices by 50 cts a barrel.\n    The Royal Dutch unit said the rise took"
                        + " effect today.");
        assertThat(tagged.focus()).containsExactly("US");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("NL");
        final TaggedArticle decree = TAGGER.tag(
                "OIL PRICES RAISED BY DECREE",
                "LONDON, March 30 - A royal Saudi decree raised domestic fuel prices by 20 pct, the official news"
                        + " agency said.\n    Saudi officials said the Saudi budget needed the money.");
        assertThat(decree.focus()).contains("SA");
    }

    @Test
    void shouldNotTakeAScandalNamedAfterACountryForTheStory() {
        final TaggedArticle scandalStory = TAGGER.tag(
                "APPROVAL RATING FALLS",
                "WASHINGTON, March 2 - The Iran scandal cut the President's approval rating to 42 pct, a poll"
                        + " showed.\n    Most of those asked said the Iran affair had hurt him.");
        assertThat(scandalStory.focus()).containsExactly("US");
        assertThat(scandalStory.countries()).extracting(CountryTagging::code).contains("IR");
        final TaggedArticle inTheCountry = TAGGER.tag(
                "BANKING SCANDAL WIDENS",
                "LONDON, March 2 - A banking scandal in Iran widened on Monday, officials said.\n    Iran arrested"
                        + " two more bankers.");
        assertThat(inTheCountry.focus()).contains("IR");
    }

    @Test
    void shouldReadModernWireStyles() {
        assertThat(TAGGER.tag(
                                "Russian Strikes Hit Power Grid Again",
                                "KYIV, Ukraine (AP) \u2014 Russian missiles struck energy sites across Ukraine on Tuesday, officials said.")
                        .focus())
                .contains("UA", "RU");
        assertThat(TAGGER.tag(
                                "Senate passes budget bill",
                                "WASHINGTON (Reuters) - The U.S. Senate on Friday passed the bill.")
                        .focus())
                .containsExactly("US");
        assertThat(TAGGER.tag("", "Sofia Coppola and Georgia May Jagger attended.")
                        .countries())
                .isEmpty();
    }

    @Test
    void shouldTakeTheDatelineOverTickersAndPassingDemonyms() {
        assertThat(TAGGER.tag(
                                "CONSUMERS POWER <CMS> TO PAY UNION CARBIDE <UK>",
                                "JACKSON, Mich., March 31 - Consumers Power Co said it will pay Union Carbide Corp.")
                        .focus())
                .containsExactly("US");
        assertThat(TAGGER.tag(
                                "SONEX CUSTOM AUTO USES MORE GAS",
                                "ANNAPOLIS, Md., March 20 - Sonex Research Inc said its modified British Ford Escort passed.")
                        .focus())
                .startsWith("US");
    }

    @Test
    void shouldNotTakeACompanysNameForItsCountry() {
        final TaggedArticle tagged = TAGGER.tag(
                "MITSUBISHI BUYS INTO DAIRY FIRM",
                "TOKYO, March 27 - Mitsubishi Corp said it has taken a 25 pct stake in Danish Dairy Farms Ltd. "
                        + "Danish Dairy Farms Ltd will market the produce in Japan.");
        assertThat(tagged.focus()).containsExactly("JP");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("DK");
    }

    @Test
    void shouldKeepOrganisationsApartFromCountries() {
        final TaggedArticle tagged =
                TAGGER.tag("", "The EU, NATO, the OSCE and the UN met. The European Union agreed.");
        assertThat(tagged.countries()).isEmpty();
        assertThat(tagged.organizations())
                .extracting(OrganizationTagging::code)
                .containsExactly("EU", "NATO", "OSCE", "UN");
        assertThat(tagged.organizations().get(0).mentions()).isEqualTo(2);
    }

    @Test
    void shouldNotTakeLowerCaseWordsForShortForms() {
        assertThat(codes("Let us know if the uk branch calls.")).isEmpty();
    }

    @Test
    void shouldReadCapitalTitles() {
        assertThat(codes("JAPAN, U.S. AGREE ON CHIP PACT", "Officials said so."))
                .contains("JP", "US");
        assertThat(codes("W.GERMAN AND S. KOREAN TALKS ON S. AMERICAN DEBT", "Officials met."))
                .containsExactly("DE", "KR");
    }

    @Test
    void shouldHandleEmptyAndNullInput() {
        assertThat(TAGGER.tag(null, null).countries()).isEmpty();
        assertThat(TAGGER.tag("", "").focus()).isEmpty();
    }
}
