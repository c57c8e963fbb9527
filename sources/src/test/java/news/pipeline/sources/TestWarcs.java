package news.pipeline.sources;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.netpreserve.jwarc.HttpRequest;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcRevisit;
import org.netpreserve.jwarc.WarcWriter;

/** WARC files written with jwarc's own writer, record by record, remembering where each starts. */
final class TestWarcs {
    private final List<WarcRecord> records = new ArrayList<>();

    static String page(final String lang, final String title) {
        return "<!doctype html><html lang=" + lang + "><head><meta charset=utf-8><title>" + title
                + "</title></head><body><article><h1>" + title + "</h1><p>The council met on Tuesday to discuss the"
                + " new bridge over the river, which engineers say could open within three years.</p></article>"
                + "</body></html>";
    }

    TestWarcs response(
            final String url, final Instant date, final int status, final String contentType, final String body)
            throws IOException {
        // The body's media type is the response's Content-Type header.
        final HttpResponse built = new HttpResponse.Builder(status, status == 200 ? "OK" : "Other")
                .body(MediaType.parse(contentType), body.getBytes(StandardCharsets.UTF_8))
                .build();
        records.add(
                new WarcResponse.Builder(URI.create(url)).date(date).body(built).build());
        return this;
    }

    TestWarcs html(final String url, final Instant date, final String body) throws IOException {
        return response(url, date, 200, "text/html; charset=utf-8", body);
    }

    TestWarcs request(final String url, final Instant date) throws IOException {
        final HttpRequest http = new HttpRequest.Builder("GET", URI.create(url).getRawPath())
                .addHeader("Host", URI.create(url).getHost())
                .build();
        records.add(
                new WarcRequest.Builder(URI.create(url)).date(date).body(http).build());
        return this;
    }

    TestWarcs revisit(final String url, final Instant date) throws IOException {
        final HttpResponse http = new HttpResponse.Builder(200, "OK")
                .addHeader("Content-Type", "text/html")
                .build();
        records.add(
                new WarcRevisit.Builder(URI.create(url)).date(date).body(http).build());
        return this;
    }

    /** Writes the records; returns each one's offset in the file. */
    List<Long> write(final Path file, final boolean gzip) throws IOException {
        final List<Long> offsets = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(
                        file,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING);
                WarcWriter writer = new WarcWriter(channel, gzip ? WarcCompression.GZIP : WarcCompression.NONE)) {
            for (final WarcRecord record : records) {
                offsets.add(writer.position());
                writer.write(record);
            }
        }
        return offsets;
    }

    /** Overwrites bytes of the file at the offset. */
    static void corrupt(final Path file, final long offset, final byte[] garbage) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(offset);
            raf.write(garbage);
        }
    }
}
