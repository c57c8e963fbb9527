package news.pipeline.tag;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Any input gives valid spans; nothing throws. Deterministic: a fixed seed, no clock. */
class CountryTaggerRobustnessTest {
    private static final CountryTagger TAGGER = CountryTagger.loadDefault();
    private static final String[] PIECES = {"U.S.", "U.S.-led", "Turkey's", "Russia\u2019s", " ", "\n", "\n\n    ", "-",
        "\u2014", ".", ",", "(Reuters)", "NEW YORK", "Guinea", "Bissau", "Papua New", "<", ">", "'", "\u00e9", "\uD83D\uDE00",
        "Jerry", "Jordan", "Georgia", "-Pacific", "St.", "Lucia", "Calif.", "March 3", "A.", "B", "\t", "Sino", "Japanese",
        "Soviet Union", "Kremlin", "EU", "OSCE Minsk Group", "Armenian", "x", "42", "ÉLYSÉE", "Côte d'Ivoire", ":"};

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
            final String t = title.toString();
            final String x = text.toString();
            final TaggedArticle a = TAGGER.tag(t, x);
            for (CountryTagging c : a.countries()) {
                assertThat(c.salience()).isBetween(0.0, 1.0);
                assertThat(c.code()).matches("[A-Z]{2}");
                for (MentionSpan s : c.spans()) {
                    final String source = s.inTitle() ? t : x;
                    assertThat(s.start()).isBetween(0, s.end());
                    assertThat(source.substring(s.start(), s.end())).isEqualTo(s.surface());
                }
            }
            assertThat(a.countries().stream().map(CountryTagging::code)).containsAll(a.focus());
            assertThat(TAGGER.tag(t, x)).isEqualTo(a);
        }
    }

    @Test
    void shouldBeSafeAcrossThreads() throws InterruptedException {
        final String text = "MOSCOW (Reuters) - The Kremlin said Russia and Turkey's leaders met in Ankara.";
        final TaggedArticle expected = TAGGER.tag("Putin Meets Erdogan", text);
        final Thread[] threads = new Thread[4];
        final boolean[] ok = new boolean[threads.length];
        for (int i = 0; i < threads.length; i++) {
            final int n = i;
            threads[i] = new Thread(() -> {
                boolean same = true;
                for (int r = 0; r < 500; r++) {
                    same &= TAGGER.tag("Putin Meets Erdogan", text).equals(expected);
                }
                ok[n] = same;
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(ok).containsOnly(true);
        assertThat(expected.focus()).contains("RU");
    }
}
