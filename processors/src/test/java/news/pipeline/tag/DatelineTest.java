package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatelineTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "NEW YORK, March 3 - Shares rose.|NEW YORK|",
                "MOSCOW (Reuters) - Officials met.|MOSCOW|",
                "SAN JOSE, Calif., March 3 - Apple said.|SAN JOSE|Calif.",
                "KINGSTON, Jamaica - The bank said.|KINGSTON|Jamaica",
                "KYIV, Ukraine (AP) \u2014 Missiles struck.|KYIV|Ukraine (AP)",
                "New York, March 4 - Trans World Airlines said.|New York|",
                "NEW DELHI: The government said.|NEW DELHI|",
                "Beijing (Xinhua) -- The ministry said.|Beijing|",
                "TOKYO 1996-08-20 - The ministry said.|TOKYO|",
                "Scarborough, Ontario, Feb 26 - Shr 45 cts.|Scarborough|Ontario",
                "La paz, march 4 - The government said.|La paz|",
                "Tokyo 1996-08-20 - The ministry said.|Tokyo|",
            })
    void shouldFindThePlaceAndTheRegion(final String text, final String place, final String region) {
        final Dateline dateline = Dateline.find(text);
        assertThat(dateline.present()).isTrue();
        assertThat(text.substring(0, dateline.placeEnd())).isEqualTo(place);
        if (region == null) {
            assertThat(dateline.regionStart()).isNegative();
        } else {
            assertThat(text.substring(dateline.regionStart(), dateline.regionEnd()))
                    .isEqualTo(region);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Shares rose on Monday - a record.",
                "The Kremlin said - again - that it would not.",
                "Note: figures are provisional.",
                "President Vladimir Putin and other top Russian officials on Friday voiced concerns.",
            })
    void shouldFindNoDatelineInRunningText(final String text) {
        assertThat(Dateline.find(text).present()).isFalse();
    }

    static Stream<Arguments> datelinesOnTheirOwnLine() {
        return Stream.of(
                Arguments.of("ACME CORP 4TH QTR NET\n    LONDON, March 3\n    Shr 12p vs 10p", "LONDON", null),
                Arguments.of(
                        "ACME SETS PAYOUT\n    repeat\n    NEW YORK, March 16 - Acme Corp said.", "NEW YORK", null),
                Arguments.of(
                        "FIRMINO DOUBLE SENDS LIVERPOOL TOP\n  LIVERPOOL, England (Reuters) - Firmino scored.",
                        "LIVERPOOL",
                        "England"),
                Arguments.of(
                        "ACME SAYS THREE DIRECTORS RESIGN\n    LEVITTOWN, N.Y., April 1, Acme Corp said.",
                        "LEVITTOWN",
                        "N.Y."),
                Arguments.of("ACME FUND DIV\n    NEW YORK, March 12 \n    Qtly div eight cts", "NEW YORK", null),
                // paragraphs as the cleaner gives them: blank lines are no heading lines
                Arguments.of("ACME SETS PAYOUT\n\nrepeat\n\nNEW YORK, March 16 - Acme Corp said.", "NEW YORK", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("datelinesOnTheirOwnLine")
    void shouldFindADatelineOnItsOwnLineAfterAHeading(final String text, final String place, final String region) {
        final Dateline dateline = Dateline.find(text);
        assertThat(dateline.present()).isTrue();
        assertThat(text.substring(dateline.placeStart(), dateline.placeEnd())).isEqualTo(place);
        if (region == null) {
            assertThat(dateline.regionStart()).isNegative();
        } else {
            assertThat(text.substring(dateline.regionStart(), dateline.regionEnd()))
                    .isEqualTo(region);
        }
        assertThat(text.substring(0, dateline.end())).doesNotContain("Acme", "Shr", "Qtly", "Firmino scored");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                // a note, not a place: a dateline after a heading needs a date or an agency
                "ALITALIA RESULTS\n    NOTE - Official results are due in May.",
                // a sentence, not a place in capitals
                "ACME SETS PAYOUT\n    Qtly div, March 3 - payable April 15.",
                // a first line of prose is no heading
                "Shares rose on Monday as investors bought banks, insurers and the large industrial groups that had"
                        + " lagged the market for a month.\n    LONDON, March 3 - The index rose.",
                // more than two heading lines
                "ACME RESULTS\n    repeat\n    corrected\n    NEW YORK, March 16 - Acme Corp said.",
            })
    void shouldFindNoDatelineInABodyLineThatOnlyLooksLikeOne(final String text) {
        assertThat(Dateline.find(text).present()).isFalse();
    }
}
