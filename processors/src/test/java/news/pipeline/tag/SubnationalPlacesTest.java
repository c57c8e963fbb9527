package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * States, provinces, counties and towns name their country, and the names they share with
 * people, with other countries' places or with churches do not: each trap has a case here.
 */
class SubnationalPlacesTest {
    private static final CountryTagger TAGGER = CountryTagger.loadDefault();

    private static List<String> codes(final String title, final String text) {
        return TAGGER.tag(title, text).countries().stream()
                .map(CountryTagging::code)
                .toList();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Wildfire forces evacuations in northern Saskatchewan|CA",
                "Devon councillors fined over unpaid tax|GB",
                "A school board in Ohio cut its budget on Monday.|US",
                "Floods cut roads across Queensland and Bavaria.|AU,DE",
                "Heavy rain closed schools in N.S.W. on Friday.|AU",
                "Police in Chih. said the road was closed.|MX",
                "The Pataskala zoning board met on Tuesday.|US",
                "Firefighters were called to a house in Belgrade, Minn., late on Sunday.|US",
            })
    void shouldMapSubnationalPlacesToTheirCountry(final String text, final String expected) {
        assertThat(codes("", text)).containsExactlyInAnyOrder(expected.split(","));
    }

    @Test
    void shouldReadVictoriaByTheCountryTheArticleNames() {
        assertThat(codes("", "Bushfires spread across Victoria, and Melbourne braced for smoke."))
                .containsExactly("AU");
        assertThat(codes("", "Ferries from Vancouver to Victoria were cancelled."))
                .containsExactly("CA");
        assertThat(codes("", "Queen Victoria opened the bridge in 1850.")).isEmpty();
        assertThat(codes("", "Victoria Beckham launched a new line on Monday.")).isEmpty();
    }

    @Test
    void shouldReadPunjabByTheCountryTheArticleNames() {
        assertThat(codes("", "Farmers in Punjab marched on Lahore.")).containsExactly("PK");
        assertThat(codes("", "Farmers in Punjab marched on New Delhi.")).containsExactly("IN");
        assertThat(codes("", "Farmers in Punjab marched on Monday.")).isEmpty();
    }

    @Test
    void shouldNotTakePeopleNamedLikePlacesForThePlaces() {
        assertThat(codes("", "Actor Denzel Washington won the award.")).isEmpty();
        assertThat(codes("", "President Grover Cleveland vetoed the bill. Cleveland said it was wasteful."))
                .isEmpty();
        assertThat(codes("", "Singer Jennifer Lopez and President Barack Obama met fans."))
                .isEmpty();
        assertThat(codes("", "Factories in Cleveland laid off workers.")).containsExactly("US");
        assertThat(codes("", "Lawmakers in Washington passed the bill.")).containsExactly("US");
    }

    @Test
    void shouldKeepGeorgiaAndJerseyApartFromTheirNamesakes() {
        assertThat(codes("", "Storms hit Georgia and Alabama on Monday.")).containsExactly("US");
        assertThat(codes("", "Tbilisi said Georgia would not join.")).containsExactly("GE");
        assertThat(codes("", "The ferry from St Helier, Jersey, was cancelled."))
                .containsExactly("JE");
        assertThat(codes("", "Commuters in New Jersey faced delays; Jersey officials apologised."))
                .containsExactly("US");
    }

    @Test
    void shouldReadForeignNamedTownsAsTownsOfTheCountryTheStoryIsSetIn() {
        // Paris, Texas and Athens, Georgia
        assertThat(codes("", "The Paris City Council met in Lamar County, Texas, on Monday."))
                .containsExactly("US");
        assertThat(codes("", "Athens police said the road to Atlanta reopened on Monday."))
                .containsExactly("US");
        assertThat(codes("", "Firefighters in Paris, Texas, put out the blaze."))
                .containsExactly("US");
        // the country named another way keeps its capital
        assertThat(codes("", "Ministers from Texas flew to Paris to meet French officials."))
                .containsExactlyInAnyOrder("US", "FR");
    }

    @Test
    void shouldReadATownAsASmallNamesakeOfTheCountryTheStoryIsSetIn() {
        // Malakoff, Texas (2,000 people) is too small to be listed as a namesake of the Paris suburb,
        // but the story's other places are American
        assertThat(codes("", "A city official in Malakoff said towns across Texas are spraying for mosquitoes."))
                .containsExactly("US");
        // among French places, or alone, the suburb is French
        assertThat(codes("", "Residents of Malakoff and Montrouge protested on Monday."))
                .containsExactly("FR");
        assertThat(codes("", "Residents of Malakoff protested on Monday.")).containsExactly("FR");
        // a city of 100,000 or more keeps its reading beside a small namesake (Toronto, Ohio)
        assertThat(codes("", "The Texas company opened an office in Toronto.")).containsExactlyInAnyOrder("US", "CA");
    }

    @Test
    void shouldReadEveryMentionOfATownAsTheTownItsRegionNamedOnce() {
        // the dateline or the text says which Edmonton; the later mention is the same town
        assertThat(codes("", "EDMONTON, Ky. - A hunter was hurt. Herbert Lattin, of Edmonton, was found."))
                .containsExactly("US");
        assertThat(codes("", "Firefighters in Edmonton, Ky., were called. Edmonton police closed the road."))
                .containsExactly("US");
        // the other reading's country named another way keeps it
        assertThat(codes("", "Officials from Edmonton, Ky., flew to Edmonton, Canada, on Monday."))
                .containsExactlyInAnyOrder("US", "CA");
        assertThat(codes("", "Police in Edmonton closed the road.")).containsExactly("CA");
    }

    @Test
    void shouldReadASaintsPlaceInThePossessiveAsTheTownOnlyBesideItsCountry() {
        // a saint's hospital, church or school, which are everywhere
        assertThat(codes(
                        "",
                        "At St. Paul's Hospital in downtown Vancouver, doctors said. Officials at St. Paul's agreed."))
                .containsExactly("CA");
        assertThat(codes("", "Doctors at St. Paul's said the ward was full.")).isEmpty();
        // beside other evidence of the town's country, or not in the possessive, it is the town
        assertThat(codes("", "St. Paul's mayor met Minnesota lawmakers.")).containsExactly("US");
        assertThat(codes("", "Doctors in St. Paul said the ward was full.")).containsExactly("US");
    }

    @Test
    void shouldReadACityNamedLikeACountyAbroadAsTheCountyInAStorySetThere() {
        // Norfolk, Virginia's city, is also an English county
        assertThat(codes("", "Bird flu was confirmed on farms in Norfolk and Leicestershire."))
                .containsExactly("GB");
        assertThat(codes("", "The carrier docked in Norfolk as Texas lawmakers watched."))
                .containsExactly("US");
        assertThat(codes("", "The carrier docked in Norfolk on Monday.")).containsExactly("US");
    }

    @Test
    void shouldNotTakeCountiesAndTownshipsNamedLikeCountriesForTheCountries() {
        // the county or township itself is American, as every such unit
        assertThat(codes("", "Lebanon County commissioners met on Monday.")).containsExactly("US");
        assertThat(codes("", "The Guernsey County court heard the case.")).containsExactly("US");
        assertThat(codes("", "Jordan Township trustees met.")).containsExactly("US");
        assertThat(codes("", "Troops in Lebanon met the county leaders.")).containsExactly("LB");
    }

    @Test
    void shouldTakeCountiesTownshipsAndParishesNoGazetteerKnowsAsAmerican() {
        assertThat(codes("", "Butler County Auditor Jane Roe said the county is drafting policies."))
                .containsExactly("US");
        assertThat(codes("", "Three Readington Township scouts built picnic tables."))
                .containsExactly("US");
        assertThat(codes("", "Deputies in Avoyelles Parish arrested 14 people."))
                .containsExactly("US");
        assertThat(codes("", "Fire crews from Pearl River County were called.")).containsExactly("US");
    }

    @Test
    void shouldNotTakeEveryCountyTownshipOrParishAsAmerican() {
        // the word in lower case, or after a qualifier, names no unit
        assertThat(codes("", "The county board met on Monday.")).isEmpty();
        assertThat(codes("", "The County Council met on Monday.")).isEmpty();
        // a church's parish is anywhere
        assertThat(codes("", "St. Anne's Parish held its fair on Sunday.")).isEmpty();
        // a place abroad before the word is that place's unit
        assertThat(codes("", "Lancashire County Council approved the plan.")).containsExactly("GB");
        assertThat(codes("", "Nairobi County officials met on Monday.")).containsExactly("KE");
        // a dateline in capitals names its country after the place
        assertThat(codes("", "FENGBANG COUNTY, China, April 1 - Farmland is shrinking."))
                .containsExactly("CN");
        // a title in title case gives no case clue
        assertThat(codes("Every County Counts", "Voters went to the polls.")).isEmpty();
    }

    @Test
    void shouldReadACountrysNameBeforeATownsSchoolsAsTheTown() {
        assertThat(codes("Jordan elementary wins reading prize", "Pupils at Jordan Elementary read 900 books."))
                .doesNotContain("JO");
        assertThat(codes("", "Teams meet at the Jordan middle school. Jordan players start in March."))
                .doesNotContain("JO");
        assertThat(codes("", "The Palestine Independent School District hired a coordinator."))
                .doesNotContain("PS");
        // the country's own schools and residents are still the country's
        assertThat(codes("", "Schools in Jordan reopened. Singapore residents were told not to travel."))
                .containsExactlyInAnyOrder("JO", "SG");
    }

    @Test
    void shouldKeepTwoTownsThatAreEachOthersNamesakes() {
        // Toronto has a namesake in Australia and Sydney one in Canada: neither sets the story in
        // the other's country
        assertThat(codes("", "Stock markets in Toronto and Sydney fell on Monday."))
                .containsExactlyInAnyOrder("CA", "AU");
    }

    @Test
    void shouldReadTownsOfDifferentCountriesAsTheNamesakesTheyShare() {
        // Enfield is Connecticut's and Edmonton Alberta's by size, but both are also suburbs in
        // Australia, the only country that has both
        assertThat(codes("", "Volunteers from Enfield and Edmonton cleared the park on Sunday."))
                .containsExactly("AU");
        // towns of one country, capitals, or a country named another way keep their own reading
        assertThat(codes("", "Shares fell in Toronto and in Sydney on Monday.")).containsExactlyInAnyOrder("CA", "AU");
        assertThat(codes("", "Flights from Paris to London were cancelled.")).containsExactlyInAnyOrder("FR", "GB");
        assertThat(codes("", "Volunteers from Enfield and Edmonton, Canada, cleared the park."))
                .contains("CA");
    }

    @Test
    void shouldCountAUnitFollowedByItsStateOnce() {
        final TaggedArticle tagged = TAGGER.tag("", "The well in Panola County, Texas, is being drilled.");
        assertThat(tagged.countries()).singleElement().satisfies(country -> {
            assertThat(country.code()).isEqualTo("US");
            assertThat(country.mentions()).isEqualTo(1);
        });
    }

    @Test
    void shouldTakeATownsPublicBodiesAsEvidenceOfTheTownNotAsAFirm() {
        assertThat(codes("", "Gainesville Police Officer Jane Roe saw three men in a parking lot."))
                .containsExactly("US");
        assertThat(codes("", "The Texas Department of Transportation released the figures."))
                .containsExactly("US");
        assertThat(codes("", "He was taken to Huntsville Memorial Hospital. Huntsville officers stayed."))
                .containsExactly("US");
        assertThat(codes("", "Texas Gov. Rick Perry signed the bill on Friday."))
                .containsExactly("US");
        assertThat(codes("", "Manitoba Premier Greg Selinger said the dikes would hold."))
                .containsExactly("CA");
        assertThat(codes("", "The Seattle Times reported the closure on Monday."))
                .containsExactly("US");
        // a town's name before a word no public body has is still a firm's name
        assertThat(codes("", "Piedmont Aviation Inc said its load factor rose."))
                .isEmpty();
    }

    @Test
    void shouldKeepAPlaceThatStandsAsAPlaceBesideAFirmNamedAfterIt() {
        // a charity and a hospital named after their province and city; the other mentions are places
        assertThat(codes(
                        "",
                        "The puppy was found in a northern Manitoba community. Manitoba Underdogs Rescue"
                                + " drove her to Winnipeg, to Winnipeg Animal Emergency Hospital."))
                .containsExactly("CA");
        // with no word of place before it, the name after the firm's is the firm again
        assertThat(codes("", "Piedmont Aviation Inc said its load factor rose. Piedmont carried more people."))
                .isEmpty();
        // a person's name is no firm: "to Clinton" after "Bill Clinton" is still the person
        assertThat(codes("", "Bill Clinton spoke first. The floor then passed to Clinton again."))
                .isEmpty();
    }

    @Test
    void shouldReadANameSharedWithTownsAbroadAsTheDivisionBeforeTheNameOfItsGovernmentsBody() {
        // Virginia is also a South African town, Georgia a country, Victoria a Canadian city
        assertThat(codes("", "The Virginia Department of Education released the figures."))
                .containsExactly("US");
        assertThat(codes("", "Agents of the Georgia Bureau of Investigation raided the home."))
                .containsExactly("US");
        assertThat(codes("", "Victoria Premier Daniel Andrews spoke on Monday."))
                .containsExactly("AU");
        // a firm named after the state elsewhere does not make the department the firm
        assertThat(codes(
                        "",
                        "The Virginia Department of Education released the figures. They follow the"
                                + " Virginia On-Time Graduation Rate reports."))
                .containsExactly("US");
        // Punjab is a division of India and of Pakistan: the body's name does not say which
        assertThat(codes("", "Punjab State officials met on Monday.")).isEmpty();
        // with no such body after it, the name is still a person's or uncorroborated
        assertThat(codes("", "Georgia Smith won the race on Monday.")).isEmpty();
        assertThat(codes("", "Virginia joined the talks on Monday.")).isEmpty();
    }

    @Test
    void shouldTakeACountyNamedLikeATownAsTheTownsOnlyForAmericanTowns() {
        assertThat(codes("", "The Madison County Health Department issued a warning."))
                .containsExactly("US");
        assertThat(codes("", "She was born in Jackson Township in 1930.")).containsExactly("US");
        // Bristol County, Massachusetts, and York County, Pennsylvania, are not in England
        assertThat(codes("", "Voters in Bristol County backed the measure.")).doesNotContain("GB");
        assertThat(codes("", "Farmers in York County met on Monday.")).doesNotContain("GB");
    }

    @Test
    void shouldNotTakeTownsNamedLikeEnglishWordsOrShortenedNamesForPlaces() {
        // Coin (Spain) is the English word in an all-capitals headline
        assertThat(codes("BELGIAN ECU COIN ISSUE PRICED", "The Belgian treasury priced the issue."))
                .containsExactly("BE");
        // Zealand (Denmark) is New Zealand shortened beside it
        assertThat(codes("N. ZEALAND MARKETS PREPARE FOR STRIKE", "Banks in New Zealand will close."))
                .containsExactly("NZ");
    }

    @Test
    void shouldNotTakeChurchesOrGenericNamesForPlaces() {
        assertThat(codes("", "Mass was said at St. John's on Sunday.")).isEmpty();
        assertThat(codes("", "Voters in the North West turned out early.")).isEmpty();
        assertThat(codes("", "Mines in North West province, South Africa, shut."))
                .containsExactly("ZA");
    }
}
