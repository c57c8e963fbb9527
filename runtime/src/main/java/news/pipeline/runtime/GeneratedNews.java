package news.pipeline.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * News pages and wire stories written by this program, the same for the same seed: the benchmark's
 * workload where no real corpus is at hand, and the fault tests' typical page. The pages have the
 * chrome a cleaner must remove (inline style and script, menus, a ticker, a related-stories box
 * inside the article, most-read lists, teaser grids, comments, newsletter forms, long footers) in
 * several layouts; the stories read like agency copy (a dateline, quotes, background) and name
 * countries and capitals, so that tagging and the fan-out do their usual work. All text is
 * written here; none is taken from a real site.
 */
public final class GeneratedNews {
    /** How a page arranges its chrome around the story. */
    public enum Layout {
        /** Menu, story with a related box, most-read list, teasers, newsletter form, footer. */
        CLASSIC,
        /** Breadcrumbs and a teaser grid above the story, comments below, a mega menu. */
        MAGAZINE,
        /** A portal's home-page chrome around the story: several teaser grids by section, a long ticker. */
        PORTAL,
        /** A short story in a light page with a share bar, live-update links and comments. */
        MINIMAL
    }

    /** A story: its title and its paragraphs in order (the first starts with the dateline). */
    public record Story(String title, List<String> paragraphs) {
        /** The paragraphs joined by blank lines, as a plain-text article's body. */
        public String body() {
            return String.join("\n\n", paragraphs);
        }
    }

