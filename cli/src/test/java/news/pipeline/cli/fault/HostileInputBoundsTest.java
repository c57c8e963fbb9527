package news.pipeline.cli.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import news.pipeline.clean.ArticleCleaner;
import news.pipeline.clean.CleanDocument;
import news.pipeline.clean.RawDocument;
import news.pipeline.clean.RejectedDocumentException;
import news.pipeline.tag.CountryTagger;
import news.pipeline.tag.TaggedArticle;
import news.pipeline.testkit.HostilePages;
import org.junit.jupiter.api.Test;

/**
 * Hostile input, measured record by record: each hostile page through the cleaner and the
 * tagger, exactly as the processors call them, with the wall time, the bytes allocated on the
 * calling thread, and an upper bound of the heap in use while it ran. The bounds asserted are
 * loose on purpose (a loaded CI box must not fail them); they catch super-linear blow-ups,
 * not slowness. {@link HostileHtmlFaultIT} runs the same pages through the real pipeline.
 */
class HostileInputBoundsTest {
    /** The cap the pipeline test runs with, so that every hostile page is actually parsed. */
    static final int MAX_CONTENT_BYTES = 12 * 1024 * 1024;
    /** Hang guard, not a speed target: the pages take well under a few seconds each on one core. */
    private static final long MAX_NANOS_PER_RECORD = 60_000_000_000L;
    /** Allocation ceiling per record: 100 bytes per input byte plus 256 MiB. */
    private static final long ALLOCATION_PER_INPUT_BYTE = 100;

    private static final long ALLOCATION_BASE = 256L * 1024 * 1024;

    @Test
    void eachHostilePageIsCleanedOrRejectedWithinBoundedTimeAndMemory() {
        final ArticleCleaner cleaner = new ArticleCleaner(MAX_CONTENT_BYTES);
        final CountryTagger tagger = CountryTagger.loadDefault();
        final ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (final Map.Entry<String, byte[]> page : HostilePages.all().entrySet()) {
            final byte[] bytes = page.getValue();
            System.gc();
            final long heapBefore = heapUsed();
            resetPeaks();
            final long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            final long start = System.nanoTime();
            String outcome;
            try {
                final CleanDocument clean = cleaner.clean(new RawDocument(
                        bytes, "text/html", null, "https://news.example.org/hostile/" + page.getKey(), null));
                final TaggedArticle tagged = tagger.tag(clean.title(), clean.text());
                outcome = String.format(
                        Locale.ROOT,
                        "cleaned: %,d paragraphs, %,d chars of text, countries %s",
                        clean.paragraphs().size(),
                        clean.text().length(),
                        tagged.countries().stream().map(c -> c.code()).toList());
            } catch (RejectedDocumentException e) {
                outcome = "rejected " + e.rejection() + ": " + e.getMessage();
                assertThat(e.getMessage()).isNotBlank();
            }
            final long nanos = System.nanoTime() - start;
            final long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            final long peakAbove = Math.max(0, peakHeapUpperBound() - heapBefore);
            System.out.printf(
                    Locale.ROOT,
                    "[hostile-bounds] %-20s %,11d bytes in: %,7d ms, allocated %,6d MiB,"
                            + " heap peak above baseline <= %,5d MiB; %s%n",
                    page.getKey(),
                    bytes.length,
                    nanos / 1_000_000,
                    allocated >> 20,
                    peakAbove >> 20,
                    outcome.length() > 160 ? outcome.substring(0, 160) + "..." : outcome);
            assertThat(nanos).as("%s: time", page.getKey()).isLessThan(MAX_NANOS_PER_RECORD);
            assertThat(allocated)
                    .as("%s: bytes allocated", page.getKey())
                    .isLessThan(ALLOCATION_BASE + ALLOCATION_PER_INPUT_BYTE * bytes.length);
        }
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .toList();
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** The sum of each heap pool's peak: the pools peak at different moments, so this bounds the true peak from above. */
    private static long peakHeapUpperBound() {
        return heapPools().stream()
                .mapToLong(pool -> pool.getPeakUsage().getUsed())
                .sum();
    }
}
