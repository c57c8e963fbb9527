package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ArticleCleanerTest {
    private static final ArticleCleaner CLEANER = new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_CONTENT_BYTES);

    private static CleanDocument clean(final String content, final String contentType, final DocumentFormat format)
            throws Exception {
        return CLEANER.clean(
                new RawDocument(content.getBytes(StandardCharsets.UTF_8), contentType, format, null, null));
    }

    private static CleanDocument text(final String content) throws Exception {
        return clean(content, "text/plain", null);
    }

    @Nested
    class SeedArticle {
        private CleanDocument seed() throws Exception {
            return CLEANER.clean(new RawDocument(
                    Files.readAllBytes(Path.of("..", "samples", "seed-article.txt")), null, null, null, null));
        }

        @Test
        void shouldTakeTheFirstLineAsTheTitle() throws Exception {
            assertThat(seed().title())
                    .isEqualTo("President Vladimir Putin “Very Concerned” By Armenian-Azerbaijani Clashes.");
            assertThat(seed().format()).isEqualTo(DocumentFormat.TEXT);
        }

        @Test
        void shouldKeepEveryNewsParagraphAndNotRepeatTheTitle() throws Exception {
            final CleanDocument doc = seed();
            assertThat(doc.paragraphs()).hasSize(14);
            assertThat(doc.paragraphs().get(0)).startsWith("President Vladimir Putin and other top Russian officials");
            assertThat(doc.paragraphs().get(13)).startsWith("Russian, U.S. and French diplomats co-heading the group");
            assertThat(doc.text()).doesNotContain("“Very Concerned” By");
            assertThat(doc.text()).contains("OSCE Minsk Group", "Turkish-Armenian border", "Ismail Demir");
        }

        @Test
        void shouldDropTheSiteFooter() throws Exception {
            assertThat(seed().text()).doesNotContain("The Editor", "Popular stories", "Explore additional categories");
        }

        @Test
        void shouldHaveNoMetadataThePlainTextDoesNotDeclare() throws Exception {
            final CleanDocument doc = seed();
            assertThat(doc.author()).isNull();
            assertThat(doc.publishedAt()).isNull();
            assertThat(doc.canonicalUrl()).isNull();
            assertThat(doc.language()).isNull();
        }
    }

    @Nested
    class PlainText {
        @Test
        void shouldJoinWrappedLinesAndSplitOnBlankLines() throws Exception {
            final CleanDocument doc = text(
                    "Rain Returns to the Valley\n\nThe first rain in four months fell on the valley\n"
                            + "on Tuesday, filling the reservoirs that had dropped to a record low during the summer.\n\n"
                            + "Farmers said it came too late for this year's harvest, but in time for the winter wheat.");
            assertThat(doc.title()).isEqualTo("Rain Returns to the Valley");
            assertThat(doc.paragraphs())
                    .containsExactly(
                            "The first rain in four months fell on the valley on Tuesday, filling the reservoirs that had"
                                    + " dropped to a record low during the summer.",
                            "Farmers said it came too late for this year's harvest, but in time for the winter wheat.");
        }

        @Test
        void shouldKeepShortItemLinesApart() throws Exception {
            final CleanDocument doc = text("Market closing prices\n\nThe main indexes closed higher on Friday, led by"
                    + " technology shares, after a week of losses.\n\n- Oil: up 2%\n- Gold: flat\n- Copper: down 1%");
            assertThat(doc.paragraphs()).contains("- Oil: up 2%", "- Gold: flat", "- Copper: down 1%");
        }

        @Test
        void shouldRemoveInterfaceLinesAndShortLabelsAtBothEnds() throws Exception {
            final CleanDocument doc = text("Advertisement\n\nCity Council Votes to Expand Bike Lanes\n\nWorld\n\n"
                    + "The council voted seven to two on Monday to add forty kilometres of protected bike lanes by 2027.\n\n"
                    + "Share this\n\nOpponents said the plan would remove too many parking spaces in the old town.\n\n"
                    + "Read more\n\nSubscribe to our newsletter\n\nMost Read Today\n\nSports Desk");
            assertThat(doc.title()).isEqualTo("City Council Votes to Expand Bike Lanes");
            assertThat(doc.paragraphs())
                    .containsExactly(
                            "The council voted seven to two on Monday to add forty kilometres of protected bike lanes by 2027.",
                            "Opponents said the plan would remove too many parking spaces in the old town.");
        }

        @Test
        void shouldKeepShortLinesThatRecurAsStructure() throws Exception {
            final CleanDocument doc = text("Two Cooks, One Question\n\nWe asked two home cooks the same question.\n\n"
                    + "Ana Ruiz\n\nWhat got you started?\n\nMy grandmother's kitchen, where I spent every summer.\n\n"
                    + "Leo Park\n\nWhat got you started?\n\nA cheap camera and a lot of burnt toast, mostly.");
            assertThat(doc.paragraphs())
                    .containsExactly(
                            "We asked two home cooks the same question.",
                            "Ana Ruiz",
                            "What got you started?",
                            "My grandmother's kitchen, where I spent every summer.",
                            "Leo Park",
                            "What got you started?",
                            "A cheap camera and a lot of burnt toast, mostly.");
        }

        @Test
        void shouldRemoveACopiedPageHeaderAndFooter() throws Exception {
            final CleanDocument doc = text("""
                    Home | World | Politics | Business
                    Minister resigns over housing scandal
                    By Ana Ruiz
                    12 May 2024
                    Share this

                    The housing minister resigned on Sunday, two days after a newspaper reported that her department
                    had ignored warnings about unsafe buildings.

                    Advertisement

                    The prime minister said a successor would be named this week.

                    Read more
                    Related stories
                    Subscribe to our newsletter
                    © 2024 Daily Example
                    """);
            assertThat(doc.title()).isEqualTo("Minister resigns over housing scandal");
            assertThat(doc.paragraphs())
                    .containsExactly(
                            "The housing minister resigned on Sunday, two days after a newspaper reported that her department"
                                    + " had ignored warnings about unsafe buildings.",
                            "The prime minister said a successor would be named this week.");
        }

        @Test
        void shouldNotTakeASentenceAsTheTitle() throws Exception {
            final CleanDocument doc = text("The storm reached the coast on Sunday night.\n\n"
                    + "Thousands of homes lost power, and the ferry service was suspended until Tuesday.");
            assertThat(doc.title()).isEmpty();
            assertThat(doc.paragraphs()).hasSize(2);
        }

        @Test
        void shouldUseTheTitleHintAndNotRepeatIt() throws Exception {
            final CleanDocument doc = CLEANER.clean(new RawDocument(
                    "Ferry strike ends\n\nThe ferry crews returned to work on Monday after a three-day strike over pay."
                            .getBytes(StandardCharsets.UTF_8),
                    "text/plain",
                    null,
                    null,
                    "Ferry strike ends"));
            assertThat(doc.title()).isEqualTo("Ferry strike ends");
            assertThat(doc.paragraphs())
                    .containsExactly("The ferry crews returned to work on Monday after a three-day strike over pay.");
        }

        @Test
        void shouldKeepAGivenTitleAndTheTextsFirstLineWhenTheyDiffer() throws Exception {
            // A wire story hard-wrapped in short lines: its first line is the dateline and the lead's
            // start, not a headline, since the feed gave the headline.
            final CleanDocument doc = CLEANER.clean(new RawDocument(
                    ("HARBOURTON, May 4 - Dock workers at the port\nvoted to end their strike on Monday.\n"
                                    + "    Ferries will sail again from Tuesday.")
                            .getBytes(StandardCharsets.UTF_8),
                    "text/plain",
                    null,
                    null,
                    "Dock strike ends"));
            assertThat(doc.title()).isEqualTo("Dock strike ends");
            assertThat(doc.paragraphs().get(0)).startsWith("HARBOURTON, May 4 - Dock workers");
        }

        @Test
        void shouldDropTheGivenTitleRepeatedWithTheSitesName() throws Exception {
            final CleanDocument doc = CLEANER.clean(new RawDocument(
                    "Ferry strike ends | Valley Times\n\nThe ferry crews returned to work on Monday after a three-day strike."
                            .getBytes(StandardCharsets.UTF_8),
                    "text/plain",
                    null,
                    null,
                    "Ferry strike ends"));
            assertThat(doc.title()).isEqualTo("Ferry strike ends");
            assertThat(doc.paragraphs())
                    .containsExactly("The ferry crews returned to work on Monday after a three-day strike.");
        }

        @Test
        void shouldNotTakeASectionLabelInsideTheGivenTitleForIt() throws Exception {
            final CleanDocument doc = CLEANER.clean(new RawDocument(
                    "Ferry\n\nThe ferry crews returned to work on Monday after a three-day strike over pay."
                            .getBytes(StandardCharsets.UTF_8),
                    "text/plain",
                    null,
                    null,
                    "Ferry strike ends after three days"));
            assertThat(doc.title()).isEqualTo("Ferry strike ends after three days");
        }

        @Test
        void shouldNormaliseUnicodeAndWhitespaceAndDropDuplicates() throws Exception {
            final CleanDocument doc = text(
                    "Cafe\u0301 owners\u00a0protest   new\ttax rules, in the capital, on Monday.\n\n"
                            + "Cafe\u0301 owners protest new tax rules, in the capital, on Monday.\n\n\n\n   \n\nA second paragraph, different.");
            assertThat(doc.paragraphs())
                    .containsExactly(
                            "Café owners protest new tax rules, in the capital, on Monday.",
                            "A second paragraph, different.");
            assertThat(doc.paragraphs().get(0))
                    .isEqualTo(Normalizer.normalize(doc.paragraphs().get(0), Normalizer.Form.NFC));
        }
    }

    @Nested
    class FormatAndEncoding {
        @Test
        void shouldSniffHtmlWhenNothingIsDeclared() throws Exception {
            final CleanDocument doc =
                    clean("<p>Some article text long enough to count as a paragraph, with commas.</p>", null, null);
            assertThat(doc.format()).isEqualTo(DocumentFormat.HTML);
        }

        @Test
        void shouldSniffTextWhenThereIsNoMarkup() throws Exception {
            assertThat(clean("Prices rose 3 < 4 percent, the office said on Monday.", null, null)
                            .format())
                    .isEqualTo(DocumentFormat.TEXT);
        }

        @Test
        void shouldPreferTheDeclaredFormat() throws Exception {
            final CleanDocument doc = clean(
                    "<p>Tags are shown as text here, as the producer said so.</p>", "text/html", DocumentFormat.TEXT);
            assertThat(doc.format()).isEqualTo(DocumentFormat.TEXT);
            assertThat(doc.text()).contains("<p>");
        }

        @Test
        void shouldHonourTheCharsetOfTheContentType() throws Exception {
            final byte[] latin =
                    "Zürich prüft höhere Gebühren für Parkplätze im Zentrum.".getBytes(Charset.forName("ISO-8859-15"));
            final CleanDocument doc =
                    CLEANER.clean(new RawDocument(latin, "text/plain; charset=ISO-8859-15", null, null, null));
            assertThat(doc.text()).isEqualTo("Zürich prüft höhere Gebühren für Parkplätze im Zentrum.");
        }

        @Test
        void shouldHonourAByteOrderMark() throws Exception {
            final byte[] body =
                    "<html><body><p>Ελλάδα: νέα μέτρα για την ακρίβεια, ανακοίνωσε η κυβέρνηση σήμερα.</p></body></html>"
                            .getBytes(StandardCharsets.UTF_16LE);
            final byte[] withBom = new byte[body.length + 2];
            withBom[0] = (byte) 0xFF;
            withBom[1] = (byte) 0xFE;
            System.arraycopy(body, 0, withBom, 2, body.length);
            assertThat(CLEANER.clean(new RawDocument(withBom, null, null, null, null))
                            .text())
                    .isEqualTo("Ελλάδα: νέα μέτρα για την ακρίβεια, ανακοίνωσε η κυβέρνηση σήμερα.");
        }

        @Test
        void shouldHonourMetaCharset() throws Exception {
            final CleanDocument doc =
                    CLEANER.clean(new RawDocument(Fixtures.page("legacy-windows-1252"), "text/html", null, null, null));
            assertThat(doc.text())
                    .contains("café du port", "« petit noir »", "d’habitués")
                    .doesNotContain("Ã", "\uFFFD");
        }

        @Test
        void shouldReadUtf8EvenWhenTheMetaClaimsLatin1() throws Exception {
            final byte[] page = ("<html><head><meta charset=\"iso-8859-1\"></head><body><p>São Paulo’s mayor"
                            + " announced a new metro line, with fourteen stations, on Friday.</p></body></html>")
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(CLEANER.clean(new RawDocument(page, null, null, null, null))
                            .text())
                    .startsWith("São Paulo’s mayor");
        }

        @Test
        void shouldReadUtf8EvenWhenTheContentTypeClaimsLatin1() throws Exception {
            final byte[] text = "Gdańsk’s port reported record traffic, up 12%, in the first quarter."
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(CLEANER.clean(new RawDocument(text, "text/plain; charset=ISO-8859-1", null, null, null))
                            .text())
                    .isEqualTo("Gdańsk’s port reported record traffic, up 12%, in the first quarter.");
        }

        @Test
        void shouldReadWindows1252EvenWhenTheContentTypeClaimsUtf8() throws Exception {
            final byte[] text =
                    "Le ministre a présenté le budget à l’Assemblée, mardi.".getBytes(Charset.forName("windows-1252"));
            assertThat(CLEANER.clean(new RawDocument(text, "text/plain; charset=utf-8", null, null, null))
                            .text())
                    .isEqualTo("Le ministre a présenté le budget à l’Assemblée, mardi.");
        }

        @Test
        void shouldKeepMostlyUtf8TextAsUtf8DespiteOneBrokenByte() throws Exception {
            final byte[] good = "Zürich und Genève: Bürger stimmen über Gebühren ab, sagt die Behörde."
                    .getBytes(StandardCharsets.UTF_8);
            final byte[] broken = Arrays.copyOf(good, good.length + 1);
            broken[good.length] = (byte) 0xE9;
            assertThat(CLEANER.clean(new RawDocument(broken, "text/plain", null, null, null))
                            .text())
                    .startsWith("Zürich und Genève: Bürger stimmen über Gebühren ab, sagt die Behörde.");
        }

        @Test
        void shouldFallBackToWindows1252ForInvalidUtf8WithoutMojibake() throws Exception {
            final byte[] page =
                    "Le ministre a présenté le budget à l’Assemblée, mardi.".getBytes(Charset.forName("windows-1252"));
            assertThat(CLEANER.clean(new RawDocument(page, null, null, null, null))
                            .text())
                    .isEqualTo("Le ministre a présenté le budget à l’Assemblée, mardi.");
        }
    }

    @Nested
    class Html {
        @Test
        void shouldDropTextHiddenFromReaders() throws Exception {
            final CleanDocument doc = clean(
                    "<html><body><article><p>The museum reopened on Friday after a two-year"
                            + " renovation, <a href='/x'>according to the city<span class='sr-only'> (opens in a new window)</span></a>,"
                            + " with free entry all weekend.</p><p hidden>Hidden teaser text that nobody sees on the page.</p>"
                            + "<div style='display: none'>A collapsed panel with old text, never shown to readers.</div>"
                            + "</article></body></html>",
                    "text/html",
                    null);
            assertThat(doc.paragraphs())
                    .containsExactly("The museum reopened on Friday after a two-year renovation,"
                            + " according to the city, with free entry all weekend.");
        }
    }

    @Nested
    class Rejections {
        @Test
        void shouldRejectEmptyContent() {
            assertThatThrownBy(() -> CLEANER.clean(new RawDocument(new byte[0], "text/html", null, null, null)))
                    .isInstanceOfSatisfying(
                            RejectedDocumentException.class,
                            e -> assertThat(e.rejection()).isEqualTo(Rejection.EMPTY_CONTENT))
                    .hasMessageContaining("empty");
        }

        @Test
        void shouldRejectWhitespaceOnlyContent() {
            assertThatThrownBy(() -> text(" \n\t\r\n  \u00a0 "))
                    .isInstanceOfSatisfying(
                            RejectedDocumentException.class,
                            e -> assertThat(e.rejection()).isEqualTo(Rejection.EMPTY_CONTENT))
                    .hasMessageContaining("whitespace");
        }

        @Test
        void shouldRejectContentOverTheMaximumAndSaySoWithBothSizes() {
            final ArticleCleaner small = new ArticleCleaner(1000);
            assertThatThrownBy(() -> small.clean(new RawDocument(new byte[1001], null, null, null, null)))
                    .isInstanceOfSatisfying(
                            RejectedDocumentException.class,
                            e -> assertThat(e.rejection()).isEqualTo(Rejection.OVERSIZED))
                    .hasMessageContaining("1,001 bytes")
                    .hasMessageContaining("1,000 bytes");
        }

        @Test
        void shouldRejectBinaryJunkAsUndecodable() {
            final byte[] junk = new byte[100_000];
            new Random(42).nextBytes(junk);
            assertThatThrownBy(() -> CLEANER.clean(new RawDocument(junk, null, null, null, null)))
                    .isInstanceOfSatisfying(
                            RejectedDocumentException.class,
                            e -> assertThat(e.rejection()).isEqualTo(Rejection.UNDECODABLE_TEXT))
                    .hasMessageContaining("not text");
        }

        @Test
        void shouldRejectAPageWithNoArticleText() {
            final String page = "<html><head><title>Home</title><script>var a = 'lots of script text here';</script>"
                    + "</head><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav><footer>© 2024</footer></body></html>";
            assertThatThrownBy(() -> clean(page, "text/html", null))
                    .isInstanceOfSatisfying(
                            RejectedDocumentException.class,
                            e -> assertThat(e.rejection()).isEqualTo(Rejection.NO_TEXT))
                    .hasMessageContaining("no article text");
        }

        @Test
        void shouldRejectPlainTextThatIsOnlyBoilerplate() {
            assertThatThrownBy(() -> text("Advertisement\n\nShare this\n\nRead more"))
                    .isInstanceOfSatisfying(
                            RejectedDocumentException.class,
                            e -> assertThat(e.rejection()).isEqualTo(Rejection.NO_TEXT));
        }
    }

    @Nested
    class Contract {
        @Test
        void shouldGiveIdenticalOutputForIdenticalInput() throws Exception {
            for (String name : Fixtures.NAMES) {
                final RawDocument raw = new RawDocument(Fixtures.page(name), "text/html", null, null, null);
                assertThat(CLEANER.clean(raw)).isEqualTo(CLEANER.clean(raw));
            }
        }

        @Test
        void shouldBeSafeToShareBetweenThreads() throws Exception {
            final List<CleanDocument> expected = new ArrayList<>();
            for (String name : Fixtures.NAMES) {
                expected.add(CLEANER.clean(new RawDocument(Fixtures.page(name), "text/html", null, null, null)));
            }
            final ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                final List<Future<Boolean>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    results.add(pool.submit(() -> {
                        for (int round = 0; round < 20; round++) {
                            for (int i = 0; i < Fixtures.NAMES.size(); i++) {
                                final CleanDocument doc = CLEANER.clean(new RawDocument(
                                        Fixtures.page(Fixtures.NAMES.get(i)), "text/html", null, null, null));
                                if (!doc.equals(expected.get(i))) {
                                    return false;
                                }
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> result : results) {
                    assertThat(result.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
        }

        @Test
        void shouldJoinParagraphsWithABlankLine() throws Exception {
            assertThat(text("First paragraph, with text.\n\nSecond paragraph, with more text.")
                            .text())
                    .isEqualTo("First paragraph, with text.\n\nSecond paragraph, with more text.");
        }
    }
}
