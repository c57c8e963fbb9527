package news.pipeline.sources;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which links the crawler may follow. Feeds and sitemaps are written by others: a link in one
 * must not make the crawler fetch from the machine's own network (server-side request forgery),
 * such as a cloud metadata address or an internal service. A link to a loopback, private,
 * link-local or unique-local address is refused, unless the feed itself is on such an address
 * (an intranet feed may link to its intranet) or private networks are allowed outright.
 */
public final class UrlPolicy {
    /** Why a link is not fetched, or null when it may be. */
    public enum Refusal {
        NOT_HTTP,
        UNRESOLVED,
        PRIVATE_ADDRESS
    }

    private final boolean allowPrivateNetwork;

    public UrlPolicy(final boolean allowPrivateNetwork) {
        this.allowPrivateNetwork = allowPrivateNetwork;
    }

    /**
     * @param feedOnPrivateNetwork whether the feed or sitemap that gave the link is itself on a
     *                             private address
     * @return null when the link may be fetched, else why not
     */
    public Refusal check(final URI link, final boolean feedOnPrivateNetwork) {
        final String scheme = link.getScheme() == null ? "" : link.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || link.getHost() == null) {
            return Refusal.NOT_HTTP;
        }
        if (allowPrivateNetwork || feedOnPrivateNetwork) {
            return null;
        }
        try {
            return isPrivate(link.getHost()) ? Refusal.PRIVATE_ADDRESS : null;
        } catch (UnknownHostException e) {
            return Refusal.UNRESOLVED;
        }
    }

    /** Whether any address the host name resolves to is loopback, private, link-local or unique-local. */
    public static boolean isPrivate(final String host) throws UnknownHostException {
        final String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        for (final InetAddress address : InetAddress.getAllByName(bare)) {
            if (isPrivate(address)) {
                return true;
            }
        }
        return false;
    }

    static boolean isPrivate(final InetAddress address) {
        if (address.isLoopbackAddress()
                || address.isSiteLocalAddress()
                || address.isLinkLocalAddress()
                || address.isAnyLocalAddress()
                || address.isMulticastAddress()) {
            return true;
        }
        final byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7, unique local addresses: IPv6's private networks.
            return (bytes[0] & 0xfe) == 0xfc;
        }
        // 100.64.0.0/10 (carrier-grade NAT) is as internal as 10/8.
        return (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
    }

    /** Whether the feed's own host is on a private network; an unresolvable host counts as public. */
    public static boolean feedOnPrivateNetwork(final URI feed) {
        if (feed.getHost() == null) {
            return false;
        }
        try {
            return isPrivate(feed.getHost());
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
