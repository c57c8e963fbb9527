package news.pipeline.cli;

import java.net.InetSocketAddress;
import news.pipeline.runtime.OpsServer;
import picocli.CommandLine.Option;

/** Where a running process serves its console, /metrics, /health and /ready. */
public final class HttpAddressOption {

    @Option(
            names = "--http-address",
            paramLabel = "HOST:PORT",
            defaultValue = "${env:NEWS_PIPELINE_HTTP_ADDRESS:-127.0.0.1:8080}",
            description =
                    "Address of the console (/) and the /metrics, /health and /ready endpoints, or none. Port 0 picks a free one. Default: ${DEFAULT-VALUE}.")
    String httpAddress;

    /** The address to serve on, null for none; a malformed one is the user's error, told before anything starts. */
    InetSocketAddress address() {
        return parse(httpAddress, "--http-address");
    }

    static InetSocketAddress parse(final String address, final String option) {
        try {
            return OpsServer.parseAddress(address);
        } catch (IllegalArgumentException e) {
            throw new UserError(option + ": " + e.getMessage());
        }
    }
}
