package news.pipeline.bench;

import java.util.List;
import news.pipeline.runtime.StepChain;

/**
 * One end-to-end workload: a pool of distinct raw records (Avro {@code RawArticle} values) that
 * the benchmark cycles through, and for each the number of records the pipeline must put on
 * by-country, known in advance by running the same cleaning, tagging and fan-out code in this
 * process. So the benchmark knows exactly how many records to wait for, and checks that no record
 * was lost or doubled.
 *
 * @param name        "text" or "html"
 * @param description what the records are, for the report
 * @param values      the encoded raw records of the pool
 * @param fanOut      for each pool record: how many by-country records it yields (0 when the
 *                    article names no country), or {@link #DEAD_LETTER}
 * @param articles    how many articles the throughput run sends
 * @param hops        for each pool record: what the processors write for it, byte for byte (empty
 *                    when not computed: the ceiling is then a chain of identity applications)
 */
public record Workload(
        String name, String description, List<byte[]> values, int[] fanOut, int articles, List<StepChain.Hops> hops) {
    /** The pool record is rejected by a processor: one dead letter, nothing on by-country. */
    public static final int DEAD_LETTER = StepChain.Hops.DEAD_LETTER;

    public Workload {
        if (values.isEmpty() || values.size() != fanOut.length) {
            throw new IllegalArgumentException("need one fan-out per pool record, and at least one record");
        }
        if (!hops.isEmpty() && hops.size() != values.size()) {
            throw new IllegalArgumentException("need the hops of every pool record, or of none");
        }
    }

    public Workload(
            final String name,
            final String description,
            final List<byte[]> values,
            final int[] fanOut,
            final int articles) {
        this(name, description, values, fanOut, articles, List.of());
    }

    /** The same pool and hops, sent {@code count} times. */
    public Workload withArticles(final int count) {
        return new Workload(name, description, values, fanOut, count, hops);
    }

    public byte[] value(final long article) {
        return values.get((int) (article % values.size()));
    }

    public int fanOut(final long article) {
        return fanOut[(int) (article % values.size())];
    }

    /** What articles {@code [from, to)} put on the output topics. */
    public Expected expected(final long from, final long to) {
        long byCountry = 0;
        long deadLetters = 0;
        long visible = 0;
        long withCountries = 0;
        for (long i = from; i < to; i++) {
            final int records = fanOut(i);
            if (records == DEAD_LETTER) {
                deadLetters++;
                visible++;
            } else if (records > 0) {
                byCountry += records;
                visible++;
                withCountries++;
            }
        }
        return new Expected(byCountry, deadLetters, visible, withCountries);
    }

    /**
     * @param byCountryRecords records on by-country
     * @param deadLetters      records on the dead-letter topic
     * @param visibleArticles  articles that leave any record (on by-country or as a dead letter)
     * @param articlesWithCountries articles that leave records on by-country
     */
    public record Expected(long byCountryRecords, long deadLetters, long visibleArticles, long articlesWithCountries) {
        public long records() {
            return byCountryRecords + deadLetters;
        }
    }

    public long totalBytes() {
        long bytes = 0;
        for (final byte[] value : values) {
            bytes += value.length;
        }
        return bytes;
    }
}
