package io.dropnight.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks signed, stateless tokens ({@code payload.mac}, HMAC-SHA256 with a key drawn
 * from {@link SecureRandom} at start, or derived from a secret so that tokens outlive a restart).
 * Stateless so that a rehearsal with millions of sessions costs no memory; a forged, truncated or
 * expired token is refused. Thread-safe.
 */
public final class TokenService {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final byte[] key;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Mac> macs;

    /** What a valid token says: its kind (session, playback), subject and expiry in epoch seconds. */
    public record Claims(String kind, String subject, long expiresAtEpochSecond) {
    }

    /** With a random key: tokens are valid in this process only. */
    public TokenService(Clock clock) {
        this.clock = clock;
        this.key = new byte[32];
        random.nextBytes(key);
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /**
     * With a key derived from {@code secret} (HMAC-SHA256 of a fixed label): a service restarted
     * with the same secret accepts the tokens it issued before, so a viewer keeps its identity
     * (and its idempotency keys) across a crash.
     *
     * @param secret at least 16 characters (the admin token)
     */
    public TokenService(Clock clock, String secret) {
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("a token secret needs at least 16 characters");
        }
        this.clock = clock;
        try {
            Mac derive = Mac.getInstance("HmacSHA256");
            derive.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            this.key = derive.doFinal("dropnight session tokens v1".getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A fresh random identifier (for profile and playback ids), URL-safe. */
    public String randomId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    /** Signs {@code kind|subject|expiry}. Neither kind nor subject may contain '|'. */
    public String issue(String kind, String subject, Duration ttl) {
        if (kind.indexOf('|') >= 0 || subject.indexOf('|') >= 0) {
            throw new IllegalArgumentException("token kind and subject must not contain '|'");
        }
        long expires = clock.instant().plus(ttl).getEpochSecond();
        String payload = B64.encodeToString((kind + "|" + subject + "|" + expires).getBytes(StandardCharsets.UTF_8));
        return payload + "." + B64.encodeToString(mac(payload));
    }

    /** The token's claims if it is well-formed, correctly signed, of {@code kind} and not expired. */
    public Optional<Claims> verify(String kind, String token) {
        if (token == null || token.length() > 512) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        String payload = token.substring(0, dot);
        String[] parts;
        try {
            parts = new String(B64D.decode(payload), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // Compare the signature as text with the one canonical encoding of the expected MAC: the
        // decoder ignores the last character's two padding bits, so comparing decoded bytes would
        // accept four spellings of one signature.
        byte[] given = token.substring(dot + 1).getBytes(StandardCharsets.US_ASCII);
        byte[] expected = B64.encode(mac(payload));
        if (!MessageDigest.isEqual(given, expected) || parts.length != 3 || !parts[0].equals(kind)) {
            return Optional.empty();
        }
        long expires;
        try {
            expires = Long.parseLong(parts[2]);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (clock.instant().getEpochSecond() >= expires) {
            return Optional.empty();
        }
        return Optional.of(new Claims(parts[0], parts[1], expires));
    }

    /** Compares a presented secret with the expected one in time independent of where they differ. */
    public static boolean constantTimeEquals(String expected, String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8));
    }

    private byte[] mac(String payload) {
        return macs.get().doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java 17 runtime", e);
        }
    }
}
