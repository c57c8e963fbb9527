package news.pipeline.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The files the browser loads, all from the jar: the console's own pages and scripts, and the
 * libraries it uses, taken from their webjars (so no page ever needs the network beyond this server).
 */
final class WebResources {
    private static final String OWN = "news/pipeline/console/static/";

    private static final String NPM = "news/pipeline/console/npm/";

    /**
     * A library file: from a webjar (artifact, path in the package), or bundled from npm at build
     * time (artifact null, path under {@link #NPM}).
     */
    private record Vendored(String artifact, String file) {
        String resource() {
            return artifact == null
                    ? NPM + file
                    : "META-INF/resources/webjars/" + artifact + "/" + version(artifact) + "/" + file;
        }
    }

    /** What {@code /vendor/NAME} serves. */
    private static final Map<String, Vendored> VENDORED = Map.ofEntries(
            Map.entry("chart.js", new Vendored("chart.js", "dist/chart.umd.min.js")),
            Map.entry("chart.js.LICENSE.md", new Vendored("chart.js", "LICENSE.md")),
            Map.entry("d3-array.js", new Vendored("d3-array", "dist/d3-array.min.js")),
            Map.entry("d3-array.LICENSE.txt", new Vendored("d3-array", "LICENSE")),
            Map.entry("d3-geo.js", new Vendored("d3-geo", "dist/d3-geo.min.js")),
            Map.entry("d3-geo.LICENSE.txt", new Vendored("d3-geo", "LICENSE")),
            Map.entry("topojson-client.js", new Vendored(null, "topojson-client/package/dist/topojson-client.min.js")),
            Map.entry("topojson-client.LICENSE.txt", new Vendored(null, "topojson-client/package/LICENSE")),
            Map.entry("countries-110m.json", new Vendored(null, "world-atlas/package/countries-110m.json")),
            Map.entry("world-atlas.LICENSE.txt", new Vendored(null, "world-atlas/package/LICENSE")),
            Map.entry("iso-codes.json", new Vendored(null, "i18n-iso-countries/package/codes.json")),
            Map.entry("i18n-iso-countries.LICENSE.txt", new Vendored(null, "i18n-iso-countries/package/LICENSE")));

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "md", "text/plain; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "svg", "image/svg+xml");

    /** A file to send: its bytes and content type. */
    record Resource(byte[] bytes, String contentType) {}

    private WebResources() {}

    /** The console's own file at this path under /static/, if there is one. */
    static Optional<Resource> own(final String path) {
        if (!safe(path)) {
            return Optional.empty();
        }
        return load(OWN + path, path);
    }

    /** A library file by its name under /vendor/. */
    static Optional<Resource> vendored(final String name) {
        final Vendored vendored = VENDORED.get(name);
        if (vendored == null) {
            return Optional.empty();
        }
        return load(vendored.resource(), name);
    }

    /** The version of an npm webjar on the class path, from its Maven metadata. */
    static String version(final String artifact) {
        final String properties = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = WebResources.class.getClassLoader().getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("the webjar " + artifact + " is not on the class path");
            }
            final Properties loaded = new Properties();
            loaded.load(in);
            return loaded.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain relative path: no way up or out, nothing hidden. */
    private static boolean safe(final String path) {
        return !path.isEmpty() && path.matches("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.[a-z]+");
    }

    private static Optional<Resource> load(final String resource, final String name) {
        try (InputStream in = WebResources.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            final String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            return Optional.of(
                    new Resource(in.readAllBytes(), TYPES.getOrDefault(extension, "application/octet-stream")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
