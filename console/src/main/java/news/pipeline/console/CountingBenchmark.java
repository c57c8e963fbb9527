package news.pipeline.console;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import news.pipeline.schema.CountryArticle;
import news.pipeline.serde.AvroSerde;
import news.pipeline.serde.ValueFormat;
import news.pipeline.topics.Topics;

/**
 * What the Countries page's counting costs the publisher's stream thread, which hands each
 * by-country record to the console as it sends it: thread CPU time per record through the same
 * path (decode the counted fields, remember the pair, count it), every pair new, the remembered
 * pairs full. A stream thread has just encoded the record it hands over, so the record is in its
 * cache: each round encodes records as the publisher does, once alone and once handing each to the
 * console, and the difference is the counting's cost. Prints each round, the median and the best;
 * asserts nothing. The end-to-end A/B in {@code bench --with-console} cannot resolve a cost this
 * small beside its windows' noise; this measures it on its own.
 */
public final class CountingBenchmark {
    /** More distinct pairs than the console remembers, so that every record counted is a new pair. */
    private static final int ARTICLE_IDS = FollowedArticles.COUNTED_PAIRS;

    /**
     * Records in turn, each encoded again with its next article id; a whole number of the countries,
     * so that the records of one article are each of a different country.
     */
    private static final int RECORDS = 1_020;

    private static final String[][] COUNTRIES = {
        {"US", "United States"},
        {"GB", "United Kingdom"},
        {"FR", "France"},
        {"DE", "Germany"},
        {"RU", "Russia"},
        {"CN", "China"},
        {"JP", "Japan"},
        {"IN", "India"},
        {"BR", "Brazil"},
        {"AM", "Armenia"},
        {"AZ", "Azerbaijan"},
        {"TR", "Turkey"},
        {"IR", "Iran"},
        {"UA", "Ukraine"},
        {"IL", "Israel"},
        {"EG", "Egypt"},
        {"NG", "Nigeria"},
        {"ZA", "South Africa"},
        {"AU", "Australia"},
        {"CA", "Canada"}
    };

    private final AvroSerde<CountryArticle> serde = new AvroSerde<>(CountryArticle.class);
    private final CountryArticle[] records = records();
    private final String[] articleIds = new String[ARTICLE_IDS];
    private final FollowedArticles followed = new FollowedArticles(ValueFormat.singleObject());
    private final String topic = Topics.BY_COUNTRY.name();
    private long next;
    private long sink;

    private CountingBenchmark() {
        for (int i = 0; i < ARTICLE_IDS; i++) {
            articleIds[i] = String.format(Locale.ROOT, "u-%024x", i);
        }
    }

    /** Arguments: [ROUNDS [SECONDS_PER_ROUND]], default 8 rounds of 1 s each way, after 3 s of warm-up. */
    public static void main(final String[] args) {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        final double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 1;
        final CountingBenchmark benchmark = new CountingBenchmark();
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final long roundNanos = Math.round(seconds * 1e9);
        System.out.printf(
                Locale.ROOT,
                "by-country records of %d bytes on average, articles of %d countries each%n",
                benchmark.averageBytes(),
                COUNTRIES.length);
        benchmark.run(false, 1_500_000_000L);
        benchmark.run(true, 1_500_000_000L);
        final double[] added = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            // Alone and counted in turn, each first every other round, so that a drift favours neither.
            final boolean countedFirst = round % 2 == 1;
            final double first = benchmark.nanosPerRecord(countedFirst, roundNanos, threads);
            final double second = benchmark.nanosPerRecord(!countedFirst, roundNanos, threads);
            final double alone = countedFirst ? second : first;
            final double counted = countedFirst ? first : second;
            added[round] = counted - alone;
            System.out.printf(
                    Locale.ROOT,
                    "round %d: encoded alone %.0f ns, encoded and counted %.0f ns: counting %.0f ns of thread CPU per record%n",
                    round + 1,
                    alone,
                    counted,
                    added[round]);
        }
        final double[] sorted = added.clone();
        Arrays.sort(sorted);
        System.out.printf(
                Locale.ROOT,
                "%d rounds: counting adds median %.0f ns (range %.0f to %.0f) of thread CPU per by-country record"
                        + " (%d pairs remembered)%n",
                rounds,
                (sorted[(rounds - 1) / 2] + sorted[rounds / 2]) / 2,
                sorted[0],
                sorted[rounds - 1],
                benchmark.followed.countedPairs());
        if (benchmark.sink == 42) {
            System.out.println();
        }
    }

    private double nanosPerRecord(final boolean counted, final long nanos, final ThreadMXBean threads) {
        final long cpuBefore = threads.getCurrentThreadCpuTime();
        final long before = next;
        run(counted, nanos);
        return (threads.getCurrentThreadCpuTime() - cpuBefore) / (double) (next - before);
    }

    /** Encodes records, each with the next article id, for {@code nanos}; {@code counted}: and hands each over. */
    private void run(final boolean counted, final long nanos) {
        final long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            for (int i = 0; i < RECORDS; i++, next++) {
                final CountryArticle record = records[i];
                record.setArticleId(articleIds[(int) ((next / COUNTRIES.length) % ARTICLE_IDS)]);
                final byte[] bytes = serde.encode(record);
                sink += bytes.length;
                if (counted && !followed.byCountry(topic, bytes, System.currentTimeMillis())) {
                    throw new IllegalStateException("a record did not decode");
                }
            }
        }
    }

    private int averageBytes() {
        long bytes = 0;
        for (final CountryArticle record : records) {
            bytes += serde.encode(record).length;
        }
        return Math.toIntExact(bytes / records.length);
    }

    /** By-country records with a URL, title and source of a news article's usual length. */
    private static CountryArticle[] records() {
        final CountryArticle[] records = new CountryArticle[RECORDS];
        for (int i = 0; i < RECORDS; i++) {
            final String[] country = COUNTRIES[i % COUNTRIES.length];
            records[i] = CountryArticle.newBuilder()
                    .setCode(country[0])
                    .setName(country[1])
                    .setArticleId("u-0")
                    .setUrl("https://www.example-news.org/world/2026/12/02/" + i
                            + "-talks-resume-after-a-week-of-strikes")
                    .setSource("example-news.org")
                    .setTitle("Talks resume in " + country[1] + " after a week of strikes closed the ports and the"
                            + " main roads")
                    .setMentions(1 + i % 7)
                    .setSalience((i % 10) / 10.0)
                    .setFocus(i % 3 == 0)
                    .setTaggerVersion("1.7.0")
                    .setGazetteerVersion("1.4.0")
                    .build();
        }
        return records;
    }
}
