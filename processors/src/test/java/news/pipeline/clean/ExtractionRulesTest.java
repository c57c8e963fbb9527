package news.pipeline.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rules that keep a wrong body out: loose text, footers, short candidates, teaser lists, declared bodies. */
class ExtractionRulesTest {
    private static final ArticleCleaner CLEANER = new ArticleCleaner(ArticleCleaner.DEFAULT_MAX_CONTENT_BYTES);

    private static final String NAV =
            "<div class=top><a href=/>Home</a> <a href=/news>News</a> <a href=/sport>Sport</a></div>";
    /** A footer in a plain div, with the address, telephone and copyright a site puts there. */
    private static final String FOOTER = "<div class=bottom><p>The Example Post, 12 Harbour Road, Port Ellis PE1 4XY."
            + " Telephone 01632 960 101, fax 01632 960 102.</p><p>Email desk@post.example, or write to us.</p>"
            + "<p>&copy; 2026 Example Post Ltd. All rights reserved.</p></div>";

    private static List<String> paragraphs(final String html) throws RejectedDocumentException {
        return CLEANER.clean(new RawDocument(html.getBytes(StandardCharsets.UTF_8), "text/html", null, null, null))
                .paragraphs();
    }

    @Nested
    class LooseText {
        private static final String[] RUNS = {
            "The river rose by two metres overnight and the lower road was closed before dawn",
            "Shopkeepers moved their stock upstairs while volunteers filled sandbags at the fire station",
            "The council said the road would reopen when the water had gone down and the surface was checked"
        };

        @Test
        void shouldReadTextNodesBetweenLineBreaksAsTheArticleNotTheFooter() throws Exception {
            final String page = "<html><body><div id=page>" + NAV + "<div class=main><small>By Ann Lee</small><br>"
                    + "<img src=/a.jpg><br>" + RUNS[0] + ".<br><br>" + RUNS[1] + ".<br><br>" + RUNS[2] + ".<br><br>"
                    + "</div>" + FOOTER + "</div></body></html>";
            assertThat(paragraphs(page)).containsExactly(RUNS[0] + ".", RUNS[1] + ".", RUNS[2] + ".");
        }

        @Test
        void shouldScoreTheBlockHoldingTheRunsAsTheirParent() {
            final Document doc =
                    Jsoup.parse("<body><div id=story><h2>Flood</h2>" + RUNS[0] + ", said the police.<br><br>" + RUNS[1]
                            + ".<br><br>" + RUNS[2] + ".</div><div id=other><p>" + RUNS[0] + "</p></div></body>");
            final PageStatistics stats = new PageStatistics(doc.body(), true, new ClassNameHints());
            stats.measure();
            assertThat(stats.looseTextContainers()).containsExactly(doc.getElementById("story"));
            assertThat(stats.of(doc.getElementById("story")).looseParagraphs).isEqualTo(3);
            // The runs are its paragraphs, so the block itself is not one.
            assertThat(stats.paragraphs()).doesNotContain(doc.getElementById("story"));
        }

        @Test
        void shouldKeepABlockThatIsOneRunAParagraphItself() {
            final Document doc =
                    Jsoup.parse("<body><div id=wrap><div id=line>" + RUNS[0] + " <b>today</b>.</div></div></body>");
            final PageStatistics stats = new PageStatistics(doc.body(), true, new ClassNameHints());
            stats.measure();
            assertThat(stats.looseTextContainers()).isEmpty();
            assertThat(stats.paragraphs()).containsExactly(doc.getElementById("line"));
        }
    }

    @Nested
    class FooterLikeCandidates {
        @Test
        void shouldRejectAPageWhoseOnlyProseIsItsFooter() {
            final String page =
                    "<html><body>" + NAV + "<div class=grid><a href=/a>One story</a> <a href=/b>Another story</a></div>"
                            + FOOTER + "</body></html>";
            assertThatThrownBy(() -> paragraphs(page))
                    .isInstanceOfSatisfying(
                            RejectedDocumentException.class,
                            e -> assertThat(e.rejection()).isEqualTo(Rejection.NO_TEXT));
        }