    /** A generated page: a file name that says its number and layout, and its HTML. */
    public record Page(String name, Layout layout, Story story, String html) {
        public byte[] bytes() {
            return html.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final String[] SECTIONS = {
        "World",
        "Europe",
        "Americas",
        "Africa",
        "Asia",
        "Middle East",
        "Business",
        "Markets",
        "Economy",
        "Technology",
        "Science",
        "Climate",
        "Health",
        "Sport",
        "Football",
        "Culture",
        "Books",
        "Film",
        "Music",
        "Travel",
        "Opinion",
        "Analysis",
        "Investigations",
        "Video",
        "Podcasts"
    };
    /** The typical page's filler paragraphs, for a story shorter than its twelve. */
    private static final String[] PARAGRAPHS = {
        "The proposal would link the two capitals by a high-speed line within a decade, with freight trains"
                + " running on a parallel track, according to a draft seen by reporters before the meeting.",
        "Officials said the first section could open within four years if both parliaments approve the"
                + " financing plan this autumn, though several regional governments have asked for changes.",
        "Farm groups welcomed the tariff cuts but warned that quotas on dairy and sugar would still limit"
                + " trade, and asked for a review of the rules on animal health certificates at the border.",
        "Economists at the central bank estimated that the corridor could add half a percentage point to"
                + " growth over ten years, mostly through lower transport costs for manufacturers.",
        "Environmental campaigners said the route crossed two protected wetlands and called for an"
                + " independent assessment before any construction contracts are signed.",
        "The ministers also discussed energy prices, which have fallen since the spring but remain well"
                + " above their average of the past decade, and agreed to share data on gas storage.",
        "A joint working group will meet every month until the summer, when a final agreement could be"
                + " signed at a summit, officials from both delegations told a news conference.",
        "Opposition politicians in both countries criticised the cost of the project, which they said"
                + " had doubled since it was first proposed, and demanded that the full budget be published.",
    };

    /** Countries and their capitals, as a wire story names them. */
    private static final String[][] COUNTRIES = {
        {"France", "Paris", "French"},
        {"Germany", "Berlin", "German"},
        {"Spain", "Madrid", "Spanish"},
        {"Italy", "Rome", "Italian"},
        {"Poland", "Warsaw", "Polish"},
        {"Sweden", "Stockholm", "Swedish"},
        {"Greece", "Athens", "Greek"},
        {"Turkey", "Ankara", "Turkish"},
        {"Egypt", "Cairo", "Egyptian"},
        {"Kenya", "Nairobi", "Kenyan"},
        {"Nigeria", "Abuja", "Nigerian"},
        {"Ghana", "Accra", "Ghanaian"},
        {"Brazil", "Brasilia", "Brazilian"},
        {"Argentina", "Buenos Aires", "Argentine"},
        {"Chile", "Santiago", "Chilean"},
        {"Mexico", "Mexico City", "Mexican"},
        {"Canada", "Ottawa", "Canadian"},
        {"Japan", "Tokyo", "Japanese"},
        {"Indonesia", "Jakarta", "Indonesian"},
        {"Vietnam", "Hanoi", "Vietnamese"},
        {"India", "New Delhi", "Indian"},
        {"Pakistan", "Islamabad", "Pakistani"},
        {"Australia", "Canberra", "Australian"},
        {"Norway", "Oslo", "Norwegian"},
        {"Portugal", "Lisbon", "Portuguese"},
        {"Peru", "Lima", "Peruvian"},
        {"Morocco", "Rabat", "Moroccan"},
        {"Thailand", "Bangkok", "Thai"},
    };

    private static final String[] TOPICS = {
        "a rail corridor", "grain exports", "a fishing accord", "gas storage", "port fees", "a power line",
        "visa rules", "steel tariffs", "a water treaty", "vaccine supplies", "a debt swap", "airline routes"
    };
    private static final String[] OFFICIALS = {
        "the trade minister",
        "the finance minister",
        "a government spokeswoman",
        "the foreign minister",
        "a senior official who asked not to be named",
        "the central bank governor",
        "the transport minister",
        "an adviser to the prime minister"
    };
    private static final String[] MONTHS = {
        "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"
    };
    /** Sentences of a wire story: {0} and {1} the countries, {2} and {3} their capitals, {4} an adjective, {5} the topic, {6} an official, {7} and {8} numbers. */
    private static final String[] SENTENCES = {
        "Talks between {0} and {1} on {5} ended without a deal on {7} of the {8} points still open, {6} said.",
        "\"We are closer than we have been for years, but the last steps are always the hardest,\" {6} told reporters in {2}.",
        "The {4} delegation had asked for a transition period of {7} years, which officials in {3} rejected.",
        "Trade between the two countries reached {8} billion dollars last year, up {7} percent from the year before.",
        "Opposition lawmakers in {0} said the government had given away too much and called for a vote in parliament.",
        "Analysts said the outcome would matter for markets well beyond {1}, where investors have waited for months.",
        "Under the draft, seen by reporters on Tuesday, quotas would rise by {7} percent a year for {8} years.",
        "Farmers' groups in {1} staged protests outside the ministry in {3}, blocking traffic for several hours.",
        "The agreement still needs the approval of both parliaments, which could take until the end of next year.",
        "{6} said a working group would meet in {2} next month to settle the remaining technical questions.",
        "Shares of exporters rose {7} percent in early trading in {2} after the announcement.",
        "Officials from {0} said the plan would create about {8},000 jobs over the next decade.",
        "Environmental groups warned that the project could harm protected wetlands near the border with {1}.",
        "The two governments first proposed the deal {7} years ago, but talks stalled over {5}.",
        "\"Nobody should expect miracles from one meeting,\" {6} said after the talks, adding that progress had been made.",
        "The {4} currency was little changed after the news, trading near its level of the previous week.",
        "A spokesman for the European Commission said it was following the talks closely but would not comment.",
        "Previous rounds of talks in {3} and {2} broke down over the same issue, according to diplomats.",
    };

    private GeneratedNews() {}

    /** {@code count} wire stories from the seed; the same seed gives the same stories. */
    public static List<Story> stories(final int count, final long seed) {
        final Random random = new Random(seed);
        final List<Story> stories = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            stories.add(story(random));
        }
        return stories;
    }

