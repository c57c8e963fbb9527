package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which countries a story is about: datelines over nationalities, sub-national places, and a focus never empty without cause. */
class FocusRulesTest {
    private static final CountryTagger TAGGER = CountryTagger.loadDefault();

    @Test
    void shouldWeighADatelineWithItsCountryAboveAPlayersNationality() {
        final TaggedArticle tagged = TAGGER.tag(
                "Firmino double sends Liverpool top",
                "LIVERPOOL, England (Reuters) - Brazilian striker Roberto Firmino scored twice as Liverpool beat"
                        + " Watford 3-0 on Saturday. The Brazilian, who missed Brazil's last two friendlies, now has 10"
                        + " goals this season.");
        assertThat(tagged.focus()).first().isEqualTo("GB");
        assertThat(tagged.countries().get(0).salience())
                .isGreaterThan(tagged.countries().get(1).salience());
    }

    @Test
    void shouldWeighADatelineAfterAHeadingLineAboveAPlayersNationality() {
        final TaggedArticle tagged = TAGGER.tag(
                "",
                "FIRMINO DOUBLE SENDS LIVERPOOL TOP\n  LIVERPOOL, England (Reuters) - Brazilian striker Roberto"
                        + " Firmino scored twice as Liverpool beat Watford 3-0 on Saturday. The Brazilian, who missed"
                        + " Brazil's last two friendlies, now has 10 goals this season.");
        assertThat(tagged.focus()).first().isEqualTo("GB");
        assertThat(tagged.countries().get(0).salience())
                .isGreaterThan(tagged.countries().get(1).salience());
    }

    @Test
    void shouldFocusOnTheCountryOfACityStateDatelineAfterAHeadingLine() {
        final TaggedArticle tagged = TAGGER.tag(
                "",
                "ACME FUND SETS DIVIDEND\n    SPRINGFIELD, Ill., March 12\n    Qtly div eight cts vs eight cts prior");
        assertThat(tagged.focus()).containsExactly("US");
    }

    @Test
    void shouldKeepTheDatelinesRegionWhenAFirmIsNamedAfterIt() {
        // "Vermont Financial Services" makes "Vermont" a firm's word elsewhere, not in the dateline
        final TaggedArticle tagged = TAGGER.tag(
                "VERMONT FINANCIAL SERVICES SETS PAYOUT",
                "BRATTLEBORO, Vermont, March 24 - Vermont Financial Services Corp said its board approved a"
                        + " regular 20 cts per share cash dividend.");
        assertThat(tagged.focus()).containsExactly("US");
    }

    @Test
    void shouldNotLetANationalityInTheLeadOutweighACityStateDateline() {
        final TaggedArticle tagged = TAGGER.tag(
                "Mayor resigns",
                "SPRINGFIELD, Ill. (AP) - The mayor resigned on Monday after a Mexican-born contractor was charged.");
        assertThat(tagged.focus()).containsExactly("US");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("MX");
    }

    @Test
    void shouldNotFocusOnATitleNationalityThatTheTextUsesOnlyInAFirmsName() {
        final TaggedArticle tagged = TAGGER.tag(
                "ACME BUYS BRITISH WIDGETS UNIT",
                "MIAMI, March 5 - Acme Corp said it bought the engine unit of <British Widgets Group PLC> for"
                        + " an undisclosed sum.");
        assertThat(tagged.focus()).containsExactly("US");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("GB");
    }

    @Test
    void shouldKeepATitleNationalityThatTheTextNamesOtherwise() {
        final TaggedArticle tagged = TAGGER.tag(
                "ACME BUYS BRITISH ENGINE UNIT",
                "MIAMI, March 5 - Acme Corp said it bought the engine unit of <British Widgets Group PLC>, which"
                        + " makes its engines in Britain.");
        assertThat(tagged.focus()).containsExactlyInAnyOrder("US", "GB");
    }

