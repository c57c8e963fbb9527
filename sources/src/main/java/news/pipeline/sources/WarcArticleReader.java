package news.pipeline.sources;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import news.pipeline.runtime.ArticleFiles;
import news.pipeline.runtime.HtmlTags;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MessageBody;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * Reads WARC files (gzip per record, as Common Crawl writes them, or uncompressed) with jwarc and
 * hands on each {@code response} record with status 200 and an HTML content type that passes the
 * filters, as a raw article with the record's target URI and date and the HTTP Content-Type (so
 * its charset). One record is in memory at a time, whatever the file's size. A record that cannot
 * be read is skipped: the reader looks for the next record's start (the next gzip member, or the
 * next "WARC/1." line) and goes on. Every record not taken is counted by reason.
 *
 * <p>Gzip members are inflated whole by libdeflate when the system has it ({@link GzipMemberChannel}),
 * and jwarc parses the inflated stream; without libdeflate, jwarc inflates them with the JDK's zlib.
 * Inflating is most of the reader's work, and libdeflate does it in half the time.
 */
public final class WarcArticleReader {
    /** An article read from an archive. */
    public record Article(String id, RawArticle raw, String warcFile, long offset) {}

    /** Takes each article read. */
    public interface Sink {
        void accept(Article article) throws InterruptedException;
    }

    /** Declared languages are looked for in the head of the page. */
    private static final int HEAD_SCAN_BYTES = 16 * 1024;

    private static final Pattern HTML_LANG = Pattern.compile(
            "<html\\b[^>]*?\\blang\\s*=\\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern META_LANGUAGE = Pattern.compile(
            "<meta\\b[^>]*?http-equiv\\s*=\\s*[\"']?content-language[\"']?[^>]*?content\\s*=\\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*)",
            Pattern.CASE_INSENSITIVE);
    private static final byte[] WARC_MAGIC = "WARC/1.".getBytes(StandardCharsets.US_ASCII);
    private static final int SCAN_CHUNK = 64 * 1024;
    /**
     * What the reader reads from the file at a time (gzip members before they are inflated). With
     * jwarc's own 8 KB, inflate returned, and copied its window, every 8 KB of input; a record of the
     * benchmark's WARC is about 35 KB compressed, and 64 KB takes most in one call.
     */
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    /** How gzip members are inflated. */
    public enum Inflation {
        /** With libdeflate when the system has it (twice as fast), else as {@link #JDK}. */
        LIBDEFLATE_WHEN_PRESENT,
        /** With the JDK's zlib, inside jwarc. */
        JDK
    }

    private final WarcFilters filters;
    private final Inflation inflation;
    private final int maxMemberInputBytes;
    private final int maxMemberOutputBytes;
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong articles = new AtomicLong();
    /** Bytes of the files done, plus the position in the current one: what the progress shows. */
    private final AtomicLong bytesDone = new AtomicLong();

    private final Map<String, AtomicLong> skipped = new ConcurrentHashMap<>();

    public WarcArticleReader(final WarcFilters filters) {
        this(filters, Inflation.LIBDEFLATE_WHEN_PRESENT);
    }

    public WarcArticleReader(final WarcFilters filters, final Inflation inflation) {
        this(filters, inflation, GzipMemberChannel.MAX_INPUT_BYTES, GzipMemberChannel.MAX_OUTPUT_BYTES);
    }

    /** With libdeflate's buffers limited to these sizes (for tests of members too large for them). */
    WarcArticleReader(
            final WarcFilters filters,
            final Inflation inflation,
            final int maxMemberInputBytes,
            final int maxMemberOutputBytes) {
        this.filters = filters;
        this.inflation = inflation;
        this.maxMemberInputBytes = maxMemberInputBytes;
        this.maxMemberOutputBytes = maxMemberOutputBytes;
    }

    public long records() {
        return records.get();
    }

    public long articles() {
        return articles.get();
    }

    public long bytesDone() {
        return bytesDone.get();
    }

    /** Records not taken, by reason. */
    public Map<String, Long> skipped() {
        final Map<String, Long> counts = new TreeMap<>();
        skipped.forEach((reason, count) -> counts.put(reason, count.get()));
        return counts;
    }

    private void skip(final String reason) {
        skipped.computeIfAbsent(reason, key -> new AtomicLong()).incrementAndGet();
    }