    /**
     * One wire story of 6 to 24 paragraphs of two to four sentences (about 2 to 9 KB): a dateline,
     * two countries and their capitals, a topic, an official quoted. A story in ten names no
     * country by name, as a wire story on a company or a court case may not.
     */
    static Story story(final Random random) {
        final String[] first = COUNTRIES[random.nextInt(COUNTRIES.length)];
        String[] second = COUNTRIES[random.nextInt(COUNTRIES.length)];
        while (second == first) {
            second = COUNTRIES[random.nextInt(COUNTRIES.length)];
        }
        final boolean countryless = random.nextInt(10) == 0;
        final String topic = TOPICS[random.nextInt(TOPICS.length)];
        final String[] slots = countryless
                ? new String[] {"the company", "its rival", "the head office", "the court", "the company's", topic}
                : new String[] {first[0], second[0], first[1], second[1], first[2], topic};
        final String title = countryless
                ? "Talks on " + topic + " stall as deadline nears"
                : first[0] + " and " + second[0] + " edge closer to deal on " + topic;
        final int paragraphCount = 6 + random.nextInt(19);
        final List<String> paragraphs = new ArrayList<>(paragraphCount);
        for (int p = 0; p < paragraphCount; p++) {
            final StringBuilder paragraph = new StringBuilder(512);
            if (p == 0) {
                paragraph
                        .append(countryless ? "LONDON" : first[1].toUpperCase(Locale.ROOT))
                        .append(", ")
                        .append(MONTHS[random.nextInt(MONTHS.length)])
                        .append(' ')
                        .append(1 + random.nextInt(28))
                        .append(" (Example Wire) - ");
            }
            final int sentences = 2 + random.nextInt(3);
            for (int s = 0; s < sentences; s++) {
                if (s > 0) {
                    paragraph.append(' ');
                }
                paragraph.append(sentence(SENTENCES[random.nextInt(SENTENCES.length)], slots, random));
            }
            paragraphs.add(paragraph.toString());
        }
        return new Story(title, paragraphs);
    }

    private static String sentence(final String template, final String[] slots, final Random random) {
        final String official = OFFICIALS[random.nextInt(OFFICIALS.length)];
        final String text = template.replace("{0}", slots[0])
                .replace("{1}", slots[1])
                .replace("{2}", slots[2])
                .replace("{3}", slots[3])
                .replace("{4}", slots[4])
                .replace("{5}", slots[5])
                .replace("{6}", official)
                .replace("{7}", Integer.toString(2 + random.nextInt(18)))
                .replace("{8}", Integer.toString(3 + random.nextInt(40)));
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * {@code count} pages from the seed, each of a size drawn between the bounds (bytes of UTF-8;
     * drawn evenly on a log scale, so that small pages are as common as in a real crawl), the
     * layouts in turn; the same seed gives the same pages.
     */
    public static List<Page> pages(final int count, final long seed, final int minBytes, final int maxBytes) {
        if (minBytes < 20 * 1024 || maxBytes < minBytes + 4096) {
            throw new IllegalArgumentException(
                    "need at least 20 KB and 4 KB between the bounds, got " + minBytes + ", " + maxBytes);
        }
        final Random random = new Random(seed);
        final Layout[] layouts = Layout.values();
        final List<Page> pages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            final Layout layout = layouts[i % layouts.length];
            // Room for the last ad slot, which may go past the target by a hundred bytes.
            final double logMin = Math.log(minBytes);
            final double logMax = Math.log(maxBytes - 1024);
            final int target = (int) Math.exp(logMin + random.nextDouble() * (logMax - logMin));
            final Story story = story(random);
            final String url = "https://news.example.org/" + layout.name().toLowerCase(Locale.ROOT) + "/" + i;
            final String html = page(layout, story, url, i, target);
            pages.add(new Page(
                    String.format(
                            Locale.ROOT,
                            "generated-%04d-%s.html",
                            i,
                            layout.name().toLowerCase(Locale.ROOT)),
                    layout,
                    story,
                    html));
        }
        return pages;
    }

