package news.pipeline.sources;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A feed or sitemap to poll: a URL, or a local file holding one (then its links are judged as
 * links from the public internet: a local file is not "on" any network).
 *
 * @param name how the feed is known: its URL, or the file's path
 * @param url  the feed's URL, or null for a file
 * @param file the file, or null for a URL
 */
public record FeedSource(String name, URI url, Path file) {

    /**
     * The feeds the arguments name: each is a feed URL, a file of feed URLs (one a line, # for
     * comments), or a local feed or sitemap document (a file that starts with '<').
     */
    public static List<FeedSource> fromArguments(final List<String> arguments) throws IOException {
        final List<FeedSource> feeds = new ArrayList<>();
        for (final String argument : arguments) {
            if (argument.matches("(?i)https?://.+")) {
                feeds.add(ofUrl(argument));
                continue;
            }
            final Path path = Path.of(argument);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException("not a feed URL (http:// or https://) or a file: " + argument);
            }
            // Latin-1 reads any bytes; a UTF-8 byte order mark then shows as these three characters.
            final String text = Files.readString(path, StandardCharsets.ISO_8859_1)
                    .replaceFirst("^\u00EF\u00BB\u00BF", "")
                    .stripLeading();
            if (text.startsWith("<")) {
                feeds.add(new FeedSource(path.toString(), null, path));
                continue;
            }
            int lineNumber = 0;
            for (final String line : text.lines().toList()) {
                lineNumber++;
                final String entry = line.strip();
                if (entry.isEmpty() || entry.startsWith("#")) {
                    continue;
                }
                if (!entry.toLowerCase(Locale.ROOT).matches("https?://.+")) {
                    throw new IllegalArgumentException(
                            path + ":" + lineNumber + ": not a feed URL (http:// or https://): " + entry);
                }
                feeds.add(ofUrl(entry));
            }
        }
        if (feeds.isEmpty()) {
            throw new IllegalArgumentException("no feeds given");
        }
        return feeds;
    }

    static FeedSource ofUrl(final String url) {
        try {
            final URI uri = new URI(url.strip());
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("a feed URL needs a host: " + url);
            }
            return new FeedSource(uri.toString(), uri, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid feed URL: " + url + " (" + e.getReason() + ")");
        }
    }
}