    @Test
    void shouldKeepALeadNationalityAsFocusWhenNoPlaceSetsTheStory() {
        assertThat(TAGGER.tag("Exporters cut prices", "Japanese exporters cut prices again on Monday.")
                        .focus())
                .containsExactly("JP");
    }

    /** A Tokyo story whose lead names Polish suspects, with "Polish" {@code times} times in all. */
    private static TaggedArticle suspectsStory(final int times) {
        final String[] polish = {"Polish", "Polish", "Polish"};
        for (int i = times; i < polish.length; i++) {
            polish[i] = "the";
        }
        return TAGGER.tag(
                "Men held on computer theft charges",
                "TOKYO, March 10 - Police said they had arrested two " + polish[0] + " men on charges of stealing"
                        + " computer parts from a warehouse near the port.\n\nPolice said " + polish[1] + " embassy"
                        + " officials had been told, and that " + polish[2] + " investigators would visit next week.");
    }

    @Test
    void shouldWeighALeadNationalityNamedThreeTimesAsTheLeadBesideADateline() {
        assertThat(suspectsStory(3).focus()).containsExactlyInAnyOrder("JP", "PL");
    }

    @Test
    void shouldNotWeighALeadNationalityNamedTwiceBesideADateline() {
        assertThat(suspectsStory(2).focus()).containsExactly("JP");
    }

    @Test
    void shouldFocusOnTheCountryOfSubnationalPlacesOnly() {
        final TaggedArticle tagged = TAGGER.tag(
                "Storm damage", "The storm tore roofs off houses in Dorset and Devon. A French tourist was hurt.");
        assertThat(tagged.focus()).containsExactly("GB");
        assertThat(TAGGER.tag("Wildfire forces evacuations in northern Saskatchewan", "Crews fought the fire.")
                        .focus())
                .containsExactly("CA");
    }

    @Test
    void shouldMakeTheMostSalientCountryTheFocusWhenNoneReachesTheThreshold() {
        // named twice, outside the title and the lead of a long story: under the threshold, not in passing
        final String story = "The company said quarterly profit rose 10 percent on strong demand for its software.\n\n"
                + "Sales grew in every region and margins improved, helped by lower costs and a new product line"
                + " that customers took up faster than expected. The chief executive said the results were the best"
                + " in its history and that the board would consider a higher dividend at its next meeting.\n\n"
                + "Analysts had expected a smaller gain. Shares rose 4 percent in early trading, and the company"
                + " raised its forecast for the year, citing orders from Ohio. It also hired staff in Ohio.";
        final TaggedArticle tagged = TAGGER.tag("Quarterly profit rises", story);
        assertThat(tagged.countries().get(0).salience()).isLessThan(0.35);
        assertThat(tagged.focus()).containsExactly("US");
    }

    @Test
    void shouldLeaveFocusEmptyForAPassingMentionInAStoryAboutSomethingElse() {
        final String story = "The company said quarterly profit rose 10 percent on strong demand for its software.\n\n"
                + "Sales grew in every region and margins improved, helped by lower costs and a new product line"
                + " that customers took up faster than expected. The chief executive said the results were the best"
                + " in its history and that the board would consider a higher dividend at its next meeting.\n\n"
                + "Analysts had expected a smaller gain. It had earlier opened an office in Brazil.";
        final TaggedArticle tagged = TAGGER.tag("Quarterly profit rises", story);
        assertThat(tagged.countries()).extracting(CountryTagging::code).containsExactly("BR");
        assertThat(tagged.focus()).isEmpty();
    }

    @Test
    void shouldNotFocusOnAHeadlineCountryThatTheTextNeverNames() {
        // the headline names the jets' origin; the story is about the buyer, where it is datelined
        final TaggedArticle tagged = TAGGER.tag(
                "KOREAN CARRIER TO BUY FIVE BRAZILIAN JETS",
                "SEOUL, March 3 - Korean Air said it agreed to buy five regional jets for delivery next year,"
                        + " to serve its domestic routes. The carrier gave no price.");
        assertThat(tagged.focus()).containsExactly("KR");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("BR");
        assertThat(tagged.countries().get(1).salience()).isLessThan(0.35);
    }

