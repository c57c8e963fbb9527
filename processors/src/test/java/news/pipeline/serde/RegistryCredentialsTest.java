package news.pipeline.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import news.pipeline.schema.ArticleFormat;
import news.pipeline.schema.RawArticle;
import news.pipeline.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's basic-auth settings ({@code apicurio.auth.username} / {@code .password}, as a
 * user puts them in the properties file) reach Apicurio's client on both of its paths: the
 * processors' start-up registration and the serde that writes records. A loopback server stands in
 * front of nothing: it records each request's Authorization header and refuses it with 401, as a
 * registry behind basic auth refuses a client without the right credentials.
 */
class RegistryCredentialsTest {
    private static final String EXPECTED = "Basic "
            + Base64.getEncoder().encodeToString("news-reader:s3cret:with-colon".getBytes(StandardCharsets.UTF_8));

    private final Set<String> authorizations = ConcurrentHashMap.newKeySet();
    private HttpServer server;
    private ValueFormat format;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            final String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "(none)" : authorization);
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"registry\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();
        format = ValueFormat.registry(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/apis/ccompat/v7",
                Map.of(
                        "apicurio.auth.username", "news-reader",
                        "apicurio.auth.password", "s3cret:with-colon",
                        "apicurio.registry.retry-count", "1",
                        "apicurio.registry.retry-backoff-ms", "10",
                        "unrelated.setting", "not for the registry"));
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void startUpRegistrationSendsTheConfiguredCredentials() {
        assertThatThrownBy(() -> SchemaRegistration.register(format, List.of(Topics.CLEAN)))
                .as("the registry refused the client")
                .isInstanceOf(SchemaRegistryUnavailableException.class);
        assertThat(authorizations).containsOnly(EXPECTED);
    }

    @Test
    void theSerdeSendsTheConfiguredCredentialsWhenItLooksASchemaUp() {
        final RawArticle article = RawArticle.newBuilder()
                .setUrl("https://news.example/a")
                .setFormat(ArticleFormat.TEXT)
                .setContent(ByteBuffer.wrap("Hello".getBytes(StandardCharsets.UTF_8)))
                .build();
        try (Serde<RawArticle> serde = format.serde(RawArticle.class)) {
            assertThatThrownBy(() -> serde.serializer().serialize(Topics.RAW_NAME, article))
                    .isInstanceOf(RuntimeException.class);
        }
        assertThat(authorizations).containsOnly(EXPECTED);
    }

    @Test
    void onlyTheRegistryClientsOwnSettingsArePassedOn() {
        assertThat(format.registrySettings())
                .containsOnlyKeys(
                        "apicurio.auth.username", "apicurio.auth.password",
                        "apicurio.registry.retry-count", "apicurio.registry.retry-backoff-ms");
    }
}
