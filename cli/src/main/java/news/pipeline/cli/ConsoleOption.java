package news.pipeline.cli;

import java.net.InetSocketAddress;
import news.pipeline.console.Console;
import news.pipeline.console.ConsoleAccess;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.runtime.ProcessorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The operator's console a running process serves at / on its HTTP address. */
public final class ConsoleOption {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleOption.class);

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(
            names = "--console-actions",
            description =
                    "Let the console change things: retry dead letters, execute replays (POST with a per-session token). Off by default: the console only shows.")
    boolean actions;

    /**
     * Who may use the console on that address; checked before anything starts, so that a console
     * open to the network without a password is refused at once.
     */
    ConsoleAccess access(final InetSocketAddress address, final PipelineSettings settings) {
        if (address == null) {
            return null;
        }
        try {
            return ConsoleAccess.of(address, settings, actions);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    /**
     * Serves the console on the service's HTTP server and prints its address.
     *
     * @return the console, to close before the service; null when the process serves no HTTP
     */
    Console start(final ProcessorService service, final PipelineSettings settings, final ConsoleAccess access) {
        if (access == null) {
            return null;
        }
        final Console console;
        try {
            console = Console.attach(service, settings, access, Console.DEFAULT_LAG_INTERVAL)
                    .orElse(null);
        } catch (RuntimeException e) {
            // The processors run on without it; /metrics, /health and /ready are still served.
            LOG.warn("console not served: {}", e.toString());
            return null;
        }
        if (console != null) {
            command.commandLine().getErr().println("console: " + console.url());
            command.commandLine().getErr().flush();
        }
        return console;
    }
}
