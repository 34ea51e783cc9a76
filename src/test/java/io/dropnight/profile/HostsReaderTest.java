package io.dropnight.profile;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Named hosts: a step calls its path on one of them, or on -Dtarget (api). */
class HostsReaderTest {
    private static String profile(String hosts, String titleHost) {
        return """
                name: p
                hosts: %s
                home:  { path: /home, save: { titleId: hero.id, finalEpisodeId: hero.last } }
                title: { host: %s, path: '/titles/#{titleId}' }
                play:  { method: POST, host: api, path: '/play/#{episodeId}' }
                """.formatted(hosts, titleHost);
    }

    @Test
    void aStepsAddressIsItsHostsOrLeftForTheTarget() {
        TargetProfile p = ProfileReader.parse("p.yml", profile("{ api: 'http://ignored', catalog: 'https://cat.example:8443/v2/' }", "catalog"));
        assertEquals(Map.of("catalog", URI.create("https://cat.example:8443/v2/")), p.hosts(), "api is -Dtarget's");
        assertEquals("https://cat.example:8443/v2/titles/#{titleId}", p.address(p.title()));
        assertEquals("/play/#{episodeId}", p.address(p.play()));
        assertEquals("/home", p.address(p.step("home").orElseThrow().call()));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{ catalog: 'ftp://cat.example' }|catalog|hosts.catalog: 'ftp://cat.example' must be an http or https base URL with a host and no query",
        "{ catalog: 'https://cat.example/?x=1' }|catalog|hosts.catalog: 'https://cat.example/?x=1' must be an http or https base URL",
        "{ catalog: 'https://cat.example' }|cdn|title.host: 'cdn' is not a host of this profile (hosts: [catalog], and api: -Dtarget)",
        "{ 'a b': 'https://cat.example' }|api|hosts.a b: a host's name is letters, digits, _ or -",
    })
    void aHostThatCannotWorkIsOneLine(String hosts, String titleHost, String rule) {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileReader.parse("p.yml", profile(hosts, titleHost)));
        assertEquals(true, e.getMessage().startsWith("profile p.yml: " + rule), e.getMessage());
    }
}