        @Test
        void shouldPreferTheStoryToAFooterThatScoresHigher() throws Exception {
            // The footer's commas outscore the story's plain sentences; it must still lose.
            final String story =
                    "<div class=s><p>The new bridge opened to walkers on Saturday morning after two years of"
                            + " work on the old piers</p><p>Cyclists will be allowed on it from next month once the lights are"
                            + " fitted along the deck</p></div>";
            final String footer =
                    "<div class=f><p>Example Post, 12 Harbour Road, Port Ellis, PE1 4XY, Telephone 01632 960"
                            + " 101, Fax 01632 960 102, Email desk@post.example</p><p>Copyright, licensing, syndication, reprints,"
                            + " archives: &copy; 2026 Example Post Ltd, all rights reserved</p></div>";
            assertThat(paragraphs("<html><body>" + NAV + story + footer + "</body></html>"))
                    .containsExactly(
                            "The new bridge opened to walkers on Saturday morning after two years of work on the old piers",
                            "Cyclists will be allowed on it from next month once the lights are fitted along the deck");
        }

        @Test
        void shouldPreferALongerCandidateToAShortCommaHeavyLine() throws Exception {
            final String keywords =
                    "<div class=k><p>Bridge, river, piers, walkers, cyclists, lights, deck, council, works,"
                            + " budget, town, weekend</p></div>";
            final String story =
                    "<div class=s><p>The new bridge opened to walkers on Saturday morning after two years of"
                            + " work on the old piers.</p><p>Cyclists will be allowed on it from next month once the lights are"
                            + " fitted along the deck.</p><p>The council said the works came in under budget.</p></div>";
            assertThat(paragraphs("<html><body>" + keywords + story + "</body></html>"))
                    .containsExactly(
                            "The new bridge opened to walkers on Saturday morning after two years of work on the old piers.",
                            "Cyclists will be allowed on it from next month once the lights are fitted along the deck.",
                            "The council said the works came in under budget.");
        }

        @Test
        void shouldKeepAShortStoryWhenNothingLongerIsThere() throws Exception {
            final String brief =
                    "Officials said on Monday that the budget, which includes more for schools, would pass.";
            assertThat(paragraphs("<html><body>" + NAV + "<div><p>" + brief + "</p></div></body></html>"))
                    .containsExactly(brief);
        }

        @Test
        void shouldKeepThePublishersNoticeAtTheEndOfTheArticlesOwnContainer() throws Exception {
            final String notice = "© 2026 Example Agency. All rights reserved.";
            final List<String> body = paragraphs("<html><body>" + NAV
                    + "<article><p>The museum reopened on Friday after a"
                    + " two-year renovation, with free entry for the first weekend.</p><p>Visitors queued from early"
                    + " morning, and the doors opened half an hour ahead of time.</p><p>" + notice + "</p></article>"
                    + FOOTER + "</body></html>");
            assertThat(body).endsWith(notice).noneMatch(paragraph -> paragraph.contains("Harbour Road"));
        }
    }

    @Nested
    class ListsOfOtherStories {
        private static final String STORY =
                "<p>The council approved the new cycle lanes on Tuesday, after a debate that"
                        + " lasted, by most accounts, well into the evening.</p><p>Work will start in the spring, and the first"
                        + " lane, along the river, should open by the summer.</p>";

        @Test
        void shouldRemoveAGridOfTeasersAfterTheStory() throws Exception {
            final StringBuilder grid = new StringBuilder("<section class=more><h2>More from the Post</h2>");
            for (int i = 1; i <= 12; i++) {
                grid.append("<div class=card><a href=/s/")
                        .append(i)
                        .append("><img src=/i.jpg><h3>Weekly notes, part ")
                        .append(i)
                        .append("</h3></a><p>What you need to know today, in five minutes.</p><span>")
                        .append(i)
                        .append("h ago</span></div>");
            }
            final List<String> body = paragraphs(
                    "<html><body><main><article>" + STORY + "</article>" + grid + "</section></main></body></html>");
            assertThat(body)
                    .hasSize(2)
                    .noneMatch(paragraph -> paragraph.contains("ago") || paragraph.contains("need to know"));
        }