    @Test
    void shouldKeepAHeadlineCountryThatTheTextNamesAgain() {
        final TaggedArticle tagged = TAGGER.tag(
                "KOREAN CARRIER TO BUY FIVE BRAZILIAN JETS",
                "SEOUL, March 3 - Korean Air said it agreed to buy five regional jets for delivery next year."
                        + " The jets will be built in Brazil.");
        assertThat(tagged.focus()).containsExactlyInAnyOrder("KR", "BR");
    }

    @Test
    void shouldStillFocusOnAHeadlineCountryTheTextNeverNamesWhenItIsTheOnlyOne() {
        final TaggingExplanation explanation = new TaggingExplanation();
        final TaggedArticle tagged = TAGGER.tag(
                "JAPAN CUTS DISCOUNT RATE",
                "The central bank cut its discount rate by half a point to 2.5 pct, effective tomorrow, the"
                        + " finance ministry said.",
                explanation);
        assertThat(tagged.countries().get(0).salience()).isLessThan(0.35);
        assertThat(tagged.focus()).containsExactly("JP");
        assertThat(explanation.countries().get(0).focusRule()).startsWith("focus: none reached");
    }

    /** A broker's sugar forecast for Europe with its figures for {@code rows}, in a table or in prose. */
    private static TaggedArticle sugarForecast(final String rows) {
        return TAGGER.tag(
                "BROKER EXPECTS LOWER EUROPEAN SUGAR OUTPUT",
                "LONDON, March 19 - European sugar output will be about half a mln tonnes lower this year, a"
                        + " broker said in its market review, with lower yields in Hungary and Romania.\n"
                        + "    Its projections in mln tonnes, with last season's in brackets, include\n"
                        + rows
                        + "\n    The broker said prices had risen since the review was written.");
    }

    @Test
    void shouldFocusOnEveryCountryOfARoundUpWithATableOfCountriesFigures() {
        final TaggedArticle tagged = sugarForecast(" France       3.57     (3.44)\n W Germany    3.08     (3.19)\n"
                + " Poland       2.02     (1.74)\n EC          13.82    (13.76)");
        assertThat(tagged.focus()).containsExactlyInAnyOrder("GB", "FR", "DE", "PL", "HU", "RO");
    }

    @Test
    void shouldNotMakeARoundUpOfTwoRowsOrOfAListInProse() {
        final TaggedArticle twoRows = sugarForecast(
                " France       3.57     (3.44)\n EC          13.82    (13.76)\n" + " Poland       2.02     (1.74)");
        assertThat(twoRows.focus()).doesNotContain("FR", "PL", "HU", "RO");
        final TaggedArticle prose = sugarForecast(
                "    France 3.57 (3.44), West Germany 3.08 (3.19), Poland 2.02" + " (1.74) and the EC 13.82 (13.76).");
        assertThat(prose.focus()).doesNotContain("FR", "DE", "PL", "HU", "RO");
    }

    @Test
    void shouldTellARowOfFiguresFromProseWrappedAtACountrysName() {
        final String text = "LONDON - Shipments to\nJapan 1,200 tonnes rose.\n    France       3.57\n W Germany 3.08\n"
                + "Exports to France\n    Italy: (4.01)";
        assertThat(StoryLayout.headsRowOfFigures(text, text.indexOf("France"), text.indexOf("France") + 6))
                .isTrue();
        assertThat(StoryLayout.headsRowOfFigures(text, text.indexOf("Germany"), text.indexOf("Germany") + 7))
                .isTrue();
        assertThat(StoryLayout.headsRowOfFigures(text, text.indexOf("Italy"), text.indexOf("Italy") + 5))
                .isTrue();
        assertThat(StoryLayout.headsRowOfFigures(text, text.lastIndexOf("France"), text.lastIndexOf("France") + 6))
                .isFalse();
        assertThat(StoryLayout.headsRowOfFigures(text, text.indexOf("LONDON"), text.indexOf("LONDON") + 6))
                .isFalse();
        // a wrapped line of prose does open with the name and a figure: one such line alone makes no table
        assertThat(StoryLayout.headsRowOfFigures(text, text.indexOf("Japan"), text.indexOf("Japan") + 5))
                .isTrue();
    }

