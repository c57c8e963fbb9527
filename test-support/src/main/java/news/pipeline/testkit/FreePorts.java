package news.pipeline.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * TCP ports on 127.0.0.1 that nothing listens on now, for the servers a test starts itself (a broker's
 * listeners, a registry, a Connect worker, a database), so that tests running side by side never
 * collide on a fixed port.
 */
public final class FreePorts {
    private static final String LOOPBACK = "127.0.0.1";

    private FreePorts() {}

    /** A port on 127.0.0.1 that was free a moment ago. */
    public static int one() {
        try {
            return bind(0);
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + LOOPBACK, e);
        }
    }

    /** A port P on 127.0.0.1 whose P + 1 (an embedded broker's controller's) is free too. */
    public static int pair() {
        for (int attempt = 0; attempt < 50; attempt++) {
            final int port = one();
            if (port < 65535 && isFree(port + 1)) {
                return port;
            }
        }
        throw new IllegalStateException("no two consecutive free ports on " + LOOPBACK);
    }

    private static boolean isFree(final int port) {
        try {
            return bind(port) == port;
        } catch (IOException taken) {
            return false;
        }
    }

    private static int bind(final int port) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port));
            return socket.getLocalPort();
        }
    }
}
