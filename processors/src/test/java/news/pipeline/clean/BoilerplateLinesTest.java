package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoilerplateLinesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Advertisement",
                "ADVERTISEMENT",
                "Share this",
                "Share this article",
                "Read more",
                "Read more »",
                "Subscribe",
                "Subscribe to our newsletter",
                "Sign up",
                "Popular stories",
                "Related Articles",
                "Explore additional categories",
                "Most Read",
                "DON'T MISS",
                "Comments (12)",
                "Skip to content",
                "Tags:"
            })
    void shouldRecogniseInterfacePhrases(final String line) {
        assertThat(BoilerplateLines.isInterfacePhrase(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Share prices fell sharply on Monday.",
                "Related: the council's vote last week was close," + " and the mayor said she would appeal.",
                "Advertisement revenue fell 12% in the quarter.",
                "Prosecutors said he sent us@example.org threats.",
                "Email" + " records show the minister knew."
            })
    void shouldNotMistakeSentencesForInterfacePhrases(final String line) {
        assertThat(BoilerplateLines.isInterfacePhrase(line)).isFalse();
        assertThat(BoilerplateLines.isInterfaceSentence(line)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Get the latest updates right in your inbox. Subscribe to our newsletters.",
                "This slideshow requires JavaScript.",
                "Follow The Daily Opinion section on Facebook and Twitter.",
                "Have a tip? Reach the newsroom at tips@example.org.",
                "If you have a correction, let us know at desk@example.org.",
                "Like this story? Share it with a friend!"
            })
    void shouldRecogniseSentencesAddressingTheReaderAboutTheSite(final String line) {
        assertThat(BoilerplateLines.isInterfaceSentence(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "By Ana Ruiz",
                "By ANA RUIZ, AP Writer",
                "By Ana Ruiz , Leo Park on Monday, November 18th," + " 2019 at 11:08 a.m.",
                "by Kim Lee | Updated 10:45"
            })
    void shouldRecogniseBylines(final String line) {
        assertThat(BoilerplateLines.isByline(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "By contrast, Turkey has blamed the Armenian side.",
                "By Friday, the council had voted.",
                "Bylines are rare in the paper's early issues."
            })
    void shouldKeepSentencesThatStartWithBy(final String line) {
        assertThat(BoilerplateLines.isByline(line)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[button link=”http://example.org/submit/” type=”big”] Send us YOUR review[/button]",
                "[caption id=\"attachment_1\" width=\"300\"]The harbour at dawn[/caption]"
            })
    void shouldRecogniseUnrenderedShortcodes(final String line) {
        assertThat(BoilerplateLines.isShortcode(line)).isTrue();
        assertThat(BoilerplateLines.isShortcode("[Update] The council voted again on Monday."))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "(Reporting by Ana Ruiz; Editing by Leo Park)",
                "Reporting by Ana Ruiz; additional reporting" + " by Kim Lee; Editing by Leo Park",
                "Associated Press writers Ana Ruiz and Leo Park contributed to this report."
            })
    void shouldRecogniseAgencyCredits(final String line) {
        assertThat(BoilerplateLines.isAgencyCredit(line)).isTrue();
        assertThat(BoilerplateLines.isAgencyCredit("Her reporting by bicycle took her to every village."))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Updated at 1:23 p.m.",
                "Published: 12 May 2024 10:45 BST",
                "Last updated on November 18, 2019",
                "Posted 3 hours ago"
            })
    void shouldRecogniseDatelines(final String line) {
        assertThat(BoilerplateLines.isDateline(line)).isTrue();
        assertThat(BoilerplateLines.isDateline("Published reports say the talks failed."))
                .isFalse();
        assertThat(BoilerplateLines.isDateline(
                        "Updated guidance was issued to schools in 2023, the ministry said, after"
                                + " a long review of the rules."))
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"The Editor", "Popular stories", "Explore additional categories", "World News"})
    void shouldRecogniseShortLabels(final String line) {
        assertThat(BoilerplateLines.isShortLabel(line)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"It did not give further details.", "What happens next?", "He said: “Never.”"})
    void shouldNotTakeShortSentencesForLabels(final String line) {
        assertThat(BoilerplateLines.isShortLabel(line)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "© 2026 Example Post Ltd. All rights reserved.",
                "Copyright 2026 The Example Times. All rights reserved.",
                "Page maintained by the village hall committee. © 2026",
                "The Example Post, 12 Harbour Road, Port Ellis. Telephone 01632 960 101.",
                "Newsroom: desk@post.example. Tel. +44 1632 960101",
                "Tous droits réservés."
            })
    void shouldRecogniseFooterText(final String text) {
        assertThat(BoilerplateLines.isFooterText(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "The court ruled that the copyright on the song had expired in 2019, and the band lost its claim.",
                "The museum reopened on Friday after a two-year renovation, with free entry for the first weekend."
                        + " Visitors queued from early morning, and the doors opened ahead of time."
                        + " © 2026 Example Agency. All rights reserved.",
                "The shop at 12 Harbour Road closed last week after forty years, its owner said.",
                "Call 01632 960 101 if you see the missing dog, police said on Tuesday."
            })
    void shouldNotTakeAStoryForFooterText(final String text) {
        assertThat(BoilerplateLines.isFooterText(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "The Example Post, 12 Harbour Road, Port Ellis. Telephone 01632 960 101.",
                "Write to desk@post.example or call 01632 960 101."
            })
    void shouldRecogniseContactDetails(final String text) {
        assertThat(BoilerplateLines.isContactDetails(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"© 2026 Example Post Ltd. All rights reserved.", "Email the author at ann@post.example."})
    void shouldNotTakeANoticeOrOneAddressForContactDetails(final String text) {
        assertThat(BoilerplateLines.isContactDetails(text)).isFalse();
    }

    /** The menu-separator rule as it was written first, as a pattern; the loop must count as it does. */
    private static final Pattern NAV_SEPARATOR = Pattern.compile("\\s(?:[|>»·/•]|::)\\s");

    @Test
    void shouldCountMenuSeparatorsAsThePatternDoes() {
        final String alphabet = " \t\u000B|>»·/•::ab\u00A0";
        final Random random = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            final StringBuilder line = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            final Matcher separators = NAV_SEPARATOR.matcher(line);
            int expected = 0;
            while (separators.find()) {
                expected++;
            }
            assertThat(BoilerplateLines.navigationSeparators(line.toString()))
                    .as("separators in [%s]", line)
                    .isEqualTo(expected);
        }
        assertThat(BoilerplateLines.isNavigation("Home | World | Middle East")).isTrue();
        assertThat(BoilerplateLines.isNavigation("News :: Sport :: Football")).isTrue();
        assertThat(BoilerplateLines.isNavigation("Profits rose 4% | a record")).isFalse();
    }

    @Test
    void shouldFindAWordIgnoringCaseAsStringComparisonDoes() {
        final String alphabet = "contribuedCONTRIBUTEDx \u0130\u0131\u212A\u017F";
        final Random random = new Random(5);
        int found = 0;
        for (int round = 0; round < 20_000; round++) {
            final StringBuilder line = new StringBuilder();
            for (int k = random.nextInt(16); k > 0; k--) {
                line.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (random.nextInt(4) == 0) {
                line.insert(
                        random.nextInt(line.length() + 1), random.nextBoolean() ? "ContriBuTed" : "contr\u0130buted");
            }
            final String text = line.toString();
            boolean expected = false;
            for (int i = 0; i + "contributed".length() <= text.length(); i++) {
                expected |= text.regionMatches(true, i, "contributed", 0, "contributed".length());
            }
            found += expected ? 1 : 0;
            assertThat(BoilerplateLines.containsIgnoringCase(text, "contributed"))
                    .as("[%s]", text)
                    .isEqualTo(expected);
        }
        assertThat(found).as("lines that contain the word").isGreaterThan(1_000);
    }
}
