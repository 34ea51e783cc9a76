package io.dropnight.simulations.preflight;

import io.dropnight.profile.ProfileException;
import io.dropnight.profile.ProfileReader;
import io.dropnight.profile.TargetProfile;
import io.dropnight.profile.TrustStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A journey file's own trust store: read beside the file, its password a secret, given once. */
class TlsTrustForNightTest {
    private static final String JOURNEY = """
            name: tls
            hosts: { cdn: https://cdn.example.internal }
            protocol: { http2: true, trustStore: certs/staging.p12, trustStorePassword: '${env:TRUST_PASS}' }
            steps:
              - { name: title, role: wait-for-drop, request: { path: /t } }
              - { name: play, role: play, request: { method: POST, path: /p } }
            """;

    private static TargetProfile read(Path dir, String text) throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        Files.write(dir.resolve("certs/staging.p12"), new byte[] {1});
        return ProfileReader.read(Files.writeString(dir.resolve("j.yml"), text), Map.of("TRUST_PASS", "tp-Walrus-9")::get);
    }

    @Test
    void theFilesTrustStoreIsFoundBesideItAndItsPasswordIsASecret(@TempDir Path dir) throws Exception {
        TargetProfile p = read(dir, JOURNEY);
        TrustStore t = p.trustStore().orElseThrow();
        assertEquals(dir.resolve("certs/staging.p12"), t.file());
        assertEquals("PKCS12", t.type());
        assertEquals("tp-Walrus-9", t.password());
        assertFalse(t.toString().contains("tp-Walrus-9"), "never shown");
        assertTrue(p.secrets().names().contains("TRUST_PASS"));
        assertTrue(p.usesTls(java.net.URI.create("http://127.0.0.1:1")), "the cdn host is https");
        TlsTrust tls = TlsTrust.forNight(name -> null, p.trustStore());
        assertTrue(tls.fromFile());
        assertFalse(tls.toString().contains("tp-Walrus-9"), "the trust store's password is never shown");
        assertEquals("TLS: certificates checked against the trust store " + t.file() + " (the journey file's protocol.trustStore)",
                tls.describe());
    }

    @Test
    void theTrustStoreIsGivenOnce(@TempDir Path dir) throws Exception {
        TargetProfile p = read(dir, JOURNEY);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TlsTrust.forNight(Map.of(TlsTrust.INSECURE, "true")::get, p.trustStore()));
        assertTrue(e.getMessage().contains("both say which certificates to trust: give one"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> TlsTrust.forNight(Map.of(TlsTrust.TRUST_STORE, "/x.p12")::get, p.trustStore()));
        assertFalse(TlsTrust.forNight(Map.of(TlsTrust.INSECURE, "true")::get, Optional.empty()).fromFile(), "the flags alone");
    }

    @Test
    void aTrustStoreThatCannotBeUsedIsOneLine(@TempDir Path dir) throws Exception {
        ProfileException missing = assertThrows(ProfileException.class, () -> read(dir, JOURNEY.replace("staging.p12", "nope.p12")));
        assertTrue(missing.getMessage().contains("protocol.trustStore: 'certs/nope.p12' is not a readable file"), missing.getMessage());
        ProfileException type = assertThrows(ProfileException.class,
                () -> read(dir, JOURNEY.replace("http2: true,", "http2: true, trustStoreType: PEM,")));
        assertTrue(type.getMessage().contains("protocol.trustStoreType: 'PEM' is not one of [PKCS12, JKS]"), type.getMessage());
        ProfileException insecure = assertThrows(ProfileException.class,
                () -> read(dir, JOURNEY.replace("http2: true,", "http2: true, insecure: true,")));
        assertTrue(insecure.getMessage().contains("protocol.insecure: trusting any certificate is the injector's choice"),
                insecure.getMessage());
    }
}
