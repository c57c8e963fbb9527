package news.pipeline.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import news.pipeline.runtime.PipelineSettings;
import org.junit.jupiter.api.Test;

class ConsoleAccessTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 8080);
    private static final InetSocketAddress EVERYWHERE = new InetSocketAddress("0.0.0.0", 8080);

    @Test
    void onLoopbackAnyoneOnTheMachineMayLookAndActionsAreOffUnlessAskedFor() {
        final ConsoleAccess access = ConsoleAccess.of(LOOPBACK, settings(Map.of()), false);
        assertThat(access.requiresLogin()).isFalse();
        assertThat(access.admits(null)).isTrue();
        assertThat(access.actionsAllowed()).isFalse();
        assertThat(ConsoleAccess.of(LOOPBACK, settings(Map.of()), true).actionsAllowed())
                .isTrue();
    }

    @Test
    void anAddressOpenToTheNetworkWithoutUserAndPasswordIsRefused() {
        assertThatThrownBy(() -> ConsoleAccess.of(EVERYWHERE, settings(Map.of()), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("news.pipeline.console.user")
                .hasMessageContaining("news.pipeline.console.password");
        assertThatThrownBy(() ->
                        ConsoleAccess.of(EVERYWHERE, settings(Map.of("news.pipeline.console.user", "ops")), false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void onTheNetworkOnlyTheRightUserAndPasswordGetIn() {
        final ConsoleAccess access = ConsoleAccess.of(
                EVERYWHERE,
                settings(Map.of("news.pipeline.console.user", "ops", "news.pipeline.console.password", "s3cret")),
                false);
        assertThat(access.requiresLogin()).isTrue();
        assertThat(access.admits(basic("ops:s3cret"))).isTrue();
        assertThat(access.admits(basic("ops:wrong"))).isFalse();
        assertThat(access.admits(basic("other:s3cret"))).isFalse();
        assertThat(access.admits(null)).isFalse();
        assertThat(access.admits("Basic not-base64!")).isFalse();
        assertThat(access.admits("Bearer ops:s3cret")).isFalse();
    }

    private static PipelineSettings settings(final Map<String, String> given) {
        return PipelineSettings.resolve(null, Map.of(), given);
    }

    private static String basic(final String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }
}
