package io.dropnight.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenServiceTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-26T01:00:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final TokenService tokens = new TokenService(clock);

    @Test
    void validTokenCarriesItsSubject() {
        String t = tokens.issue("session", "profile-1", Duration.ofMinutes(5));
        assertEquals("profile-1", tokens.verify("session", t).orElseThrow().subject());
    }

    @Test
    void expiredTokenIsRefused() {
        String t = tokens.issue("session", "p", Duration.ofMinutes(5));
        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertTrue(tokens.verify("session", t).isEmpty());
    }

    @Test
    void aServiceRestartedWithTheSameSecretAcceptsItsTokensAndAnotherSecretDoesNot() {
        String secret = "admin-token-0123456789";
        String t = new TokenService(clock, secret).issue("session", "viewer-7", Duration.ofMinutes(5));

        assertEquals("viewer-7", new TokenService(clock, secret).verify("session", t).orElseThrow().subject());
        assertTrue(new TokenService(clock, secret + "x").verify("session", t).isEmpty());
        assertTrue(new TokenService(clock).verify("session", t).isEmpty());
    }

    @Test
    void tamperedForeignAndWrongKindTokensAreRefused() {
        String t = tokens.issue("session", "p", Duration.ofMinutes(5));
        String tampered = (t.charAt(0) == 'A' ? 'B' : 'A') + t.substring(1);
        assertTrue(tokens.verify("session", tampered).isEmpty());
        assertTrue(tokens.verify("playback", t).isEmpty());
        assertTrue(new TokenService(clock).verify("session", t).isEmpty(), "another key signs differently");
        assertTrue(tokens.verify("session", "not.a.token").isEmpty());
        assertTrue(tokens.verify("session", "").isEmpty());
        assertTrue(tokens.verify("session", null).isEmpty());
    }

    @Test
    void signatureSpelledWithOtherPaddingBitsIsRefused() {
        // 32 MAC bytes take 43 base64url characters; the last one carries two unused bits, so
        // three other characters decode to the same bytes. Only the canonical spelling is valid.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < 20; i++) {
            String t = tokens.issue("session", "viewer-" + i, Duration.ofMinutes(5));
            int last = alphabet.indexOf(t.charAt(t.length() - 1));
            for (int bits = 1; bits <= 3; bits++) {
                String respelled = t.substring(0, t.length() - 1) + alphabet.charAt(last ^ bits);
                assertTrue(tokens.verify("session", respelled).isEmpty(), respelled);
            }
            assertTrue(tokens.verify("session", t).isPresent(), t);
        }
    }

    @Test
    void constantTimeEqualsComparesWholeValues() {
        assertTrue(TokenService.constantTimeEquals("secret-secret-123", "secret-secret-123"));
        assertFalse(TokenService.constantTimeEquals("secret-secret-123", "secret-secret-12"));
        assertFalse(TokenService.constantTimeEquals("secret-secret-123", null));
    }
}
