package news.pipeline.ids;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stable article ids. The same article ingested twice gets the same id: the producer's own id if it
 * gives one, else a hash of the normalised canonical URL, else a hash of the content.
 *
 * <p>Ids derived here are {@code u-} or {@code c-} followed by 32 hex digits (the first 128 bits
 * of a SHA-256), so the two kinds can never collide with each other.
 */
public final class ArticleIds {
    /** Query parameters that track a click, not name a page: dropped before hashing. */
    private static final Set<String> TRACKING_PARAMETERS = Set.of(
            "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "ref", "ref_src",
            "cmpid", "ocid");

    private ArticleIds() {}

    /** The id from a URL: scheme and host lower-cased, default port, fragment and tracking parameters dropped. */
    public static String fromUrl(final String url) {
        return "u-" + hash(normaliseUrl(url).getBytes(StandardCharsets.UTF_8));
    }

    /** The id of content that has no URL. */
    public static String fromContent(final byte[] content) {
        return "c-" + hash(content);
    }

    /**
     * Normalises a URL so that the usual variants of one page compare equal. An unparsable URL is
     * only trimmed, so it still yields a stable id.
     */
    public static String normaliseUrl(final String url) {
        final String trimmed = url.strip();
        final URI uri;
        try {
            uri = new URI(trimmed).normalize();
        } catch (URISyntaxException e) {
            return trimmed;
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            return trimmed;
        }
        final String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        final int port = uri.getPort();
        final boolean defaultPort =
                port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        final StringBuilder normal = new StringBuilder();
        // http and https name the same article on a news site.
        normal.append("http".equals(scheme) ? "https" : scheme).append("://").append(host);
        if (!defaultPort) {
            normal.append(':').append(port);
        }
        normal.append(path);
        final String query = normaliseQuery(uri.getRawQuery());
        if (!query.isEmpty()) {
            normal.append('?').append(query);
        }
        return normal.toString();
    }

    private static String normaliseQuery(final String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        final List<String> kept = new ArrayList<>();
        for (final String parameter : rawQuery.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            final String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!name.startsWith("utm_") && !TRACKING_PARAMETERS.contains(name)) {
                kept.add(parameter);
            }
        }
        kept.sort(null);
        return String.join("&", kept);
    }

    private static String hash(final byte[] bytes) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
