package news.pipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import news.pipeline.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry served over HTTPS with a certificate of its own: the truststore settings
 * ({@code apicurio.registry.request.ssl.truststore.*}) reach Apicurio's client, which then gets
 * through the TLS handshake; without them it cannot. The server answers every request with 401,
 * so getting an HTTP request through is the proof of a completed handshake.
 */
class RegistryTlsTest {
    private static final String PASSWORD = "changeit-test";
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    @TempDir
    static Path dir;

    private static HttpsServer server;
    private static Path keystore;

    @BeforeAll
    static void start() throws Exception {
        keystore = dir.resolve("registry.p12");
        // The JDK's own keytool makes the self-signed certificate, for 127.0.0.1.
        final Process keytool = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "keytool")
                                .toString(),
                        "-genkeypair",
                        "-alias",
                        "registry",
                        "-keyalg",
                        "RSA",
                        "-keysize",
                        "2048",
                        "-dname",
                        "CN=127.0.0.1",
                        "-ext",
                        "SAN=ip:127.0.0.1",
                        "-validity",
                        "2",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keystore.toString(),
                        "-storepass",
                        PASSWORD,
                        "-keypass",
                        PASSWORD)
                .redirectErrorStream(true)
                .start();
        final String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();

        final KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        final KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, PASSWORD.toCharArray());
        final SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            REQUESTS.incrementAndGet();
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static ValueFormat format(final Map<String, String> settings) {
        return ValueFormat.registry("https://127.0.0.1:" + server.getAddress().getPort(), settings);
    }

    @Test
    void withTheTruststoreSetTheClientGetsThroughTheHandshake() {
        final int before = REQUESTS.get();
        final ValueFormat format = format(Map.of(
                "apicurio.registry.request.ssl.truststore.location",
                keystore.toString(),
                "apicurio.registry.request.ssl.truststore.type",
                "PKCS12",
                "apicurio.registry.request.ssl.truststore.password",
                PASSWORD));
        assertThatThrownBy(() -> SchemaRegistration.register(format, List.of(Topics.CLEAN)))
                .isInstanceOf(SchemaRegistryUnavailableException.class);
        assertThat(REQUESTS.get()).as("HTTP requests that got through TLS").isGreaterThan(before);
    }

    @Test
    void withoutTheTruststoreTheHandshakeFailsAndNoRequestGetsThrough() {
        final int before = REQUESTS.get();
        assertThatThrownBy(() -> SchemaRegistration.register(format(Map.of()), List.of(Topics.CLEAN)))
                .isInstanceOf(SchemaRegistryUnavailableException.class);
        assertThat(REQUESTS.get()).as("HTTP requests that got through TLS").isEqualTo(before);
    }
}
