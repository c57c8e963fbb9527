package news.pipeline.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class UrlPolicyTest {
    private final UrlPolicy policy = new UrlPolicy(false);

    @Test
    void linksFromAPublicFeedToPrivateAddressesAreRefused() {
        for (final String link : new String[] {
            "http://127.0.0.1/a",
            "http://localhost:8080/a",
            "http://10.1.2.3/a",
            "http://172.16.0.9/a",
            "http://192.168.1.1/a",
            "http://169.254.169.254/latest/meta-data/",
            "http://100.64.0.1/a",
            "http://0.0.0.0/a",
            "http://[::1]/a",
            "http://[fe80::1]/a",
            "http://[fd00::1]/a"
        }) {
            assertThat(policy.check(URI.create(link), false)).as(link).isEqualTo(UrlPolicy.Refusal.PRIVATE_ADDRESS);
        }
    }

    @Test
    void publicAddressesAreFetched() {
        assertThat(policy.check(URI.create("https://93.184.215.14/news/1"), false))
                .isNull();
        assertThat(policy.check(URI.create("http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/a"), false))
                .isNull();
    }

    @Test
    void aFeedOnAPrivateAddressMayLinkToItsNetwork() {
        assertThat(policy.check(URI.create("http://10.1.2.3/a"), true)).isNull();
        assertThat(UrlPolicy.feedOnPrivateNetwork(URI.create("http://127.0.0.1:8080/feed.xml")))
                .isTrue();
        assertThat(UrlPolicy.feedOnPrivateNetwork(URI.create("http://93.184.215.14/feed.xml")))
                .isFalse();
    }

    @Test
    void allowingPrivateNetworksAllowsThemFromAnyFeed() {
        assertThat(new UrlPolicy(true).check(URI.create("http://169.254.169.254/"), false))
                .isNull();
    }

    @Test
    void onlyHttpAndHttpsAreFetched() {
        assertThat(policy.check(URI.create("file:///etc/passwd"), true)).isEqualTo(UrlPolicy.Refusal.NOT_HTTP);
        assertThat(policy.check(URI.create("ftp://93.184.215.14/a"), false)).isEqualTo(UrlPolicy.Refusal.NOT_HTTP);
        assertThat(policy.check(URI.create("/relative/only"), false)).isEqualTo(UrlPolicy.Refusal.NOT_HTTP);
    }
}