    /**
     * The fault tests' typical page of about 80 KB: the story numbered n in the classic layout, with
     * the chrome of a real article page (300 style rules, 400 ad slots of inline configuration, a
     * menu of 75 links, a related box after the sixth paragraph, ten most-read, forty teasers,
     * sixty inline scripts). Twelve paragraphs: the story's, then filler.
     */
    public static String typicalPage(final String title, final String url, final List<String> story, final int n) {
        final Chrome chrome = new Chrome(300, 400, 3 * SECTIONS.length, 8, 10, 40, 2 * SECTIONS.length, 60, 0);
        final List<String> twelve = new ArrayList<>(12);
        for (int i = 0; i < 12; i++) {
            twelve.add(i < story.size() ? story.get(i) : PARAGRAPHS[(n + i) % PARAGRAPHS.length]);
        }
        final StringBuilder page = new StringBuilder(128 * 1024);
        head(page, title, url, n, chrome);
        page.append(body(Layout.CLASSIC, title, twelve, n, chrome));
        return page.toString();
    }

    /** How much of each kind of chrome a page has. */
    private record Chrome(
            int styleRules,
            int adSlots,
            int menuLinks,
            int tickerLinks,
            int mostRead,
            int teasers,
            int footerLinks,
            int scripts,
            int comments) {}

    private static String page(
            final Layout layout, final Story story, final String url, final int n, final int targetBytes) {
        // The chrome grows with the page, as on real sites: bigger pages have more of everything.
        final double scale = targetBytes / (80.0 * 1024);
        final int comments = layout == Layout.MAGAZINE || layout == Layout.MINIMAL ? (int) (4 + 20 * scale) : 0;
        final Chrome chrome = new Chrome(
                (int) (40 + 160 * scale),
                0,
                layout == Layout.MINIMAL ? 12 : Math.min(6 * SECTIONS.length, (int) (25 + 50 * scale)),
                layout == Layout.PORTAL ? 24 : 8,
                layout == Layout.MINIMAL ? 5 : 10,
                Math.min(160, (int) (6 + 30 * scale)) * (layout == Layout.PORTAL ? 2 : 1),
                Math.min(8 * SECTIONS.length, (int) (20 + 30 * scale)),
                (int) (8 + 40 * scale),
                comments);
        final String body = body(layout, story.title(), story.paragraphs(), n, chrome);
        final Chrome headChrome = new Chrome(chrome.styleRules(), 0, 0, 0, 0, 0, 0, 0, 0);
        final StringBuilder bare = new StringBuilder();
        head(bare, story.title(), url, n, headChrome, "");
        // The head's inline configuration (ad slots, as in the typical page) fills the page up to its
        // size; everything generated is ASCII, so characters are bytes.
        final StringBuilder slots = new StringBuilder();
        int slot = 0;
        while (bare.length() + slots.length() + body.length() < targetBytes) {
            adSlot(slots, slot++);
        }
        final StringBuilder page = new StringBuilder(targetBytes + 4096);
        head(page, story.title(), url, n, headChrome, slots);
        return page.append(body).toString();
    }

    private static void head(
            final StringBuilder page, final String title, final String url, final int n, final Chrome chrome) {
        final StringBuilder slots = new StringBuilder();
        for (int i = 0; i < chrome.adSlots(); i++) {
            adSlot(slots, i);
        }
        head(page, title, url, n, chrome, slots);
    }

    private static void adSlot(final StringBuilder slots, final int i) {
        slots.append("\"slot")
                .append(i)
                .append("\":{\"sizes\":[[300,250],[728,90]],\"targeting\":{\"section\":\"")
                .append(SECTIONS[i % SECTIONS.length])
                .append("\",\"pos\":")
                .append(i)
                .append("}},");
    }

    private static void head(
            final StringBuilder page,
            final String title,
            final String url,
            final int n,
            final Chrome chrome,
            final CharSequence adSlots) {
        page.append("<!doctype html><html lang=en><head><meta charset=utf-8><title>")
                .append(title)
                .append(" | Example News</title><meta name=viewport content=\"width=device-width\">")
                .append("<meta property=og:title content=\"")
                .append(title)
                .append("\">")
                .append(
                        "<meta property=og:site_name content=\"Example News\"><meta name=author content=\"Staff reporter\">")
                .append("<meta property=article:published_time content=\"2026-11-2")
                .append(n % 8)
                .append("T09:30:00Z\"><link rel=canonical href=\"")
                .append(url)
                .append("\"><style>");
        for (int i = 0; i < chrome.styleRules(); i++) {
            page.append(".c")
                    .append(i)
                    .append("{margin:0 ")
                    .append(i % 7)
                    .append("px;padding:4px;color:#3")
                    .append(i % 10)
                    .append("3;font:14px/1.4 sans-serif}");
        }
        page.append("</style><script>window.dataLayer=window.dataLayer||[];window.siteConfig={")
                .append(adSlots)
                .append("\"v\":1};</script></head>");
    }

