package news.pipeline.console;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Browser sessions and their CSRF tokens. A session is a random id in an HttpOnly, SameSite=Strict
 * cookie; its token is an HMAC of the id under a key made at start, which the page reads from
 * /api/session and sends back in a header with every POST. Another site can neither read the
 * token nor set the header, so it cannot make the console act.
 */
final class Sessions {
    static final String COOKIE = "news-pipeline-console";
    static final String TOKEN_HEADER = "X-CSRF-Token";

    private static final String HMAC = "HmacSHA256";
    private static final int ID_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final SecretKeySpec key;

    Sessions() {
        final byte[] secret = new byte[ID_BYTES];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, HMAC);
    }

    String newId() {
        final byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    }

    /** The Set-Cookie value for a new session. */
    static String cookie(final String id) {
        return COOKIE + "=" + id + "; Path=/; HttpOnly; SameSite=Strict";
    }

    /** The session id in a Cookie header, if there is one. */
    static Optional<String> idIn(final String cookieHeader) {
        if (cookieHeader == null) {
            return Optional.empty();
        }
        for (final String part : cookieHeader.split(";")) {
            final String trimmed = part.trim();
            if (trimmed.startsWith(COOKIE + "=")) {
                final String id = trimmed.substring(COOKIE.length() + 1);
                return id.matches("[A-Za-z0-9_-]{20,}") ? Optional.of(id) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    String token(final String id) {
        try {
            final Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(mac.doFinal(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(HMAC + " is part of every JDK", e);
        }
    }

    /** Whether the token sent is this session's. */
    boolean valid(final Optional<String> id, final String token) {
        if (id.isEmpty() || token == null) {
            return false;
        }
        return MessageDigest.isEqual(
                token(id.get()).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
