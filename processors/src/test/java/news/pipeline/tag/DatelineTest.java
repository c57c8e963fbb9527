package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