    private static String body(
            final Layout layout, final String title, final List<String> story, final int n, final Chrome chrome) {
        final StringBuilder page = new StringBuilder(64 * 1024);
        page.append("<body><div class=cookie-banner><p>We use cookies to improve your")
                .append(" experience. By continuing you accept our cookie policy.</p><button>Accept</button></div>")
                .append("<header><a class=logo href=/>Example News</a><nav><ul>");
        for (int i = 0; i < chrome.menuLinks(); i++) {
            final String section = SECTIONS[i % SECTIONS.length];
            page.append("<li class=c")
                    .append(i % 80)
                    .append("><a href=\"/")
                    .append(section.toLowerCase(Locale.ROOT))
                    .append('/')
                    .append(i)
                    .append("\">")
                    .append(section)
                    .append("</a></li>");
        }
        page.append("</ul></nav><div class=ticker><span>Breaking:</span>");
        for (int i = 0; i < chrome.tickerLinks(); i++) {
            page.append("<a href=\"/live/")
                    .append(n + i)
                    .append("\">Live updates on story ")
                    .append(n + i)
                    .append("</a>");
        }
        page.append("</div></header><main>");
        if (layout == Layout.MAGAZINE) {
            page.append("<ol class=breadcrumbs><li><a href=/>Home</a></li><li><a href=/world>World</a></li>")
                    .append("<li><a href=/world/europe>Europe</a></li></ol>");
            teasers(page, "Top stories", n + 500, Math.max(4, chrome.teasers() / 3));
        } else if (layout == Layout.PORTAL) {
            teasers(page, "Top stories", n + 500, chrome.teasers() / 4);
        }
        page.append("<article><h1>")
                .append(title)
                .append("</h1>")
                .append("<div class=byline>By Staff reporter, <time datetime=2026-11-20>20 November 2026</time></div>")
                .append("<div class=share><a href=#>Share</a><a href=#>Post</a><a href=#>Email</a></div>")
                .append("<figure><img src=/img/")
                .append(n)
                .append(".jpg alt=\"\"><figcaption>Delegates arrive for the talks."
                        + " Photo: Example Agency</figcaption></figure>");
        final int relatedAfter = layout == Layout.MINIMAL ? Integer.MAX_VALUE : 5;
        for (int i = 0; i < story.size(); i++) {
            page.append("<p>").append(story.get(i)).append("</p>");
            if (i == relatedAfter) {
                page.append("<div class=related><h3>Read more</h3><ul>");
                for (int j = 0; j < 4; j++) {
                    page.append("<li><a href=\"/story/")
                            .append(n * 7 + j)
                            .append("\">Earlier report number ")
                            .append(n * 7 + j)
                            .append(" on the corridor talks</a></li>");
                }
                page.append("</ul></div>");
            }
        }
        page.append(
                "<div class=tags><a href=/t/rail>Rail</a><a href=/t/trade>Trade</a><a href=/t/energy>Energy</a></div>");
        if (layout == Layout.MINIMAL) {
            page.append("<ul class=live>");
            for (int i = 0; i < 6; i++) {
                page.append("<li><a href=\"/live/")
                        .append(n + i)
                        .append("\">")
                        .append(10 + i)
                        .append(":0")
                        .append(i)
                        .append(" Live: the latest on story ")
                        .append(n + i)
                        .append("</a></li>");
            }
            page.append("</ul>");
        }
        page.append("</article>");
        comments(page, n, chrome.comments());
        page.append("<aside><h2>Most read</h2><ol>");
        for (int i = 0; i < chrome.mostRead(); i++) {
            page.append("<li><a href=\"/story/")
                    .append(n + 100 + i)
                    .append("\">")
                    .append(SECTIONS[(n + i) % SECTIONS.length])
                    .append(": the day's most read story, number ")
                    .append(i + 1)
                    .append("</a></li>");
        }
        page.append("</ol></aside>");
        if (layout == Layout.PORTAL) {
            for (int grid = 0; grid < 3; grid++) {
                teasers(page, SECTIONS[(n + grid) % SECTIONS.length], n + 1000 * grid, chrome.teasers() / 4);
            }
        } else {
            page.append("<section class=more><h2>More from Example News</h2>");
            teaserItems(page, n + 200, chrome.teasers());
            page.append("</section>");
        }
        page.append("<aside><form class=newsletter><h3>Sign up for our newsletter</h3><input type=email")
                .append(" placeholder=\"Your email\"><button>Subscribe</button></form></aside></main><footer><ul>");
        for (int i = 0; i < chrome.footerLinks(); i++) {
            page.append("<li><a href=\"/about/")
                    .append(i)
                    .append("\">")
                    .append(SECTIONS[i % SECTIONS.length])
                    .append(" desk</a></li>");
        }
        page.append("</ul><p>&copy; 2026 Example News. All rights reserved. <a href=/privacy>Privacy</a>")
                .append(" <a href=/terms>Terms</a></p></footer><script>");
        for (int i = 0; i < chrome.scripts(); i++) {
            page.append("(function(){var s")
                    .append(i)
                    .append("=document.createElement('script');s")
                    .append(i)
                    .append(".src='/js/module")
                    .append(i)
                    .append(".js';document.body.appendChild(s")
                    .append(i)
                    .append(");})();");
        }
        return page.append("</script></body></html>").toString();
    }