    /** A story about Japan's mills whose body names China {@code chinaMentions} times, never in the lead. */
    private static TaggedArticle steelStory(final int chinaMentions) {
        final String[] china = {"China", "China", "China", "China"};
        for (int i = chinaMentions; i < china.length; i++) {
            china[i] = "the region";
        }
        return TAGGER.tag(
                "Steelmakers expect weaker exports",
                "TOKYO, March 3 - Japan's steelmakers expect exports to fall this year as the yen stays strong, an"
                        + " industry group said.\n\nThe group said output would drop by about four pct to 98 mln"
                        + " tonnes in the year to March, the lowest in a decade, and that mills had already cut shifts"
                        + " at several plants.\n\nIt said shipments to " + china[0] + " fell sharply in the last"
                        + " quarter, and that buyers in " + china[1] + " had delayed orders until prices settle.\n\n"
                        + "Mills hope sales to " + china[2] + " recover once its new plants need steel, but the group"
                        + " said demand from " + china[3] + " would stay weak for some months.\n\nThe group will"
                        + " publish its forecast for the next business year in June, after talks with the mills, the"
                        + " shipping lines and the trade ministry, and it expects the industry to keep cutting costs.");
    }

    @Test
    void shouldFocusOnACountryTheBodyNamesFourTimes() {
        assertThat(steelStory(4).focus()).containsExactly("JP", "CN");
    }

    @Test
    void shouldNotFocusOnACountryTheBodyNamesOnlyThreeTimes() {
        final TaggedArticle tagged = steelStory(3);
        assertThat(tagged.focus()).containsExactly("JP");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("CN");
    }

    @Test
    void shouldNotFocusOnATitleCountryWordThatOpensTheNameOfAFirmInTheText() {
        final TaggedArticle tagged = TAGGER.tag(
                "CYPRUS MINERALS <CYPM> NAMED IN SUITS",
                "DENVER, March 6 - Cyprus Minerals Co said it was named as a defendant in two suits filed by"
                        + " shareholders.\n    Cyprus said it would contest the suits.");
        assertThat(tagged.focus()).containsExactly("US");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("CY");
    }

    @Test
    void shouldKeepATitleCountryWhoseWordsOnlyAFirmWithALongerNameShares() {
        final TaggedArticle tagged = TAGGER.tag(
                "IRANIAN TANKER HIT IN THE GULF",
                "LONDON, March 22 - The Iranian tanker Avaj was hit by a missile on Saturday, shipping sources"
                        + " said.\n    The tanker is owned by National Iranian Tanker Co.");
        assertThat(tagged.focus()).contains("IR");
    }

    @Test
    void shouldNotFocusOnACountryNamedOnlyThroughTownsBesideACountryNamedOtherwiseInTheFocus() {
        final TaggedArticle tagged = TAGGER.tag(
                "AIRLINE SETS BOSTON-FRANKFURT SERVICE",
                "WASHINGTON, March 17 - The Transportation Department said it approved daily flights between"
                        + " Boston and Frankfurt from June.\n    The airline will fly to Frankfurt with wide-body jets.");
        assertThat(tagged.focus()).containsExactly("US");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("DE");
    }

    @Test
    void shouldFocusOnCountriesNamedOnlyThroughTownsWhenNoCountryNamedOtherwiseReachesTheFocus() {
        final TaggedArticle tagged = TAGGER.tag(
                "FLOODS CUT ROADS BETWEEN FRANKFURT AND STRASBOURG",
                "Floods cut the roads between Frankfurt and Strasbourg on Monday and closed both airports for six"
                        + " hours.\n    Police in Frankfurt and Strasbourg said a Dutch tourist was missing.");
        assertThat(tagged.focus()).containsExactlyInAnyOrder("DE", "FR");
    }

