package news.pipeline.console;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import news.pipeline.runtime.PipelineSettings;
import news.pipeline.streams.PipelineConfig;

/**
 * Who may use the console and what they may do. On loopback anyone on the machine may look; on
 * any other address the console asks for HTTP basic auth, and will not start without a user and
 * password. Actions that change something (retrying dead letters, replaying) are off unless asked for.
 */
public final class ConsoleAccess {
    private final String user;
    private final String password;
    private final boolean actions;

    private ConsoleAccess(final String user, final String password, final boolean actions) {
        this.user = user;
        this.password = password;
        this.actions = actions;
    }

    /**
     * @param address  where the console is served
     * @param actions  whether state-changing actions are allowed (--console-actions)
     * @throws IllegalArgumentException when the address is not loopback and no user and password are set
     */
    public static ConsoleAccess of(
            final InetSocketAddress address, final PipelineSettings settings, final boolean actions) {
        final PipelineConfig config = settings.pipelineConfig();
        final String user = config.consoleUser();
        final String password = config.consolePassword();
        final boolean loopback =
                address.getAddress() != null && address.getAddress().isLoopbackAddress();
        if (loopback) {
            return new ConsoleAccess(null, null, actions);
        }
        if (user.isEmpty() || password.isEmpty()) {
            throw new IllegalArgumentException("the console on " + address.getHostString()
                    + " (not loopback) needs " + PipelineConfig.CONSOLE_USER_CONFIG + " and "
                    + PipelineConfig.CONSOLE_PASSWORD_CONFIG + " (HTTP basic auth); set them, e.g. with --set,"
                    + " or serve on 127.0.0.1");
        }
        return new ConsoleAccess(user, password, actions);
    }

    public boolean actionsAllowed() {
        return actions;
    }

    public boolean requiresLogin() {
        return user != null;
    }

    /** Whether an Authorization header names the console's user and password (always, when no login is required). */
    public boolean admits(final String authorization) {
        if (user == null) {
            return true;
        }
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return false;
        }
        final byte[] given;
        try {
            given = Base64.getDecoder()
                    .decode(authorization.substring("Basic ".length()).trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        final byte[] expected = (user + ":" + password).getBytes(StandardCharsets.UTF_8);
        // Constant time, so that the answer's timing tells nothing about how much matched.
        return MessageDigest.isEqual(given, expected);
    }
}
