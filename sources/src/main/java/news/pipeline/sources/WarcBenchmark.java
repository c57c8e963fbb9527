package news.pipeline.sources;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/**
 * How fast the WARC reader of {@code import-warc} reads, on one thread, without Kafka: writes a
 * WARC file shaped like CC-NEWS (gzip per record, a request and a response per page, pages
 * cycled under distinct URLs), then reads it as the import does and times it.
 */
public final class WarcBenchmark {
    /**
     * What one read measured.
     *
     * @param fileBytes    the WARC file's size (compressed)
     * @param contentBytes the page bytes taken (uncompressed)
     * @param records      records read
     * @param articles     articles taken
     * @param wallNanos    elapsed time
     * @param cpuNanos     CPU time of the reading thread
     */
    public record Result(
            long fileBytes, long contentBytes, long records, long articles, long wallNanos, long cpuNanos) {}

    private WarcBenchmark() {}

    /** Writes a WARC of about {@code targetBytes} from the pages, cycling them; returns the pages written. */
    public static long write(final Path file, final List<byte[]> pages, final long targetBytes) throws IOException {
        final Instant date = Instant.parse("2026-11-20T12:00:00Z");
        long written = 0;
        try (FileChannel channel = FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                WarcWriter writer = new WarcWriter(channel, WarcCompression.GZIP)) {
            while (writer.position() < targetBytes) {
                final String path = "/story/" + written;
                final URI url = URI.create("https://news.example.test" + path);
                writer.write(new WarcRequest.Builder(url)
                        .date(date)
                        .body(new HttpRequest.Builder("GET", path)
                                .addHeader("Host", "news.example.test")
                                .build())
                        .build());
                final HttpResponse http = new HttpResponse.Builder(200, "OK")
                        .body(MediaType.parse("text/html; charset=utf-8"), pages.get((int) (written % pages.size())))
                        .build();
                writer.write(new WarcResponse.Builder(url).date(date).body(http).build());
                written++;
            }
        }
        return written;
    }

    /** Reads the file as {@code import-warc --dry-run} does, on this thread, inflating gzip members as told. */
    public static Result read(final Path file, final WarcFilters filters, final WarcArticleReader.Inflation inflation)
            throws IOException, InterruptedException {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final WarcArticleReader reader = new WarcArticleReader(filters, inflation);
        final AtomicLong contentBytes = new AtomicLong();
        final long cpuStart = threads.getCurrentThreadCpuTime();
        final long start = System.nanoTime();
        reader.read(
                file,
                article -> contentBytes.addAndGet(article.raw().getContent().remaining()));
        final long wall = System.nanoTime() - start;
        final long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        return new Result(Files.size(file), contentBytes.get(), reader.records(), reader.articles(), wall, cpu);
    }
}