    @Test
    void shouldNotFocusOnACountryNamedOnceOpeningTheLeadBesideAnotherCountrysDateline() {
        final TaggedArticle tagged = TAGGER.tag(
                "FIRST COMMERCIAL PAPER ISSUED IN TURKEY",
                "ISTANBUL, March 11 - Austria's Creditanstalt arranged the first commercial paper issue in Turkey,"
                        + " a 10 billion lira programme for a textile maker, bankers said.\n    The paper was sold to"
                        + " Turkish banks and insurers.");
        assertThat(tagged.focus()).containsExactly("TR");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("AT");
    }

    @Test
    void shouldFocusOnACountryNamedOnceOpeningTheLeadWhenNoOtherCountryReachesTheFocus() {
        final TaggedArticle tagged = TAGGER.tag(
                "BANK PROFIT RISES",
                "Austria's Creditanstalt said its 1986 net profit rose 12 pct to 1.2 billion schillings.\n    The"
                        + " bank will raise its dividend.");
        assertThat(tagged.focus()).containsExactly("AT");
    }

    @Test
    void shouldCountATownAndItsCountryAfterACommaAsOneMention() {
        final TaggedArticle tagged = TAGGER.tag(
                "PERKIN-ELMER BUYS LASER MAKER",
                "NORWALK, Conn., March 5 - Perkin-Elmer Corp said it bought a laser maker based in Munich, West"
                        + " Germany, for 12 mln dlrs.\n    The company said the unit will add to earnings this year.");
        assertThat(tagged.focus()).containsExactly("US");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("DE");
    }

    @Test
    void shouldCountATownAndItsCountryApartAsTwoMentions() {
        final TaggedArticle tagged = TAGGER.tag(
                "PERKIN-ELMER BUYS LASER MAKER",
                "NORWALK, Conn., March 5 - Perkin-Elmer Corp said it bought a laser maker in Munich, its first"
                        + " plant in West Germany, for 12 mln dlrs.\n    The company said the unit will add to earnings"
                        + " this year.");
        assertThat(tagged.focus()).containsExactlyInAnyOrder("US", "DE");
    }

    @Test
    void shouldFocusOnACountryListedWithOthersAndNamedAgainInAStoryAboutSeveralCountries() {
        final TaggingExplanation explanation = new TaggingExplanation();
        final TaggedArticle tagged = TAGGER.tag(
                "BRAZIL AND COLOMBIA SEEK COFFEE QUOTA PACT",
                "RIO DE JANEIRO, March 4 - Brazil and Colombia will ask other growers to back a new export quota"
                        + " pact, Brazilian officials said.\n    Delegates from Kenya, Uganda and Ethiopia are due in"
                        + " Rio next week, they said.\n    Colombia has long favoured quotas, while growers elsewhere"
                        + " in Africa have wavered.\n    Officials said Kenya had promised to bring its own proposal.",
                explanation);
        assertThat(tagged.focus()).containsExactlyInAnyOrder("BR", "CO", "KE");
        assertThat(explanation.countries())
                .filteredOn(country -> country.code().equals("KE"))
                .extracting(TaggingExplanation.Country::focusRule)
                .singleElement()
                .asString()
                .contains("list of 3 or more countries");
    }

    @Test
    void shouldNotFocusOnACountryListedOnceWithOthersAndNotNamedAgain() {
        final TaggedArticle tagged = TAGGER.tag(
                "BRAZIL AND COLOMBIA SEEK COFFEE QUOTA PACT",
                "RIO DE JANEIRO, March 4 - Brazil and Colombia will ask other growers to back a new export quota"
                        + " pact, Brazilian officials said.\n    Delegates from Kenya, Uganda and Ethiopia are due in"
                        + " Rio next week, they said.\n    Colombia has long favoured quotas, while growers elsewhere"
                        + " in Africa have wavered.");
        assertThat(tagged.focus()).containsExactlyInAnyOrder("BR", "CO");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("KE", "UG", "ET");
    }