        @Test
        void shouldKeepTheStorysOwnSmallBlocksWithALink() throws Exception {
            final String facts =
                    "<div class=facts><div>The new lanes will run for twelve kilometres, as <a href=/map>the"
                            + " map</a> shows.</div><div>They will cost about three million, according to <a href=/budget>the"
                            + " budget</a>.</div><div>The first lane will open along the river, says <a href=/plan>the plan</a>."
                            + "</div></div>";
            final List<String> body = paragraphs("<html><body><article>" + STORY + facts + "</article></body></html>");
            assertThat(body)
                    .contains(
                            "The new lanes will run for twelve kilometres, as the map shows.",
                            "They will cost about three million, according to the budget.",
                            "The first lane will open along the river, says the plan.");
        }

        @Test
        void shouldRemoveASectionTitledAsOtherStoriesEvenWithLongExcerpts() throws Exception {
            final StringBuilder related = new StringBuilder("<div class=box><h3 class=related-title>You may like</h3>");
            for (int i = 1; i <= 3; i++) {
                related.append("<div><a href=/s/")
                        .append(i)
                        .append(">Another story ")
                        .append(i)
                        .append(
                                "</a><p>A long excerpt of another story, with commas, clauses, and enough words to score")
                        .append(" as prose, which is why a title is what gives it away, number ")
                        .append(i)
                        .append(".</p></div>");
            }
            final List<String> body = paragraphs("<html><body><div class=wrap><div class=post>" + STORY + "</div>"
                    + related + "</div></div></body></html>");
            assertThat(body).hasSize(2).noneMatch(paragraph -> paragraph.contains("excerpt"));
        }

        @Test
        void shouldKeepAnArticleSectionWhoseSubheadingReadsLikeATeaserTitle() throws Exception {
            final String section = "<section><h2>More from the interview</h2><p>She said the lanes, which the council"
                    + " first proposed in 2019, would be <a href=/a>extended</a> to the station, and that the"
                    + " <a href=/b>budget</a> allowed for it.</p></section>";
            assertThat(paragraphs("<html><body><article>" + STORY + section + "</article></body></html>"))
                    .anyMatch(paragraph -> paragraph.startsWith("She said the lanes"));
        }
    }

    @Nested
    class DeclaredBody {
        private static final String FULL = "The water company will spend forty million on sensors that detect leaks,"
                + " after regulators found a quarter of its water never reaches a tap.\\n\\nThe sensors listen for"
                + " escaping water and alert repair crews, who can then dig in the right place instead of searching"
                + " street by street.\\n\\nConsumer groups said the plan was overdue and asked why it would take five"
                + " years, given that neighbouring companies had already done the same.";
        private static final String TEASER = "The water company will spend forty million on sensors that detect leaks,"
                + " after regulators found a quarter of its water never reaches a tap.";

        private String page(final String articleBody, final String visible) {
            return "<html><head><script type=application/ld+json>{\"@type\":\"NewsArticle\",\"headline\":\"Leaks\","
                    + "\"articleBody\":\"" + articleBody + "\"}</script></head><body><article><h1>Leaks</h1>" + visible
                    + "<div class=paywall><p>Subscribe to keep reading.</p></div></article></body></html>";
        }

        @Test
        void shouldUseTheDeclaredBodyWhenThePageShowsOnlyItsBeginning() throws Exception {
            assertThat(paragraphs(page(FULL, "<p>" + TEASER + "</p>")))
                    .hasSize(3)
                    .startsWith(TEASER);
        }

        @Test
        void shouldCleanTheDeclaredBodyLikeThePagesText() throws Exception {
            assertThat(paragraphs(page("Leaks\\n\\n" + FULL, "<p>" + TEASER + "</p>")))
                    .hasSize(3)
                    .startsWith(TEASER);
        }

        @Test
        void shouldKeepTheVisibleTextWhenTheDeclaredBodyIsAnotherStory() throws Exception {
            final String other = FULL.replace("water company", "rail operator").replace("leaks", "delays");
            assertThat(paragraphs(page(other, "<p>" + TEASER + "</p>"))).containsExactly(TEASER);
        }

        @Test
        void shouldKeepTheVisibleTextWhenItIsTheWholeArticle() throws Exception {
            final String visible =
                    "<p>" + TEASER + "</p><p>The sensors listen for escaping water and alert repair crews,"
                            + " who can then dig in the right place.</p><p>Consumer groups said the plan was overdue.</p>";
            assertThat(paragraphs(page(FULL, visible)))
                    .hasSize(3)
                    .endsWith("Consumer groups said the plan was overdue.");
        }
    }
}
