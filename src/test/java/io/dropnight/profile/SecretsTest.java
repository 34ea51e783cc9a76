package io.dropnight.profile;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A profile's secrets: resolved from the environment when read, never shown. */
class SecretsTest {
    private static final Map<String, String> ENV = Map.of("STAGING_PASSWORD", "hunter2-Quartz", "API_KEY", "k-19f3a");
    private static final String PROFILE = """
            name: staging
            session: { method: POST, path: /login, body: '{"user":"v#{userId}","password":"${env:STAGING_PASSWORD}"}',
                       save: { token: token } }
            headers: { Authorization: 'Bearer #{token}', X-Api-Key: '${env:API_KEY}' }
            home:  { path: /home, save: { titleId: hero.id, finalEpisodeId: hero.last } }
            title: { path: '/titles/#{titleId}?key=${env:API_KEY}' }
            play:  { method: POST, path: '/play/#{episodeId}' }
            """;

    @Test
    void valuesAreResolvedWhereTheyAreSentAndTheFileKeepsItsPlaceholders() {
        TargetProfile p = ProfileReader.parse("staging.yml", PROFILE, ENV::get);
        assertEquals("{\"user\":\"v#{userId}\",\"password\":\"hunter2-Quartz\"}", p.session().orElseThrow().body().orElseThrow());
        assertEquals("k-19f3a", p.headers().get("X-Api-Key"));
        assertEquals("/titles/#{titleId}?key=k-19f3a", p.title().path());
        assertEquals(PROFILE, p.content(), "run.json records the file as written");
        assertFalse(p.content().contains("hunter2-Quartz") || p.content().contains("k-19f3a"));
        assertEquals(List.of("STAGING_PASSWORD", "API_KEY"), p.secrets().names());
    }

    @Test
    void anyTextShownIsRedactedBackToThePlaceholders() {
        TargetProfile p = ProfileReader.parse("staging.yml", PROFILE, ENV::get);
        assertEquals("preflight: title GET http://t/titles/42?key=${env:API_KEY} -> 200, login ${env:STAGING_PASSWORD}",
                p.secrets().redact("preflight: title GET http://t/titles/42?key=k-19f3a -> 200, login hunter2-Quartz"));
        assertEquals("no secret here", p.secrets().redact("no secret here"));
    }

    @Test
    void anUnsetVariableStopsTheRunNamingItAndNoValueIsShownInAnError() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileReader.parse("staging.yml", PROFILE,
                Map.of("STAGING_PASSWORD", "hunter2-Quartz")::get));
        assertEquals("profile staging.yml: headers.X-Api-Key: ${env:API_KEY} is not set in the environment (a secret is"
                + " given as an environment variable, never written in the file)", e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"));
    }

    @Test
    void aMalformedPlaceholderIsRefused() {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileReader.parse("p.yml",
                PROFILE.replace("${env:API_KEY}'", "${env:API-KEY}'"), ENV::get));
        assertTrue(e.getMessage().startsWith("profile p.yml: headers.X-Api-Key: '${env:API-KEY}' is not a secret placeholder"),
                e.getMessage());
    }

    @Test
    void theBuiltInProfileHasNoSecrets() {
        assertEquals(List.of(), TargetProfile.builtIn().secrets().names());
    }
}
