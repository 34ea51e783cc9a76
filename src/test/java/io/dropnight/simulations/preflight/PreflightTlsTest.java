package io.dropnight.simulations.preflight;

import io.dropnight.simulations.nights.EpisodeChoice;
import io.dropnight.profile.ProfileReader;
import io.dropnight.profile.TargetProfile;
import io.dropnight.testing.TestCertificate;
import io.dropnight.testing.WireMockTarget;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The preflight against WireMock over HTTPS with a self-signed certificate (for 127.0.0.1, made by
 * keytool here): refused by default with one line, accepted with the trust store that holds the
 * certificate, or when told to trust any; the trust is the night's Gatling settings' (TlsTrust).
 * Tagged night for the WireMock jar, which Maven copies before the integration tests.
 */
@Tag("night")
class PreflightTlsTest {
    private static final String PASSWORD = "changeit-123";
    private static final TargetProfile PROFILE = ProfileReader.parse("tls.yml", """
            name: tls
            home:  { path: /home, save: { titleId: hero.id, finalEpisodeId: hero.last } }
            title: { path: '/titles/#{titleId}' }
            play:  { method: POST, path: '/play/#{episodeId}' }
            """);

    @Test
    void aSelfSignedTargetIsRefusedUnlessItsCertificateIsTrustedOrAnyIs(@TempDir Path dir) throws Exception {
        TestCertificate certificate = TestCertificate.create(dir, PASSWORD);
        Path trust = certificate.trustStore();

        try (WireMockTarget wiremock = WireMockTarget.startHttps(dir, certificate.keyStore(), PASSWORD)) {
            wiremock.stubJson("GET", "/home", "{\"hero\":{\"id\":\"t-1\",\"last\":\"e-9\"}}");
            wiremock.stubJson("GET", "/titles/t-1", "{\"episodes\":[]}");
            wiremock.stubJson("POST", "/play/e-9", "{}");

            Preflight.Failed refused = assertThrows(Preflight.Failed.class,
                    () -> walk(wiremock, new TlsTrust(false, Optional.empty(), "PKCS12", "", false), new ArrayList<>()));
            assertTrue(refused.getMessage().startsWith("preflight failed at step home: GET " + wiremock.httpsUrl()
                    + "/home: the target's certificate is not trusted (PKIX path building failed"), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("give its trust store as the journey file's protocol.trustStore, or with -Dgatling.ssl.trustStore.file=FILE (and"
                    + " -Dgatling.ssl.trustStore.password), or -Dgatling.ssl.useInsecureTrustManager=true to trust any certificate"),
                    refused.getMessage());
            assertEquals(1, refused.getMessage().lines().count(), refused.getMessage());

            List<String> trusted = new ArrayList<>();
            walk(wiremock, new TlsTrust(false, Optional.of(trust), "PKCS12", PASSWORD, false), trusted);
            assertTrue(trusted.get(0).startsWith("preflight: home GET " + wiremock.httpsUrl() + "/home -> 200"), trusted.toString());

            List<String> insecure = new ArrayList<>();
            walk(wiremock, TlsTrust.from(Map.of(TlsTrust.INSECURE, "true")::get), insecure);
            assertEquals(3, insecure.stream().filter(l -> l.contains(" -> 200")).count(), insecure.toString());
        }
        assertEquals("TLS: INSECURE, any server certificate is trusted (-Dgatling.ssl.useInsecureTrustManager=true)",
                TlsTrust.from(Map.of(TlsTrust.INSECURE, "true")::get).describe());
        assertEquals("TLS: certificates checked against the JVM's trust store", TlsTrust.from(Map.<String, String>of()::get).describe());
    }

    private static void walk(WireMockTarget wiremock, TlsTrust tls, List<String> lines) {
        new Preflight(wiremock.httpsUrl(), PROFILE, EpisodeChoice.FINAL, new SplittableRandom(1), lines::add, tls).walk();
    }

}