    @Test
    void shouldNotFocusOnADestinationListedInAStoryAboutOneCountry() {
        final TaggedArticle tagged = TAGGER.tag(
                "AUSTRALIAN WHEAT SHIPMENTS RISE IN FEBRUARY",
                "SYDNEY, March 4 - Australia shipped 1.2 mln tonnes of wheat in February, up from 900,000 a year"
                        + " earlier, the grain board said.\n    The main buyers were Egypt, China and Iraq, it said.\n"
                        + "    Egypt alone took 400,000 tonnes under a long-term supply agreement.");
        assertThat(tagged.focus()).containsExactly("AU");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("EG", "CN", "IQ");
    }

    @Test
    void shouldFocusOnACountryTheStoryListsWithOthersTwice() {
        final TaggedArticle tagged = TAGGER.tag(
                "AUSTRALIAN WHEAT SHIPMENTS RISE IN FEBRUARY",
                "SYDNEY, March 4 - Australia shipped 1.2 mln tonnes of wheat in February, up from 900,000 a year"
                        + " earlier, the grain board said.\n    The main buyers were Egypt, China and Iraq, it said.\n"
                        + "    Buyers for March include Iran, Egypt and Yemen, traders said.");
        assertThat(tagged.focus()).containsExactlyInAnyOrder("AU", "EG");
    }

    @Test
    void shouldReadAListOfCountriesThroughTheArticle() {
        final TaggedArticle tagged = TAGGER.tag(
                "U.S. AND JAPAN CLASH OVER AIRCRAFT SUBSIDIES",
                "GENEVA, March 4 - The United States and Japan clashed over aircraft subsidies at a trade meeting"
                        + " today.\n    Washington accused France, West Germany, the U.K. and Spain of unfair support"
                        + " for their planemakers, officials said.\n    Britain denied the charge.");
        assertThat(tagged.focus()).contains("US", "JP", "GB");
    }

    @Test
    void shouldNotFocusOnACountryWhoseTownIsListedWithOtherTowns() {
        final TaggedArticle tagged = TAGGER.tag(
                "BRITISH BANK TO OPEN U.S. BOND DESK",
                "LONDON, March 4 - A British merchant bank said it would open a bond desk in the United States"
                        + " this year.\n    The bank already trades bonds in Tokyo, London and New York, it said.\n"
                        + "    Its Tokyo office will hire 20 more dealers.");
        assertThat(tagged.focus()).containsExactlyInAnyOrder("GB", "US");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("JP");
    }

    @Test
    void shouldNotFocusOnACountryWhoseNationalityIsListedWithOthers() {
        // "Russian, U.S. and French mediators" lists the people's nationalities, not the countries the story is about.
        final TaggedArticle tagged = TAGGER.tag(
                "Armenia and Azerbaijan trade fire on border",
                "Armenia and Azerbaijan accused each other of shelling border villages on Monday, and Turkey said it"
                        + " backed Azerbaijan.\n\nRussia urged both sides to hold their fire, and Turkey repeated its"
                        + " support for Baku.\n\nThe United States also called for restraint.\n\nRussian, U.S. and"
                        + " French mediators have tried for years to settle the conflict, and Russia has troops in"
                        + " Armenia.");
        assertThat(tagged.focus()).doesNotContain("US", "FR");
        assertThat(tagged.focus()).contains("AM", "AZ", "RU", "TR");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("US", "FR");
    }

    @Test
    void shouldNotFocusOnACountryNamedOnlyThroughItsCapitalBesideACountryNamedOtherwiseInTheFocus() {
        final TaggedArticle tagged = TAGGER.tag(
                "KENYA SAYS TEA EXPORTS WILL RECOVER",
                "NAIROBI, March 4 - Kenya's tea exports will recover this year after a weak February, when buyers at"
                        + " the London auctions held back, the Tea Board said.\n    Brokers in London expect prices to"
                        + " firm in April, the board said. Kenya sold 12,000 tonnes in February.");
        assertThat(tagged.focus()).containsExactly("KE");
        assertThat(tagged.countries()).extracting(CountryTagging::code).contains("GB");
    }