    /** Reads one WARC file to its end, handing each article taken to the sink. */
    public void read(final Path file, final Sink sink) throws IOException, InterruptedException {
        final long doneBefore = bytesDone.get();
        final String name = file.getFileName().toString();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                GzipMemberChannel members = libdeflateFor(channel)) {
            final long size = channel.size();
            WarcReader reader = null;
            final WarcCompression compression;
            if (members != null) {
                compression = WarcCompression.GZIP;
            } else {
                reader = newReader(channel);
                compression = reader.compression();
            }
            // Whether libdeflate reads the members (else jwarc), and where the next reader starts.
            boolean inflatingWhole = members != null;
            long start = 0;
            // After a member libdeflate did not inflate whole (too large, or refused), jwarc reads from that record
            // on, and hands back to libdeflate at the next record that starts a gzip member.
            long readByJwarc = 0;
            boolean handBack = false;
            // Where the last resync landed: a failure right there again means that spot is no record either.
            long resyncedAt = -1;
            boolean readSinceResync = true;
            while (true) {
                long failedAt;
                WarcRecord record = null;
                try {
                    if (reader == null) {
                        reader = inflatingWhole ? newReader(members, start) : newReader(channel, start);
                    }
                    final Optional<WarcRecord> next = reader.next();
                    if (next.isEmpty()) {
                        break;
                    }
                    record = next.get();
                    if (handBack && readByJwarc > 0) {
                        handBack = false;
                        if (GzipMemberChannel.memberStartsAt(channel, record.position())) {
                            inflatingWhole = true;
                            start = record.position();
                            reader = null;
                            continue;
                        }
                    }
                    final long offset = inflatingWhole ? members.fileOffsetOf(record.position()) : record.position();
                    records.incrementAndGet();
                    readByJwarc++;
                    handle(record, name, offset, sink);
                    readSinceResync = true;
                    final long position = inflatingWhole ? members.fileOffsetOf(reader.position()) : reader.position();
                    bytesDone.set(doneBefore + Math.min(size, position));
                    continue;
                } catch (GzipMemberChannel.MemberNeedsStreamingException e) {
                    // jwarc reads the record again, from the start of the member it starts in.
                    if (record != null) {
                        records.decrementAndGet();
                        start = members.fileOffsetOf(record.position());
                    } else if (reader != null) {
                        start = members.fileOffsetOf(reader.position());
                    }
                    inflatingWhole = false;
                    readByJwarc = 0;
                    handBack = true;
                    reader = null;
                    continue;
                } catch (IOException | RuntimeException e) {
                    if (record != null) {
                        failedAt = inflatingWhole ? members.fileOffsetOf(record.position()) : record.position();
                    } else if (reader != null) {
                        failedAt = inflatingWhole ? members.fileOffsetOf(reader.position()) : reader.position();
                    } else {
                        failedAt = start;
                    }
                }
                if (readSinceResync) {
                    skip("corrupt-record");
                }
                final long resume = nextRecordStart(channel, Math.max(failedAt, resyncedAt) + 1, compression);
                if (resume < 0) {
                    break;
                }
                resyncedAt = resume;
                readSinceResync = false;
                start = resume;
                inflatingWhole = members != null;
                handBack = false;
                reader = null;
                bytesDone.set(doneBefore + resume);
            }
            bytesDone.set(doneBefore + size);
        }
    }

    /** What inflates gzip members: "libdeflate" or "jdk" (the JDK's zlib, through jwarc). */
    public String inflater() {
        return inflation == Inflation.LIBDEFLATE_WHEN_PRESENT && Libdeflate.available() ? "libdeflate" : "jdk";
    }

    /** A channel that inflates the file's gzip members whole with libdeflate, or null when jwarc should read it. */
    private GzipMemberChannel libdeflateFor(final FileChannel channel) throws IOException {
        if (inflation != Inflation.LIBDEFLATE_WHEN_PRESENT
                || !Libdeflate.available()
                || !GzipMemberChannel.memberStartsAt(channel, 0)) {
            return null;
        }
        return new GzipMemberChannel(channel, maxMemberInputBytes, maxMemberOutputBytes);
    }

    private static WarcReader newReader(final FileChannel channel) throws IOException {
        return new WarcReader(channel, ByteBuffer.allocate(READ_BUFFER_BYTES).flip());
    }

    private static WarcReader newReader(final FileChannel channel, final long start) throws IOException {
        channel.position(start);
        return newReader(channel);
    }

    /** jwarc reads the inflated stream as an uncompressed WARC; its positions are in that stream. */
    private static WarcReader newReader(final GzipMemberChannel members, final long start) throws IOException {
        members.seek(start);
        return new WarcReader(members, ByteBuffer.allocate(READ_BUFFER_BYTES).flip());
    }

    private void handle(final WarcRecord record, final String file, final long offset, final Sink sink)
            throws IOException, InterruptedException {
        if (!(record instanceof WarcResponse response)) {
            skip("not-a-response:" + record.type());
            return;
        }
        final HttpResponse http;
        try {
            http = response.http();
        } catch (IOException e) {
            skip("not-http");
            return;
        }
        if (http.status() != 200) {
            skip("status-" + http.status());
            return;
        }
        final String contentType = http.headers().first("Content-Type").orElse(null);
        if (contentType == null || !Fetcher.isHtml(contentType)) {
            skip("not-html");
            return;
        }
        final Instant date = record.date();
        if (!filters.dateTaken(date)) {
            skip("outside-dates");
            return;
        }
        final URI target;
        try {
            target = new URI(response.target());
        } catch (URISyntaxException e) {
            skip("bad-target-uri");
            return;
        }
        if (!filters.hostTaken(target)) {
            skip("other-host");
            return;
        }
        final byte[] content = body(http);
        if (content == null) {
            skip("too-large");
            return;
        }
        // Finding the declared language costs a scan of the head: only when a language is asked for.
        if (filters.filtersLanguage() && !filters.languageTaken(declaredLanguage(content, http))) {
            skip("other-language");
            return;
        }
        final RawArticle raw = RawArticle.newBuilder()
                .setUrl(target.toString())
                .setSource("warc:" + file)
                .setFormat(ArticleFormat.HTML)
                .setContentType(contentType)
                .setContent(ByteBuffer.wrap(content))
                .setPublishedAt(date)
                .build();
        articles.incrementAndGet();
        sink.accept(new Article(ArticleFiles.idOf(content, ArticleFormat.HTML, target.toString()), raw, file, offset));
    }

    /** The payload, decoded from any transfer and content encoding; null when over the cap. */
    private byte[] body(final HttpResponse http) throws IOException {
        MessageBody body;
        try {
            body = http.bodyDecoded();
        } catch (IOException e) {
            body = http.body();
        }
        final long size = body.size();
        if (size > filters.maxPageBytes()) {
            return null;
        }
        if (size >= 0) {
            // The usual case, a body of known length: one array of that size, filled straight from the
            // record, where a stream's readNBytes would gather chunks and copy them again.
            final ByteBuffer bytes = ByteBuffer.allocate((int) size);
            while (bytes.hasRemaining() && body.read(bytes) >= 0) {
                // reads until the body or the record ends
            }
            return bytes.hasRemaining() ? Arrays.copyOf(bytes.array(), bytes.position()) : bytes.array();
        }
        try (InputStream in = Channels.newInputStream(body)) {
            final byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, filters.maxPageBytes() + 1));
            return bytes.length > filters.maxPageBytes() ? null : bytes;
        }
    }

    static String declaredLanguage(final byte[] content, final HttpResponse http) {
        final String head =
                new String(content, 0, Math.min(content.length, HEAD_SCAN_BYTES), StandardCharsets.ISO_8859_1);
        final Optional<MatchResult> html = HtmlTags.first(head, "html", "lang", HTML_LANG);
        if (html.isPresent()) {
            return html.get().group(1);
        }
        final Optional<MatchResult> meta = HtmlTags.first(head, "meta", "content-language", META_LANGUAGE);
        if (meta.isPresent()) {
            return meta.get().group(1);
        }
        return http.headers()
                .first("Content-Language")
                .map(value -> value.split(",", 2)[0].strip())
                .orElse(null);
    }

    /** The offset of the next record's start at or after {@code from}, or -1 at the end of the file. */
    static long nextRecordStart(final FileChannel channel, final long from, final WarcCompression compression)
            throws IOException {
        final byte[] magic = compression == WarcCompression.GZIP ? new byte[] {0x1f, (byte) 0x8b, 0x08} : WARC_MAGIC;
        final ByteBuffer buffer = ByteBuffer.allocate(SCAN_CHUNK + magic.length);
        long position = from;
        final long size = channel.size();
        while (position < size) {
            buffer.clear();
            final int read = channel.read(buffer, position);
            if (read <= 0) {
                return -1;
            }
            final byte[] bytes = buffer.array();
            for (int i = 0; i + magic.length <= read; i++) {
                if (matches(bytes, i, magic)
                        && (compression == WarcCompression.GZIP || atLineStart(channel, position + i, bytes, i))) {
                    return position + i;
                }
            }
            if (read < magic.length) {
                return -1;
            }
            position += read - magic.length + 1;
        }
        return -1;
    }

    /** Whether the byte before the offset ends a line (or there is none): a plain record starts a line. */
    private static boolean atLineStart(final FileChannel channel, final long offset, final byte[] chunk, final int at)
            throws IOException {
        if (offset == 0) {
            return true;
        }
        if (at > 0) {
            return chunk[at - 1] == '\n';
        }
        final ByteBuffer previous = ByteBuffer.allocate(1);
        return channel.read(previous, offset - 1) == 1 && previous.get(0) == '\n';
    }

    private static boolean matches(final byte[] bytes, final int at, final byte[] magic) {
        for (int j = 0; j < magic.length; j++) {
            if (bytes[at + j] != magic[j]) {
                return false;
            }
        }
        return true;
    }
}
