package news.pipeline.cli;

import news.pipeline.streams.PipelineConfig;
import picocli.CommandLine.Option;

/** The schema registry option of the commands that read or write topic values. */
public final class SchemaRegistryOption {

    @Option(
            names = "--schema-registry",
            paramLabel = "URL",
            description = "Write values in the Confluent wire format, with schemas in this Apicurio Registry"
                    + " (its address, or its /apis/ccompat/v7 URL); run and demo take `embedded` to start one."
                    + " Reading accepts both framings either way. Default: Avro single-object encoding, no registry"
                    + " (also NEWS_PIPELINE_SCHEMA_REGISTRY, or news.pipeline.schema.registry in the config file).")
    String address;

    /** Puts the option, when given, into the connection's settings, above --set as --bootstrap-servers is. */
    ConnectionOptions applyTo(final ConnectionOptions connection) {
        if (address != null) {
            connection.files.overrides.put(PipelineConfig.SCHEMA_REGISTRY_CONFIG, address);
        }
        return connection;
    }
}