    private static void teasers(final StringBuilder page, final String heading, final int first, final int count) {
        page.append("<section class=grid><h2>").append(heading).append("</h2>");
        teaserItems(page, first, count);
        page.append("</section>");
    }

    /** The typical page's teaser: a picture, a section's briefing headline, a standfirst and an age. */
    private static void teaserItems(final StringBuilder page, final int first, final int count) {
        for (int i = 0; i < count; i++) {
            final String section = SECTIONS[Math.floorMod(first - 200 + i, SECTIONS.length)];
            page.append("<div class=\"teaser c")
                    .append(i)
                    .append("\"><a href=\"/")
                    .append(section.toLowerCase(Locale.ROOT))
                    .append("/story/")
                    .append(first + i)
                    .append("\"><img src=/img/t")
                    .append(i)
                    .append(".jpg alt=\"\"><h3>")
                    .append(section)
                    .append(" briefing, part ")
                    .append(i + 1)
                    .append("</h3></a><p>What you need to know")
                    .append(" today, in five minutes.</p><span class=time>")
                    .append(i + 1)
                    .append("h ago</span></div>");
        }
    }

    private static void comments(final StringBuilder page, final int n, final int count) {
        if (count == 0) {
            return;
        }
        page.append("<section class=comments><h2>")
                .append(count)
                .append(" comments</h2><p>Comments are moderated. Please read our community rules.</p><ul>");
        for (int i = 0; i < count; i++) {
            page.append("<li class=comment><span class=user>reader")
                    .append((n * 31 + i) % 997)
                    .append("</span> <time>")
                    .append(i + 1)
                    .append("h ago</time><p>")
                    .append(i % 3 == 0 ? "Interesting piece, but who pays for all of this in the end?" : "")
                    .append(i % 3 == 1 ? "I have heard the same promises for twenty years now." : "")
                    .append(i % 3 == 2 ? "Good to see some progress at last. Let's hope it lasts." : "")
                    .append("</p><a href=#>Reply</a> <a href=#>Report</a></li>");
        }
        page.append("</ul><form><textarea placeholder=\"Join the discussion\"></textarea><button>Post</button></form>")
                .append("</section>");
    }
}
