package io.dropnight.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What a step saves from an answer: JMESPath on its JSON, a header, a cookie, or a regex on its body. */
class CaptureReaderTest {
    private static String profile(String sessionSave) {
        return SessionProfiles.withSession("{ method: POST, path: /login, save: " + sessionSave + " }", "{ X-CSRF-Token: '#{csrf}' }");
    }

    @Test
    void eachKindIsReadAndItsNameIsKnownToLaterSteps() {
        CallSpec session = ProfileReader.parse("p.yml", profile("{ token: a.token, user: { json: a.user }, csrf: { header: X-CSRF-Token },"
                + " sid: { cookie: sid }, segments: { regex: '(?m)^seg-\\d+\\.ts$', all: true } }")).session().orElseThrow();
        assertEquals(Map.of("token", "a.token", "user", "a.user"), session.save());
        assertEquals(Map.of("csrf", new Capture(Capture.Kind.HEADER, "X-CSRF-Token", false),
                "sid", new Capture(Capture.Kind.COOKIE, "sid", false),
                "segments", new Capture(Capture.Kind.REGEX, "(?m)^seg-\\d+\\.ts$", true)), session.captures());
        assertEquals(List.of("token", "user", "csrf", "sid", "segments"), session.savedNames());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{ csrf: { regex: '(unclosed' } }|session.save.csrf.regex: '(unclosed' does not compile: Unclosed group",
        "{ csrf: { header: X-CSRF, cookie: sid } }|session.save.csrf: needs exactly one of json, header, cookie, regex (found [header, cookie])",
        "{ csrf: { header: 'X CSRF' } }|session.save.csrf.header: 'X CSRF' is not an HTTP header name",
        "{ csrf: { header: X-CSRF, all: true } }|session.save.csrf.all: is true or false, and only beside regex",
        "{ csrf: { xpath: /a } }|session.save.csrf.xpath: unknown key (allowed here: [json, header, cookie, regex, all])",
        "{ csrf: { json: '' } }|session.save.csrf: must be a JMESPath expression (text)",
    })
    void aCaptureThatCannotWorkIsOneLineBeforeAnyLoad(String save, String rule) {
        ProfileException e = assertThrows(ProfileException.class, () -> ProfileReader.parse("p.yml", profile(save)));
        assertEquals("profile p.yml: " + rule, e.getMessage());
    }
}