    @Test
    void shouldFocusOnACountryWhoseCapitalTheTitleNames() {
        final TaggedArticle tagged = TAGGER.tag(
                "KENYA TEA SALES SLOW AT LONDON AUCTIONS",
                "NAIROBI, March 4 - Kenya's tea exports will recover this year after a weak February, when buyers at"
                        + " the London auctions held back, the Tea Board said.\n    Brokers in London expect prices to"
                        + " firm in April, the board said. Kenya sold 12,000 tonnes in February.");
        assertThat(tagged.focus()).containsExactlyInAnyOrder("KE", "GB");
    }

    @Test
    void shouldFocusOnEveryCountryOfARoundUpWhereNoneStandsOut() {
        final TaggingExplanation explanation = new TaggingExplanation();
        final TaggedArticle tagged = TAGGER.tag(
                "GRAIN LEVIES UNCHANGED NEXT WEEK",
                "BRUSSELS, March 6 - Import levies on cereals will be unchanged next week for shipments from"
                        + " Argentina, Canada and Australia, officials said. Traders in France, Italy, Spain and Greece"
                        + " expect quotas for Turkey, Egypt and Morocco to be set later.",
                explanation);
        assertThat(tagged.focus())
                .containsExactlyInAnyOrder("BE", "AR", "CA", "AU", "FR", "IT", "ES", "GR", "TR", "EG", "MA");
        assertThat(explanation.countries())
                .filteredOn(country -> country.code().equals("MA"))
                .extracting(TaggingExplanation.Country::focusRule)
                .singleElement()
                .asString()
                .contains("round-up");
    }

    @Test
    void shouldNotMakeARoundUpOfManyCountriesBesideOneThatStandsOut() {
        // ten countries, but the title's and the dateline's country leads: the others are its suppliers
        final TaggedArticle tagged = TAGGER.tag(
                "JAPAN RAISES RICE IMPORT QUOTA",
                "TOKYO, March 6 - Japan will raise its rice import quota, the Japanese farm ministry said. Japan"
                        + " buys from Thailand, Vietnam, China, Australia, Pakistan, Italy, Spain, Egypt and Uruguay, a"
                        + " ministry official said.");
        assertThat(tagged.countries()).hasSize(10);
        assertThat(tagged.focus()).containsExactly("JP");
    }

    @Test
    void shouldFocusOnEveryCountryOfASurveyAlreadyAboutFourCountries() {
        final TaggingExplanation explanation = new TaggingExplanation();
        final TaggedArticle tagged = TAGGER.tag("CHINA, JAPAN, EGYPT AND BRAZIL BUY WHEAT", wheatSales(), explanation);
        assertThat(tagged.countries()).hasSize(14);
        assertThat(tagged.focus()).hasSize(14);
        assertThat(explanation.countries())
                .filteredOn(country -> country.code().equals("NO"))
                .extracting(TaggingExplanation.Country::focusRule)
                .singleElement()
                .asString()
                .contains("in a story already about 4");
    }

    @Test
    void shouldNotMakeASurveyOfAStoryAboutThreeCountries() {
        final TaggedArticle tagged = TAGGER.tag("CHINA, JAPAN AND EGYPT BUY WHEAT", wheatSales());
        assertThat(tagged.countries()).hasSize(14);
        assertThat(tagged.focus()).containsExactlyInAnyOrder("CN", "JP", "EG");
    }

    /** Fourteen countries, each named once or twice in pairs (no list of three that would count as an enumeration). */
    private static String wheatSales() {
        return "China and Japan bought wheat this week, the exporters' council said. Egypt and Brazil took corn."
                + " Smaller sales went to Peru and Chile. Kenya and Nigeria bought barley. Poland and Norway took oats."
                + " Iraq and Jordan bought flour. Sweden and Finland sold none.";
    }
}
