package news.pipeline.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The released versions of each record schema, shipped in the schemas jar as
 * {@code news/pipeline/schema/released/<Name>-<version>.avsc}. A reader registers them all, so
 * data written by any released version can still be decoded after the schema evolves.
 */
public final class SchemaVersions {
    private static final String FOLDER = "news/pipeline/schema/released/";
    /** Versions are numbered from 1 without gaps; the first missing number ends the list. */
    private static final int MAX_VERSIONS = 1000;

    private SchemaVersions() {}

    public static List<Schema> released(final Schema current) {
        final List<Schema> versions = new ArrayList<>();
        for (int version = 1; version <= MAX_VERSIONS; version++) {
            final Schema schema = load(current.getName(), version);
            if (schema == null) {
                break;
            }
            versions.add(schema);
        }
        return versions;
    }

    public static String resourceName(final String recordName, final int version) {
        return FOLDER + recordName + "-" + version + ".avsc";
    }

    private static Schema load(final String recordName, final int version) {
        try (InputStream in =
                SchemaVersions.class.getClassLoader().getResourceAsStream(resourceName(recordName, version))) {
            return in == null ? null : new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read released schema " + recordName + " v" + version, e);
        }
    }
}
