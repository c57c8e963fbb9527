package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any input gives valid spans; nothing throws. Deterministic: a fixed seed, no clock. */
class CountryTaggerRobustnessTest {
    private static final CountryTagger TAGGER = CountryTagger.loadDefault();
    private static final String[] PIECES = {
        "U.S.",
        "U.S.-led",
        "Turkey's",
        "Russia\u2019s",
        " ",
        "\n",
        "\n\n    ",
        "-",
        "\u2014",
        ".",
        ",",
        "(Reuters)",
        "NEW YORK",
        "Guinea",
        "Bissau",
        "Papua New",
        "<",
        ">",
        "'",
        "\u00e9",
        "\uD83D\uDE00",
        "Jerry",
        "Jordan",
        "Georgia",
        "-Pacific",
        "St.",
        "Lucia",
        "Calif.",
        "March 3",
        "A.",
        "B",
        "\t",
        "Sino",
        "Japanese",
        "Soviet Union",
        "Kremlin",
        "EU",
        "OSCE Minsk Group",
        "Armenian",
        "x",
        "42",
        "ÉLYSÉE",
        "Côte d'Ivoire",
        ":"
    };

    @Test
    void shouldGiveValidSpansOnArbitraryText() {
        final Random random = new Random(20261128L);
        for (int round = 0; round < 3000; round++) {
            final StringBuilder title = new StringBuilder();
            final StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(6); i > 0; i--) {
                title.append(PIECES[random.nextInt(PIECES.length)]);
            }
            for (int i = random.nextInt(60); i > 0; i--) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
                if (random.nextBoolean()) {
                    text.append(' ');
                }
            }
            final String titleText = title.toString();
            final String bodyText = text.toString();
            final TaggedArticle tagged = TAGGER.tag(titleText, bodyText);
            for (CountryTagging country : tagged.countries()) {
                assertThat(country.salience()).isBetween(0.0, 1.0);
                assertThat(country.code()).matches("[A-Z]{2}");
                for (MentionSpan span : country.spans()) {
                    final String source = span.inTitle() ? titleText : bodyText;
                    assertThat(span.start()).isBetween(0, span.end());
                    assertThat(source.substring(span.start(), span.end())).isEqualTo(span.surface());
                }
            }
            assertThat(tagged.countries().stream().map(CountryTagging::code)).containsAll(tagged.focus());
            assertThat(TAGGER.tag(titleText, bodyText)).isEqualTo(tagged);
        }
    }

    @Test
    void shouldBeSafeAcrossThreads() throws InterruptedException {
        final String text = "MOSCOW (Reuters) - The Kremlin said Russia and Turkey's leaders met in Ankara.";
        final TaggedArticle expected = TAGGER.tag("Putin Meets Erdogan", text);
        final Thread[] threads = new Thread[4];
        final boolean[] allSame = new boolean[threads.length];
        for (int i = 0; i < threads.length; i++) {
            final int thread = i;
            threads[i] = new Thread(() -> {
                boolean same = true;
                for (int round = 0; round < 500; round++) {
                    same &= TAGGER.tag("Putin Meets Erdogan", text).equals(expected);
                }
                allSame[thread] = same;
            });
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(allSame).containsOnly(true);
        assertThat(expected.focus()).contains("RU");
    }

    /**
     * A hostile or broken page can carry millions of characters of text; the tagger reads only its
     * first part, so a country named past that part is not found, while the same sentence inside it
     * is.
     */
    @Test
    void aTextLongerThanTheTaggerReadsIsTaggedOnItsFirstPartOnly() {
        final String opening = "PARIS (Reuters) - France's government met on Tuesday. ";
        final String japan = " Officials in Japan and in Tokyo welcomed the talks with Japan.";
        final String words = "the of and to a in ";
        final String filler = words.repeat(CountryTagger.MAX_TEXT_CHARS / words.length() + 1);
        final String longText = opening + filler + japan;
        assertThat(longText.length()).isGreaterThan(CountryTagger.MAX_TEXT_CHARS);

        final TaggedArticle tagged = TAGGER.tag("Talks", longText);

        assertThat(tagged.countries()).extracting(CountryTagging::code).containsExactly("FR");
        final String shortText = opening + words.repeat(1000) + japan;
        assertThat(TAGGER.tag("Talks", shortText).countries())
                .extracting(CountryTagging::code)
                .contains("FR", "JP");
    }

    @Test
    void theCutNeverSplitsASurrogatePair() {
        final String before = "x".repeat(CountryTagger.MAX_TEXT_CHARS - 1);
        final String cut = CountryTagger.readable(before + "\uD83D\uDE00 Japan");
        assertThat(cut).isEqualTo(before);
        assertThat(CountryTagger.readable(before + "y\uD83D\uDE00")).hasSize(CountryTagger.MAX_TEXT_CHARS);
        assertThat(CountryTagger.readable(null)).isEmpty();
        assertThat(CountryTagger.readable("Japan")).isEqualTo("Japan");
    }
}
